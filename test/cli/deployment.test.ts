import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { StackNotFound, StackOutputMissing } from '../../infra/cli/cli-errors.js';
import { Deployment } from '../../infra/cli/deployment.js';

const cloudFormation = mockClient(CloudFormationClient);
const client = () => new CloudFormationClient({ region: 'ap-northeast-2' });
const STATE_MACHINE_ARN = 'arn:aws:states:ap-northeast-2:123456789012:stateMachine:SixpotifyPipeline';

const stackWith = (outputs: Record<string, string>) =>
  cloudFormation.on(DescribeStacksCommand, { StackName: 'Sixpotify-prod' }).resolves({
    Stacks: [
      {
        StackName: 'Sixpotify-prod',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date('2026-11-01T00:00:00Z'),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });

afterEach(() => {
  cloudFormation.reset();
});

describe('Deployment', () => {
  it('reads a resource from the output of stack Sixpotify-<stage>', async () => {
    // Prepare
    stackWith({ StateMachineArn: STATE_MACHINE_ARN, ResultsTableName: 'sixpotify-prod-results' });

    // Act
    const value = await new Deployment(client(), 'prod').require('stateMachineArn');

    // Assess
    expect(value).toBe(STATE_MACHINE_ARN);
  });

  it('reads the stack once for several values', async () => {
    // Prepare
    stackWith({ StateMachineArn: STATE_MACHINE_ARN, AthenaWorkGroup: 'sixpotify-prod' });
    const deployment = new Deployment(client(), 'prod');

    // Act
    await deployment.require('stateMachineArn');
    await deployment.require('workGroup');

    // Assess
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });

  it('prefers a value named by a flag or variable and then does not read the stack', async () => {
    // Act
    const value = await new Deployment(client(), 'prod', { resultsTable: 'my-table' }).require('resultsTable');

    // Assess
    expect(value).toBe('my-table');
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it('accepts an output declared inside a construct, whose key carries a hash suffix', async () => {
    // Prepare
    stackWith({ AthenaWorkGroupA1B2C3D4: 'sixpotify-prod' });

    // Act
    const value = await new Deployment(client(), 'prod').require('workGroup');

    // Assess
    expect(value).toBe('sixpotify-prod');
  });

  it('fails with StackNotFound naming the stack and region when it is not deployed', async () => {
    // Prepare
    cloudFormation
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('Stack with id Sixpotify-prod does not exist'), { name: 'ValidationError' }));

    // Act
    const reading = new Deployment(client(), 'prod').require('stateMachineArn');

    // Assess
    await expect(reading).rejects.toThrow(StackNotFound);
    await expect(reading).rejects.toThrow('Stack Sixpotify-prod is not deployed in ap-northeast-2: deploy it with `npx cdk deploy`');
  });

  it('fails with StackOutputMissing naming the output and the flag that can replace it', async () => {
    // Prepare
    stackWith({ StateMachineArn: STATE_MACHINE_ARN });

    // Act
    const reading = new Deployment(client(), 'prod').require('resultsTable');

    // Assess
    await expect(reading).rejects.toThrow(
      new StackOutputMissing('Stack Sixpotify-prod has no output ResultsTableName: redeploy it with `npx cdk deploy`, or name the resource with --table or RESULTS_TABLE'),
    );
  });

  it('finds nothing, without failing, for an optional output the stack does not have', async () => {
    // Prepare
    stackWith({ StateMachineArn: STATE_MACHINE_ARN });

    // Act
    const database = await new Deployment(client(), 'prod').find('database');

    // Assess
    expect(database).toBeUndefined();
  });
});
