// The one place Athena (Trino) SQL is rewritten for DuckDB. The files in sql/ stay in the
// intersection of the two dialects; only what has no common spelling is mapped here:
//   UNLOAD (q) TO 'dir' WITH (format, compression)  ->  COPY (q) TO 'dir/data_0.<ext>' (FORMAT ..., COMPRESSION ...)
//   cardinality(array)     -> len(array)              (DuckDB's cardinality is for maps only)
//   element_at(array, i)   -> list_extract(array, i)  (both 1-based, NULL when out of range)
//   array_join(array, sep) -> array_to_string(array, sep)
//   regexp_like(s, p)      -> regexp_matches(s, p)    (both true when p occurs anywhere in s)
//   array(T) as a type     -> T[]                     (e.g. inside cast(... as row(x array(varchar))))
// and, where speed needs a DuckDB-only form, the SQL file says so beside the Trino term:
//   /* duckdb: array_distance(a.vector, b.vector) */ sqrt(...)  ->  array_distance(a.vector, b.vector)
// Nothing maps Trino's hidden fail(): Athena does not document it (local/duckdb/athena-functions.ts),
// so DuckDB refuses it as well.
import { duckDbAnnotations, literal, parseUnload, rewriteCode } from './sql-text.js';

export interface DuckDbStatement {
  sql: string;
  /** For a rewritten UNLOAD: the file the statement leaves behind; its folder must exist before it runs. */
  outputFile?: string;
  /** For a rewritten UNLOAD: the file COPY writes, to be renamed to outputFile once COPY has succeeded. */
  writtenFile?: string;
}

export interface DuckDbStatementOptions {
  /** Where COPY writes an UNLOAD's output file (default: the output file itself). */
  writeTo?: (outputFile: string) => string;
}

const FUNCTION_RENAMES: Record<string, string> = {
  cardinality: 'len',
  element_at: 'list_extract',
  array_join: 'array_to_string',
  regexp_like: 'regexp_matches',
  array_min: 'list_min',
};

const ARRAY_TYPE = /\barray\s*\(\s*(varchar|integer|bigint|double|boolean)\s*\)/gi;
const FUNCTION_CALL = new RegExp(`\\b(${Object.keys(FUNCTION_RENAMES).join('|')})\\s*\\(`, 'gi');

export function toDuckDb(athenaSql: string, options: DuckDbStatementOptions = {}): DuckDbStatement {
  const annotated = applyAnnotations(athenaSql);
  const unload = parseUnload(annotated);
  if (unload === undefined) return { sql: rewriteExpressions(annotated) };
  const target = copyTarget(unload.properties);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(unload.location)) {
    throw new Error(`UNLOAD to '${unload.location}' cannot run locally: the local engine writes to folders only`);
  }
  const outputFile = `${unload.location.replace(/\/+$/, '')}/data_0.${target.extension}`;
  const writtenFile = options.writeTo?.(outputFile) ?? outputFile;
  return {
    sql: `copy (${rewriteExpressions(unload.query)}) to ${literal(writtenFile)} (${target.options})`,
    outputFile,
    writtenFile,
  };
}

export function rewriteExpressions(sql: string): string {
  return rewriteCode(sql, (code) =>
    code
      .replace(FUNCTION_CALL, (_call, name: string) => `${FUNCTION_RENAMES[name.toLowerCase()] as string}(`)
      .replace(ARRAY_TYPE, (_type, element: string) => `${element}[]`),
  );
}

/** Replaces each term annotated with `/* duckdb: ... *\/` by its DuckDB form. */
export function applyAnnotations(sql: string): string {
  let result = '';
  let cursor = 0;
  for (const replacement of duckDbAnnotations(sql)) {
    result += sql.slice(cursor, replacement.start) + replacement.text;
    cursor = replacement.end;
  }
  return result + sql.slice(cursor);
}

function copyTarget(properties: Record<string, string>): { extension: string; options: string } {
  const format = (properties.format ?? 'PARQUET').toUpperCase();
  const compression = (properties.compression ?? (format === 'PARQUET' ? 'SNAPPY' : 'NONE')).toUpperCase();
  if (format === 'PARQUET' && ['SNAPPY', 'GZIP', 'ZSTD'].includes(compression)) {
    return { extension: 'parquet', options: `format parquet, compression ${compression.toLowerCase()}` };
  }
  if (format === 'JSON' && compression === 'GZIP') {
    return { extension: 'json.gz', options: 'format json, compression gzip' };
  }
  if (format === 'JSON' && compression === 'NONE') {
    return { extension: 'json', options: 'format json' };
  }
  throw new Error(
    `UNLOAD with format '${format}' and compression '${compression}' has no DuckDB mapping in local/duckdb/dialect.ts: ` +
      `use PARQUET (SNAPPY, GZIP, ZSTD) or JSON (GZIP, NONE)`,
  );
}
