import { DescribeExecutionCommand, ExecutionNotRedrivable, RedriveExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../infra/cli/cli-errors.js';
import { redriveRun } from '../../infra/cli/commands/redrive.js';
import { captureOutput, executionArn } from './capture.js';

const sfn = mockClient(SFNClient);
const client = () => new SFNClient({ region: 'eu-west-1' });
const NAME = 'dt-2026-11-23-20261124T093000123Z';

afterEach(() => {
  sfn.reset();
});

describe('redriveRun', () => {
  it('redrives a failed execution and says what it had failed with', async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).resolves({ name: NAME, status: 'FAILED', error: 'QueryFailed', input: '{"dt":"2026-11-23"}' });
    sfn.on(RedriveExecutionCommand).resolves({ redriveDate: new Date('2026-11-24T10:00:00Z') });
    const output = captureOutput();

    // Act
    await redriveRun(client(), executionArn(NAME), output.write);

    // Assess
    expect(sfn.commandCalls(RedriveExecutionCommand)[0]?.args[0].input).toEqual({ executionArn: executionArn(NAME) });
    expect(output.lines).toEqual([
      `Redriving ${NAME} (dt 2026-11-23), which had FAILED with QueryFailed; redriven at 2026-11-24 10:00:00Z.`,
      `Follow it with: npm run ops -- watch ${NAME}`,
    ]);
  });

  it('refuses to redrive an execution that succeeded', async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).resolves({ name: NAME, status: 'SUCCEEDED', input: '{"dt":"2026-11-23"}' });

    // Act
    const redriving = redriveRun(client(), executionArn(NAME), captureOutput().write);

    // Assess
    await expect(redriving).rejects.toThrow(CliError);
    await expect(redriving).rejects.toThrow(`${NAME} (dt 2026-11-23) succeeded: there is nothing to redrive`);
    expect(sfn.commandCalls(RedriveExecutionCommand)).toHaveLength(0);
  });

  it('refuses to redrive an execution that is still running', async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).resolves({ name: NAME, status: 'RUNNING', input: '{"dt":"2026-11-23"}' });

    // Act
    const redriving = redriveRun(client(), executionArn(NAME), captureOutput().write);

    // Assess
    await expect(redriving).rejects.toThrow('is still running');
  });

  it('passes on Step Functions refusing the redrive, for the CLI to explain', async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).resolves({ name: NAME, status: 'FAILED' });
    sfn.on(RedriveExecutionCommand).rejects(new ExecutionNotRedrivable({ message: 'Execution is older than 14 days', $metadata: {} }));

    // Act
    const redriving = redriveRun(client(), executionArn(NAME), captureOutput().write);

    // Assess
    await expect(redriving).rejects.toSatisfy((error: Error) => error.name === 'ExecutionNotRedrivable');
  });
});
