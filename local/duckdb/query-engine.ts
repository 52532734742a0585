// The QueryEngine port on DuckDB, asynchronous like Athena: start returns an id at once, the query
// runs in the background, and status moves QUEUED -> RUNNING -> SUCCEEDED or FAILED (the reason is
// DuckDB's error message). A finished query reports the bytes Athena would have scanned (scan-estimate.ts).
import { randomUUID } from 'node:crypto';
import type { QueryEngine, QueryState } from '../../tasks/ports.js';
import { waitUntilElapsed } from './minimum-duration.js';
import { estimateBytesScanned } from './scan-estimate.js';
import type { DuckDbSession } from './session.js';

interface QueryRecord {
  state: QueryState;
  reason?: string;
  bytesScanned?: number;
}

export class DuckDbQueryEngine implements QueryEngine {
  private readonly queries = new Map<string, QueryRecord>();

  constructor(
    private readonly session: DuckDbSession,
    private readonly minimumDurationMs = 0,
  ) {}

  async start(sql: string, label: string): Promise<string> {
    const queryId = `${label.replace(/[^\w-]/g, '_')}-${randomUUID()}`;
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
        () => ({ state: 'SUCCEEDED' as const }),
        (error: Error) => ({ state: 'FAILED' as const, reason: error.message }),
      )
      .then(async (outcome) => {
        await waitUntilElapsed(startedAt, this.minimumDurationMs);
        const bytesScanned = await scanned;
        Object.assign(record, outcome, bytesScanned === undefined ? {} : { bytesScanned });
      });
    return queryId;
  }

  async status(queryId: string): Promise<{ state: QueryState; reason?: string; bytesScanned?: number }> {
    const record = this.queries.get(queryId);
    if (record === undefined) {
      return { state: 'FAILED', reason: `query ${queryId} was not started by this local engine` };
    }
    return { ...record };
  }
}
