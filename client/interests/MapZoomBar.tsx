/** The map's view controls: zoom out, the zoom level, zoom in, fit the map to the screen. */
import { useI18n } from '../i18n/I18nProvider.tsx'
import { MAX_ZOOM, MIN_ZOOM } from './useMapView.ts'

interface Props {
  zoom: number
  onZoom(factor: number): void
  onFit(): void
}

const icon = (d: string) => (
  <svg viewBox="0 0 24 24" width="20" height="20" className="icon" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
    <path d={d} />
  </svg>
)
const MINUS = 'M5 12h14'
const PLUS = 'M12 5v14M5 12h14'
const FIT = 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5'

export function MapZoomBar({ zoom, onZoom, onFit }: Props) {
  const { t } = useI18n()
  const percent = Math.round(zoom * 100)
  return (
    <div className="map-zoom" role="group" aria-label={t('interests.map.viewTools')}>
      <button type="button" className="button button--small map-zoom__button" aria-label={t('interests.map.zoomOut')} title={t('interests.map.zoomOut')} disabled={zoom <= MIN_ZOOM + 1e-6} onClick={() => onZoom(0.8)}>
        {icon(MINUS)}
      </button>
      <output className="map-zoom__level" data-testid="map-zoom-level">{t('interests.map.zoomLevel', { percent })}</output>
      <button type="button" className="button button--small map-zoom__button" aria-label={t('interests.map.zoomIn')} title={t('interests.map.zoomIn')} disabled={zoom >= MAX_ZOOM - 1e-6} onClick={() => onZoom(1.25)}>
        {icon(PLUS)}
      </button>
      <button type="button" className="button button--small map-zoom__fit" onClick={onFit}>
        {icon(FIT)} {t('interests.map.fit')}
      </button>
    </div>
  )
}
