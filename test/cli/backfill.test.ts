import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionOutput,
  type ExecutionListItem,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliUsageError } from '../../infra/cli/cli-errors.js';
import { backfill } from '../../infra/cli/commands/backfill.js';
import { InvalidRunDate } from '../../tasks/errors.js';
import { STATE_MACHINE_ARN, captureOutput, executionArn, noSleep } from './capture.js';

const sfn = mockClient(SFNClient);
const client = () => new SFNClient({ region: 'eu-west-1' });

/** Every call the backfill makes, in order, as "start <dt>" or "poll <dt> -> <status>". */
let calls: string[];
/** dt -> statuses DescribeExecution reports for its run, one per poll; the last one repeats. */
let outcomes: Map<string, Partial<DescribeExecutionOutput>[]>;
let clockMs: number;

const options = (overrides: Partial<Parameters<typeof backfill>[2]> = {}) => ({
  from: '2026-11-01',
  to: '2026-11-03',
  pollMs: 0,
  now: () => new Date((clockMs += 60_000)),
  sleep: noSleep,
  ...overrides,
});

const listed = (name: string, startDate: string): ExecutionListItem => ({
  name,
  executionArn: executionArn(name),
  stateMachineArn: STATE_MACHINE_ARN,
  status: 'SUCCEEDED',
  startDate: new Date(startDate),
});

beforeEach(() => {
  calls = [];
  outcomes = new Map();
  clockMs = Date.parse('2026-11-24T00:00:00Z');
  sfn.on(ListExecutionsCommand).resolves({ executions: [] });
  sfn.on(StartExecutionCommand).callsFake((input: { name: string; input: string }) => {
    calls.push(`start ${(JSON.parse(input.input) as { dt: string }).dt}`);
    return { executionArn: executionArn(input.name) };
  });
  sfn.on(DescribeExecutionCommand).callsFake((input: { executionArn: string }) => {
    const dt = /:dt-(\d{4}-\d{2}-\d{2})-/.exec(input.executionArn)?.[1] ?? '?';
    const queue = outcomes.get(dt) ?? [{ status: 'SUCCEEDED' }];
    const next = queue.length > 1 ? queue.shift() : queue[0];
    calls.push(`poll ${dt} -> ${next?.status}`);
    return { executionArn: input.executionArn, startDate: new Date(clockMs), stopDate: new Date(clockMs + 90_000), ...next };
  });
});

afterEach(() => {
  sfn.reset();
});

describe('backfill', () => {
  it('runs one execution per date, oldest first, starting each only after the previous one ended', async () => {
    // Prepare
    outcomes.set('2026-11-01', [{ status: 'RUNNING' }, { status: 'RUNNING' }, { status: 'SUCCEEDED' }]);

    // Act
    const outcome = await backfill(client(), STATE_MACHINE_ARN, options(), captureOutput().write);

    // Assess
    expect(calls).toEqual([
      'start 2026-11-01',
      'poll 2026-11-01 -> RUNNING',
      'poll 2026-11-01 -> RUNNING',
      'poll 2026-11-01 -> SUCCEEDED',
      'start 2026-11-02',
      'poll 2026-11-02 -> SUCCEEDED',
      'start 2026-11-03',
      'poll 2026-11-03 -> SUCCEEDED',
    ]);
    expect(outcome).toEqual({ succeeded: ['2026-11-01', '2026-11-02', '2026-11-03'], skipped: [] });
  });

  it('gives each execution the input {"dt": ...} and a name unique to its date', async () => {
    // Act
    await backfill(client(), STATE_MACHINE_ARN, options({ to: '2026-11-02' }), captureOutput().write);

    // Assess
    const started = sfn.commandCalls(StartExecutionCommand).map((call) => [call.args[0].input.name, call.args[0].input.input]);
    expect(started).toEqual([
      ['dt-2026-11-01-20261124T000100000Z', '{"dt":"2026-11-01"}'],
      ['dt-2026-11-02-20261124T000200000Z', '{"dt":"2026-11-02"}'],
    ]);
  });

  it('skips dates that already have a succeeded execution, whoever started it', async () => {
    // Prepare: one run started by this CLI, one from the console with {"dt"}, one nightly run with no input.
    sfn.on(ListExecutionsCommand, { statusFilter: 'SUCCEEDED' }).resolves({
      executions: [
        listed('nightly-a1b2', '2026-11-02T16:00:00Z'),
        listed('console-rerun', '2026-11-02T10:00:00Z'),
        listed('dt-2026-11-01-20261123T120000000Z', '2026-11-23T12:00:00Z'),
      ],
    });
    sfn.on(DescribeExecutionCommand, { executionArn: executionArn('console-rerun') }).resolves({
      name: 'console-rerun',
      status: 'SUCCEEDED',
      input: '{"dt":"2026-11-02"}',
    });
    sfn.on(DescribeExecutionCommand, { executionArn: executionArn('nightly-a1b2') }).resolves({
      name: 'nightly-a1b2',
      status: 'SUCCEEDED',
      input: '{}',
      output: '{"run":{"dt":"2026-11-03","startedAt":"2026-11-02T16:00:01Z"}}',
    });
    const output = captureOutput();

    // Act
    const outcome = await backfill(client(), STATE_MACHINE_ARN, options(), output.write);

    // Assess
    expect(outcome).toEqual({ succeeded: [], skipped: ['2026-11-01', '2026-11-02', '2026-11-03'] });
    expect(output.lines).toContain(
      '2026-11-01  skipped: already succeeded in dt-2026-11-01-20261123T120000000Z (pass --force to run it again)',
    );
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('runs dates that already succeeded again when forced', async () => {
    // Prepare
    sfn.on(ListExecutionsCommand, { statusFilter: 'SUCCEEDED' }).resolves({
      executions: [listed('dt-2026-11-01-20261123T120000000Z', '2026-11-23T12:00:00Z')],
    });

    // Act
    const outcome = await backfill(client(), STATE_MACHINE_ARN, options({ to: '2026-11-01', force: true }), captureOutput().write);

    // Assess
    expect(outcome).toEqual({ succeeded: ['2026-11-01'], skipped: [] });
  });

  it('stops at the first failed date, says which and why, and starts no later date', async () => {
    // Prepare
    outcomes.set('2026-11-02', [{ status: 'FAILED', error: 'QueryFailed', cause: 'SQL step 04_similarity failed: bytes scanned limit' }]);
    const output = captureOutput();

    // Act
    const outcome = await backfill(client(), STATE_MACHINE_ARN, options(), output.write);

    // Assess
    expect(outcome.failed).toEqual({
      dt: '2026-11-02',
      status: 'FAILED',
      error: 'QueryFailed',
      cause: 'SQL step 04_similarity failed: bytes scanned limit',
    });
    expect(calls).not.toContain('start 2026-11-03');
    expect(output.lines.slice(-2)).toEqual([
      '2026-11-02  FAILED after 1m30s: QueryFailed: SQL step 04_similarity failed: bytes scanned limit',
      'Backfill stopped at 2026-11-02. Later dates were not started. Redrive it with: npm run ops -- redrive dt-2026-11-02-20261124T000200000Z',
    ]);
  });

  it('stops on a timed-out execution too', async () => {
    // Prepare
    outcomes.set('2026-11-01', [{ status: 'TIMED_OUT', error: 'States.Timeout' }]);

    // Act
    const outcome = await backfill(client(), STATE_MACHINE_ARN, options(), captureOutput().write);

    // Assess
    expect({ failedAt: outcome.failed?.dt, status: outcome.failed?.status, started: calls.filter((call) => call.startsWith('start')) }).toEqual({
      failedAt: '2026-11-01',
      status: 'TIMED_OUT',
      started: ['start 2026-11-01'],
    });
  });

  it('rejects a range whose start is after its end', async () => {
    // Act
    const running = backfill(client(), STATE_MACHINE_ARN, options({ from: '2026-11-03', to: '2026-11-01' }), captureOutput().write);

    // Assess
    await expect(running).rejects.toThrow(new CliUsageError('--from 2026-11-03 is after --to 2026-11-01: give the earlier date first'));
  });

  it('rejects a malformed date before starting anything', async () => {
    // Act
    const running = backfill(client(), STATE_MACHINE_ARN, options({ to: '2026-11-31' }), captureOutput().write);

    // Assess
    await expect(running).rejects.toThrow(InvalidRunDate);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
