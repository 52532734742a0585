// Every SQL step is Athena (Trino) SQL first: it must parse with node-sql-parser's Trino grammar,
// carry the header the project's SQL convention asks for, and use only the parameters the query
// task supplies.
//
// Two Trino constructs node-sql-parser 5.4 does not parse, and what this test does about them:
// - UNLOAD (q) TO ... WITH (...) is Athena's statement, not in the grammar: the test parses q.
// - ROW(...) and ARRAY(...) as data types in CAST (cast(row(a, b) as row(x varchar, y array(varchar))),
//   how 09_export_artist_profiles names the JSON fields): the grammar's CAST knows only scalar types,
//   so the test swaps such a type for JSON before parsing; the expression being cast is still parsed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pkg from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { closingBracket, parseUnload } from '../../local/duckdb/sql-text.js';
import { CURATED_TABLES } from '../../tasks/lake/tables.js';
import { declaredOutput, REPOSITORY_SQL_DIR } from '../../tasks/query/steps.js';

const { Parser } = pkg;
const parser = new Parser();

const KNOWN_PARAMETERS = ['dt', 'output_location', 'similarity_k', 'weight_collaboration', 'weight_genre', 'weight_audio'];
const SAMPLE_VALUES: Record<string, string> = {
  dt: '2026-01-02',
  output_location: 's3://lake/curated/x/dt=2026-01-02/',
  similarity_k: '10',
  weight_collaboration: '0.6',
  weight_genre: '0.3',
  weight_audio: '0.1',
};

const files = readdirSync(REPOSITORY_SQL_DIR)
  .filter((file) => file.endsWith('.sql'))
  .sort();

function read(file: string): string {
  return readFileSync(join(REPOSITORY_SQL_DIR, file), 'utf8');
}

function rendered(file: string): string {
  return read(file).replace(/\{\{(\w+)\}\}/g, (_, name: string) => SAMPLE_VALUES[name] ?? '');
}

/** Replaces `as row(...)` and `as array(...)` types in CAST with JSON (see the top of this file). */
function withoutCompositeCastTypes(sql: string): string {
  const match = /\bas\s+(?:row|array)\s*\(/i.exec(sql);
  if (match === null) return sql;
  const close = closingBracket(sql, match.index + match[0].length - 1);
  return withoutCompositeCastTypes(`${sql.slice(0, match.index)}as json${sql.slice(close + 1)}`);
}

function parseAsTrino(sql: string): unknown {
  const query = parseUnload(sql)?.query ?? sql;
  return parser.astify(withoutCompositeCastTypes(query), { database: 'trino' });
}

describe.each(files)('%s', (file) => {
  it('parses as Trino SQL, one SELECT', () => {
    const ast = parseAsTrino(rendered(file));

    expect(Array.isArray(ast) ? ast.map((statement) => statement.type) : [(ast as { type: string }).type]).toEqual([
      'select',
    ]);
  });

  it('opens with a header giving purpose, inputs, output and grain', () => {
    const header = read(file).split('\n').filter((line) => line.startsWith('--')).join('\n');

    for (const field of ['purpose:', 'inputs:', 'output:', 'grain:']) expect(header).toContain(field);
  });

  it('uses only parameters the query task supplies', () => {
    const used = [...read(file).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]);

    expect(used.filter((name) => !KNOWN_PARAMETERS.includes(name as string))).toEqual([]);
  });

  it('writes only where its header says, with UNLOAD to {{output_location}}', () => {
    const output = declaredOutput(file, read(file));
    const unload = parseUnload(read(file));

    expect(unload?.location).toBe(output === undefined ? undefined : '{{output_location}}');
  });
});

describe('curated steps', () => {
  it('write every curated table of tasks/lake/tables.ts that no task writes', () => {
    const outputs = files.map((file) => declaredOutput(file, read(file))).filter((output) => output?.startsWith('curated/'));
    const bySql = CURATED_TABLES.filter((table) => table.writtenBy === undefined);

    expect(outputs.sort()).toEqual(bySql.map((table) => table.prefix.replace(/\/$/, '')).sort());
  });
});
