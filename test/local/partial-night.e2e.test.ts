// A first night too short for the tracked set, locally end to end: the real ASL file, the built-in
// Spotify server, the folder lake, DuckDB and dynalite, with a night of two slices of ten artists.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateMachine, type ExecutionOutcome } from '../../local/runner.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { summariseRun } from '../../local/summary.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dt = '2026-11-20';

describe('local pipeline, a night too short for the tracked set', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let outcome: ExecutionOutcome;

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({
      home: join(temp.path, 'home'),
      source: { kind: 'sample', artists: 60 },
      fetchSettings: { maxArtistsPerSlice: 10, slicesPerExecution: 2, concurrency: 2 },
    });
    outcome = await runStateMachine(runtime.bindings, { dt });
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('succeeds, loading and publishing the artists it fetched', async () => {
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.states.filter((state) => state === 'FetchArtists')).toHaveLength(2);
    expect(outcome.states).toContain('PublishResults');
    const [row] = await runtime.engines.run(`select count(*) as n from artists where dt = '${dt}'`);
    expect(Number(row?.n)).toBe(20);
  });

  it('says in the summary how far it got and how many nights remain', async () => {
    const summary = await summariseRun(runtime, dt);

    expect(summary.fetchProgress).toBe('20 of 60 artists complete; about 2 more nights at the measured rate (20 artists a night)');
  });
});
