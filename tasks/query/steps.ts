// The SQL steps: sql/NN_<step>.sql files, run in file-name order. Each declares in its header the
// lake prefix it writes (`-- output: curated/<table>` or `exports/<name>`, or `none` for a check),
// so the query task can clear exactly that date's objects before a re-run writes them again.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryStartFailed, UnknownQueryStep } from '../errors.js';

/** The repository's sql/ folder (a Lambda bundle ships its own copy and passes its own path). */
export const REPOSITORY_SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

const STEP_FILE = /^(\d{2}_[a-z0-9_]+)\.sql$/;
const OUTPUT_LINE = /^--\s*output:\s*(\S+)/m;
const OUTPUT_PREFIX = /^(curated|exports)\/[a-z0-9_]+$/;

export interface QueryStep {
  name: string;
  /** The template, with its {{parameters}} still in place. */
  sql: string;
  /** Lake prefix the step writes, without the dt partition; undefined for a check that writes nothing. */
  output?: string;
}

/** Step names (file names without .sql), in run order. */
export async function listQuerySteps(sqlDir: string): Promise<string[]> {
  const files = await readdir(sqlDir);
  return files
    .map((file) => STEP_FILE.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

export async function readQueryStep(sqlDir: string, name: string): Promise<QueryStep> {
  const steps = await listQuerySteps(sqlDir);
  if (!steps.includes(name)) {
    throw new UnknownQueryStep(`SQL step '${name}' is not in ${sqlDir}: the steps are ${steps.join(', ')}`);
  }
  const sql = await readFile(join(sqlDir, `${name}.sql`), 'utf8');
  return { name, sql, output: declaredOutput(name, sql) };
}

export function declaredOutput(name: string, sql: string): string | undefined {
  const declared = OUTPUT_LINE.exec(sql)?.[1];
  if (declared === undefined) {
    throw new QueryStartFailed(`SQL step '${name}' has no '-- output:' line in its header: add one (a prefix, or none)`);
  }
  if (declared === 'none') return undefined;
  // The prefix is deleted before the step runs: only curated tables and exports may be replaced.
  if (!OUTPUT_PREFIX.test(declared)) {
    throw new QueryStartFailed(
      `SQL step '${name}' declares output '${declared}': use curated/<table>, exports/<name> or none`,
    );
  }
  return declared;
}
