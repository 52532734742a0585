// What an execution on AWS used, read from its history: the same figures the local run measures
// (tasks/cost/usage.ts), from the real numbers. State transitions are the states entered plus the
// retries; each Lambda invocation lasts from LambdaFunctionStarted to its end event (what Lambda
// bills, plus the invoke's own latency of some milliseconds); bytes scanned (Athena's
// DataScannedInBytes) and the crawl's DPU-hours (Glue's ListCrawls) are in the outputs of the
// states that saw them finish. Not in the history: S3 requests, and DynamoDB's consumed capacity,
// which is counted here at its lower bound, one write unit per item Publish wrote.
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { readDefinitionText } from '../../statemachine/definition.js';
import { crawlOf, itemsPublishedOf, queryScanOf } from '../../tasks/cost/state-outputs.js';
import type { LambdaUsage, RunUsage } from '../../tasks/cost/usage.js';
import { taskOfPlaceholder } from '../../tasks/lambda-sizes.js';

/** Every event of an execution, oldest first, with the states' outputs. */
export async function executionHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken, includeExecutionData: true }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

interface AslState {
  Resource?: unknown;
  ItemProcessor?: { States: Record<string, AslState> };
  Iterator?: { States: Record<string, AslState> };
}

/** Task state name -> the task function it invokes (`FetchArtists` -> `Fetch`), from the ASL file CDK deploys. */
export function taskFunctionsByState(definitionText: string = readDefinitionText()): Map<string, string> {
  const byState = new Map<string, string>();
  const walk = (states: Record<string, AslState>) => {
    for (const [name, state] of Object.entries(states)) {
      const placeholder = /^\$\{(\w+FunctionArn)\}$/.exec(String(state.Resource ?? ''))?.[1];
      if (placeholder !== undefined) byState.set(name, taskOfPlaceholder(placeholder));
      const nested = state.ItemProcessor ?? state.Iterator;
      if (nested) walk(nested.States);
    }
  };
  walk((JSON.parse(definitionText) as { States: Record<string, AslState> }).States);
  return byState;
}

const SCHEDULED = new Set(['LambdaFunctionScheduled', 'TaskScheduled']);
const LAMBDA_ENDS = new Set(['LambdaFunctionSucceeded', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut']);

export function usageFromHistory(events: readonly HistoryEvent[], taskOfState: Map<string, string> = taskFunctionsByState()): RunUsage {
  let entered = 0;
  let taskStates = 0;
  let scheduled = 0;
  let itemsPublished = 0;
  // Each event's task state, followed along previousEventId (a retry's schedule follows the failure).
  const stateOf = new Map<number, string>();
  const started = new Map<number, number>();
  const lambda = new Map<string, LambdaUsage>();
  const usage: RunUsage = { stateTransitions: 0, lambda: [], queries: [], crawls: [] };

  for (const event of events) {
    const id = event.id ?? 0;
    const type = event.type ?? '';
    const at = event.timestamp?.getTime() ?? 0;
    const inherited = event.previousEventId === undefined ? undefined : stateOf.get(event.previousEventId);
    if (event.stateEnteredEventDetails?.name !== undefined) {
      entered += 1;
      if (type === 'TaskStateEntered') {
        taskStates += 1;
        stateOf.set(id, event.stateEnteredEventDetails.name);
      }
    } else if (inherited !== undefined) {
      stateOf.set(id, inherited);
    }
    if (SCHEDULED.has(type)) scheduled += 1;
    if (type === 'LambdaFunctionStarted') started.set(id, at);
    if (LAMBDA_ENDS.has(type) && event.previousEventId !== undefined) {
      const startedAt = started.get(event.previousEventId);
      const task = taskOfState.get(inherited ?? '') ?? inherited ?? 'unknown';
      if (startedAt !== undefined) {
        const entry = lambda.get(task) ?? { task, invocations: 0, billedMillis: 0 };
        entry.invocations += 1;
        entry.billedMillis += Math.max(1, at - startedAt);
        lambda.set(task, entry);
      }
    }
    const exited = event.stateExitedEventDetails;
    if (exited?.name !== undefined && exited.output !== undefined) {
      const output = parse(exited.output);
      const scan = queryScanOf(exited.name, output);
      if (scan !== undefined) usage.queries.push(scan);
      const crawl = crawlOf(exited.name, output);
      if (crawl !== undefined) usage.crawls.push(crawl);
      itemsPublished += itemsPublishedOf(exited.name, output) ?? 0;
    }
  }
  // Each task state schedules its work once; every further schedule is a retry, billed as a transition.
  usage.stateTransitions = entered + Math.max(0, scheduled - taskStates);
  usage.lambda = [...lambda.values()];
  if (itemsPublished > 0) {
    // The lower bound: one unit per item of up to 1 KB, plus Publish's marker item and its one read.
    usage.dynamodb = { writeUnits: itemsPublished + 1, readUnits: 1 };
  }
  return usage;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
