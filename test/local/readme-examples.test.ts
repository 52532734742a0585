// The README's examples, run on the built-in sample as a new user would after
// `npm start -- --dt 2026-11-20`: every one must return rows.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateMachine } from '../../local/runner.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { findSimilar } from '../../tasks/similar/find-similar.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

/** The statements of the README's ```sql blocks, without their comments. */
function sqlExamples(): string[] {
  const blocks = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks
    .flatMap((block) => block.split(';'))
    .map((statement) => statement.split('\n').filter((line) => !line.trim().startsWith('--')).join('\n').trim())
    .filter((statement) => statement !== '');
}

/** The quoted argument of each `npm run <command> -- "..."` line of the README. */
function commandExamples(command: string): string[] {
  return [...readme.matchAll(new RegExp(`^npm run ${command} -- "([^"]+)"`, 'gm'))].map((match) => match[1] ?? '');
}

describe('the README examples, on the built-in sample', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;

  beforeAll(async () => {
    temp = await makeTempDir();
    // The default sample, as `npm start -- --dt 2026-11-20` runs it.
    runtime = await startLocalRuntime({ home: join(temp.path, 'sample'), source: { kind: 'sample' } });
    expect((await runStateMachine(runtime.bindings, { dt: '2026-11-20' })).status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('has analysts’ queries and local commands to check', () => {
    expect(sqlExamples().length).toBeGreaterThanOrEqual(2);
    expect(commandExamples('query').length).toBeGreaterThanOrEqual(1);
    expect(commandExamples('similar').length).toBeGreaterThanOrEqual(1);
  });

  it.each(sqlExamples())('returns rows for the analysts’ query %s', async (sql) => {
    expect((await runtime.engines.run(sql)).length).toBeGreaterThan(0);
  });

  it.each(commandExamples('query'))('returns rows for npm run query -- "%s"', async (sql) => {
    expect((await runtime.engines.run(sql)).length).toBeGreaterThan(0);
  });

  it.each(commandExamples('similar'))('finds neighbours for npm run similar -- "%s"', async (name) => {
    const [answer] = await findSimilar(name, runtime.results);

    expect(answer?.neighbours.length).toBeGreaterThan(0);
  });
});
