import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent, type HistoryEventType } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchExecution } from '../../infra/cli/commands/watch.js';
import { captureOutput, executionArn } from './capture.js';

const sfn = mockClient(SFNClient);
const client = () => new SFNClient({ region: 'eu-west-1' });
const ARN = executionArn('dt-2026-11-23-20261124T093000123Z');
const T0 = Date.parse('2026-11-24T09:30:00Z');

/** The history as Step Functions holds it now; tests append to it between polls. */
let history: HistoryEvent[];
/** Runs before each poll's first page, to let the execution progress while the CLI sleeps. */
let onPoll: (() => void)[];

function event(type: HistoryEventType, secondsAfterStart: number, details: Partial<HistoryEvent> = {}): HistoryEvent {
  return { id: history.length + 1, type, timestamp: new Date(T0 + secondsAfterStart * 1_000), ...details };
}
const entered = (type: HistoryEventType, name: string, at: number) => event(type, at, { stateEnteredEventDetails: { name } });
const exited = (type: HistoryEventType, name: string, at: number) => event(type, at, { stateExitedEventDetails: { name } });
const append = (...build: (() => HistoryEvent)[]) => {
  for (const make of build) history.push(make());
};

beforeEach(() => {
  history = [];
  onPoll = [];
  // Serves the history the way the API does: newest first with reverseOrder, pages of maxResults.
  sfn.on(GetExecutionHistoryCommand).callsFake((input: { reverseOrder?: boolean; maxResults?: number; nextToken?: string }) => {
    if (input.nextToken === undefined) onPoll.shift()?.();
    const ordered = input.reverseOrder === true ? [...history].reverse() : history;
    const start = Number(input.nextToken ?? 0);
    const end = start + (input.maxResults ?? 1000);
    return { events: ordered.slice(start, end), nextToken: end < ordered.length ? String(end) : undefined };
  });
});

afterEach(() => {
  sfn.reset();
});

describe('watchExecution', () => {
  it('prints each state as it is entered and exited, with elapsed time and how long it took', async () => {
    // Prepare
    append(
      () => event('ExecutionStarted', 0),
      () => entered('TaskStateEntered', 'ResolveRunDate', 0),
      () => exited('TaskStateExited', 'ResolveRunDate', 1.5),
      () => entered('TaskStateEntered', 'FetchArtists', 1.5),
      () => exited('TaskStateExited', 'FetchArtists', 95),
      () => event('ExecutionSucceeded', 96),
    );
    const output = captureOutput();

    // Act
    await watchExecution(client(), ARN, { pollMs: 0, sleep: async () => {} }, output.write);

    // Assess
    expect(output.lines).toEqual([
      '+00:00  execution started',
      '+00:00  > ResolveRunDate',
      '+00:01  < ResolveRunDate  1.5s',
      '+00:01  > FetchArtists',
      '+01:35  < FetchArtists  1m33s',
      '+01:36  execution SUCCEEDED after 1m36s',
    ]);
  });

  it('keeps polling while the execution runs and prints every event exactly once', async () => {
    // Prepare
    append(
      () => event('ExecutionStarted', 0),
      () => entered('TaskStateEntered', 'StartCrawler', 0),
    );
    onPoll.push(
      () => {},
      () => append(() => exited('TaskStateExited', 'StartCrawler', 2), () => entered('WaitStateEntered', 'WaitForCrawler', 2)),
      () => append(() => exited('WaitStateExited', 'WaitForCrawler', 22), () => event('ExecutionSucceeded', 23)),
    );
    const output = captureOutput();
    let sleeps = 0;

    // Act
    const outcome = await watchExecution(client(), ARN, { pollMs: 2_000, sleep: async () => void (sleeps += 1) }, output.write);

    // Assess
    expect(outcome).toEqual({ status: 'SUCCEEDED' });
    expect(sleeps).toBe(2);
    expect(output.lines).toEqual([
      '+00:00  execution started',
      '+00:00  > StartCrawler',
      '+00:02  < StartCrawler  2.0s',
      '+00:02  > WaitForCrawler',
      '+00:22  < WaitForCrawler  20.0s',
      '+00:23  execution SUCCEEDED after 23.0s',
    ]);
  });

  it('reads only the newest page of a long history on each poll', async () => {
    // Prepare: 450 events already seen in the first poll (three pages of 200), then two new ones.
    append(() => event('ExecutionStarted', 0));
    for (let poll = 0; poll < 224; poll += 1) {
      append(() => entered('WaitStateEntered', 'WaitForQuery', poll * 5), () => exited('WaitStateExited', 'WaitForQuery', poll * 5 + 5));
    }
    append(() => entered('TaskStateEntered', 'PublishResults', 1_120));
    onPoll.push(
      () => {},
      () => append(() => exited('TaskStateExited', 'PublishResults', 1_130), () => event('ExecutionSucceeded', 1_131)),
    );

    // Act
    await watchExecution(client(), ARN, { pollMs: 0, sleep: async () => {} }, captureOutput().write);

    // Assess: three pages for the first poll, one for the second.
    expect(sfn.commandCalls(GetExecutionHistoryCommand)).toHaveLength(4);
  });

  it('shows why a task failed and returns FAILED with the execution error and cause', async () => {
    // Prepare
    append(
      () => event('ExecutionStarted', 0),
      () => entered('TaskStateEntered', 'FetchArtists', 0),
      () => event('LambdaFunctionFailed', 30, { lambdaFunctionFailedEventDetails: { error: 'SpotifyAuthFailed', cause: 'invalid_client' } }),
      () => exited('TaskStateExited', 'FetchArtists', 30),
      () => entered('TaskStateEntered', 'NotifyFailure', 30),
      () => exited('TaskStateExited', 'NotifyFailure', 31),
      () => entered('FailStateEntered', 'PipelineFailed', 31),
      () => event('ExecutionFailed', 31, { executionFailedEventDetails: { error: 'SpotifyAuthFailed', cause: 'invalid_client' } }),
    );
    const output = captureOutput();

    // Act
    const outcome = await watchExecution(client(), ARN, { pollMs: 0, sleep: async () => {} }, output.write);

    // Assess
    expect(outcome).toEqual({ status: 'FAILED', error: 'SpotifyAuthFailed', cause: 'invalid_client' });
    expect(output.lines).toContain('+00:30    ! LambdaFunctionFailed: SpotifyAuthFailed: invalid_client');
    expect(output.lines.at(-1)).toBe('+00:31  execution FAILED after 31.0s: SpotifyAuthFailed: invalid_client');
  });

  it('follows a redriven execution past its earlier failure to its new end', async () => {
    // Prepare
    append(
      () => event('ExecutionStarted', 0),
      () => event('ExecutionFailed', 10, { executionFailedEventDetails: { error: 'QueryFailed', cause: 'timeout' } }),
      () => event('ExecutionRedriven', 600, { executionRedrivenEventDetails: { redriveCount: 1 } }),
      () => entered('TaskStateEntered', 'PublishResults', 601),
    );
    onPoll.push(
      () => {},
      () => append(() => exited('TaskStateExited', 'PublishResults', 640), () => event('ExecutionSucceeded', 641)),
    );
    const output = captureOutput();

    // Act
    const outcome = await watchExecution(client(), ARN, { pollMs: 0, sleep: async () => {} }, output.write);

    // Assess
    expect(outcome).toEqual({ status: 'SUCCEEDED' });
    expect(output.lines).toContain('+10:00  execution redriven (redrive 1)');
  });

  it('reports an execution that timed out', async () => {
    // Prepare
    append(
      () => event('ExecutionStarted', 0),
      () => event('ExecutionTimedOut', 14_400, { executionTimedOutEventDetails: { error: 'States.Timeout' } }),
    );
    const output = captureOutput();

    // Act
    const outcome = await watchExecution(client(), ARN, { pollMs: 0, sleep: async () => {} }, output.write);

    // Assess
    expect(outcome.status).toBe('TIMED_OUT');
    expect(output.lines.at(-1)).toBe('+4:00:00  execution TIMED_OUT after 4h00m: States.Timeout');
  });
});
