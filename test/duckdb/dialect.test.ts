import { describe, expect, it } from 'vitest';
import { applyAnnotations, rewriteExpressions, toDuckDb } from '../../local/duckdb/dialect.js';

describe('toDuckDb: UNLOAD', () => {
  it('turns a Parquet UNLOAD into a COPY to data_0.parquet in the location', () => {
    const statement = toDuckDb(
      `unload (select 1 as x) to '/lake/curated/a/dt=2026-01-01/' with (format = 'PARQUET', compression = 'SNAPPY')`,
    );

    expect(statement).toEqual({
      sql: `copy (select 1 as x) to '/lake/curated/a/dt=2026-01-01/data_0.parquet' (format parquet, compression snappy)`,
      outputFile: '/lake/curated/a/dt=2026-01-01/data_0.parquet',
      writtenFile: '/lake/curated/a/dt=2026-01-01/data_0.parquet',
    });
  });

  it('writes to the file writeTo names, and still reports the output file', () => {
    const statement = toDuckDb(`unload (select 1 as x) to '/lake/a/dt=2026-01-01/' with (format = 'PARQUET')`, {
      writeTo: (file) => `${file}.9.1.tmp`,
    });

    expect(statement.sql).toBe(`copy (select 1 as x) to '/lake/a/dt=2026-01-01/data_0.parquet.9.1.tmp' (format parquet, compression snappy)`);
    expect(statement.outputFile).toBe('/lake/a/dt=2026-01-01/data_0.parquet');
  });

  it('turns a gzipped JSON UNLOAD into a gzipped JSON Lines COPY', () => {
    const statement = toDuckDb(`unload (select 1 as x) to '/lake/exports/p/dt=2026-01-01' with (format = 'JSON', compression = 'GZIP')`);

    expect(statement.sql).toBe(
      `copy (select 1 as x) to '/lake/exports/p/dt=2026-01-01/data_0.json.gz' (format json, compression gzip)`,
    );
  });

  it('refuses an S3 location, which the local engine cannot write', () => {
    expect(() => toDuckDb(`unload (select 1) to 's3://b/k/' with (format = 'PARQUET')`)).toThrow(/folders only/);
  });

  it('names an UNLOAD format it cannot map', () => {
    expect(() => toDuckDb(`unload (select 1) to '/x/' with (format = 'ORC')`)).toThrow(/format 'ORC'/);
  });

  it('leaves a plain SELECT a plain SELECT with no output file', () => {
    expect(toDuckDb('select 1')).toEqual({ sql: 'select 1' });
  });
});

describe('rewriteExpressions', () => {
  it.each([
    [`select cardinality(xs)`, `select len(xs)`],
    [`select element_at(xs, 2)`, `select list_extract(xs, 2)`],
    [`select array_join(xs, '; ')`, `select array_to_string(xs, '; ')`],
    [`where regexp_like(name, '^\\s*$')`, `where regexp_matches(name, '^\\s*$')`],
    [`cast(x as row(a varchar, b array(varchar)))`, `cast(x as row(a varchar, b varchar[]))`],
  ])('maps %s', (athena, duckdb) => {
    expect(rewriteExpressions(athena)).toBe(duckdb);
  });

  it('leaves function names inside messages alone', () => {
    expect(rewriteExpressions(`select cardinality(xs) || 'cardinality(y)'`)).toBe(`select len(xs) || 'cardinality(y)'`);
  });

  it('leaves fail() unmapped: Athena does not document it, so DuckDB refuses it as well', () => {
    expect(rewriteExpressions(`select fail('bad')`)).toBe(`select fail('bad')`);
  });

  it('does not rename a longer name that merely ends like a mapped one', () => {
    expect(rewriteExpressions('select my_cardinality(x)')).toBe('select my_cardinality(x)');
  });
});

describe('applyAnnotations', () => {
  it('replaces the annotated call with its DuckDB form', () => {
    const sql = `select /* duckdb: array_distance(a.v, b.v) */ sqrt((a.x - b.x) * (a.x - b.x)) as d`;

    expect(applyAnnotations(sql)).toBe('select array_distance(a.v, b.v) as d');
  });

  it('replaces an annotated array constructor', () => {
    const sql = `select /* duckdb: array_value(x, y) */ array[x, y] as v`;

    expect(applyAnnotations(sql)).toBe('select array_value(x, y) as v');
  });

  it('leaves ordinary comments alone', () => {
    const sql = `select /* why */ sqrt(x) as d`;

    expect(applyAnnotations(sql)).toBe(sql);
  });

  it('rejects an annotation that precedes no call', () => {
    expect(() => applyAnnotations(`select /* duckdb: y */ x`)).toThrow(/must precede a call/);
  });
});
