// The Crawler port on DuckDB, asynchronous like a Glue crawler: start returns at once, the raw zone
// is (re)registered in the background, and status reports RUNNING, then SUCCEEDED or FAILED. Like
// Glue, which keeps every crawl (ListCrawls), it remembers how long its last crawl ran, in a file of
// the local home when given one, so the next run's first poll can aim past it.
import { readFile, writeFile } from 'node:fs/promises';
import { CrawlerBusy } from '../../tasks/errors.js';
import type { CrawlCost, CrawlState, Crawler } from '../../tasks/ports.js';
import { waitUntilElapsed } from './minimum-duration.js';
import type { DuckDbSession } from './session.js';

export class DuckDbCrawler implements Crawler {
  private current: ({ state: CrawlState; reason?: string } & CrawlCost) | undefined;

  constructor(
    private readonly session: DuckDbSession,
    private readonly minimumDurationMs = 0,
    /** Where the duration of the last finished crawl is kept between processes; in memory only without it. */
    private readonly historyPath?: string,
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
        if (crawl.state === 'SUCCEEDED' && this.historyPath !== undefined) {
          // A lost history only costs the next crawl its estimate.
          await writeFile(this.historyPath, JSON.stringify({ lastCrawlSeconds: crawl.seconds })).catch(() => undefined);
        }
      });
  }

  /** How long the last crawl that succeeded ran: in this process, else as the history file says. */
  async lastCrawlSeconds(): Promise<number | undefined> {
    if (this.current?.state === 'SUCCEEDED') return this.current.seconds;
    if (this.historyPath === undefined) return undefined;
    const saved = await readFile(this.historyPath, 'utf8').then(
      (text) => (JSON.parse(text) as { lastCrawlSeconds?: unknown }).lastCrawlSeconds,
      () => undefined,
    );
    return typeof saved === 'number' ? saved : undefined;
  }

  async status(): Promise<{ state: CrawlState; reason?: string } & CrawlCost> {
    return this.current === undefined
      ? { state: 'FAILED', reason: 'the local crawler has not been started' }
      : { ...this.current };
  }
}
