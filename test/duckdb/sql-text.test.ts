import { describe, expect, it } from 'vitest';
import { closingBracket, parseUnload, rewriteCode, segments } from '../../local/duckdb/sql-text.js';

describe('segments', () => {
  it('tells code apart from literals, quoted identifiers and comments', () => {
    const parts = segments(`select 'it''s' as "a b" -- note\nfrom t /* x */`);

    expect(parts.filter((part) => !part.code).map((part) => part.text)).toEqual([
      "'it''s'",
      '"a b"',
      '-- note',
      '/* x */',
    ]);
  });

  it('keeps every character, in order', () => {
    const sql = `select fail('no') -- why\n, 1 /* c */ from t`;

    expect(segments(sql).map((part) => part.text).join('')).toBe(sql);
  });
});

describe('rewriteCode', () => {
  it('never rewrites inside a string literal or a comment', () => {
    const sql = `select upper(x), 'upper(' -- upper(\nfrom t`;

    const rewritten = rewriteCode(sql, (code) => code.replaceAll('upper(', 'lower('));

    expect(rewritten).toBe(`select lower(x), 'upper(' -- upper(\nfrom t`);
  });
});

describe('closingBracket', () => {
  it('skips brackets inside literals', () => {
    const sql = `f(a, ')', g(b))`;

    expect(closingBracket(sql, 1)).toBe(sql.length - 1);
  });
});

describe('parseUnload', () => {
  it('splits an UNLOAD into its query, location and properties', () => {
    const sql = `-- header\nunload (\n  select '(' as x from t\n)\nto 's3://bucket/curated/a/dt=2026-01-01/'\nwith (format = 'PARQUET', compression = 'SNAPPY')\n`;

    const unload = parseUnload(sql);

    expect(unload).toEqual({
      query: `\n  select '(' as x from t\n`,
      location: 's3://bucket/curated/a/dt=2026-01-01/',
      properties: { format: 'PARQUET', compression: 'SNAPPY' },
    });
  });

  it('unescapes doubled quotes in the location', () => {
    const unload = parseUnload(`unload (select 1) to '/tmp/o''neil/' with (format = 'JSON', compression = 'GZIP')`);

    expect(unload?.location).toBe("/tmp/o'neil/");
  });

  it('returns undefined for a statement that is not an UNLOAD', () => {
    expect(parseUnload(`-- unload (select 1)\nselect 1`)).toBeUndefined();
  });

  it('rejects an UNLOAD without TO and WITH', () => {
    expect(() => parseUnload(`unload (select 1)`)).toThrow(/TO '<location>' WITH/);
  });
});
