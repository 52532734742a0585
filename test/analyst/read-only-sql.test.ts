// The statement check `npm run query` and `npm run ops -- query` share: one read-only statement, in
// DuckDB's or Athena's dialect; literals and comments never decide anything.
import { describe, expect, it } from 'vitest';
import { assertReadOnly, splitStatements, StatementRefused } from '../../local/analyst/read-only-sql.js';

describe('assertReadOnly', () => {
  it.each([
    'select * from artist_similarity limit 10',
    'SELECT 1;',
    "with pairs as (select * from artist_similarity where dt = '2026-11-20') select count(*) from pairs",
    'with recursive a(x) as (select 1), "b" as materialized (select 2) select * from a, b',
    'values (1), (2)',
    'from artists',
    'table artists',
    'show tables',
    'show create table artists',
    'describe artist_similarity',
    'summarize artists',
    'explain select 1',
    'explain analyze select count(*) from tracks',
    'explain (format json) select 1',
    "explain (type io) select * from artists where dt = '2026-11-20'",
    '(select 1) union all (select 2)',
    '-- the neighbours\n/* of IU */ select 1',
  ])('accepts %j', (sql) => {
    // Act
    const accepted = () => assertReadOnly(sql);

    // Assess
    expect(accepted).not.toThrow();
  });

  it.each([
    ["copy (select 1 as x) to '.sixpotify/sample/lake' (format parquet, per_thread_output true, overwrite true)", /^COPY is not a read-only statement/],
    ["attach 'lake/x.duckdb'", /^ATTACH is not a read-only statement/],
    ['install httpfs', /^INSTALL is not a read-only statement/],
    ['load httpfs', /^LOAD is not a read-only statement/],
    ['set enable_external_access = true', /^SET is not a read-only statement/],
    ['reset lock_configuration', /^RESET is not a read-only statement/],
    ['pragma version', /^PRAGMA is not a read-only statement/],
    ['create table t as select 1', /^CREATE is not a read-only statement/],
    ['insert into artists select * from artists', /^INSERT is not a read-only statement/],
    ["unload (select 1) to 's3://lake/x/' with (format = 'PARQUET')", /^UNLOAD is not a read-only statement/],
    ['msck repair table raw_artists', /^MSCK is not a read-only statement/],
    ['with a as (select 1 as x) insert into t select * from a', /^WITH \.\.\. INSERT is not a read-only statement/],
    ["explain analyze copy (select 1) to 'x.csv'", /^EXPLAIN of COPY is not a read-only statement/],
    ["select 1; copy (select 1) to 'x.csv'", /^2 statements given \(the second: `copy \(select 1\) to 'x.csv'`\)/],
    ['', /^no statement given/],
    [' ; -- nothing\n ;', /^no statement given/],
  ])('refuses %j', (sql, message) => {
    // Act
    const refused = () => assertReadOnly(sql);

    // Assess
    expect(refused).toThrow(StatementRefused);
    expect(refused).toThrow(message);
  });

  it('ends every refusal by saying what runs and that nothing ran', () => {
    // Act
    const refused = () => assertReadOnly("copy artists to 'x.csv'");

    // Assess
    expect(refused).toThrow(/only one read-only statement runs here \(SELECT, WITH, VALUES, SHOW, DESCRIBE or EXPLAIN\), and nothing was run$/);
  });

  it('returns the statement without its trailing semicolon', () => {
    // Act
    const statement = assertReadOnly('  select 1 ;  ');

    // Assess
    expect(statement).toBe('select 1');
  });
});

describe('splitStatements', () => {
  it('splits only at semicolons in code, not in literals, quoted names or comments', () => {
    // Act
    const statements = splitStatements(`select ';' as "a;b" -- ;\n; select 2 /* ; */`);

    // Assess
    expect(statements).toEqual([`select ';' as "a;b" -- ;`, 'select 2 /* ; */']);
  });
});
