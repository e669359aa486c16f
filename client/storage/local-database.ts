/** The IndexedDB database where y-indexeddb keeps a board's document on this device. */
export const localDatabaseName = (boardId: string): string => `atelier-board-${boardId}`

/** Removes a board's local copy (when the board is forgotten on this device). */
export function deleteLocalDatabase(boardId: string): void {
  try {
    indexedDB.deleteDatabase(localDatabaseName(boardId))
  } catch {
    // IndexedDB unavailable: nothing was stored.
  }
}
