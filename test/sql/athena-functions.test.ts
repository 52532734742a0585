// Every function a SQL step calls is one Athena engine version 3 documents
// (local/duckdb/athena-functions.ts, with its sources): DuckDB runs many that Athena does not, and
// Trino keeps some hidden (fail), so only this list stands between a green local run and a failed night.
import { describe, expect, it } from 'vitest';
import { isAthenaFunction } from '../../local/duckdb/athena-functions.js';
import { renderedSql, sqlFiles } from './sql-files.js';
import { calledFunctions, parseAsTrino } from './trino-parse.js';

describe.each(sqlFiles)('%s', (file) => {
  it('calls only functions Athena engine version 3 documents', () => {
    const called = calledFunctions(parseAsTrino(renderedSql(file)));

    expect(called.filter((name) => !isAthenaFunction(name))).toEqual([]);
  });
});

describe('the documented function list', () => {
  it('does not contain fail, which Trino keeps hidden', () => {
    expect(isAthenaFunction('fail')).toBe(false);
  });

  it('does not contain DuckDB-only functions the dialect layer maps to', () => {
    expect(['error', 'len', 'list_extract', 'array_to_string', 'regexp_matches'].filter(isAthenaFunction)).toEqual([]);
  });

  it('contains what the steps rely on, whatever the letter case', () => {
    expect(['ARRAY_JOIN', 'min_by', 'regexp_like', 'try_cast', 'row_number', 'Element_At'].every(isAthenaFunction)).toBe(true);
  });
});

describe('calledFunctions', () => {
  it('finds a call to fail inside a CASE', () => {
    const ast = parseAsTrino(`select case when n > 0 then fail('broken') else 'passed' end as outcome from t`);

    expect(calledFunctions(ast)).toContain('fail');
  });

  it('finds scalar, aggregate, window and cast calls', () => {
    const ast = parseAsTrino(
      `select count(*), try_cast(a as integer), row_number() over (order by a), array_join(array_agg(b), ',') from t`,
    );

    expect(calledFunctions(ast)).toEqual(['array_agg', 'array_join', 'count', 'row_number', 'try_cast']);
  });
});
