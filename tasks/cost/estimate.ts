// From what a run used to what it costs on AWS: one line per thing billed, each saying what drove
// it. Pure: usage and prices in, lines out; the prices come from prices.ts, the Lambda sizes from
// lambda-sizes.ts, so local runs and the operator CLI price the same way.
import { LAMBDA_ARCHITECTURE, memoryOf, type LambdaArchitecture } from '../lambda-sizes.js';
import type { PriceTable } from './prices.js';
import type { CrawlUsage, QueryScan, RunUsage } from './usage.js';

export type CostService = 'Step Functions' | 'Lambda' | 'Athena' | 'Glue crawler' | 'S3' | 'DynamoDB';

export interface CostLine {
  service: CostService;
  /** What was billed: a task, a SQL step, a request kind. */
  item: string;
  usd: number;
  /** The usage behind the amount, in words: "84 state transitions". */
  driver: string;
}

export interface CostEstimate {
  region: string;
  /** The day the prices were read. */
  pricesRead: string;
  usd: number;
  lines: CostLine[];
}

export interface LambdaSizing {
  architecture: LambdaArchitecture;
  memoryOf: (task: string) => number | undefined;
}

/** A task the sizes table does not know is priced at this memory, and says so. */
export const UNKNOWN_TASK_MEMORY_MB = 1024;

const MEGABYTE = 1024 ** 2;
const TERABYTE = 1024 ** 4;

export function estimateRunCost(
  usage: RunUsage,
  prices: PriceTable,
  sizing: LambdaSizing = { architecture: LAMBDA_ARCHITECTURE, memoryOf },
): CostEstimate {
  const lines: CostLine[] = [
    {
      service: 'Step Functions',
      item: 'state transitions',
      usd: (usage.stateTransitions / 1000) * prices.stepFunctions.perThousandTransitions.usd,
      driver: `${usage.stateTransitions} state transitions`,
    },
    ...usage.lambda.map((task) => lambdaLine(task, prices, sizing)),
    ...usage.queries.map((query) => athenaLine(query, prices)),
    ...usage.crawls.map((crawl, index) => crawlLine(crawl, index, prices)),
    ...s3Lines(usage, prices),
    ...dynamoDbLines(usage, prices),
  ];
  return {
    region: prices.region,
    pricesRead: prices.stepFunctions.perThousandTransitions.read,
    usd: lines.reduce((sum, line) => sum + line.usd, 0),
    lines,
  };
}

/** Billed bytes of one query: whole megabytes, at least the minimum. */
export function athenaBilledBytes(bytesScanned: number, minimumBytes: number): number {
  return Math.max(minimumBytes, Math.ceil(bytesScanned / MEGABYTE) * MEGABYTE);
}

/** Billed DPU-hours of one crawl: its DPUs for at least the minimum duration. */
export function crawlBilledDpuHours(crawl: CrawlUsage, prices: PriceTable): { dpuHours: number; dpus: number; assumed: boolean } {
  const { minimumSecondsPerCrawl, assumedDpus } = prices.glueCrawler;
  const billedSeconds = Math.max(crawl.seconds, minimumSecondsPerCrawl);
  // Glue reports the DPU-hours a crawl used; its DPUs are those over the crawl's duration.
  if (crawl.dpuHours !== undefined && crawl.seconds > 0) {
    const dpus = crawl.dpuHours / (crawl.seconds / 3600);
    return { dpuHours: (dpus * billedSeconds) / 3600, dpus, assumed: false };
  }
  if (crawl.dpuHours !== undefined) return { dpuHours: crawl.dpuHours, dpus: 0, assumed: false };
  return { dpuHours: (assumedDpus * billedSeconds) / 3600, dpus: assumedDpus, assumed: true };
}

function lambdaLine(task: RunUsage['lambda'][number], prices: PriceTable, sizing: LambdaSizing): CostLine {
  const known = sizing.memoryOf(task.task);
  const memoryMb = known ?? UNKNOWN_TASK_MEMORY_MB;
  const gbSeconds = (memoryMb / 1024) * (task.billedMillis / 1000);
  const compute = gbSeconds * prices.lambda.perGbSecond[sizing.architecture].usd;
  const requests = (task.invocations / 1_000_000) * prices.lambda.perMillionRequests.usd;
  const memory = known === undefined ? `${memoryMb} MB assumed (not in tasks/lambda-sizes.ts)` : `${memoryMb} MB`;
  return {
    service: 'Lambda',
    item: task.task,
    usd: compute + requests,
    driver: `${task.invocations} invocation(s), ${gbSeconds.toFixed(2)} GB-s at ${memory}`,
  };
}

function athenaLine(query: QueryScan, prices: PriceTable): CostLine {
  const minimum = prices.athena.minimumBytesPerQuery;
  const billed = athenaBilledBytes(query.bytesScanned, minimum);
  const atMinimum = billed === minimum && query.bytesScanned <= minimum;
  return {
    service: 'Athena',
    item: query.step,
    usd: (billed / TERABYTE) * prices.athena.perTerabyteScanned.usd,
    driver: `${formatBytes(query.bytesScanned)} scanned${atMinimum ? `, billed at the ${formatBytes(minimum)} minimum` : ''}`,
  };
}

function crawlLine(crawl: CrawlUsage, index: number, prices: PriceTable): CostLine {
  const billed = crawlBilledDpuHours(crawl, prices);
  const atMinimum = crawl.seconds < prices.glueCrawler.minimumSecondsPerCrawl;
  const dpus = billed.assumed ? `${billed.dpus} DPU assumed` : `${billed.dpus.toFixed(1)} DPU measured`;
  const ran = `ran ${crawl.seconds.toFixed(crawl.seconds < 10 ? 1 : 0)} s`;
  const duration = atMinimum ? `${ran}, billed the ${prices.glueCrawler.minimumSecondsPerCrawl / 60}-minute minimum` : ran;
  return {
    service: 'Glue crawler',
    item: `crawl ${index + 1}`,
    usd: billed.dpuHours * prices.glueCrawler.perDpuHour.usd,
    driver: `${duration} (${dpus}), ${billed.dpuHours.toFixed(3)} DPU-h`,
  };
}

function s3Lines(usage: RunUsage, prices: PriceTable): CostLine[] {
  if (usage.s3 === undefined) return [];
  const { put, get, list, delete: deletes } = usage.s3;
  return [
    {
      service: 'S3',
      item: 'PUT and LIST requests',
      usd: ((put + list) / 1000) * prices.s3.perThousandTier1.usd,
      driver: `${put} PUT, ${list} LIST`,
    },
    {
      service: 'S3',
      item: 'GET requests',
      usd: (get / 1000) * prices.s3.perThousandTier2.usd,
      driver: `${get} GET (${deletes} DELETE, free)`,
    },
  ];
}

function dynamoDbLines(usage: RunUsage, prices: PriceTable): CostLine[] {
  if (usage.dynamodb === undefined) return [];
  const { writeUnits, readUnits } = usage.dynamodb;
  return [
    {
      service: 'DynamoDB',
      item: 'write request units',
      usd: (writeUnits / 1_000_000) * prices.dynamodb.perMillionWriteUnits.usd,
      driver: `${writeUnits} write request units`,
    },
    {
      service: 'DynamoDB',
      item: 'read request units',
      usd: (readUnits / 1_000_000) * prices.dynamodb.perMillionReadUnits.usd,
      driver: `${readUnits} read request units`,
    },
  ];
}

export interface ServiceCost {
  service: CostService;
  usd: number;
  /** The service's most expensive line. */
  top: CostLine;
  lines: number;
}

/** The estimate per service, most expensive first: what a compact summary prints. */
export function costByService(estimate: CostEstimate): ServiceCost[] {
  const services = new Map<CostService, ServiceCost>();
  for (const line of estimate.lines) {
    const current = services.get(line.service);
    if (current === undefined) {
      services.set(line.service, { service: line.service, usd: line.usd, top: line, lines: 1 });
    } else {
      current.usd += line.usd;
      current.lines += 1;
      if (line.usd > current.top.usd) current.top = line;
    }
  }
  return [...services.values()].sort((a, b) => b.usd - a.usd);
}

export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd < 0.000001) return '<$0.000001';
  // Four significant digits: a run costs fractions of a cent to a few cents.
  return `$${usd.toPrecision(4).replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MEGABYTE) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / MEGABYTE).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
