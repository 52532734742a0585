// The local Glue Data Catalog: one DuckDB view per table of tasks/lake/tables.ts over the folder lake,
// with `dt` read from the hive-style `dt=YYYY-MM-DD/` folders as VARCHAR (a string partition, as on
// AWS) and every declared column pinned to its declared type. A table with no files yet is still a
// view, typed and empty, so SQL that reads it binds and returns no rows, as Athena does. Curated
// tables show only the dt values their partition projection generates (local/duckdb/projection.ts).
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CURATED_TABLES, PARTITION_COLUMN, RAW_TABLES, type TableDefinition } from '../../tasks/lake/tables.js';
import { folderEntries } from '../folder-entries.js';
import { projectionPredicate, type ProjectedDates } from './projection.js';
import { literal } from './sql-text.js';
import { duckDbType } from './types.js';

/** Registers (or refreshes) every raw and curated table. Idempotent: views are created or replaced. */
export async function registerCatalog(connection: DuckDBConnection, lakeRoot: string, projected: ProjectedDates): Promise<void> {
  await registerTables(connection, lakeRoot, RAW_TABLES);
  await registerTables(connection, lakeRoot, CURATED_TABLES, { projected });
}

/**
 * Curated tables are declared with partition projection on AWS, so they always show what is in the
 * lake within the projected dates; the query engine calls this before each query, with the dates
 * projected at that moment, to get the same behaviour locally. A table whose files cannot be read
 * keeps its view, so only a query that reads it fails (with DuckDB's error about the file), as on Athena.
 */
export async function registerCuratedTables(
  connection: DuckDBConnection,
  lakeRoot: string,
  projected: ProjectedDates,
): Promise<void> {
  await registerTables(connection, lakeRoot, CURATED_TABLES, { projected, onError: () => {} });
}

export async function registerTables(
  connection: DuckDBConnection,
  lakeRoot: string,
  tables: readonly TableDefinition[],
  options: { projected?: ProjectedDates; onError?: (error: unknown) => void } = {},
): Promise<void> {
  for (const table of tables) {
    try {
      const hasFiles = await hasPartitionFiles(lakeRoot, table);
      await connection.run(
        `create or replace view ${identifier(table.name)} as ${viewQuery(table, lakeRoot, hasFiles, options.projected)}`,
      );
    } catch (error) {
      if (options.onError === undefined) throw error;
      options.onError(error);
    }
  }
}

/** The view over a table's files; with `projected`, only the projected dt values are visible. */
export function viewQuery(table: TableDefinition, lakeRoot: string, hasFiles: boolean, projected?: ProjectedDates): string {
  const partition = identifier(PARTITION_COLUMN.name);
  if (!hasFiles) {
    const columns = [...table.columns, PARTITION_COLUMN].map(
      (column) => `cast(null as ${duckDbType(column.type)}) as ${identifier(column.name)}`,
    );
    return `select ${columns.join(', ')} where false`;
  }
  const glob = literal(join(lakeRoot, table.prefix, `${PARTITION_COLUMN.name}=*`, `*${fileSuffix(table)}`));
  const hive = `hive_partitioning = true, hive_types = {${literal(PARTITION_COLUMN.name)}: 'VARCHAR'}`;
  // Curated tables of either format are projected on dt (a task's JSON table as much as UNLOAD's Parquet).
  const visible = projected === undefined ? '' : ` where ${projectionPredicate(partition, projected)}`;
  if (table.format === 'json') {
    const columns = table.columns.map((column) => `${literal(column.name)}: ${literal(duckDbType(column.type))}`);
    const names = [...table.columns, PARTITION_COLUMN].map((column) => identifier(column.name));
    return (
      `select ${names.join(', ')} from read_json(${glob}, format = 'newline_delimited', compression = 'gzip', ` +
      `columns = {${columns.join(', ')}}, ${hive})${visible}`
    );
  }
  // Parquet written by the SQL steps already has the declared types; the casts keep a table's type
  // stable across partitions, and `* exclude` passes through columns a step adds before tables.ts
  // declares them.
  const pinned = table.columns.map(
    (column) => `cast(${identifier(column.name)} as ${duckDbType(column.type)}) as ${identifier(column.name)}`,
  );
  const declared = [...table.columns, PARTITION_COLUMN].map((column) => identifier(column.name));
  return (
    `select ${pinned.join(', ')}, * exclude (${declared.join(', ')}), ${partition} ` +
    `from read_parquet(${glob}, ${hive}, union_by_name = true)${visible}`
  );
}

function fileSuffix(table: TableDefinition): string {
  return table.format === 'json' ? '.json.gz' : '.parquet';
}

/** True when at least one `dt=*` folder of the table holds a data file. */
export async function hasPartitionFiles(lakeRoot: string, table: TableDefinition): Promise<boolean> {
  const root = join(lakeRoot, table.prefix);
  const partitions = (await folderEntries(root)).filter(
    (entry) => entry.isDirectory() && entry.name.startsWith(`${PARTITION_COLUMN.name}=`),
  );
  for (const partition of partitions) {
    const files = await folderEntries(join(root, partition.name));
    if (files.some((file) => file.isFile() && file.name.endsWith(fileSuffix(table)))) return true;
  }
  return false;
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
