/** Limits of the boards API, without zod, so the home page bundle stays small. */
export const BOARD_TITLE_MAX = 200

/** Ids are URL-safe random strings; anything else can't name a board. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/
