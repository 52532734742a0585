// One in-memory DuckDB per local runtime. The lake on disk is the data; DuckDB holds only the
// catalog (views), so a new process (`npm run query`) rebuilds the same catalog from the same folders.
import { DuckDBInstance } from '@duckdb/node-api';

export async function createDuckDb(): Promise<DuckDBInstance> {
  return DuckDBInstance.create(':memory:', {
    // json and parquet are built in; DuckDB must never reach for the network to fetch an extension.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
}
