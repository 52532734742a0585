// StartCrawler / GetCrawlerStatus: catalog the raw zone. The state machine owns the Wait/poll loop;
// these calls only start the crawler and report its state, counting polls so the loop is bounded.
import type { CrawlCost, CrawlState, Crawler, Logger } from '../ports.js';

export interface CrawlPorts {
  crawler: Crawler;
  logger: Logger;
}

export interface CrawlProgress extends CrawlCost {
  state: CrawlState;
  attempt: number;
  reason?: string;
}

export async function startCrawl(ports: CrawlPorts): Promise<CrawlProgress> {
  await ports.crawler.start();
  ports.logger.info('crawler started');
  return { state: 'RUNNING', attempt: 0 };
}

export async function getCrawlStatus(attempt: number, ports: CrawlPorts): Promise<CrawlProgress> {
  const { state, reason, ...cost } = await ports.crawler.status();
  ports.logger.info('crawler status', { state, attempt, reason, ...cost });
  // Choice states cannot test for a missing field, so FAILED always carries a reason.
  const progress: CrawlProgress = state === 'FAILED' ? { state, attempt, reason: reason ?? 'the crawler gave no reason' } : { state, attempt };
  // A finished crawl's duration and DPU-hours travel in the state output, where the run's cost reads them.
  if (cost.seconds !== undefined) progress.seconds = cost.seconds;
  if (cost.dpuHours !== undefined) progress.dpuHours = cost.dpuHours;
  return progress;
}
