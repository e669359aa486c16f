/** The snapshot service's refusals (unknown snapshot, session already ended) as HTTP errors. */
import { HTTPException } from 'hono/http-exception'
import { SnapshotError } from '../snapshots/snapshot-service.ts'

/** Anything else is left to app.onError (a 500 with a logged line). */
export async function mapSnapshotErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof SnapshotError) throw new HTTPException(error.status, { message: error.message })
    throw error
  }
}
