// `query "<sql>"`: one Athena query in the stack's workgroup (which enforces the bytes-scanned cutoff),
// against the pipeline's Glue database, printed as a table, as an analyst would run it in the console.
// Only one read-only statement is sent, checked by the same rule `npm run query` applies locally; the
// analysts' IAM policy (infra/constructs/query.ts) is the lock behind it on AWS: it reads the lake and
// the Glue catalog, and writes only query results.
import { GetQueryResultsCommand, type AthenaClient, type Row } from '@aws-sdk/client-athena';
import { assertReadOnly } from '../../../local/analyst/read-only-sql.js';
import { describeRowCount, formatTable } from '../../../local/analyst/result-table.js';
import { AthenaQueryEngine } from '../../../tasks/aws/athena-query-engine.js';
import { CliError } from '../cli-errors.js';
import { formatDuration, type Write } from '../output.js';

export interface QueryOptions {
  workGroup: string;
  /** The Glue database unqualified table names resolve in; without it, qualify them (db.table). */
  database?: string;
  maxRows: number;
  pollMs: number;
  sleep: (ms: number) => Promise<void>;
  /** The terminal's width, when known: a wider table prints one record per block. */
  maxLineWidth?: number;
}

export interface QueryResult {
  columns: string[];
  /** Cells as Athena returns them (text), with NULL as null. */
  rows: (string | null)[][];
  queryId: string;
}

export async function runQuery(athena: AthenaClient, sql: string, options: QueryOptions, write: Write): Promise<QueryResult> {
  // Throws StatementRefused before anything is sent to Athena.
  const statement = assertReadOnly(sql);
  // Started and watched as the pipeline's query task starts and watches its steps.
  const engine = new AthenaQueryEngine(athena, { workGroup: options.workGroup, database: options.database });
  const queryId = await engine.start(statement, 'ops query');
  const outcome = await engine.waitForQuery(queryId, options);
  if (outcome.state !== 'SUCCEEDED') throw new CliError(`Athena query ${queryId} ${outcome.state}: ${outcome.reason}`);

  // Only a SELECT's first row repeats the column names; DDL and utility statements start with data.
  const hasHeaderRow = outcome.statementType === 'DML';
  const { columns, types, rows, more } = await readRows(athena, queryId, options.maxRows, hasHeaderRow);
  const shown = rows.map((row) => row.map((cell, column) => displayCell(cell, types[column] ?? '')));
  for (const line of formatTable({ columns, rows: shown }, { maxLineWidth: options.maxLineWidth })) write(line);
  write(
    `${describeRowCount(rows.length, more ? undefined : rows.length, '--max-rows')}` +
      ` · scanned ${formatBytes(outcome.bytesScanned ?? 0)}` +
      ` · ${formatDuration((outcome.durationSeconds ?? 0) * 1000)} · query ${queryId}`,
  );
  return { columns, rows, queryId };
}

async function readRows(
  athena: AthenaClient,
  queryId: string,
  maxRows: number,
  hasHeaderRow: boolean,
): Promise<{ columns: string[]; types: string[]; rows: (string | null)[][]; more: boolean }> {
  let columns: string[] = [];
  let types: string[] = [];
  const rows: (string | null)[][] = [];
  let skipHeader = hasHeaderRow;
  let nextToken: string | undefined;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: queryId, NextToken: nextToken, MaxResults: 1000 }));
    if (columns.length === 0) {
      const info = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      columns = info.map((column) => column.Name ?? '');
      types = info.map((column) => column.Type ?? '');
    }
    for (const row of page.ResultSet?.Rows ?? []) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      if (rows.length === maxRows) return { columns, types, rows, more: true };
      rows.push(cells(row));
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return { columns, types, rows, more: false };
}

function cells(row: Row): (string | null)[] {
  return (row.Data ?? []).map((datum) => datum.VarCharValue ?? null);
}

const NUMERIC_TYPES = new Set(['tinyint', 'smallint', 'integer', 'bigint', 'double', 'float', 'real', 'decimal']);

/** Athena's text as the shared table shows it: numbers as numbers (right-aligned), an array's items without brackets. */
function displayCell(cell: string | null, type: string): unknown {
  if (cell === null) return null;
  const base = type.toLowerCase().replace(/\(.*$/, '');
  const number = Number(cell);
  if (NUMERIC_TYPES.has(base) && cell.trim() !== '' && Math.abs(number) <= Number.MAX_SAFE_INTEGER) return number;
  if (base === 'array' && cell.startsWith('[') && cell.endsWith(']')) return cell.slice(1, -1);
  return cell;
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
