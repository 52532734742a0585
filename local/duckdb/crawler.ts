// The Crawler port on DuckDB, asynchronous like a Glue crawler: start returns at once, the raw zone
// is (re)registered in the background, and status reports RUNNING, then SUCCEEDED or FAILED.
import { CrawlerBusy } from '../../tasks/errors.js';
import type { CrawlCost, CrawlState, Crawler } from '../../tasks/ports.js';
import { waitUntilElapsed } from './minimum-duration.js';
import type { DuckDbSession } from './session.js';

export class DuckDbCrawler implements Crawler {
  private current: ({ state: CrawlState; reason?: string } & CrawlCost) | undefined;

  constructor(
    private readonly session: DuckDbSession,
    private readonly minimumDurationMs = 0,
  ) {}

  async start(): Promise<void> {
    // Glue answers CrawlerRunningException; the state machine retries CrawlerBusy.
    if (this.current?.state === 'RUNNING') throw new CrawlerBusy('the local crawler is already running');
    const crawl: { state: CrawlState; reason?: string } & CrawlCost = { state: 'RUNNING' };
    this.current = crawl;
    const startedAt = Date.now();
    void this.session
      .crawl()
      .then(
        () => ({ state: 'SUCCEEDED' as const }),
        (error: Error) => ({ state: 'FAILED' as const, reason: error.message }),
      )
      .then(async (outcome) => {
        await waitUntilElapsed(startedAt, this.minimumDurationMs);
        // Its duration, for the cost: Glue bills a crawl by time (with a minimum); DuckDB has no DPUs.
        Object.assign(crawl, outcome, { seconds: (Date.now() - startedAt) / 1000 });
      });
  }

  /** The last finished crawl of this process: a new process (each `npm start`) has none. */
  async lastCrawlSeconds(): Promise<number | undefined> {
    return this.current?.state === 'SUCCEEDED' ? this.current.seconds : undefined;
  }

  async status(): Promise<{ state: CrawlState; reason?: string } & CrawlCost> {
    return this.current === undefined
      ? { state: 'FAILED', reason: 'the local crawler has not been started' }
      : { ...this.current };
  }
}
