// The local engine's single DuckDB connection and what runs on it: Athena SQL (through the dialect
// layer) and catalog registration, one at a time.
import { mkdir, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RAW_TABLES } from '../../tasks/lake/tables.js';
import { registerCatalog, registerCuratedTables } from './catalog.js';
import { toDuckDb } from './dialect.js';
import { plainRows } from './rows.js';
import { SerialQueue } from './serial-queue.js';

export class DuckDbSession {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly connection: DuckDBConnection,
    readonly lakeRoot: string,
  ) {}

  /**
   * Runs one Athena statement on DuckDB and returns its rows (an UNLOAD returns its row count).
   * `onStart` is called when the statement's turn comes.
   */
  run(athenaSql: string, onStart?: () => void): Promise<Record<string, unknown>[]> {
    return this.queue.enqueue(async () => {
      onStart?.();
      const statement = toDuckDb(athenaSql);
      await registerCuratedTables(this.connection, this.lakeRoot);
      if (statement.outputFile !== undefined) await prepareOutputFolder(dirname(statement.outputFile));
      const reader = await this.connection.runAndReadAll(statement.sql);
      return plainRows(reader.getRowObjectsJS());
    });
  }

  /** What the crawler does: (re)register every table, then read a row of each raw table so a broken file fails the crawl. */
  crawl(): Promise<void> {
    return this.queue.enqueue(async () => {
      await registerCatalog(this.connection, this.lakeRoot);
      for (const table of RAW_TABLES) {
        await this.connection.run(`select * from "${table.name}" limit 1`);
      }
    });
  }

  registerCatalog(): Promise<void> {
    return this.queue.enqueue(() => registerCatalog(this.connection, this.lakeRoot));
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }
}

/** Athena's UNLOAD refuses a location that already holds objects; the local engine does the same, so a step that forgot to clear its prefix fails here too. */
async function prepareOutputFolder(folder: string): Promise<void> {
  const existing = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0) {
    throw new Error(
      `HIVE_PATH_ALREADY_EXISTS: UNLOAD target ${folder} is not empty (${existing.length} object(s)); delete the prefix before unloading`,
    );
  }
  await mkdir(folder, { recursive: true });
}
