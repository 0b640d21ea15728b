/**
 * Runs tasks one after another, in call order. The writer keeps the log head in memory between
 * appends; two appends of the same process running at once would both build on that head and
 * one would always lose the race at the server. A failed task does not stop the ones queued
 * after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles when every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
