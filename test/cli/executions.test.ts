import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dtOfDescription, executionArnFor, executionName, executionsByDate } from '../../infra/cli/executions.js';
import { STATE_MACHINE_ARN, executionArn } from './capture.js';

const sfn = mockClient(SFNClient);

afterEach(() => {
  sfn.reset();
});

describe('executionName', () => {
  it('is the dt and the start time, within the characters Step Functions allows', () => {
    // Act
    const name = executionName('2026-11-23', new Date('2026-11-24T09:30:00.123Z'));

    // Assess
    expect(name).toBe('dt-2026-11-23-20261124T093000123Z');
    expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  });

  it('differs for two runs of the same date started a millisecond apart', () => {
    // Act
    const names = [executionName('2026-11-23', new Date(1_795_000_000_000)), executionName('2026-11-23', new Date(1_795_000_000_001))];

    // Assess
    expect(new Set(names).size).toBe(2);
  });
});

describe('executionArnFor', () => {
  it('builds the execution ARN from a bare name and the state machine ARN', () => {
    // Act
    const arn = executionArnFor(STATE_MACHINE_ARN, 'dt-2026-11-23-x');

    // Assess
    expect(arn).toBe(executionArn('dt-2026-11-23-x'));
  });
});

describe('dtOfDescription', () => {
  it.each([
    ['our name', { name: 'dt-2026-11-23-20261124T093000123Z', input: '{}' }, '2026-11-23'],
    ['the input of a console run', { name: 'manual', input: '{"dt":"2026-11-20"}' }, '2026-11-20'],
    ['the output of a scheduled run', { name: 'nightly', input: '{}', output: '{"run":{"dt":"2026-11-24"}}' }, '2026-11-24'],
    ['nothing, for a scheduled run still running', { name: 'nightly', input: '{}' }, undefined],
    ['nothing, for input that is not JSON', { name: 'odd', input: 'not json' }, undefined],
  ])('takes the dt from %s', (_source, description, dt) => {
    // Act
    const found = dtOfDescription(description);

    // Assess
    expect(found).toBe(dt);
  });
});

describe('executionsByDate', () => {
  it('stops listing at the first execution older than the window', async () => {
    // Prepare
    const item = (name: string, startDate: string) => ({
      name,
      executionArn: executionArn(name),
      stateMachineArn: STATE_MACHINE_ARN,
      status: 'SUCCEEDED' as const,
      startDate: new Date(startDate),
    });
    sfn.on(ListExecutionsCommand, { nextToken: undefined }).resolves({
      executions: [item('dt-2026-11-23-a', '2026-11-24T00:00:00Z'), item('old-one', '2026-10-01T00:00:00Z')],
      nextToken: 'page-2',
    });
    sfn.on(DescribeExecutionCommand).resolves({ input: '{"dt":"2026-09-30"}' });

    // Act
    const byDate = await executionsByDate(new SFNClient({ region: 'eu-west-1' }), STATE_MACHINE_ARN, 'SUCCEEDED', new Date('2026-11-01T00:00:00Z'));

    // Assess
    expect([...byDate.keys()]).toEqual(['2026-11-23']);
    expect(sfn.commandCalls(ListExecutionsCommand)).toHaveLength(1);
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
  });
});
