// SQL steps on AWS: the QueryEngine port over Athena, in one workgroup (which enforces the results
// location, encryption and the bytes-scanned cutoff) with the Glue database as the default schema.
// The one place that starts an Athena query and reads its state: the query task through the port
// (the state machine owns the poll loop), the operators' `query` command (infra/cli) through
// waitForQuery, which polls in-process.
import { createHash } from 'node:crypto';
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
  type Row,
} from '@aws-sdk/client-athena';
import { QueryEngineBusy, QueryStartFailed } from '../errors.js';
import type { QueryEngine, QueryResultRow, QueryState, QueryStatus } from '../ports.js';
import { isAwsError } from './aws-error.js';

export interface AthenaQueryEngineOptions {
  workGroup: string;
  /** The Glue database unqualified table names resolve in; without it, qualify them (db.table). */
  database?: string;
}

/** A query's status with what a person who runs it wants to see besides. */
export interface AthenaQueryOutcome extends QueryStatus {
  /** DML for a SELECT (whose first result row repeats the column labels), DDL or UTILITY otherwise. */
  statementType?: string;
}

export class AthenaQueryEngine implements QueryEngine {
  constructor(
    private readonly client: AthenaClient,
    private readonly options: AthenaQueryEngineOptions,
  ) {}

  /**
   * Starts `sql` and returns the QueryExecutionId.
   *
   * Idempotency: without `requestToken` the SDK generates a ClientRequestToken per call, so its own
   * retries of a lost response never start the query twice, but a retried Lambda invocation does.
   * A caller that passes a token stable across those retries (the execution name and the state's entry
   * time, say) gets the first query's id back instead of a second UNLOAD into the same prefix. The token
   * is hashed with the SQL, so different SQL under a reused token starts a new query instead of failing.
   */
  async start(sql: string, label: string, requestToken?: string): Promise<string> {
    try {
      const response = await this.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: this.options.workGroup,
          QueryExecutionContext: this.options.database === undefined ? undefined : { Database: this.options.database },
          ClientRequestToken: requestToken === undefined ? undefined : clientRequestToken(requestToken, label, sql),
        }),
      );
      if (response.QueryExecutionId === undefined) {
        throw new QueryStartFailed(`Athena returned no QueryExecutionId for '${label}'`);
      }
      return response.QueryExecutionId;
    } catch (error) {
      // Too many concurrent queries in the account: the state machine waits and starts it again.
      if (isAwsError(error, 'TooManyRequestsException')) {
        throw new QueryEngineBusy(`Athena is busy, '${label}' was not started: ${error.message}`, { cause: error });
      }
      if (isAwsError(error, 'InvalidRequestException')) {
        throw new QueryStartFailed(`Athena refused '${label}' in workgroup '${this.options.workGroup}': ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async status(queryId: string): Promise<QueryStatus> {
    return statusOf(await this.execution(queryId));
  }

  /** Polls until the query has ended, `pollMs` apart: for a caller that waits in-process, not the state machine. */
  async waitForQuery(queryId: string, poll: { pollMs: number; sleep: (ms: number) => Promise<void> }): Promise<AthenaQueryOutcome> {
    for (;;) {
      const execution = await this.execution(queryId);
      const status = statusOf(execution);
      if (status.state !== 'QUEUED' && status.state !== 'RUNNING') {
        return { ...status, statementType: execution?.StatementType };
      }
      await poll.sleep(poll.pollMs);
    }
  }

  private async execution(queryId: string): Promise<QueryExecution | undefined> {
    const { QueryExecution: execution } = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }));
    return execution;
  }

  /**
   * Reads a SUCCEEDED query's rows with GetQueryResults, page by page. Athena returns every value as
   * text (VarCharValue, absent for null). For a SELECT, though the API reference does not say so, the
   * first row of the first page holds the column labels (uber/athenadriver, resources/UndocumentedAthena.md,
   * "When the Row resultset contains Header"): it is dropped when it equals them, so a DDL or utility
   * statement, whose first row is data, keeps it.
   */
  async readResults(queryId: string): Promise<QueryResultRow[]> {
    const rows: QueryResultRow[] = [];
    let nextToken: string | undefined;
    let firstPage = true;
    do {
      const page = await this.client.send(
        new GetQueryResultsCommand({ QueryExecutionId: queryId, MaxResults: RESULTS_PAGE_SIZE, NextToken: nextToken }),
      );
      const columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Name ?? '');
      const labels = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Label ?? column.Name ?? '');
      let pageRows = page.ResultSet?.Rows ?? [];
      if (firstPage && pageRows.length > 0 && isHeader(pageRows[0] as Row, labels)) pageRows = pageRows.slice(1);
      for (const row of pageRows) {
        rows.push(Object.fromEntries(columns.map((column, index) => [column, row.Data?.[index]?.VarCharValue ?? null])));
      }
      nextToken = page.NextToken;
      firstPage = false;
    } while (nextToken !== undefined);
    return rows;
  }
}

function statusOf(execution: QueryExecution | undefined): QueryStatus {
  const status = execution?.Status;
  // The API model marks State optional; an execution without one has not started yet.
  const state: QueryState = status?.State ?? 'QUEUED';
  if (state === 'QUEUED' || state === 'RUNNING') return { state };
  // What Athena bills the query for (before its 10 MB minimum), and how long it ran, once it is over.
  const scanned = execution?.Statistics?.DataScannedInBytes;
  const duration = durationSeconds(execution);
  const over = {
    ...(scanned === undefined ? {} : { bytesScanned: scanned }),
    ...(duration === undefined ? {} : { durationSeconds: duration }),
  };
  if (state !== 'FAILED' && state !== 'CANCELLED') return { state, ...over };
  const reason = status?.StateChangeReason ?? status?.AthenaError?.ErrorMessage ?? `Athena gave no reason (${state})`;
  return { state, reason, ...over };
}

/**
 * TotalExecutionTimeInMillis ("the number of milliseconds that Athena took to run the query", queue,
 * planning, execution and publishing included: Athena API reference, QueryExecutionStatistics), or the
 * time from submission to completion where the statistics lack it.
 */
function durationSeconds(execution: QueryExecution | undefined): number | undefined {
  const total = execution?.Statistics?.TotalExecutionTimeInMillis;
  if (total !== undefined) return total / 1000;
  const { SubmissionDateTime: submitted, CompletionDateTime: completed } = execution?.Status ?? {};
  return submitted === undefined || completed === undefined ? undefined : (completed.getTime() - submitted.getTime()) / 1000;
}

/** GetQueryResults returns at most 1,000 rows per call. */
const RESULTS_PAGE_SIZE = 1000;

function isHeader(row: Row, labels: string[]): boolean {
  const values = (row.Data ?? []).map((datum) => datum.VarCharValue ?? null);
  return values.length === labels.length && values.every((value, index) => value === labels[index]);
}

/** Athena accepts 32-128 characters; a SHA-256 hex digest is 64. */
function clientRequestToken(requestToken: string, label: string, sql: string): string {
  return createHash('sha256').update(`${requestToken}\n${label}\n${sql}`).digest('hex');
}
