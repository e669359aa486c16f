/**
 * Formatting toolbar (WAI-ARIA toolbar pattern: one tab stop, arrow keys move between buttons).
 * Toggle buttons expose their state with aria-pressed; the shortcuts are Tiptap's own.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/en.ts'
import { BulletListIcon, LinkIcon, OrderedListIcon, RedoIcon, UndoIcon } from '../app/icons.tsx'
import { LinkForm } from './LinkForm.tsx'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const mod = isMac ? '⌘' : 'Ctrl'

interface ToolButton {
  key: string
  label: MessageKey
  content: ReactNode
  /** For aria-keyshortcuts (ARIA syntax) and the tooltip. */
  shortcut?: string
  pressed?: boolean
  disabled?: boolean
  run(): void
}

export function CharterToolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n()
  const [linkOpen, setLinkOpen] = useState(false)
  const [focusIndex, setFocusIndex] = useState(0)
  const buttons = useRef<(HTMLButtonElement | null)[]>([])

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive('paragraph'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  })

  // Ctrl/⌘+K opens the link form from the text, as in most editors.
  useEffect(() => {
    const dom = editor.view.dom
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        setLinkOpen(true)
      }
    }
    dom.addEventListener('keydown', onKeyDown)
    return () => dom.removeEventListener('keydown', onKeyDown)
  }, [editor])

  const chain = () => editor.chain().focus()
  const groups: ToolButton[][] = [
    [
      { key: 'p', label: 'toolbar.paragraph', content: '¶', shortcut: `${mod}+Alt+0`, pressed: state.paragraph, run: () => chain().setParagraph().run() },
      { key: 'h1', label: 'toolbar.h1', content: 'H1', shortcut: `${mod}+Alt+1`, pressed: state.h1, run: () => chain().toggleHeading({ level: 1 }).run() },
      { key: 'h2', label: 'toolbar.h2', content: 'H2', shortcut: `${mod}+Alt+2`, pressed: state.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
      { key: 'h3', label: 'toolbar.h3', content: 'H3', shortcut: `${mod}+Alt+3`, pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    ],
    [
      { key: 'bold', label: 'toolbar.bold', content: <b>B</b>, shortcut: `${mod}+B`, pressed: state.bold, run: () => chain().toggleBold().run() },
      { key: 'italic', label: 'toolbar.italic', content: <i>I</i>, shortcut: `${mod}+I`, pressed: state.italic, run: () => chain().toggleItalic().run() },
    ],
    [
      { key: 'ul', label: 'toolbar.bulletList', content: <BulletListIcon />, shortcut: `${mod}+Shift+8`, pressed: state.bulletList, run: () => chain().toggleBulletList().run() },
      { key: 'ol', label: 'toolbar.orderedList', content: <OrderedListIcon />, shortcut: `${mod}+Shift+7`, pressed: state.orderedList, run: () => chain().toggleOrderedList().run() },
      { key: 'link', label: 'toolbar.link', content: <LinkIcon />, shortcut: `${mod}+K`, pressed: state.link, run: () => setLinkOpen((open) => !open) },
    ],
    [
      { key: 'undo', label: 'toolbar.undo', content: <UndoIcon />, shortcut: `${mod}+Z`, disabled: !state.canUndo, run: () => chain().undo().run() },
      { key: 'redo', label: 'toolbar.redo', content: <RedoIcon />, shortcut: `${mod}+Shift+Z`, disabled: !state.canRedo, run: () => chain().redo().run() },
    ],
  ]
  const flat = groups.flat()

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 }
    let next: number | null = null
    if (event.key in moves) next = (focusIndex + moves[event.key]! + flat.length) % flat.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = flat.length - 1
    if (next === null) return
    event.preventDefault()
    setFocusIndex(next)
    buttons.current[next]?.focus()
  }

  let index = 0
  return (
    <div className="charter__tools">
      <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} aria-controls="charter-editor" onKeyDown={onKeyDown}>
        {groups.map((group, groupIndex) => (
          <div className="toolbar__group" key={groupIndex}>
            {group.map((button) => {
              const i = index++
              const label = t(button.label)
              // A button showing text (H1) has that text first in its name, so voice control users can say what they see.
              const name = typeof button.content === 'string' && /\w\w/.test(button.content) ? `${button.content} — ${label}` : label
              return (
                <button
                  key={button.key}
                  ref={(element) => { buttons.current[i] = element }}
                  type="button"
                  className="toolbar__button"
                  tabIndex={i === focusIndex ? 0 : -1}
                  aria-label={name}
                  title={button.shortcut ? `${label} (${button.shortcut})` : label}
                  aria-keyshortcuts={button.shortcut?.replace('⌘', 'Meta').replace('Ctrl', 'Control')}
                  aria-pressed={button.pressed}
                  aria-disabled={button.disabled || undefined}
                  data-key={button.key}
                  onFocus={() => setFocusIndex(i)}
                  // Keep the editor's selection: a mouse press would otherwise blur it first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => { if (!button.disabled) button.run() }}
                >
                  {button.content}
                </button>
              )
            })}
          </div>
        ))}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}
