// Where the state machine's own outputs say what a run used: a finished query's bytes scanned
// (GetQueryStatus, `$.query`), a finished crawl's duration and DPU-hours (GetCrawlerStatus,
// `$.crawl`), the items Publish wrote (`$.publish`). The local meter reads them from the runner's
// events, the operator CLI from the execution history: one reading for both runtimes.
import type { CrawlUsage, QueryScan } from './usage.js';

/** State names in statemachine/pipeline.asl.json. */
export const COST_STATES = {
  queryStatus: 'GetQueryStatus',
  crawlerStatus: 'GetCrawlerStatus',
  publish: 'PublishResults',
} as const;

type Output = Record<string, unknown> | undefined;

function section(output: unknown, name: string): Record<string, unknown> | undefined {
  const value = (typeof output === 'object' && output !== null ? (output as Record<string, unknown>) : undefined)?.[name];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The bytes a finished query scanned, from the output of the state that saw it finish. */
export function queryScanOf(state: string, output: unknown): QueryScan | undefined {
  if (state !== COST_STATES.queryStatus) return undefined;
  const query = section(output, 'query');
  if (typeof query?.step !== 'string' || typeof query.bytesScanned !== 'number') return undefined;
  return { step: query.step, bytesScanned: query.bytesScanned };
}

/** A finished crawl's duration (and DPU-hours on AWS), from the output of the state that saw it finish. */
export function crawlOf(state: string, output: unknown): CrawlUsage | undefined {
  if (state !== COST_STATES.crawlerStatus) return undefined;
  const crawl = section(output, 'crawl');
  if (typeof crawl?.seconds !== 'number') return undefined;
  return typeof crawl.dpuHours === 'number' ? { seconds: crawl.seconds, dpuHours: crawl.dpuHours } : { seconds: crawl.seconds };
}

/** The DynamoDB items Publish wrote, from its output. */
export function itemsPublishedOf(state: string, output: unknown): number | undefined {
  if (state !== COST_STATES.publish) return undefined;
  const publish = section(output, 'publish') as Output;
  return typeof publish?.itemsWritten === 'number' ? publish.itemsWritten : undefined;
}
