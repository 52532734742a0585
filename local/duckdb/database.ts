// One in-memory DuckDB per local runtime. The lake on disk is the data; DuckDB holds only the
// catalog (views), so a new process (`npm run query`) rebuilds the same catalog from the same folders.
//
// Memory: DuckDB's default limit is 80% of the machine's RAM, and the similarity step at 50,000
// artists took 5 GB with it. A laptop running the pipeline next to everything else should not, and
// Athena has no such knob to mirror, so the local engine gets a limit of its own and spills its joins,
// aggregates and sorts to a temporary folder beyond it (duckdb.org/docs/current/guides/performance/
// how_to_tune_workloads: "Larger-Than-Memory Workloads"). Aggregates with an ORDER BY inside cannot
// spill (…/guides/troubleshooting/oom_errors), which is why the SQL sorts lists after aggregating.
// 1.5 GB: at 50,000 artists the similarity step then peaks at 1.75-1.9 GB of process memory; at 1 GB
// one run in four failed on an allocation DuckDB could not spill.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isAlive } from '../lock-file.js';

/** The local engine's memory limit unless SIXPOTIFY_DUCKDB_MEMORY_LIMIT says otherwise (DuckDB's syntax: '1GB', '800MB'). */
export const DEFAULT_DUCKDB_MEMORY_LIMIT = '1.5GB';
export const DUCKDB_MEMORY_LIMIT_VARIABLE = 'SIXPOTIFY_DUCKDB_MEMORY_LIMIT';

/** Each spill folder is `<tmp>/sixpotify-duckdb-<pid>-<random>`: the pid says whether its owner still runs. */
const SPILL_PREFIX = 'sixpotify-duckdb-';
const SPILL_FOLDER = new RegExp(`^${SPILL_PREFIX}(\\d+)-`);

export interface DuckDbOptions {
  /** Worker threads (default: DuckDB's own, one per core). */
  threads?: number;
  /** DuckDB's memory_limit (default: SIXPOTIFY_DUCKDB_MEMORY_LIMIT, else DEFAULT_DUCKDB_MEMORY_LIMIT). */
  memoryLimit?: string;
}

export interface LocalDuckDb {
  instance: DuckDBInstance;
  /** Closes the database and removes its spill folder. */
  close(): void;
}

export async function createDuckDb(options: DuckDbOptions = {}): Promise<LocalDuckDb> {
  // A folder per process: two local runs never share spill files, and closing removes it (DuckDB's
  // default for an in-memory database is `.tmp` in the working directory).
  const memoryLimit = options.memoryLimit ?? memoryLimitFromEnv();
  removeSpillFoldersOfEndedProcesses();
  const spillFolder = mkdtempSync(join(tmpdir(), `${SPILL_PREFIX}${process.pid}-`));
  const instance = await DuckDBInstance.create(':memory:', {
    // json and parquet are built in; DuckDB must never reach for the network to fetch an extension.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    memory_limit: memoryLimit,
    temp_directory: spillFolder,
    ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
  });
  return {
    instance,
    close: () => {
      instance.closeSync();
      rmSync(spillFolder, { recursive: true, force: true });
    },
  };
}

/** A process killed mid-query never closes its database: its spill folder goes when the next one opens. */
function removeSpillFoldersOfEndedProcesses(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(SPILL_FOLDER.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function memoryLimitFromEnv(): string {
  const value = process.env[DUCKDB_MEMORY_LIMIT_VARIABLE]?.trim();
  if (value === undefined || value === '') return DEFAULT_DUCKDB_MEMORY_LIMIT;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) {
    throw new Error(`${DUCKDB_MEMORY_LIMIT_VARIABLE} must be a size such as 1GB or 800MB, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * DuckDB splits a scan among its threads by row groups of 122,880 rows (and by file); below that every
 * pipeline runs on one thread anyway, and the other threads only cost CPU in waking up and handing work
 * around: a local run of the default sample took about 7% less CPU on one thread, the SQL tests about
 * 10% less (on a 2-core machine). The tables of a sample up to this many artists stay under one row group.
 */
export const ONE_THREAD_UP_TO_ARTISTS = 1_000;

/** DuckDB's threads for a sample of this many artists: one for a small sample, DuckDB's default otherwise. */
export function threadsForSample(artists: number): number | undefined {
  return artists <= ONE_THREAD_UP_TO_ARTISTS ? 1 : undefined;
}
