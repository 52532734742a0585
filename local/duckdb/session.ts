// The local engine's single DuckDB connection and what runs on it: Athena SQL (through the dialect
// layer) and catalog registration, one at a time. Curated tables are re-registered before each
// statement with the dates their projection generates at that moment, as Athena evaluates it.
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CURATED_DT_PROJECTION, RAW_TABLES, type DateProjection } from '../../tasks/lake/tables.js';
import type { Clock } from '../../tasks/ports.js';
import { folderEntries } from '../folder-entries.js';
import { temporaryPathOf } from '../folder-object-store.js';
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
      // An UNLOAD writes a temporary file of the lake's kind and renames it into place: a COPY cut off
      // part-way (a killed process) would otherwise leave a truncated file every later read fails on.
      const statement = toDuckDb(athenaSql, { writeTo: temporaryPathOf });
      await registerCuratedTables(this.connection, this.lakeRoot, this.projectedNow());
      const { outputFile, writtenFile } = statement;
      if (outputFile === undefined || writtenFile === undefined) {
        return plainRows((await this.connection.runAndReadAll(statement.sql)).getRowObjectsJS());
      }
      await prepareOutputFolder(dirname(outputFile));
      try {
        const reader = await this.connection.runAndReadAll(statement.sql);
        await rename(writtenFile, outputFile);
        return plainRows(reader.getRowObjectsJS());
      } finally {
        await rm(writtenFile, { force: true });
      }
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
