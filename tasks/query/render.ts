// Fills a SQL template's {{name}} parameters. Every value lands inside a string literal or as a
// number, so single quotes are doubled; a parameter the caller does not supply is an error that
// names it, never an empty string in the SQL.
import { QueryStartFailed } from '../errors.js';

export type SqlParameters = Record<string, string | number>;

const PARAMETER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi;

export function renderSql(template: string, parameters: SqlParameters, step: string): string {
  const missing = new Set<string>();
  const rendered = template.replace(PARAMETER, (placeholder, name: string) => {
    const value = parameters[name];
    if (value === undefined) {
      missing.add(name);
      return placeholder;
    }
    return String(value).replaceAll("'", "''");
  });
  if (missing.size > 0) {
    throw new QueryStartFailed(
      `SQL step '${step}' uses unknown parameter(s) ${[...missing].map((name) => `{{${name}}}`).join(', ')}: ` +
        `known are ${Object.keys(parameters).join(', ')}`,
    );
  }
  return rendered;
}
