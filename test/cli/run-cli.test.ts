import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../infra/cli/aws-clients.js';
import { runCli } from '../../infra/cli/run-cli.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { itemsForArtist } from '../../tasks/publish/items.js';
import { STATE_MACHINE_ARN, captureOutput, executionArn, noSleep } from './capture.js';

const sfn = mockClient(SFNClient);
const cloudFormation = mockClient(CloudFormationClient);
const athena = mockClient(AthenaClient);

let home: string;
let dynamo: LocalDynamoDb;

/** Runs the CLI as `npm run ops -- <argv>` would, with mocked AWS and dynalite for DynamoDB. */
async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out = captureOutput();
  const err = captureOutput();
  let requested: { region?: string; profile?: string } | undefined;
  const code = await runCli(argv, {
    env,
    out: out.write,
    err: err.write,
    clients: (config): AwsClients => {
      requested = config;
      return {
        sfn: new SFNClient({ region: 'ap-northeast-2' }),
        cloudFormation: new CloudFormationClient({ region: 'ap-northeast-2' }),
        athena: new AthenaClient({ region: 'ap-northeast-2' }),
        dynamodb: dynamo.client,
      };
    },
    now: () => new Date('2026-11-24T09:30:00.123Z'),
    sleep: noSleep,
  });
  return { code, out: out.lines, err: err.text(), requested };
}

const deployedStack = (outputs: Record<string, string>) =>
  cloudFormation.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'Sixpotify-dev',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date('2026-11-01T00:00:00Z'),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'sixpotify-cli-'));
  dynamo = await startLocalDynamoDb(join(home, 'dynamodb'));
  await new DynamoDbResultsStore(dynamo.client, dynamo.tableName).putItems(
    itemsForArtist({ artist_id: '6OwKE9Ez6ALxpTaKcT5ayv', name: 'AKMU', neighbours: [] }, '2026-11-23', 1_800_000_000),
  );
});

afterAll(async () => {
  await dynamo.close();
  await rm(home, { recursive: true, force: true });
});

beforeEach(() => {
  sfn.on(ListExecutionsCommand).resolves({ executions: [] });
  sfn.on(StartExecutionCommand).callsFake((input: { name: string }) => ({ executionArn: executionArn(input.name) }));
});

afterEach(() => {
  sfn.reset();
  cloudFormation.reset();
  athena.reset();
});

describe('runCli', () => {
  it('starts a run on the state machine named by the stack of the chosen stage', async () => {
    // Prepare
    deployedStack({ StateMachineArn: STATE_MACHINE_ARN });

    // Act
    const result = await cli(['start', '--dt', '2026-11-23', '--stage', 'prod', '--region', 'ap-northeast-2']);

    // Assess
    expect(result.code).toBe(0);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)[0]?.args[0].input).toEqual({ StackName: 'Sixpotify-prod' });
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.stateMachineArn).toBe(STATE_MACHINE_ARN);
    expect(result.requested).toEqual({ region: 'ap-northeast-2', profile: undefined });
  });

  it('uses the state machine given by flag without reading the stack', async () => {
    // Act
    const result = await cli(['start', '--dt', '2026-11-23', '--state-machine-arn', STATE_MACHINE_ARN]);

    // Assess
    expect(result.code).toBe(0);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it('explains missing AWS credentials and exits with 1', async () => {
    // Prepare
    cloudFormation
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));

    // Act
    const result = await cli(['status']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^No AWS credentials: set AWS_PROFILE/);
  });

  it('explains a stack that is not deployed and exits with 1', async () => {
    // Prepare
    cloudFormation
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('Stack with id Sixpotify-dev does not exist'), { name: 'ValidationError' }));

    // Act
    const result = await cli(['status']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Stack Sixpotify-dev is not deployed in ap-northeast-2/);
  });

  it('prints the usage and exits with 2 on a command line it cannot parse', async () => {
    // Act
    const result = await cli(['backfill', '--from', '2026-11-01']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toContain('backfill needs --from and --to');
    expect(result.err).toContain('Usage: npm run ops -- <command> [options]');
  });

  it('exits with 1 for a malformed dt, with the date error as the message', async () => {
    // Act
    const result = await cli(['start', '--dt', '2026-13-01', '--state-machine-arn', STATE_MACHINE_ARN]);

    // Assess
    expect({ code: result.code, err: result.err }).toEqual({ code: 1, err: "dt '2026-13-01' is not a date: use YYYY-MM-DD" });
  });

  it('prints the usage and exits with 0 for --help', async () => {
    // Act
    const result = await cli(['--help']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.out[0]?.split('\n')[0]).toBe('Usage: npm run ops -- <command> [options]');
  });

  it('watches an execution given by name and exits with 1 when it failed', async () => {
    // Prepare
    deployedStack({ StateMachineArn: STATE_MACHINE_ARN });
    sfn.on(GetExecutionHistoryCommand, { executionArn: executionArn('dt-2026-11-23-x') }).resolves({
      events: [
        { id: 2, type: 'ExecutionFailed', timestamp: new Date('2026-11-24T09:31:00Z'), executionFailedEventDetails: { error: 'QueryFailed' } },
        { id: 1, type: 'ExecutionStarted', timestamp: new Date('2026-11-24T09:30:00Z') },
      ],
    });

    // Act
    const result = await cli(['watch', 'dt-2026-11-23-x']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.out.at(-1)).toBe('+01:00  execution FAILED after 1m00s: QueryFailed');
  });

  it('starts and then watches a run with --watch, exiting 0 when it succeeds', async () => {
    // Prepare
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 2, type: 'ExecutionSucceeded', timestamp: new Date('2026-11-24T09:42:00Z') },
        { id: 1, type: 'ExecutionStarted', timestamp: new Date('2026-11-24T09:30:00Z') },
      ],
    });

    // Act
    const result = await cli(['start', '--dt', '2026-11-23', '--watch', '--state-machine-arn', STATE_MACHINE_ARN]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.out.at(-1)).toBe('+12:00  execution SUCCEEDED after 12m00s');
  });

  it('exits with 1 when a backfill stops at a failed date', async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED', error: 'TooManyArtistsFailed' });

    // Act
    const result = await cli(['backfill', '--from', '2026-11-01', '--to', '2026-11-02', '--state-machine-arn', STATE_MACHINE_ARN]);

    // Assess
    expect(result.code).toBe(1);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });

  it('answers similar from the results table named by the stack', async () => {
    // Prepare
    deployedStack({ ResultsTableName: dynamo.tableName });

    // Act
    const result = await cli(['similar', 'akmu']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe('AKMU (6OwKE9Ez6ALxpTaKcT5ayv), published for 2026-11-23');
  });

  it('exits with 1 when no artist matches', async () => {
    // Act
    const result = await cli(['similar', 'nobody', '--table', dynamo.tableName]);

    // Assess
    expect(result.code).toBe(1);
  });

  it('runs a query in the workgroup and database the stack names', async () => {
    // Prepare
    deployedStack({ AthenaWorkGroup: 'sixpotify-dev', GlueDatabaseName: 'sixpotify_dev' });
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { StatementType: 'DML', Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: { ResultSetMetadata: { ColumnInfo: [{ Name: 'n', Type: 'integer' }] }, Rows: [{ Data: [{ VarCharValue: 'n' }] }, { Data: [{ VarCharValue: '1' }] }] },
    });

    // Act
    const result = await cli(['query', 'select 1 as n']);

    // Assess
    expect(result.code).toBe(0);
    const input = athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input;
    expect({ workGroup: input?.WorkGroup, database: input?.QueryExecutionContext?.Database }).toEqual({
      workGroup: 'sixpotify-dev',
      database: 'sixpotify_dev',
    });
  });
});
