// `watch <execution>`: live progress of one execution from its history: each state as it is entered
// and exited (with how long it took), failures with their error and cause, until the execution ends.
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { formatDuration, formatOffset, type Write } from '../output.js';

export interface WatchOptions {
  pollMs: number;
  sleep: (ms: number) => Promise<void>;
}

export interface WatchOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  error?: string;
  cause?: string;
}

export async function watchExecution(sfn: SFNClient, executionArn: string, options: WatchOptions, write: Write): Promise<WatchOutcome> {
  const printer = new HistoryPrinter(write);
  let lastId = 0;
  for (;;) {
    const events = await eventsAfter(sfn, executionArn, lastId);
    for (const event of events) printer.print(event);
    lastId = events.at(-1)?.id ?? lastId;
    if (printer.outcome !== undefined) return printer.outcome;
    await options.sleep(options.pollMs);
  }
}

/**
 * History events newer than `lastId`, oldest first. Reading newest-first and stopping at the first
 * event already seen keeps each poll to one page, however long the history has grown.
 */
async function eventsAfter(sfn: SFNClient, executionArn: string, lastId: number): Promise<HistoryEvent[]> {
  const fresh: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 200, nextToken, includeExecutionData: false }),
    );
    const events = page.events ?? [];
    const unseen = events.filter((event) => (event.id ?? 0) > lastId);
    fresh.push(...unseen);
    nextToken = unseen.length === events.length ? page.nextToken : undefined;
  } while (nextToken !== undefined);
  return fresh.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

/** Turns history events into progress lines, remembering when each state was entered. */
class HistoryPrinter {
  outcome: WatchOutcome | undefined;
  private startedAt: number | undefined;
  private readonly enteredAt = new Map<string, number>();

  constructor(private readonly write: Write) {}

  print(event: HistoryEvent): void {
    const at = event.timestamp?.getTime() ?? 0;
    this.startedAt ??= at;
    const line = (text: string) => this.write(`${formatOffset(at - (this.startedAt ?? at))}  ${text}`);
    const type = event.type ?? '';

    if (event.stateEnteredEventDetails?.name !== undefined) {
      this.enteredAt.set(event.stateEnteredEventDetails.name, at);
      line(`> ${event.stateEnteredEventDetails.name}`);
    } else if (event.stateExitedEventDetails?.name !== undefined) {
      const name = event.stateExitedEventDetails.name;
      const entered = this.enteredAt.get(name);
      line(`< ${name}${entered === undefined ? '' : `  ${formatDuration(at - entered)}`}`);
    } else if (type === 'ExecutionStarted') {
      line('execution started');
    } else if (type === 'ExecutionRedriven') {
      // A redriven execution carries on after its earlier failure: it is not over any more.
      this.outcome = undefined;
      line(`execution redriven (redrive ${event.executionRedrivenEventDetails?.redriveCount ?? '?'})`);
    } else if (type === 'MapIterationStarted') {
      line(`  ${event.mapIterationStartedEventDetails?.name ?? 'map'} item ${event.mapIterationStartedEventDetails?.index ?? '?'}`);
    } else if (type === 'ExecutionSucceeded') {
      this.end(line, at, { status: 'SUCCEEDED' });
    } else if (type === 'ExecutionFailed') {
      const details = event.executionFailedEventDetails;
      this.end(line, at, { status: 'FAILED', error: details?.error, cause: details?.cause });
    } else if (type === 'ExecutionTimedOut') {
      const details = event.executionTimedOutEventDetails;
      this.end(line, at, { status: 'TIMED_OUT', error: details?.error ?? 'States.Timeout', cause: details?.cause });
    } else if (type === 'ExecutionAborted') {
      const details = event.executionAbortedEventDetails;
      this.end(line, at, { status: 'ABORTED', error: details?.error, cause: details?.cause });
    } else {
      const failure = failureOf(event);
      if (failure !== undefined) line(`  ! ${type}: ${failure.error ?? 'no error'}${failure.cause ? `: ${failure.cause}` : ''}`);
    }
  }

  private end(line: (text: string) => void, at: number, outcome: WatchOutcome): void {
    this.outcome = outcome;
    const took = formatDuration(at - (this.startedAt ?? at));
    const why = outcome.error === undefined ? '' : `: ${outcome.error}${outcome.cause ? `: ${outcome.cause}` : ''}`;
    line(`execution ${outcome.status} after ${took}${why}`);
  }
}

/** The error and cause of a task-level failure (a Lambda error, a timeout, an SNS publish that failed). */
function failureOf(event: HistoryEvent): { error?: string; cause?: string } | undefined {
  return (
    event.lambdaFunctionFailedEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.lambdaFunctionStartFailedEventDetails ??
    event.lambdaFunctionScheduleFailedEventDetails ??
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.taskStartFailedEventDetails ??
    event.taskSubmitFailedEventDetails ??
    event.evaluationFailedEventDetails
  );
}
