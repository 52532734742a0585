// The QueryEngine port on DuckDB, asynchronous like Athena: start returns an id at once, the query
// runs in the background, and status moves QUEUED -> RUNNING -> SUCCEEDED or FAILED (the reason is
// DuckDB's error message). A finished query reports the bytes Athena would have scanned
// (scan-estimate.ts) and how long it took from its start, queueing included, as Athena's
// TotalExecutionTimeInMillis does. A succeeded query's rows are kept for readResults, as text like Athena's.
// A start with a request token already used for the same SQL returns the first start's id and runs
// nothing, as Athena does with a ClientRequestToken (the AWS adapter folds the label and SQL into the
// token it sends, so the same token with other SQL is a new query on both engines).
import { randomUUID } from 'node:crypto';
import type { QueryEngine, QueryResultRow, QueryState, QueryStatus } from '../../tasks/ports.js';
import { waitUntilElapsed } from './minimum-duration.js';
import { estimateBytesScanned } from './scan-estimate.js';
import type { DuckDbSession } from './session.js';

interface QueryRecord {
  state: QueryState;
  reason?: string;
  rows?: QueryResultRow[];
  bytesScanned?: number;
  durationSeconds?: number;
}

export class DuckDbQueryEngine implements QueryEngine {
  private readonly queries = new Map<string, QueryRecord>();
  private readonly byRequest = new Map<string, string>();

  constructor(
    private readonly session: DuckDbSession,
    private readonly minimumDurationMs = 0,
  ) {}

  async start(sql: string, label: string, requestToken?: string): Promise<string> {
    const request = requestToken === undefined ? undefined : `${requestToken}\n${label}\n${sql}`;
    const started = request === undefined ? undefined : this.byRequest.get(request);
    if (started !== undefined) return started;
    const queryId = `${label.replace(/[^\w-]/g, '_')}-${randomUUID()}`;
    if (request !== undefined) this.byRequest.set(request, queryId);
    const record: QueryRecord = { state: 'QUEUED' };
    this.queries.set(queryId, record);
    const startedAt = Date.now();
    const running = () => {
      record.state = 'RUNNING';
    };
    // Measured before the query runs, from its inputs: a cost estimate never fails a query.
    const scanned = estimateBytesScanned(sql, this.session.lakeRoot).catch(() => undefined);
    void this.session
      .run(sql, running)
      .then(
        (rows) => ({ state: 'SUCCEEDED' as const, rows: rows.map(asText) }),
        (error: Error) => ({ state: 'FAILED' as const, reason: error.message }),
      )
      .then(async (outcome) => {
        await waitUntilElapsed(startedAt, this.minimumDurationMs);
        const bytesScanned = await scanned;
        const durationSeconds = (Date.now() - startedAt) / 1000;
        Object.assign(record, outcome, { durationSeconds }, bytesScanned === undefined ? {} : { bytesScanned });
      });
    return queryId;
  }

  async status(queryId: string): Promise<QueryStatus> {
    const record = this.queries.get(queryId);
    if (record === undefined) {
      return { state: 'FAILED', reason: `query ${queryId} was not started by this local engine` };
    }
    return {
      state: record.state,
      ...(record.reason === undefined ? {} : { reason: record.reason }),
      ...(record.bytesScanned === undefined ? {} : { bytesScanned: record.bytesScanned }),
      ...(record.durationSeconds === undefined ? {} : { durationSeconds: record.durationSeconds }),
    };
  }

  async readResults(queryId: string): Promise<QueryResultRow[]> {
    const record = this.queries.get(queryId);
    // Athena's GetQueryResults answers InvalidRequestException for a query that has not succeeded.
    if (record?.rows === undefined) {
      throw new Error(
        `InvalidRequestException: query ${queryId} has no results (state ${record?.state ?? 'unknown to this local engine'})`,
      );
    }
    return record.rows;
  }
}

/** Athena hands every value back as text (VarCharValue) or null: so does the local engine. */
function asText(row: Record<string, unknown>): QueryResultRow {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : String(value),
    ]),
  );
}
