import { ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunAlreadyInProgress } from '../../infra/cli/cli-errors.js';
import { startRun } from '../../infra/cli/commands/start.js';
import { InvalidRunDate } from '../../tasks/errors.js';
import { STATE_MACHINE_ARN, captureOutput, executionArn } from './capture.js';

const sfn = mockClient(SFNClient);
const client = () => new SFNClient({ region: 'eu-west-1' });
const NOW = new Date('2026-11-24T09:30:00.123Z');

beforeEach(() => {
  sfn.on(ListExecutionsCommand).resolves({ executions: [] });
  sfn.on(StartExecutionCommand).callsFake((input: { name: string }) => ({ executionArn: executionArn(input.name), startDate: NOW }));
});

afterEach(() => {
  sfn.reset();
});

describe('startRun', () => {
  it('starts an execution whose input is exactly {"dt": "YYYY-MM-DD"}', async () => {
    // Act
    await startRun(client(), STATE_MACHINE_ARN, { dt: '2026-11-23', now: NOW }, captureOutput().write);

    // Assess
    const input = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect({ stateMachineArn: input?.stateMachineArn, input: input?.input }).toEqual({
      stateMachineArn: STATE_MACHINE_ARN,
      input: '{"dt":"2026-11-23"}',
    });
  });

  it('names the execution after the dt and the start time, and returns its ARN', async () => {
    // Act
    const arn = await startRun(client(), STATE_MACHINE_ARN, { dt: '2026-11-23', now: NOW }, captureOutput().write);

    // Assess
    expect(arn).toBe(executionArn('dt-2026-11-23-20261124T093000123Z'));
  });

  it('tells the operator what it started and how to follow it', async () => {
    // Prepare
    const output = captureOutput();

    // Act
    await startRun(client(), STATE_MACHINE_ARN, { dt: '2026-11-23', now: NOW }, output.write);

    // Assess
    expect(output.lines).toEqual([
      'Started dt-2026-11-23-20261124T093000123Z for 2026-11-23.',
      'Follow it with: npm run ops -- watch dt-2026-11-23-20261124T093000123Z',
    ]);
  });

  it('without --dt sends an empty input, so the state machine runs today in its own time zone', async () => {
    // Act
    await startRun(client(), STATE_MACHINE_ARN, { now: NOW }, captureOutput().write);

    // Assess
    const input = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect({ name: input?.name, input: input?.input }).toEqual({ name: 'run-20261124T093000123Z', input: '{}' });
  });

  it('rejects a date that does not exist before calling AWS', async () => {
    // Act
    const starting = startRun(client(), STATE_MACHINE_ARN, { dt: '2026-02-30', now: NOW }, captureOutput().write);

    // Assess
    await expect(starting).rejects.toThrow(new InvalidRunDate("dt '2026-02-30' is not a date: use YYYY-MM-DD"));
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('refuses to start a second run of a date that is already running', async () => {
    // Prepare
    sfn.on(ListExecutionsCommand, { statusFilter: 'RUNNING' }).resolves({
      executions: [
        {
          name: 'dt-2026-11-23-20261124T090000000Z',
          executionArn: executionArn('dt-2026-11-23-20261124T090000000Z'),
          stateMachineArn: STATE_MACHINE_ARN,
          status: 'RUNNING',
          startDate: new Date('2026-11-24T09:00:00Z'),
        },
      ],
    });

    // Act
    const starting = startRun(client(), STATE_MACHINE_ARN, { dt: '2026-11-23', now: NOW }, captureOutput().write);

    // Assess
    await expect(starting).rejects.toThrow(RunAlreadyInProgress);
    await expect(starting).rejects.toThrow('2026-11-23 is already being run by dt-2026-11-23-20261124T090000000Z');
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('starts a second run of a running date when forced', async () => {
    // Prepare
    sfn.on(ListExecutionsCommand, { statusFilter: 'RUNNING' }).resolves({
      executions: [
        {
          name: 'dt-2026-11-23-20261124T090000000Z',
          executionArn: executionArn('dt-2026-11-23-20261124T090000000Z'),
          stateMachineArn: STATE_MACHINE_ARN,
          status: 'RUNNING',
          startDate: new Date('2026-11-24T09:00:00Z'),
        },
      ],
    });

    // Act
    await startRun(client(), STATE_MACHINE_ARN, { dt: '2026-11-23', force: true, now: NOW }, captureOutput().write);

    // Assess
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });
});
