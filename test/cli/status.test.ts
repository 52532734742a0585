import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { showStatus } from '../../infra/cli/commands/status.js';
import { formatUsd } from '../../tasks/cost/estimate.js';
import { STATE_MACHINE_ARN, captureOutput, executionArn } from './capture.js';
import { HISTORY, HISTORY_COST_SEOUL } from './history-fixture.js';

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
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    const output = captureOutput();

    // Act
    await showStatus(client(), STATE_MACHINE_ARN, { limit: 10, now: NOW }, output.write);

    // Assess: no history, no cost; eu-west-1 has no prices of its own
    expect(output.lines).toEqual([
      'STARTED               OUTCOME                            DT          DURATION       COST        NAME',
      '2026-11-24 09:30:00Z  RUNNING                            2026-11-23  30m00s so far  $0* so far  dt-2026-11-23-20261124T093000123Z',
      '2026-11-23 16:00:00Z  SUCCEEDED                          2026-11-24  12m03s         $0*         nightly-7f3a',
      '2026-11-23 08:00:00Z  FAILED (QueryFailed), redriven 1x  2026-11-20  4m30s          $0*         dt-2026-11-20-20261123T080000000Z',
      "COST: estimated from each execution's history, ap-northeast-2 list prices of 2026-12-02; S3 requests not included, " +
        'DynamoDB at 1 unit per item (* tasks/cost/prices.ts has no eu-west-1 prices)',
    ]);
  });

  it('shows the cost of each run beside its duration, estimated from its history at its region prices', async () => {
    // Prepare: a state machine in Seoul and one finished run
    const seoulMachine = STATE_MACHINE_ARN.replace('eu-west-1', 'ap-northeast-2');
    const arn = seoulMachine.replace(':stateMachine:', ':execution:') + ':dt-2026-11-23-a';
    sfn.on(ListExecutionsCommand).resolves({
      executions: [{ name: 'dt-2026-11-23-a', executionArn: arn, stateMachineArn: seoulMachine, status: 'SUCCEEDED', startDate: NOW }],
    });
    sfn.on(DescribeExecutionCommand).resolves({
      name: 'dt-2026-11-23-a',
      status: 'SUCCEEDED',
      startDate: new Date('2026-11-23T16:00:00Z'),
      stopDate: new Date('2026-11-23T16:00:09Z'),
      input: '{"dt":"2026-11-23"}',
    });
    sfn.on(GetExecutionHistoryCommand, { executionArn: arn }).resolves({ events: HISTORY });
    const output = captureOutput();

    // Act
    await showStatus(client(), seoulMachine, { limit: 10, now: NOW }, output.write);

    // Assess
    expect(output.lines[1]).toBe(`2026-11-23 16:00:00Z  SUCCEEDED  2026-11-23  9.0s      ${formatUsd(HISTORY_COST_SEOUL)}  dt-2026-11-23-a`);
    expect(output.lines[2]).toContain('ap-northeast-2 list prices');
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
