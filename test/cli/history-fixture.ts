// A short but complete execution history, as GetExecutionHistory returns it: a retried Fetch, a
// finished crawl and query with their costs in the state outputs, and a Publish.
import type { HistoryEvent } from '@aws-sdk/client-sfn';

const T0 = Date.parse('2026-11-23T16:00:00Z');

type Spec = [type: string, previous: number, at: number, details?: Partial<HistoryEvent>];

const entered = (name: string): Partial<HistoryEvent> => ({ stateEnteredEventDetails: { name } });
const exited = (name: string, output: unknown): Partial<HistoryEvent> => ({
  stateExitedEventDetails: { name, output: JSON.stringify(output) },
});

const SPECS: Spec[] = [
  ['ExecutionStarted', 0, 0],
  ['TaskStateEntered', 1, 10, entered('ResolveRunDate')],
  ['LambdaFunctionScheduled', 2, 20],
  ['LambdaFunctionStarted', 3, 1000],
  ['LambdaFunctionSucceeded', 4, 1100],
  ['TaskStateExited', 5, 1110, exited('ResolveRunDate', { run: { dt: '2026-11-23' } })],
  ['TaskStateEntered', 6, 1120, entered('FetchArtists')],
  ['LambdaFunctionScheduled', 7, 1130],
  ['LambdaFunctionStarted', 8, 2000],
  ['LambdaFunctionFailed', 9, 2500],
  ['LambdaFunctionScheduled', 10, 2600],
  ['LambdaFunctionStarted', 11, 3000],
  ['LambdaFunctionSucceeded', 12, 5000],
  ['TaskStateExited', 13, 5010, exited('FetchArtists', { fetch: { done: true } })],
  ['TaskStateEntered', 14, 5020, entered('GetCrawlerStatus')],
  ['LambdaFunctionScheduled', 15, 5030],
  ['LambdaFunctionStarted', 16, 6000],
  ['LambdaFunctionSucceeded', 17, 6050],
  ['TaskStateExited', 18, 6060, exited('GetCrawlerStatus', { crawl: { state: 'SUCCEEDED', attempt: 3, seconds: 90, dpuHours: 0.05 } })],
  ['TaskStateEntered', 19, 6070, entered('GetQueryStatus')],
  ['LambdaFunctionScheduled', 20, 6080],
  ['LambdaFunctionStarted', 21, 7000],
  ['LambdaFunctionSucceeded', 22, 7040],
  [
    'TaskStateExited',
    23,
    7050,
    exited('GetQueryStatus', { query: { step: '07_artist_similarity', queryId: 'q-7', attempt: 2, state: 'SUCCEEDED', bytesScanned: 25 * 1024 ** 2 } }),
  ],
  ['TaskStateEntered', 24, 7060, entered('PublishResults')],
  ['LambdaFunctionScheduled', 25, 7070],
  ['LambdaFunctionStarted', 26, 8000],
  ['LambdaFunctionSucceeded', 27, 9000],
  ['TaskStateExited', 28, 9010, exited('PublishResults', { publish: { artists: 33, neighbours: 300, itemsWritten: 99, skippedAsOlder: false } })],
  ['SucceedStateEntered', 29, 9020, entered('PipelineSucceeded')],
  ['ExecutionSucceeded', 30, 9030],
];

export const HISTORY: HistoryEvent[] = SPECS.map(([type, previous, at, details], index) => ({
  id: index + 1,
  previousEventId: previous,
  type: type as HistoryEvent['type'],
  timestamp: new Date(T0 + at),
  ...details,
}));

/**
 * The cost of HISTORY at the Seoul prices, worked out by hand:
 * 6 states entered + 1 retry = 7 transitions; Lambda GB-s: ResolveRunDate 0.25 GB x 0.1 s, Fetch
 * 1 GB x (0.5 + 2) s, Crawl 0.25 GB x 0.05 s, Query 0.5 GB x 0.04 s, Publish 1 GB x 1 s = 3.5575
 * GB-s, 6 requests; 25 MB scanned; a 90 s crawl of 0.05 DPU-h is 2 DPUs, billed 10 minutes; 99
 * items + the marker = 100 write units, 1 read unit.
 */
export const HISTORY_COST_SEOUL =
  (7 / 1000) * 0.0271 +
  3.5575 * 0.0000133334 +
  6 * 0.0000002 +
  ((25 * 1024 ** 2) / 1024 ** 4) * 5 +
  2 * (600 / 3600) * 0.44 +
  (100 / 1e6) * 0.68 +
  (1 / 1e6) * 0.1355;
