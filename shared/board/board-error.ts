/**
 * Why a board operation refused; nothing was written. `key` names the reason for the UI's
 * dictionaries (client/i18n), `message` is the English fallback, `params` fill placeholders.
 */
export type BoardErrorCode = 'invalid' | 'forbidden' | 'not-found' | 'conflict'

export class BoardError extends Error {
  constructor(
    readonly code: BoardErrorCode,
    readonly key: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message)
    this.name = 'BoardError'
  }
}
