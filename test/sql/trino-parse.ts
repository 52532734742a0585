// Parses an Athena SQL step with node-sql-parser's Trino grammar, and lists the functions it calls.
//
// Two Trino constructs node-sql-parser 5.4 does not parse, and what this does about them:
// - UNLOAD (q) TO ... WITH (...) is Athena's statement, not in the grammar: q is parsed.
// - ROW(...) and ARRAY(...) as data types in CAST (cast(row(a, b) as row(x varchar, y array(varchar))),
//   how 09_export_artist_profiles names the JSON fields): the grammar's CAST knows only scalar types,
//   so such a type is swapped for JSON before parsing; the expression being cast is still parsed.
import pkg from 'node-sql-parser';
import { closingBracket, parseUnload } from '../../local/duckdb/sql-text.js';

const { Parser } = pkg;
const parser = new Parser();

/** Replaces `as row(...)` and `as array(...)` types in CAST with JSON (see the top of this file). */
function withoutCompositeCastTypes(sql: string): string {
  const match = /\bas\s+(?:row|array)\s*\(/i.exec(sql);
  if (match === null) return sql;
  const close = closingBracket(sql, match.index + match[0].length - 1);
  return withoutCompositeCastTypes(`${sql.slice(0, match.index)}as json${sql.slice(close + 1)}`);
}

export function parseAsTrino(sql: string): unknown {
  const query = parseUnload(sql)?.query ?? sql;
  return parser.astify(withoutCompositeCastTypes(query), { database: 'trino' });
}

/** Every function the parsed statement calls, lower-case, sorted: scalar, aggregate, window, CAST and TRY_CAST. */
export function calledFunctions(ast: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const fields = node as Record<string, unknown>;
    if (fields.type === 'function') names.add(functionName(fields.name));
    if (fields.type === 'aggr_func') names.add(String(fields.name));
    if (fields.type === 'cast') names.add(String(fields.keyword));
    Object.values(fields).forEach(visit);
  };
  visit(ast);
  return [...names].map((name) => name.toLowerCase()).sort();
}

/** node-sql-parser names a function as parts ({ name: [{ value: 'schema' }, { value: 'fn' }] }). */
function functionName(name: unknown): string {
  const parts = (name as { name?: { value: string }[] } | undefined)?.name ?? [];
  return parts.map((part) => part.value).join('.');
}
