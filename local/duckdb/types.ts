// Glue/Hive column types (as tasks/lake/tables.ts declares them) spelled as DuckDB types, so the
// local catalog pins every column to its declared type even when a file lacks it or holds only nulls.

const SCALARS: Record<string, string> = {
  string: 'VARCHAR',
  varchar: 'VARCHAR',
  int: 'INTEGER',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  float: 'FLOAT',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

export function duckDbType(glueType: string): string {
  const type = glueType.trim().toLowerCase();
  const array = /^array<(.+)>$/.exec(type);
  if (array) return `${duckDbType(array[1] as string)}[]`;
  const scalar = SCALARS[type];
  if (scalar === undefined) {
    throw new Error(`Glue type '${glueType}' has no DuckDB equivalent in local/duckdb/types.ts: add it there`);
  }
  return scalar;
}
