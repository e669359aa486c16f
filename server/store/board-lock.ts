/**
 * Runs tasks of one board one after the other, across requests, in this process. The stores build
 * BoardStore.withBoardLock on it (PostgreSQL adds a lock that holds across processes).
 */
export class BoardLock {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(boardId) ?? Promise.resolve()
    const result = previous.catch(() => {}).then(task)
    const tail = result.catch(() => {})
    this.tails.set(boardId, tail)
    tail.then(() => { if (this.tails.get(boardId) === tail) this.tails.delete(boardId) })
    return result
  }
}
