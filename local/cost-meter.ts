// Measures, during a local run, what the same run would use on AWS: state transitions (and retries)
// from the runner's events; each task's invocations and durations, timed around the local task code
// as Lambda would bill them; bytes scanned and crawl time from the states' own outputs (as on AWS);
// S3 requests from the folder lake's counters; DynamoDB capacity units as dynalite reports them for
// each request (ReturnConsumedCapacity). The estimate prices the result (tasks/cost/estimate.ts).
//
// What a local measure cannot be: Lambda durations come from this machine's CPU and the built-in
// Spotify server, not from a Lambda's share of a vCPU and the real API; cold starts are not counted;
// the S3 requests Athena itself makes (reading tables, writing UNLOAD output) are not counted.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { performance } from 'node:perf_hooks';
import { estimateRunCost, type CostEstimate } from '../tasks/cost/estimate.js';
import { priceTableFor, type PriceTable } from '../tasks/cost/prices.js';
import { crawlOf, queryScanOf } from '../tasks/cost/state-outputs.js';
import type { CrawlUsage, DynamoDbUnits, LambdaUsage, QueryScan, RunUsage, S3Requests } from '../tasks/cost/usage.js';
import { recordInManifest } from '../tasks/lake/manifest.js';
import { taskOfPlaceholder } from '../tasks/lambda-sizes.js';
import type { ObjectStore } from '../tasks/ports.js';
import type { FolderObjectStore } from './folder-object-store.js';
import type { LocalBindings, StateEvent, TaskHandler } from './runner.js';

const MIDDLEWARE = 'sixpotifyCostMeter';
const WRITES = new Set(['PutItemCommand', 'BatchWriteItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);
const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);

type ConsumedCapacity = { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;

export class CostMeter {
  private transitions = 0;
  private readonly transitionsByState = new Map<string, number>();
  private readonly lambda = new Map<string, LambdaUsage>();
  private readonly queries: QueryScan[] = [];
  private readonly crawls: CrawlUsage[] = [];
  private readonly dynamodb: DynamoDbUnits = { writeUnits: 0, readUnits: 0 };
  private readonly s3AtStart: S3Requests;
  /** The run date, as soon as a state's output carries it (`$.run.dt`): a failed run has no final output. */
  runDate: string | undefined;

  constructor(private readonly parts: { store: FolderObjectStore; dynamo: { client: DynamoDBClient } }) {
    this.s3AtStart = { ...parts.store.requests };
    this.meterDynamoDb(parts.dynamo.client);
  }

  /** The same bindings, each invocation timed and counted under its task (`Fetch`, `Query`, ...). */
  bindings(bindings: LocalBindings): LocalBindings {
    const timed: Record<string, TaskHandler> = { ...bindings };
    for (const [placeholder, handler] of Object.entries(bindings) as [string, TaskHandler][]) {
      // NotifyFailure is an SNS publish, not a Lambda.
      if (!placeholder.endsWith('FunctionArn')) continue;
      timed[placeholder] = async (input) => {
        const started = performance.now();
        try {
          return await handler(input);
        } finally {
          this.invoked(taskOfPlaceholder(placeholder), performance.now() - started);
        }
      };
    }
    return timed as LocalBindings;
  }

  /** Hears the runner's events: `onEvent` of runStateMachine. */
  readonly onEvent = (event: StateEvent): void => {
    // Step Functions bills each state entered and each retry of a state.
    if (event.type === 'StateEntered' || event.type === 'StateRetried') {
      this.transitions += 1;
      const state = event.state ?? '?';
      this.transitionsByState.set(state, (this.transitionsByState.get(state) ?? 0) + 1);
    }
    if (event.type !== 'StateExited' || event.state === undefined) return;
    this.runDate ??= runDateOf(event.output);
    const scan = queryScanOf(event.state, event.output);
    if (scan !== undefined) this.queries.push(scan);
    const crawl = crawlOf(event.state, event.output);
    if (crawl !== undefined) this.crawls.push(crawl);
  };

  /** What the run used so far; stops metering DynamoDB requests. */
  finish(): RunUsage {
    this.parts.dynamo.client.middlewareStack.remove(MIDDLEWARE);
    const now = this.parts.store.requests;
    return {
      stateTransitions: this.transitions,
      transitionsByState: Object.fromEntries([...this.transitionsByState].sort(([, a], [, b]) => b - a)),
      lambda: [...this.lambda.values()],
      queries: [...this.queries],
      crawls: [...this.crawls],
      s3: {
        put: now.put - this.s3AtStart.put,
        get: now.get - this.s3AtStart.get,
        list: now.list - this.s3AtStart.list,
        delete: now.delete - this.s3AtStart.delete,
      },
      dynamodb: { ...this.dynamodb },
    };
  }

  private invoked(task: string, millis: number): void {
    const usage = this.lambda.get(task) ?? { task, invocations: 0, billedMillis: 0 };
    usage.invocations += 1;
    // Lambda rounds each invocation up to the next millisecond.
    usage.billedMillis += Math.ceil(millis);
    this.lambda.set(task, usage);
  }

  /** Asks dynalite for each request's consumed capacity, as DynamoDB would report it, and adds it up. */
  private meterDynamoDb(client: DynamoDBClient): void {
    client.middlewareStack.remove(MIDDLEWARE);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        const metered = WRITES.has(command) || READS.has(command);
        const input = args.input as { ReturnConsumedCapacity?: string };
        const result = await next(
          metered && input.ReturnConsumedCapacity === undefined ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } } : args,
        );
        if (metered) {
          const units = capacityUnits((result.output as { ConsumedCapacity?: ConsumedCapacity }).ConsumedCapacity);
          if (WRITES.has(command)) this.dynamodb.writeUnits += units;
          else this.dynamodb.readUnits += units;
        }
        return result;
      },
      { step: 'initialize', name: MIDDLEWARE },
    );
  }
}

function runDateOf(output: unknown): string | undefined {
  const dt = (output as { run?: { dt?: unknown } } | undefined)?.run?.dt;
  return typeof dt === 'string' ? dt : undefined;
}

function capacityUnits(consumed: ConsumedCapacity): number {
  const entries = Array.isArray(consumed) ? consumed : consumed === undefined ? [] : [consumed];
  return entries.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

export interface RunCost {
  usage: RunUsage;
  estimate: CostEstimate;
}

/** Prices the usage and keeps both in the run manifest's `cost` section. */
export async function recordRunCost(store: ObjectStore, dt: string, usage: RunUsage, prices: PriceTable = priceTableFor()): Promise<RunCost> {
  const estimate = estimateRunCost(usage, prices);
  await recordInManifest(store, dt, 'cost', { usage, estimate });
  return { usage, estimate };
}
