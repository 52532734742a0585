// The local engine's single DuckDB connection and what runs on it: Athena SQL (through the dialect
// layer) and catalog registration, one at a time. Curated tables are re-registered before each
// statement with the dates their projection generates at that moment, as Athena evaluates it.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CURATED_DT_PROJECTION, RAW_TABLES, type DateProjection } from '../../tasks/lake/tables.js';
import type { Clock } from '../../tasks/ports.js';
import { folderEntries } from '../folder-entries.js';
import { registerCatalog, registerCuratedTables } from './catalog.js';
import { toDuckDb } from './dialect.js';
import { projectedDates, type ProjectedDates } from './projection.js';
import { plainRows } from './rows.js';
import { SerialQueue } from './serial-queue.js';

export interface DuckDbSessionOptions {
  /** When "now" is for the curated tables' projection (default: the wall clock). */
  clock?: Clock;
  /** The curated tables' projection on dt (default: the one tasks/lake/tables.ts declares for Athena). */
  projection?: DateProjection;
}

export class DuckDbSession {
  private readonly queue = new SerialQueue();
  private readonly clock: Clock;
  private readonly projection: DateProjection;

  constructor(
    private readonly connection: DuckDBConnection,
    readonly lakeRoot: string,
    options: DuckDbSessionOptions = {},
  ) {
    this.clock = options.clock ?? { now: () => new Date() };
    this.projection = options.projection ?? CURATED_DT_PROJECTION;
  }

  /**
   * Runs one Athena statement on DuckDB and returns its rows (an UNLOAD returns its row count).
   * `onStart` is called when the statement's turn comes.
   */
  run(athenaSql: string, onStart?: () => void): Promise<Record<string, unknown>[]> {
    return this.queue.enqueue(async () => {
      onStart?.();
      const statement = toDuckDb(athenaSql);
      await registerCuratedTables(this.connection, this.lakeRoot, this.projectedNow());
      if (statement.outputFile !== undefined) await prepareOutputFolder(dirname(statement.outputFile));
      const reader = await this.connection.runAndReadAll(statement.sql);
      return plainRows(reader.getRowObjectsJS());
    });
  }

  /** What the crawler does: (re)register every table, then read a row of each raw table so a broken file fails the crawl. */
  crawl(): Promise<void> {
    return this.queue.enqueue(async () => {
      await registerCatalog(this.connection, this.lakeRoot, this.projectedNow());
      for (const table of RAW_TABLES) {
        await this.connection.run(`select * from "${table.name}" limit 1`);
      }
    });
  }

  registerCatalog(): Promise<void> {
    return this.queue.enqueue(() => registerCatalog(this.connection, this.lakeRoot, this.projectedNow()));
  }

  /** Athena evaluates NOW in a projection range when the query runs: so does the local catalog. */
  private projectedNow(): ProjectedDates {
    return projectedDates(this.projection, this.clock.now());
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }
}

/** Athena's UNLOAD refuses a location that already holds objects; the local engine does the same, so a step that forgot to clear its prefix fails here too. */
async function prepareOutputFolder(folder: string): Promise<void> {
  const existing = await folderEntries(folder);
  if (existing.length > 0) {
    throw new Error(
      `HIVE_PATH_ALREADY_EXISTS: UNLOAD target ${folder} is not empty (${existing.length} object(s)); delete the prefix before unloading`,
    );
  }
  await mkdir(folder, { recursive: true });
}
