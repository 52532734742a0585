// The local crawler and query engine: DuckDB in memory over the folder lake. Opening registers the
// tables that exist now, so `npm run query` in a new process sees what the last run crawled.
import { resolve } from 'node:path';
import type { DateProjection } from '../../tasks/lake/tables.js';
import type { Clock, Crawler, QueryEngine } from '../../tasks/ports.js';
import { DuckDbCrawler } from './crawler.js';
import { createDuckDb } from './database.js';
import { DuckDbQueryEngine } from './query-engine.js';
import { DuckDbSession } from './session.js';

export interface LocalEngines {
  crawler: Crawler;
  queryEngine: QueryEngine;
  /** Runs one statement (Athena SQL, through the dialect layer) and returns its rows; throws DuckDB's error. */
  run(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface LocalEnginesOptions {
  /** Absolute folder of the lake: key K is at path.join(lakeRoot, K). */
  lakeRoot: string;
  /**
   * The least time a crawl or query reports a non-final state (default 0), so the Wait/poll loops
   * see RUNNING even when DuckDB finishes in a millisecond.
   */
  pollDelayMs?: number;
  /** The clock partition projection is evaluated against (default: the wall clock, as Athena's). */
  clock?: Clock;
  /** The curated tables' projection on dt; tests pass another range to show what it would hide. */
  projection?: DateProjection;
  /** DuckDB's worker threads (default: one per core); a small sample needs one (threadsForSample). */
  threads?: number;
  /** A file where the crawler keeps how long its last crawl ran, across processes (none: in memory only). */
  crawlHistoryPath?: string;
}

export async function openLocalEngines(options: LocalEnginesOptions): Promise<LocalEngines> {
  const database = await createDuckDb({ threads: options.threads });
  const connection = await database.instance.connect();
  const session = new DuckDbSession(connection, resolve(options.lakeRoot), {
    clock: options.clock,
    projection: options.projection,
  });
  await session.registerCatalog();
  const minimumDurationMs = options.pollDelayMs ?? 0;
  return {
    crawler: new DuckDbCrawler(session, minimumDurationMs, options.crawlHistoryPath),
    queryEngine: new DuckDbQueryEngine(session, minimumDurationMs),
    run: (sql) => session.run(sql),
    close: async () => {
      await session.drain();
      connection.closeSync();
      database.close();
    },
  };
}
