// One in-memory DuckDB per local runtime. The lake on disk is the data; DuckDB holds only the
// catalog (views), so a new process (`npm run query`) rebuilds the same catalog from the same folders.
import { DuckDBInstance } from '@duckdb/node-api';

export interface DuckDbOptions {
  /** Worker threads (default: DuckDB's own, one per core). */
  threads?: number;
}

export async function createDuckDb(options: DuckDbOptions = {}): Promise<DuckDBInstance> {
  return DuckDBInstance.create(':memory:', {
    // json and parquet are built in; DuckDB must never reach for the network to fetch an extension.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
  });
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
