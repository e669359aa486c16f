/**
 * Limits both sides of the sync socket must agree on. The server reads its own from the environment
 * (server/config.ts) with these defaults; a client that knows no better assumes them.
 */

/**
 * Largest sync frame the server accepts by default (`MAX_MESSAGE_BYTES`); above it the socket closes
 * with 1009. Clients cut bigger document changes into several update frames below it
 * (shared/protocol/split-update.ts), so offline edits of any size still reach the server.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024
