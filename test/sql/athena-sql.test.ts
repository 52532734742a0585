// Every SQL step is Athena (Trino) SQL first: it must parse with node-sql-parser's Trino grammar,
// carry the header the project's SQL convention asks for, and use only the parameters the query
// task supplies (test/sql/trino-parse.ts says how the parser copes with UNLOAD and composite CAST types).
import { describe, expect, it } from 'vitest';
import { parseUnload } from '../../local/duckdb/sql-text.js';
import { CURATED_TABLES } from '../../tasks/lake/tables.js';
import { declaredOutput } from '../../tasks/query/steps.js';
import { KNOWN_PARAMETERS, readSql, renderedSql, sqlFiles } from './sql-files.js';
import { parseAsTrino } from './trino-parse.js';

describe.each(sqlFiles)('%s', (file) => {
  it('parses as Trino SQL, one SELECT', () => {
    const ast = parseAsTrino(renderedSql(file));

    expect(Array.isArray(ast) ? ast.map((statement) => statement.type) : [(ast as { type: string }).type]).toEqual([
      'select',
    ]);
  });

  it('opens with a header giving purpose, inputs, output and grain', () => {
    const header = readSql(file).split('\n').filter((line) => line.startsWith('--')).join('\n');

    for (const field of ['purpose:', 'inputs:', 'output:', 'grain:']) expect(header).toContain(field);
  });

  it('uses only parameters the query task supplies', () => {
    const used = [...readSql(file).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]);

    expect(used.filter((name) => !KNOWN_PARAMETERS.includes(name as string))).toEqual([]);
  });

  it('writes only where its header says, with UNLOAD to {{output_location}}', () => {
    const output = declaredOutput(file, readSql(file));
    const unload = parseUnload(readSql(file));

    expect(unload?.location).toBe(output === undefined ? undefined : '{{output_location}}');
  });
});

describe('curated steps', () => {
  it('write every curated table of tasks/lake/tables.ts that no task writes', () => {
    const outputs = sqlFiles.map((file) => declaredOutput(file, readSql(file))).filter((output) => output?.startsWith('curated/'));
    const bySql = CURATED_TABLES.filter((table) => table.writtenBy === undefined);

    expect(outputs.sort()).toEqual(bySql.map((table) => table.prefix.replace(/\/$/, '')).sort());
  });
});
