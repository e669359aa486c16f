/**
 * Why the server closes a sync socket. 1xxx are the RFC 6455 codes; 44xx mirror HTTP 4xx and tell
 * y-websocket ≥ 3.1 not to reconnect (retrying can't fix them); 45xx are "try again later".
 */
export const CloseCode = {
  /** Server shutting down or restarting: reconnect. */
  GoingAway: { code: 1001, reason: 'Server is restarting' },
  /** A frame that isn't a well-formed message of our protocol. */
  ProtocolError: { code: 1002, reason: 'Malformed message' },
  /** A message type the protocol does not know. */
  UnsupportedData: { code: 1003, reason: 'Unknown message type' },
  /** Policy: a client flooding frames before its board is even loaded. */
  TooManyMessages: { code: 1008, reason: 'Too many messages' },
  /** Policy: a client that keeps sending presence beyond its limits (too many client ids, too big a state). */
  PresenceOverLimit: { code: 1008, reason: 'Presence over its limits' },
  /** A frame above the configured size limit (ws closes with it by itself). */
  MessageTooBig: { code: 1009, reason: 'Message too big' },
  /** The server failed on its side; the client should retry. */
  InternalError: { code: 1011, reason: 'Internal error' },
  /** The token was revoked while connected. */
  Unauthorized: { code: 4401, reason: 'Unauthorized' },
  /** The invite link this socket opened with was revoked (or regenerated) by a facilitator. */
  InviteRevoked: { code: 4401, reason: 'Invite revoked' },
  /** The board no longer exists. */
  NotFound: { code: 4404, reason: 'Board not found' },
  /** A change built on changes the server never got (a gap): reconnecting resyncs. */
  OutOfSync: { code: 4520, reason: 'Out of sync: reconnect to resync' },
  /** The room could not be loaded; the client retries. */
  RoomUnavailable: { code: 4503, reason: 'Board temporarily unavailable' },
} as const satisfies Record<string, { code: number; reason: string }>
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]
