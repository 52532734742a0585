import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { showStatus } from '../../infra/cli/commands/status.js';
import { STATE_MACHINE_ARN, captureOutput, executionArn } from './capture.js';

const sfn = mockClient(SFNClient);
const client = () => new SFNClient({ region: 'eu-west-1' });
const NOW = new Date('2026-11-24T10:00:00Z');

afterEach(() => {
  sfn.reset();
});

describe('showStatus', () => {
  it('lists recent executions with outcome, dt and duration, newest first', async () => {
    // Prepare
    const names = ['dt-2026-11-23-20261124T093000123Z', 'nightly-7f3a', 'dt-2026-11-20-20261123T080000000Z'];
    sfn.on(ListExecutionsCommand, { stateMachineArn: STATE_MACHINE_ARN, maxResults: 10 }).resolves({
      executions: names.map((name) => ({ name, executionArn: executionArn(name), stateMachineArn: STATE_MACHINE_ARN, status: 'RUNNING', startDate: NOW })),
    });
    sfn.on(DescribeExecutionCommand, { executionArn: executionArn(names[0] ?? '') }).resolves({
      name: names[0],
      status: 'RUNNING',
      startDate: new Date('2026-11-24T09:30:00Z'),
      input: '{"dt":"2026-11-23"}',
    });
    sfn.on(DescribeExecutionCommand, { executionArn: executionArn(names[1] ?? '') }).resolves({
      name: names[1],
      status: 'SUCCEEDED',
      startDate: new Date('2026-11-23T16:00:00Z'),
      stopDate: new Date('2026-11-23T16:12:03Z'),
      input: '{}',
      output: '{"run":{"dt":"2026-11-24"}}',
    });
    sfn.on(DescribeExecutionCommand, { executionArn: executionArn(names[2] ?? '') }).resolves({
      name: names[2],
      status: 'FAILED',
      error: 'QueryFailed',
      redriveCount: 1,
      startDate: new Date('2026-11-23T08:00:00Z'),
      stopDate: new Date('2026-11-23T08:04:30Z'),
      input: '{"dt":"2026-11-20"}',
    });
    const output = captureOutput();

    // Act
    await showStatus(client(), STATE_MACHINE_ARN, { limit: 10, now: NOW }, output.write);

    // Assess
    expect(output.lines).toEqual([
      'STARTED               OUTCOME                            DT          DURATION       NAME',
      '2026-11-24 09:30:00Z  RUNNING                            2026-11-23  30m00s so far  dt-2026-11-23-20261124T093000123Z',
      '2026-11-23 16:00:00Z  SUCCEEDED                          2026-11-24  12m03s         nightly-7f3a',
      '2026-11-23 08:00:00Z  FAILED (QueryFailed), redriven 1x  2026-11-20  4m30s          dt-2026-11-20-20261123T080000000Z',
    ]);
  });

  it('says how to start a run when there are no executions yet', async () => {
    // Prepare
    sfn.on(ListExecutionsCommand).resolves({ executions: [] });
    const output = captureOutput();

    // Act
    await showStatus(client(), STATE_MACHINE_ARN, { limit: 10, now: NOW }, output.write);

    // Assess
    expect(output.lines).toEqual(['No executions yet. Start one with: npm run ops -- start --dt <YYYY-MM-DD>']);
  });
});
