// Reading an export partition (exports/<name>/dt=<dt>/): the JSON Lines an UNLOAD wrote for a task to
// read (Athena on AWS, DuckDB locally), gzipped or not, in several files or none. Every row is checked
// against the reader's schema, so a malformed one fails the task naming its file and line before any
// of it is used.
import type { z } from 'zod';
import type { ObjectStore } from '../ports.js';
import { describeIssues } from '../validation.js';
import { fromJsonLines } from './json-lines.js';

/** The partition's data files: Athena may write several, and nothing for an empty result; its markers are skipped. */
export async function exportFileKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  return (await store.list(prefix)).filter((key) => !key.endsWith('/') && !key.includes('/_'));
}

/** Every row of the files, parsed with `schema`; a row it refuses throws `refuse("<key> line <n>", problem)`. */
export async function readExportRows<Schema extends z.ZodType>(
  store: ObjectStore,
  keys: readonly string[],
  schema: Schema,
  refuse: (where: string, problem: string) => Error,
): Promise<z.infer<Schema>[]> {
  const rows: z.infer<Schema>[] = [];
  for (const key of keys) {
    const body = (await store.get(key)) ?? new Uint8Array();
    const gzipped = body[0] === 0x1f && body[1] === 0x8b;
    fromJsonLines(body, gzipped).forEach((line, index) => {
      const parsed = schema.safeParse(line);
      if (!parsed.success) throw refuse(`${key} line ${index + 1}`, describeIssues(parsed.error).join('; '));
      rows.push(parsed.data);
    });
  }
  return rows;
}
