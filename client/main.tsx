import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { cacheLoadedAssets, registerServiceWorker } from './app/service-worker.ts'
import './styles/app.css'
import './styles/phone.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

registerServiceWorker()
cacheLoadedAssets()
