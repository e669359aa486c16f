/**
 * The partnership charter: the shared Tiptap schema bound to a board doc's `charter` fragment. On the
 * live board it is co-edited, with the others' carets and Yjs undo (which only undoes my own changes);
 * without a live session (a saved snapshot in History) it only shows the fragment: no caret, not
 * editable, and `label` names which snapshot it is.
 */
import { EditorContent, useEditor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { can } from '../../shared/auth/roles.ts'
import type * as Y from 'yjs'
import { charterExtensions } from '../../shared/editor/extensions.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { BoardSession } from '../live/board-session.ts'
import { CharterToolbar } from './CharterToolbar.tsx'

interface Props {
  doc: Y.Doc
  /** Null for a saved snapshot: nothing to show carets with, nothing to write to. */
  session: BoardSession | null
  loaded: boolean
  /** The snapshot's label, when showing one. */
  snapshotLabel?: string
}

export function CharterEditor({ doc, session, loaded, snapshotLabel }: Props) {
  const { t } = useI18n()
  const editable = session?.canEdit ?? false
  const editor = useEditor({
    extensions: [
      ...charterExtensions(),
      Collaboration.configure({ fragment: charterOf(doc) }),
      // The caret extension announces the user in awareness: not for the room display (not a person).
      ...(session && can(session.role, 'presence.announce') ? [CollaborationCaret.configure({ provider: session.provider, user: session.user })] : []),
    ],
    editable,
    immediatelyRender: true,
    // The toolbar subscribes to what it shows (useEditorState); no re-render per keystroke here.
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        // The live editor's id (tests and the skip link use it); a snapshot's has none.
        ...(session ? { id: 'charter-editor' } : {}),
        class: 'charter__content',
        'aria-label': snapshotLabel ? t('history.charterOf', { label: snapshotLabel }) : t('charter.editorLabel'),
        'aria-multiline': 'true',
        role: 'textbox',
        ...(editable ? {} : { 'aria-readonly': 'true' }),
      },
    },
  }, [doc, session, snapshotLabel])

  return (
    <section className="charter" aria-labelledby="charter-heading">
      <h2 id="charter-heading" className="visually-hidden">{t('charter.heading')}</h2>
      {editable ? (
        editor && <CharterToolbar editor={editor} />
      ) : session && (
        <p className="notice">{t('charter.readOnlyNote')}</p>
      )}
      <div className="charter__page" aria-busy={!loaded}>
        {!loaded && <p className="muted charter__loading">{t('charter.loading')}</p>}
        <EditorContent editor={editor} />
      </div>
    </section>
  )
}
