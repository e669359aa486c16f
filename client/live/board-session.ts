/**
 * Everything live about one open board, outside React: the Y.Doc, its copy in IndexedDB (offline
 * edits survive reloads and merge on reconnect), the y-websocket provider, awareness (presence) and
 * the connection / save state derived from them. `useBoardSession` creates one per mounted board.
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { can, type Role } from '../../shared/auth/roles.ts'
import { MessageType, readRefused, readSavedThrough, type Refusal } from '../../shared/protocol/messages.ts'
import { SYNC_PERSON_PARAM } from '../../shared/auth/person.ts'
import { SYNC_PATH, SYNC_TOKEN_PARAM } from '../../shared/protocol/sync-url.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { fetchBoard, serverConfig } from '../http/boards-api.ts'
import { localDatabaseName } from '../storage/local-database.ts'
import { parsePresenceSection, parsePresenceUser, SECTION_FIELD, type Peer, type PresenceUser } from './presence.ts'
import { SaveTracker } from './save-tracker.ts'
import { withReconnectBackoff } from './reconnect-policy.ts'
import { closeMeansNotSaved, saveStateOf, type SaveState } from './save-state.ts'
import { personKey } from '../storage/person.ts'

export type ConnectionState = 'connecting' | 'connected' | 'offline'
export type { SaveState }
/** Why the board can't be used at all: the link is wrong or revoked, or the board is gone. */
export type FatalReason = 'invalid-link'

export interface SessionSnapshot {
  connection: ConnectionState
  save: SaveState
  peers: Peer[]
  /** The document has content to show (from this device or from the server). */
  loaded: boolean
  fatal: FatalReason | null
  /**
   * The server took out part of a change of mine (write-guard.ts on the server): why. Once what
   * I sent is saved, this copy of the board is reloaded from the server (it still holds what was
   * refused), and `reloadNeeded` tells the owner of the session to make a fresh one.
   */
  refusal: Refusal | null
  reloadNeeded: boolean
}

const syncBase = (): string => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${SYNC_PATH}`

export class BoardSession {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly persistence: IndexeddbPersistence
  private readonly tracker = new SaveTracker()
  private readonly listeners = new Set<() => void>()
  private snapshot: SessionSnapshot
  private lastAttemptFailed = false
  /** The server closed my socket because it could not save (or load) since my last acknowledgement. */
  private serverCouldNotSave = false
  private failures = 0
  private checkingAccess = false
  private reloading = false
  private destroyed = false
  private cleanups: (() => void)[] = []

  constructor(
    readonly boardId: string,
    private readonly token: string,
    readonly role: Role,
    private userState: PresenceUser,
  ) {
    this.snapshot = {
      connection: 'connecting', save: this.canEdit ? 'saved' : 'view-only', peers: [], loaded: false, fatal: null,
      refusal: null, reloadNeeded: false,
    }

    this.persistence = new IndexeddbPersistence(localDatabaseName(boardId), this.doc)
    this.persistence.whenSynced.then(() => this.markLoaded()).catch(() => {})

    this.provider = new WebsocketProvider(syncBase(), boardId, this.doc, {
      // The person key proves who signs my contributions (shared/auth/person.ts).
      params: { [SYNC_TOKEN_PARAM]: token, [SYNC_PERSON_PARAM]: personKey() },
      // Reconnects back off with jitter (a room of 30 doesn't hammer a server that is struggling).
      WebSocketPolyfill: withReconnectBackoff(this.tracker.WebSocketClass),
      // The browser knows when it is offline; don't burn attempts then (see the 'online' listener).
      connect: navigator.onLine,
      // Another tab of the same board talks to the server itself; the channel would also let an
      // observer tab feed edits to a participant tab.
      disableBc: true,
    })
    this.provider.messageHandlers[MessageType.SavedThrough] = (_encoder, decoder) => {
      this.tracker.onSavedThrough(readSavedThrough(decoder))
    }
    this.provider.messageHandlers[MessageType.Refused] = (_encoder, decoder) => {
      this.onRefused(readRefused(decoder) ?? { reason: 'invalid', detail: '' })
    }
    // The room display is not a person: it announces no presence at all (auth/roles.ts).
    if (this.announces) this.provider.awareness.setLocalStateField('user', userState)
    else this.provider.awareness.setLocalState(null)

    // A server with a lower frame limit than the default: cut changes below its own.
    serverConfig().then((config) => {
      if (config && config.maxMessageBytes > 0) this.tracker.maxMessageBytes = config.maxMessageBytes
    }).catch(() => {})

    this.listen()
    this.update()
  }

  private get announces(): boolean {
    return can(this.role, 'presence.announce')
  }

  get canEdit(): boolean {
    return can(this.role, 'board.edit')
  }

  /** The awareness `user` field, also read by the caret extension when an editor is created. */
  get user(): PresenceUser {
    return this.userState
  }

  setUser(user: PresenceUser): void {
    this.userState = user
    if (this.announces) this.provider.awareness.setLocalStateField('user', user)
  }

  /** Tells the others which board section I have open (the room display tells nothing). */
  setSection(section: string): void {
    if (!this.announces || this.destroyed) return
    if (this.provider.awareness.getLocalState()?.[SECTION_FIELD] === section) return
    this.provider.awareness.setLocalStateField(SECTION_FIELD, section)
  }

  getSnapshot = (): SessionSnapshot => this.snapshot

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    this.destroyed = true
    for (const cleanup of this.cleanups) cleanup()
    this.provider.destroy()
    // Destroying the doc also closes the IndexedDB persistence; stored updates stay on disk.
    this.doc.destroy()
    this.listeners.clear()
  }

  private listen(): void {
    const { provider, doc } = this

    const onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }) => {
      if (status === 'connected') {
        this.lastAttemptFailed = false
        this.failures = 0
      }
      this.update()
    }
    const onClose = (event: CloseEvent | null) => {
      // A socket that closes before it opened: server unreachable, or the upgrade was refused.
      // (wsconnected still tells whether this socket had opened: the event comes first.)
      const neverOpened = event !== null && !provider.wsconnected
      if (event !== null && closeMeansNotSaved(event.code)) this.serverCouldNotSave = true
      if (neverOpened) {
        this.lastAttemptFailed = true
        this.failures += 1
        this.checkAccessIfRefused()
      }
      this.update()
    }
    const onClosed = ({ code }: { code: number }) => {
      if (code === CloseCode.Unauthorized.code || code === CloseCode.NotFound.code) this.fail('invalid-link')
      else this.update()
    }
    const onSynced = (synced: boolean) => {
      if (synced) this.markLoaded()
    }
    const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) this.tracker.noteLocalChange(this.socketOpen)
    }
    const onAwareness = () => this.update()
    const onOnline = () => provider.connect()
    const onOffline = () => {
      // Don't wait for a socket timeout: tell the user now and keep edits locally.
      provider.disconnect()
      this.update()
    }

    provider.on('status', onStatus)
    provider.on('connection-close', onClose)
    provider.on('closed', onClosed)
    provider.on('sync', onSynced)
    doc.on('update', onDocUpdate)
    provider.awareness.on('change', onAwareness)
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    const unsubscribeTracker = this.tracker.subscribe(() => this.update())

    this.cleanups.push(() => {
      provider.off('status', onStatus)
      provider.off('connection-close', onClose)
      provider.off('closed', onClosed)
      provider.off('sync', onSynced)
      doc.off('update', onDocUpdate)
      provider.awareness.off('change', onAwareness)
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
      unsubscribeTracker()
    })
  }

  private get socketOpen(): boolean {
    const ws = this.provider.ws
    return this.provider.wsconnected && ws !== null && ws.readyState === WebSocket.OPEN
  }

  /**
   * Browsers hide why an upgrade failed (401/404 look like any network error), so after a failed
   * attempt we ask the API with the same token; it answers 401/404 when the link is no good.
   */
  private checkAccessIfRefused(): void {
    if (this.checkingAccess || !navigator.onLine) return
    // First failure, then every 10th: the server may just be restarting.
    if (this.failures !== 1 && this.failures % 10 !== 0) return
    this.checkingAccess = true
    fetchBoard(this.boardId, this.token).then((result) => {
      this.checkingAccess = false
      if (!result.ok && result.kind === 'http' && (result.status === 401 || result.status === 404)) this.fail('invalid-link')
    }).catch(() => { this.checkingAccess = false })
  }

  private onRefused(refusal: Refusal): void {
    if (this.destroyed) return
    this.snapshot = { ...this.snapshot, refusal }
    this.emit()
    this.reloadWhenSaved()
  }

  /**
   * Waits until the server has everything else I sent (it kept all of it but the refused part),
   * then drops this device's copy, which still holds the refused part, so a fresh session loads
   * the board as the server has it.
   */
  private reloadWhenSaved(): void {
    if (this.reloading) return
    this.reloading = true
    const attempt = () => {
      if (this.destroyed) return
      if (!this.tracker.saved) return
      unsubscribe()
      this.provider.disconnect()
      this.persistence.clearData().catch(() => {}).finally(() => {
        if (this.destroyed) return
        this.snapshot = { ...this.snapshot, reloadNeeded: true }
        this.emit()
      })
    }
    const unsubscribe = this.tracker.subscribe(attempt)
    this.cleanups.push(unsubscribe)
    attempt()
  }

  private fail(reason: FatalReason): void {
    if (this.destroyed) return
    this.provider.disconnect()
    this.snapshot = { ...this.snapshot, fatal: reason }
    this.emit()
  }

  private markLoaded(): void {
    if (this.destroyed || this.snapshot.loaded) return
    this.snapshot = { ...this.snapshot, loaded: true }
    this.emit()
  }

  private update(): void {
    if (this.destroyed) return
    const connected = this.provider.wsconnected
    const connection: ConnectionState = connected
      ? 'connected'
      : !navigator.onLine || this.lastAttemptFailed || !this.provider.shouldConnect ? 'offline' : 'connecting'
    if (this.tracker.saved) this.serverCouldNotSave = false
    const save = saveStateOf({ canEdit: this.canEdit, connection, saved: this.tracker.saved, serverCouldNotSave: this.serverCouldNotSave })
    const peers = this.readPeers()
    const previous = this.snapshot
    if (previous.connection === connection && previous.save === save && samePeers(previous.peers, peers)) return
    this.snapshot = { ...previous, connection, save, peers }
    this.emit()
  }

  private readPeers(): Peer[] {
    const me = this.doc.clientID
    const peers: Peer[] = []
    this.provider.awareness.getStates().forEach((state, clientId) => {
      const user = parsePresenceUser(state)
      if (user) peers.push({ ...user, clientId, isMe: clientId === me, section: parsePresenceSection(state) })
    })
    // Me first, then by name: a stable order that doesn't jump as people type.
    return peers.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name) || a.clientId - b.clientId)
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}

function samePeers(a: Peer[], b: Peer[]): boolean {
  return a.length === b.length && a.every((peer, i) => {
    const other = b[i]!
    return peer.clientId === other.clientId && peer.name === other.name && peer.organisation === other.organisation &&
      peer.color === other.color && peer.role === other.role && peer.partnerId === other.partnerId && peer.section === other.section
  })
}
