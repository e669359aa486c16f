/**
 * A board driven by its facilitator's stock client, with an observer as witness: `settle()` waits
 * until the witness has everything the facilitator wrote (so the server committed it), and
 * `endSession()` ends a session over REST once settled, as the UI's "end the session" does.
 * The export tests build their scenarios on it.
 */
import * as Y from 'yjs'
import { expect } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { createBoard } from './api.ts'
import type { TestServer } from './server.ts'
import { connectClient, waitSynced, type SyncClient } from './sync-client.ts'
import { waitFor } from './wait-for.ts'

export interface FacilitatedBoard {
  board: CreateBoardResponse
  /** The facilitator's client: write the scenario into `client.doc`. */
  client: SyncClient
  /** Resolves once an observer has received all the facilitator wrote. */
  settle(): Promise<void>
  /** Ends a session (its iteration snapshot), after settling. */
  endSession(sessionId: string): Promise<SnapshotSummary>
  /** Closes the witness (the facilitator's client stays for the test to destroy). */
  closeWitness(): void
}

export async function openFacilitatedBoard(server: TestServer, title: string, language: 'fr' | 'en'): Promise<FacilitatedBoard> {
  const board = await createBoard(server.url, title, language)
  const client = connectClient(server.wsUrl, board.id, board.invites.facilitator)
  const witness = connectClient(server.wsUrl, board.id, board.invites.observer)
  await Promise.all([waitSynced(client), waitSynced(witness)])
  const settle = () => waitFor(() => expect(Y.encodeStateVector(witness.doc)).toEqual(Y.encodeStateVector(client.doc)))
  return {
    board,
    client,
    settle,
    async endSession(sessionId) {
      await settle()
      const response = await fetch(`${server.url}/api/boards/${board.id}/sessions/${sessionId}/end`, {
        method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}` },
      })
      expect(response.status).toBe(201)
      return (await response.json()) as SnapshotSummary
    },
    closeWitness: () => witness.destroy(),
  }
}
