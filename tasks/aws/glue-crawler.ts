// The raw-zone catalog on AWS: the Crawler port over one Glue crawler.
import {
  GetCrawlerCommand,
  ListCrawlsCommand,
  StartCrawlerCommand,
  type GlueClient,
  type LastCrawlInfo,
} from '@aws-sdk/client-glue';
import { ConfigurationError, CrawlerBusy } from '../errors.js';
import { isAwsError } from './aws-error.js';
import type { CrawlCost, CrawlState, Crawler } from '../ports.js';

export class GlueCrawler implements Crawler {
  constructor(
    private readonly client: GlueClient,
    private readonly crawlerName: string,
  ) {}

  async start(): Promise<void> {
    try {
      await this.client.send(new StartCrawlerCommand({ Name: this.crawlerName }));
    } catch (error) {
      // Another run (or an analyst) started it: the state machine waits and retries StartCrawler.
      if (isAwsError(error, 'CrawlerRunningException')) {
        throw new CrawlerBusy(`crawler '${this.crawlerName}' is already running`, { cause: error });
      }
      throw this.explain(error);
    }
  }

  async status(): Promise<{ state: CrawlState; reason?: string } & CrawlCost> {
    let crawler;
    try {
      ({ Crawler: crawler } = await this.client.send(new GetCrawlerCommand({ Name: this.crawlerName })));
    } catch (error) {
      throw this.explain(error);
    }
    // STOPPING means the crawl is over but the catalog writes are not final yet: keep polling.
    if (crawler?.State === 'RUNNING' || crawler?.State === 'STOPPING') return { state: 'RUNNING' };
    const outcome = lastCrawlOutcome(crawler?.LastCrawl);
    if (outcome.state === 'RUNNING') return outcome;
    return { ...outcome, ...(await this.crawlCost(crawler?.LastCrawl?.StartTime)) };
  }

  /**
   * The duration of the newest completed crawl of the last week (ListCrawls: start and end), or
   * undefined when there is none or Glue cannot say: an estimate never fails a run.
   */
  async lastCrawlSeconds(): Promise<number | undefined> {
    try {
      const { Crawls: crawls = [] } = await this.client.send(
        new ListCrawlsCommand({
          CrawlerName: this.crawlerName,
          Filters: [{ FieldName: 'START_TIME', FilterOperator: 'GE', FieldValue: String(Date.now() - HISTORY_DAYS * 86_400_000) }],
          MaxResults: 100,
        }),
      );
      const newest = crawls
        .filter((crawl) => crawl.State === 'COMPLETED' && crawl.StartTime !== undefined && crawl.EndTime !== undefined)
        .sort((a, b) => (b.StartTime?.getTime() ?? 0) - (a.StartTime?.getTime() ?? 0))[0];
      if (newest?.StartTime === undefined || newest.EndTime === undefined) return undefined;
      return (newest.EndTime.getTime() - newest.StartTime.getTime()) / 1000;
    } catch {
      return undefined;
    }
  }

  /**
   * What the crawl that started at `startTime` used, as Glue bills it (ListCrawls: DPUHour, start and
   * end). Only for the run's cost: when Glue cannot say (no history yet, no permission), nothing.
   */
  private async crawlCost(startTime: Date | undefined): Promise<CrawlCost> {
    if (startTime === undefined) return {};
    try {
      const { Crawls: crawls = [] } = await this.client.send(
        new ListCrawlsCommand({
          CrawlerName: this.crawlerName,
          // START_TIME compares epoch milliseconds.
          Filters: [{ FieldName: 'START_TIME', FilterOperator: 'GE', FieldValue: String(startTime.getTime()) }],
          MaxResults: 10,
        }),
      );
      const crawl = crawls
        .filter((candidate) => candidate.StartTime !== undefined && candidate.EndTime !== undefined)
        .sort((a, b) => (a.StartTime?.getTime() ?? 0) - (b.StartTime?.getTime() ?? 0))[0];
      if (crawl?.StartTime === undefined || crawl.EndTime === undefined) return {};
      const seconds = (crawl.EndTime.getTime() - crawl.StartTime.getTime()) / 1000;
      return crawl.DPUHour === undefined ? { seconds } : { seconds, dpuHours: crawl.DPUHour };
    } catch {
      return {};
    }
  }

  private explain(error: unknown): unknown {
    if (isAwsError(error, 'EntityNotFoundException')) {
      return new ConfigurationError(`Glue crawler '${this.crawlerName}' does not exist: check CRAWLER_NAME`, {
        cause: error,
      });
    }
    return error;
  }
}

/** How far back the last crawl's duration is looked for: a nightly crawler has seven crawls in it. */
const HISTORY_DAYS = 7;

function lastCrawlOutcome(lastCrawl: LastCrawlInfo | undefined): { state: CrawlState; reason?: string } {
  switch (lastCrawl?.Status) {
    case 'SUCCEEDED':
      return { state: 'SUCCEEDED' };
    case 'FAILED':
      return { state: 'FAILED', reason: lastCrawl.ErrorMessage ?? 'the crawl failed without an error message' };
    case 'CANCELLED':
      return { state: 'FAILED', reason: lastCrawl.ErrorMessage ?? 'the crawl was cancelled' };
    default:
      // READY with no finished crawl yet: the crawler is between StartCrawler and its first state change.
      // The state machine's poll loop is bounded, so reporting RUNNING cannot wait forever.
      return { state: 'RUNNING' };
  }
}
