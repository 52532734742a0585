// What Athena would bill a query for, estimated locally: the bytes of the files each table it reads
// holds for the query's dt (every partition when the query names none), counted once per time the
// table is read (Trino scans a table again for each reference, a self-join reads it twice).
//
// An upper bound for curated Parquet tables, whose unread columns Athena skips, and close for the
// gzipped JSON raw tables, which Athena reads whole. DuckDB itself is not asked: it reports rows,
// not the bytes a distributed engine would fetch from S3.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CURATED_TABLES, PARTITION_COLUMN, RAW_TABLES, type TableDefinition } from '../../tasks/lake/tables.js';
import { folderEntries } from '../folder-entries.js';
import { segments } from './sql-text.js';

const DATE_FILTER = new RegExp(`\\b${PARTITION_COLUMN.name}\\s*=\\s*'(\\d{4}-\\d{2}-\\d{2})'`, 'gi');
const TABLE_REFERENCE = /\b(?:from|join)\s+("?)([a-z_][a-z0-9_]*)\1/gi;
const CTE_NAME = /\b([a-z_][a-z0-9_]*)\s+as\s*\(/gi;

/** The catalog tables `sql` reads, once per reference, in order. */
export function tablesRead(sql: string, tables: readonly TableDefinition[] = [...RAW_TABLES, ...CURATED_TABLES]): TableDefinition[] {
  const code = segments(sql)
    .map((segment) => (segment.code ? segment.text : segment.text.startsWith('"') ? segment.text : ' '))
    .join('');
  const ctes = new Set([...code.matchAll(CTE_NAME)].map((match) => (match[1] as string).toLowerCase()));
  const byName = new Map(tables.map((table) => [table.name, table]));
  return [...code.matchAll(TABLE_REFERENCE)].flatMap((match) => {
    const name = (match[2] as string).toLowerCase();
    const table = byName.get(name);
    return table === undefined || ctes.has(name) ? [] : [table];
  });
}

/** The partitions `sql` filters on (`dt = 'YYYY-MM-DD'`); empty when it names none. */
export function datesFiltered(sql: string): string[] {
  return [...new Set([...sql.matchAll(DATE_FILTER)].map((match) => match[1] as string))];
}

export async function estimateBytesScanned(
  sql: string,
  lakeRoot: string,
  tables: readonly TableDefinition[] = [...RAW_TABLES, ...CURATED_TABLES],
): Promise<number> {
  const dates = datesFiltered(sql);
  const sizes = new Map<string, number>();
  let total = 0;
  for (const table of tablesRead(sql, tables)) {
    let size = sizes.get(table.name);
    if (size === undefined) {
      size = await tableBytes(join(lakeRoot, table.prefix), dates);
      sizes.set(table.name, size);
    }
    total += size;
  }
  return total;
}

async function tableBytes(root: string, dates: string[]): Promise<number> {
  const partitions =
    dates.length > 0
      ? dates.map((dt) => `${PARTITION_COLUMN.name}=${dt}`)
      : (await folderEntries(root)).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  let total = 0;
  for (const partition of partitions) {
    for (const file of await folderEntries(join(root, partition))) {
      if (file.isFile() && !file.name.endsWith('.tmp')) total += (await stat(join(root, partition, file.name))).size;
    }
  }
  return total;
}
