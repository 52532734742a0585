// StartCrawler / GetCrawlerStatus: catalog the raw zone. The state machine owns the Wait/poll loop;
// these calls only start the crawler and report its state, with the time elapsed since the start (the
// loop's bound) and the wait to make before the next poll (tasks/timing/polling.ts): aimed just past
// the duration of the crawler's last crawl where the engine keeps it, which every poll passes on.
import type { Clock, CrawlCost, CrawlState, Crawler, Logger } from '../ports.js';
import { pollPolicy } from '../timing/budget.js';
import { pollTiming, startPolling, wallClock, type PollPolicy, type PollTiming } from '../timing/polling.js';

export interface CrawlPorts {
  crawler: Crawler;
  logger: Logger;
  /** The wall clock unless given. */
  clock?: Clock;
  /** The budget's policy unless given (the local runtime gives one scaled to its shortened waits). */
  polling?: PollPolicy;
}

export interface CrawlProgress extends PollTiming, CrawlCost {
  state: CrawlState;
  /** Polls so far, for the record; the loop is bounded by elapsedSeconds. */
  attempt: number;
  /** How long the crawler's last crawl ran, 0 when unknown: always present, as the state machine passes it on. */
  expectedSeconds: number;
  reason?: string;
}

export async function startCrawl(ports: CrawlPorts): Promise<CrawlProgress> {
  // Asked before the start, so the crawl this call starts is not the one it reads.
  const expectedSeconds = (await ports.crawler.lastCrawlSeconds?.()) ?? 0;
  await ports.crawler.start();
  ports.logger.info('crawler started', { expectedSeconds });
  const timing = startPolling(ports.clock ?? wallClock, ports.polling ?? pollPolicy(), { expectedSeconds });
  return { state: 'RUNNING', attempt: 0, expectedSeconds, ...timing };
}

export async function getCrawlStatus(
  input: { attempt: number; startedAt: unknown; expectedSeconds?: number },
  ports: CrawlPorts,
): Promise<CrawlProgress> {
  const expectedSeconds = input.expectedSeconds ?? 0;
  const timing = pollTiming(input.startedAt, ports.clock ?? wallClock, ports.polling ?? pollPolicy(), { expectedSeconds });
  const { state, reason, ...cost } = await ports.crawler.status();
  ports.logger.info('crawler status', { state, attempt: input.attempt, elapsedSeconds: timing.elapsedSeconds, reason, ...cost });
  const progress: CrawlProgress = { state, attempt: input.attempt, expectedSeconds, ...timing };
  // Choice states cannot test for a missing field, so FAILED always carries a reason.
  if (state === 'FAILED') progress.reason = reason ?? 'the crawler gave no reason';
  // A finished crawl's duration and DPU-hours travel in the state output, where the run's cost reads them.
  if (cost.seconds !== undefined) progress.seconds = cost.seconds;
  if (cost.dpuHours !== undefined) progress.dpuHours = cost.dpuHours;
  return progress;
}
