/**
 * The co-edited partnership charter: the shared Tiptap schema bound to the board's `charter`
 * fragment, with the others' carets and Yjs undo (which only undoes my own changes).
 */
import { EditorContent, useEditor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { charterExtensions } from '../../shared/editor/extensions.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { BoardSession } from '../live/board-session.ts'
import { CharterToolbar } from './CharterToolbar.tsx'

export function CharterEditor({ session, loaded }: { session: BoardSession; loaded: boolean }) {
  const { t } = useI18n()
  const editable = session.canEdit
  const editor = useEditor({
    extensions: [
      ...charterExtensions(),
      Collaboration.configure({ fragment: charterOf(session.doc) }),
      CollaborationCaret.configure({ provider: session.provider, user: session.user }),
    ],
    editable,
    immediatelyRender: true,
    // The toolbar subscribes to what it shows (useEditorState); no re-render per keystroke here.
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        id: 'charter-editor',
        class: 'charter__content',
        'aria-label': t('charter.editorLabel'),
        'aria-multiline': 'true',
        role: 'textbox',
        ...(editable ? {} : { 'aria-readonly': 'true' }),
      },
    },
  }, [session])

  return (
    <section className="charter" aria-labelledby="charter-heading">
      <h2 id="charter-heading" className="visually-hidden">{t('charter.heading')}</h2>
      {editable ? (
        editor && <CharterToolbar editor={editor} />
      ) : (
        <p className="notice">{t('charter.readOnlyNote')}</p>
      )}
      <div className="charter__page" aria-busy={!loaded}>
        {!loaded && <p className="muted charter__loading">{t('charter.loading')}</p>}
        <EditorContent editor={editor} />
      </div>
    </section>
  )
}
