// The local engine runs one piece of work at a time on its single DuckDB connection: a crawl
// replacing views never races a query reading them. (Athena runs queries concurrently; the pipeline
// runs its SQL steps one after another, so nothing observable is lost.)

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` after everything queued before it; the returned promise settles with its outcome. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
