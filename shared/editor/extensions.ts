/**
 * The charter's Tiptap schema, shared by the client editor and by the server (template, exports,
 * snapshot views), so both read and write the same nodes and marks.
 */
import type { AnyExtension } from '@tiptap/core'
import { getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'

/** Only these link targets survive: no javascript:, data: or file: link can be typed or pasted. */
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const

export function isAllowedLinkHref(href: string): boolean {
  try {
    const url = new URL(href)
    return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol.slice(0, -1))
  } catch {
    return false
  }
}

/** The charter's extensions. Collaboration turns off the local history (undo is Yjs's, per user). */
export function charterExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      codeBlock: false,
      code: false,
      horizontalRule: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['mailto'],
        isAllowedUri: (url) => isAllowedLinkHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
  ]
}

export const charterSchema = () => getSchema(charterExtensions())
