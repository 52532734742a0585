// `query "<sql>"`: one Athena query in the stack's workgroup (which enforces the bytes-scanned cutoff),
// against the pipeline's Glue database, printed as a table, as an analyst would run it in the console.
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
  type Row,
} from '@aws-sdk/client-athena';
import { CliError } from '../cli-errors.js';
import { formatDuration, formatTable, type Write } from '../output.js';

export interface QueryOptions {
  workGroup: string;
  /** The Glue database unqualified table names resolve in; without it, qualify them (db.table). */
  database?: string;
  maxRows: number;
  pollMs: number;
  sleep: (ms: number) => Promise<void>;
}

export interface QueryResult {
  columns: string[];
  rows: string[][];
  queryId: string;
}

export async function runQuery(athena: AthenaClient, sql: string, options: QueryOptions, write: Write): Promise<QueryResult> {
  const { QueryExecutionId: queryId } = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: options.workGroup,
      QueryExecutionContext: options.database === undefined ? undefined : { Database: options.database },
    }),
  );
  if (queryId === undefined) throw new Error('Athena returned no QueryExecutionId');
  const execution = await waitForQuery(athena, queryId, options);
  const state = execution.Status?.State;
  if (state !== 'SUCCEEDED') {
    const reason = execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
    throw new CliError(`Athena query ${queryId} ${state ?? 'ended'}: ${reason}`);
  }

  // Only a SELECT's first row repeats the column names; DDL and utility statements start with data.
  const hasHeaderRow = execution.StatementType === 'DML';
  const { columns, rows, more } = await readRows(athena, queryId, options.maxRows, hasHeaderRow);
  for (const line of formatTable([columns, ...rows])) write(line);
  const statistics = execution.Statistics;
  write(
    `${rows.length}${more ? '+' : ''} row${rows.length === 1 ? '' : 's'}${more ? ` (showing the first ${options.maxRows})` : ''}` +
      ` · scanned ${formatBytes(statistics?.DataScannedInBytes ?? 0)}` +
      ` · ${formatDuration(statistics?.TotalExecutionTimeInMillis ?? 0)} · query ${queryId}`,
  );
  return { columns, rows, queryId };
}

async function waitForQuery(athena: AthenaClient, queryId: string, options: QueryOptions): Promise<QueryExecution> {
  for (;;) {
    const { QueryExecution: execution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }));
    const state = execution?.Status?.State;
    if (execution !== undefined && (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED')) return execution;
    await options.sleep(options.pollMs);
  }
}

async function readRows(
  athena: AthenaClient,
  queryId: string,
  maxRows: number,
  hasHeaderRow: boolean,
): Promise<{ columns: string[]; rows: string[][]; more: boolean }> {
  let columns: string[] = [];
  const rows: string[][] = [];
  let skipHeader = hasHeaderRow;
  let nextToken: string | undefined;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: queryId, NextToken: nextToken, MaxResults: 1000 }));
    if (columns.length === 0) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Name ?? '');
    for (const row of page.ResultSet?.Rows ?? []) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      if (rows.length === maxRows) return { columns, rows, more: true };
      rows.push(cells(row));
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return { columns, rows, more: false };
}

function cells(row: Row): string[] {
  return (row.Data ?? []).map((datum) => datum.VarCharValue ?? 'NULL');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
