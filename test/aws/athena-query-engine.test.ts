import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  InvalidRequestException,
  StartQueryExecutionCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { AthenaQueryEngine } from '../../tasks/aws/athena-query-engine.js';
import { QueryEngineBusy, QueryStartFailed } from '../../tasks/errors.js';

const athena = mockClient(AthenaClient);
const engine = () =>
  new AthenaQueryEngine(new AthenaClient({ region: 'eu-west-1' }), { workGroup: 'sixpotify-pipeline', database: 'sixpotify' });
const SQL = "select count(*) from raw_artists where dt = '2026-11-23'";

afterEach(() => {
  athena.reset();
});

describe('AthenaQueryEngine.start', () => {
  it('starts the query in the workgroup with the Glue database as context and returns its id', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });

    // Act
    const queryId = await engine().start(SQL, '01_artists');

    // Assess
    expect(queryId).toBe('q-1');
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input).toEqual({
      QueryString: SQL,
      WorkGroup: 'sixpotify-pipeline',
      QueryExecutionContext: { Database: 'sixpotify' },
      ClientRequestToken: undefined,
    });
  });

  it('sends the same ClientRequestToken for a retried start with the same request token, so Athena runs it once', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });

    // Act
    await engine().start(SQL, '01_artists', 'dt-2026-11-23-a/2026-11-23T16:05:00Z');
    await engine().start(SQL, '01_artists', 'dt-2026-11-23-a/2026-11-23T16:05:00Z');

    // Assess
    const tokens = athena.commandCalls(StartQueryExecutionCommand).map((call) => call.args[0].input.ClientRequestToken);
    expect(tokens[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[1]).toBe(tokens[0]);
  });

  it('sends a different ClientRequestToken for another request token, so a re-run of the date runs again', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });

    // Act
    await engine().start(SQL, '01_artists', 'dt-2026-11-23-a/2026-11-23T16:05:00Z');
    await engine().start(SQL, '01_artists', 'dt-2026-11-23-b/2026-11-24T09:00:00Z');

    // Assess
    const tokens = athena.commandCalls(StartQueryExecutionCommand).map((call) => call.args[0].input.ClientRequestToken);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it('throws QueryEngineBusy, which the state machine retries, when Athena has too many queries', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));

    // Act
    const starting = engine().start(SQL, '01_artists');

    // Assess
    await expect(starting).rejects.toSatisfy((error: Error) => error instanceof QueryEngineBusy && error.name === 'QueryEngineBusy');
  });

  it('throws QueryStartFailed naming the step and workgroup when Athena refuses the request', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).rejects(new InvalidRequestException({ message: 'WorkGroup is not found', $metadata: {} }));

    // Act
    const starting = engine().start(SQL, '01_artists');

    // Assess
    await expect(starting).rejects.toThrow(
      new QueryStartFailed("Athena refused '01_artists' in workgroup 'sixpotify-pipeline': WorkGroup is not found"),
    );
  });
});

describe('AthenaQueryEngine without a database', () => {
  it('starts the query with no default schema, for fully qualified table names', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    const withoutDatabase = new AthenaQueryEngine(new AthenaClient({ region: 'eu-west-1' }), { workGroup: 'sixpotify-analysts' });

    // Act
    await withoutDatabase.start('select 1', 'the query');

    // Assess
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input.QueryExecutionContext).toBeUndefined();
  });
});

describe('AthenaQueryEngine.waitForQuery', () => {
  it('polls until the query has ended, sleeping between polls, and says its statement type, bytes and run time', async () => {
    // Prepare
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
      .resolves({
        QueryExecution: {
          StatementType: 'DML',
          Status: { State: 'SUCCEEDED' },
          Statistics: { DataScannedInBytes: 2048, TotalExecutionTimeInMillis: 1_840 },
        },
      });
    const sleeps: number[] = [];

    // Act
    const outcome = await engine().waitForQuery('q-1', { pollMs: 250, sleep: async (ms) => void sleeps.push(ms) });

    // Assess
    expect(outcome).toEqual({ state: 'SUCCEEDED', bytesScanned: 2048, statementType: 'DML', durationSeconds: 1.84 });
    expect(sleeps).toEqual([250, 250]);
  });

  it('gives the reason of a query that failed', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED', StateChangeReason: 'TABLE_NOT_FOUND' } } });

    // Act
    const outcome = await engine().waitForQuery('q-1', { pollMs: 0, sleep: async () => undefined });

    // Assess
    expect(outcome).toMatchObject({ state: 'FAILED', reason: 'TABLE_NOT_FOUND' });
  });
});

describe('AthenaQueryEngine.status', () => {
  it.each(['QUEUED', 'RUNNING', 'SUCCEEDED'] as const)('reports %s as it is, with no reason', async (state) => {
    // Prepare
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'q-1' }).resolves({ QueryExecution: { Status: { State: state } } });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state });
  });

  it('reports FAILED with the state change reason', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "COLUMN_NOT_FOUND: line 3:5: Column 'nme' cannot be resolved" } },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'FAILED', reason: "COLUMN_NOT_FOUND: line 3:5: Column 'nme' cannot be resolved" });
  });

  it('reports CANCELLED with the Athena error message when there is no state change reason', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'CANCELLED', AthenaError: { ErrorMessage: 'Bytes scanned limit was exceeded' } } },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'CANCELLED', reason: 'Bytes scanned limit was exceeded' });
  });

  it('always gives a reason for a failed query, even when Athena gives none', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED' } } });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'FAILED', reason: 'Athena gave no reason (FAILED)' });
  });
});

describe('AthenaQueryEngine.readResults', () => {
  const columns = [
    { Name: 'check_name', Label: 'check_name', Type: 'varchar' },
    { Name: 'violation_count', Label: 'violation_count', Type: 'bigint' },
    { Name: 'example', Label: 'example', Type: 'varchar' },
  ];
  const row = (...values: (string | undefined)[]) => ({ Data: values.map((value) => (value === undefined ? {} : { VarCharValue: value })) });

  it('returns the rows keyed by column name, without the header row a SELECT starts with', async () => {
    // Prepare
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: columns },
        Rows: [row('check_name', 'violation_count', 'example'), row('artist_id_unique', '1', 'g0m0')],
      },
    });

    // Act
    const rows = await engine().readResults('q-1');

    // Assess
    expect(rows).toEqual([{ check_name: 'artist_id_unique', violation_count: '1', example: 'g0m0' }]);
    expect(athena.commandCalls(GetQueryResultsCommand)[0]?.args[0].input).toMatchObject({ QueryExecutionId: 'q-1' });
  });

  it('reads a value Athena leaves out as null', async () => {
    // Prepare
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: { ResultSetMetadata: { ColumnInfo: columns }, Rows: [row('check_name', 'violation_count', 'example'), row('pair_unique', '0', undefined)] },
    });

    // Act
    const rows = await engine().readResults('q-1');

    // Assess
    expect(rows).toEqual([{ check_name: 'pair_unique', violation_count: '0', example: null }]);
  });

  it('follows NextToken and drops the header on the first page only', async () => {
    // Prepare
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: undefined })
      .resolves({
        ResultSet: { ResultSetMetadata: { ColumnInfo: columns }, Rows: [row('check_name', 'violation_count', 'example'), row('a', '0', 'x')] },
        NextToken: 'page-2',
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: 'page-2' })
      .resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: columns }, Rows: [row('b', '2', 'y')] } });

    // Act
    const rows = await engine().readResults('q-1');

    // Assess
    expect(rows.map((result) => result.check_name)).toEqual(['a', 'b']);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(2);
  });
});

describe('AthenaQueryEngine.status bytes scanned', () => {
  it('reports the bytes a finished query scanned, as Athena bills them', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 12_345_678 } },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'SUCCEEDED', bytesScanned: 12_345_678 });
  });

  it('reports the bytes a cancelled query scanned, which Athena also bills', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Bytes scanned limit was exceeded' }, Statistics: { DataScannedInBytes: 99 } },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'CANCELLED', reason: 'Bytes scanned limit was exceeded', bytesScanned: 99 });
  });

  it('reports no bytes while the query is still running', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'RUNNING' }, Statistics: { DataScannedInBytes: 1_000 } },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'RUNNING' });
  });
});

describe('AthenaQueryEngine.status duration', () => {
  it('reports how long a finished query ran, from its statistics', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { TotalExecutionTimeInMillis: 7_250 } },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'SUCCEEDED', durationSeconds: 7.25 });
  });

  it('takes the time from submission to completion where the statistics lack the total', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        Status: {
          State: 'FAILED',
          StateChangeReason: 'SYNTAX_ERROR',
          SubmissionDateTime: new Date('2026-11-23T01:00:00.000Z'),
          CompletionDateTime: new Date('2026-11-23T01:00:03.500Z'),
        },
      },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'FAILED', reason: 'SYNTAX_ERROR', durationSeconds: 3.5 });
  });

  it('reports no duration while the query is still running', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'RUNNING', SubmissionDateTime: new Date() }, Statistics: { TotalExecutionTimeInMillis: 1_000 } },
    });

    // Act
    const status = await engine().status('q-1');

    // Assess
    expect(status).toEqual({ state: 'RUNNING' });
  });
});
