import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  InvalidRequestException,
  StartQueryExecutionCommand,
  type Row,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../infra/cli/cli-errors.js';
import { runQuery } from '../../infra/cli/commands/query.js';
import { StatementRefused } from '../../local/analyst/read-only-sql.js';
import { captureOutput, noSleep } from './capture.js';

const athena = mockClient(AthenaClient);
const client = () => new AthenaClient({ region: 'eu-west-1' });
const SQL = "select dt, count(*) as artists from artists where dt >= '2026-11-22' group by dt order by dt";
const options = { workGroup: 'sixpotify-dev-analysts', database: 'sixpotify_dev', maxRows: 100, pollMs: 0, sleep: noSleep };
const row = (...values: (string | undefined)[]): Row => ({ Data: values.map((value) => (value === undefined ? {} : { VarCharValue: value })) });
const columns = (...names: string[]) => ({ ColumnInfo: names.map((name) => ({ Name: name, Type: 'varchar' })) });

function succeedsWith(statementType: 'DML' | 'UTILITY', rows: Row[], columnNames: string[], types?: string[]) {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
  athena
    .on(GetQueryExecutionCommand)
    .resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } })
    .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
    .resolves({
      QueryExecution: {
        StatementType: statementType,
        Status: { State: 'SUCCEEDED' },
        Statistics: { DataScannedInBytes: 3 * 1024 * 1024, TotalExecutionTimeInMillis: 1_840 },
      },
    });
  const metadata = types === undefined ? columns(...columnNames) : { ColumnInfo: columnNames.map((name, index) => ({ Name: name, Type: types[index] })) };
  athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: metadata, Rows: rows } });
}

afterEach(() => {
  athena.reset();
});

describe('runQuery', () => {
  it('runs the SQL in the workgroup against the Glue database', async () => {
    // Prepare
    succeedsWith('DML', [row('dt', 'artists')], ['dt', 'artists']);

    // Act
    await runQuery(client(), SQL, options, captureOutput().write);

    // Assess
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input).toEqual({
      QueryString: SQL,
      WorkGroup: 'sixpotify-dev-analysts',
      QueryExecutionContext: { Database: 'sixpotify_dev' },
    });
  });

  it('waits for the query and prints its rows as a table with what it scanned', async () => {
    // Prepare
    succeedsWith('DML', [row('dt', 'artists'), row('2026-11-22', '300'), row('2026-11-23', undefined)], ['dt', 'artists']);
    const output = captureOutput();

    // Act
    await runQuery(client(), SQL, options, output.write);

    // Assess
    expect(output.lines).toEqual([
      'dt          artists',
      '----------  -------',
      '2026-11-22  300',
      '2026-11-23  NULL',
      '2 rows · scanned 3.0 MB · 1.8s · query q-1',
    ]);
  });

  it("prints an array's items without brackets and numbers right-aligned, as npm run query does", async () => {
    // Prepare
    succeedsWith('DML', [row('neighbour', 'score', 'signals'), row('Midnight Parade', '0.5', '[collaboration, genre]')], ['neighbour', 'score', 'signals'], ['varchar', 'double', 'array']);
    const output = captureOutput();

    // Act
    await runQuery(client(), 'select neighbour, score, signals from artist_similarity', options, output.write);

    // Assess
    expect(output.lines.slice(0, 3)).toEqual([
      'neighbour        score  signals',
      '---------------  -----  --------------------',
      'Midnight Parade    0.5  collaboration, genre',
    ]);
  });

  it.each([
    ['a write', "copy (select 1 as x) to 's3://lake/curated/' (format parquet)"],
    ['a second statement', "select 1; insert into artists select * from artists"],
    ['a table created from a query', 'create table t as select 1 as x'],
  ])('refuses %s without sending anything to Athena', async (_case, sql) => {
    // Act
    const running = runQuery(client(), sql, options, captureOutput().write);

    // Assess
    await expect(running).rejects.toThrow(StatementRefused);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it('keeps the first row of a statement that is not a SELECT, which has no header row', async () => {
    // Prepare
    succeedsWith('UTILITY', [row('artists'), row('raw_artists')], ['tab_name']);

    // Act
    const result = await runQuery(client(), 'show tables', options, captureOutput().write);

    // Assess
    expect(result.rows).toEqual([['artists'], ['raw_artists']]);
  });

  it('shows at most --max-rows rows and says there are more', async () => {
    // Prepare
    succeedsWith('DML', [row('n'), row('1'), row('2'), row('3')], ['n']);
    const output = captureOutput();

    // Act
    const result = await runQuery(client(), 'select n from numbers', { ...options, maxRows: 2 }, output.write);

    // Assess
    expect(result.rows).toEqual([['1'], ['2']]);
    expect(output.lines.at(-1)).toBe('2 rows shown; there are more: use --max-rows N to see them · scanned 3.0 MB · 1.8s · query q-1');
  });

  it('reads the following pages of a long result', async () => {
    // Prepare
    succeedsWith('DML', [], ['n']);
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce({ ResultSet: { ResultSetMetadata: columns('n'), Rows: [row('n'), row('1')] }, NextToken: 'page-2' })
      .resolves({ ResultSet: { ResultSetMetadata: columns('n'), Rows: [row('2')] } });

    // Act
    const result = await runQuery(client(), 'select n from numbers', options, captureOutput().write);

    // Assess
    expect(result.rows).toEqual([['1'], ['2']]);
  });

  it("fails with Athena's reason when the query fails", async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-2' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.sixpotify_dev.artsts' does not exist" } },
    });

    // Act
    const running = runQuery(client(), 'select * from artsts', options, captureOutput().write);

    // Assess
    await expect(running).rejects.toThrow(CliError);
    await expect(running).rejects.toThrow("Athena query q-2 FAILED: TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.sixpotify_dev.artsts' does not exist");
  });

  it('says Athena refused the statement, in which workgroup and why, when it will not start it', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).rejects(new InvalidRequestException({ message: 'Queries of this type are not supported', $metadata: {} }));

    // Act
    const running = runQuery(client(), 'select 1', options, captureOutput().write);

    // Assess
    await expect(running).rejects.toMatchObject({
      name: 'QueryStartFailed',
      message: "Athena refused 'ops query' in workgroup 'sixpotify-dev-analysts': Queries of this type are not supported",
    });
  });

  it('runs without a default database when none is known, for fully qualified table names', async () => {
    // Prepare
    succeedsWith('DML', [row('n')], ['n']);

    // Act
    await runQuery(client(), 'select 1 as n', { ...options, database: undefined }, captureOutput().write);

    // Assess
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input.QueryExecutionContext).toBeUndefined();
  });
});
