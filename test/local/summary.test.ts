// The end-of-run summary, read back from a real local run: which artists failed and why, and why
// nothing was published when an older date ran after a newer one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateMachine } from '../../local/runner.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { summariseRun, summaryLines, type RunSummary } from '../../local/summary.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const UNKNOWN = ['0000000000000000000000', '0000000000000000000001'];

describe('the local run summary', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let older: RunSummary;

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: 40 } });
    // Two ids no catalog has: they fail for good (404), within the 10% a run allows.
    await runtime.store.put('config/tracked-artists/unknown.json', JSON.stringify(UNKNOWN));
    expect((await runStateMachine(runtime.bindings, { dt: '2026-11-21' })).status).toBe('SUCCEEDED');
    expect((await runStateMachine(runtime.bindings, { dt: '2026-11-20' })).status).toBe('SUCCEEDED');
    older = await summariseRun(runtime, '2026-11-20');
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('lists the artists that failed, with the reason, and where the full list is', () => {
    const lines = summaryLines(older, { dataSetOptions: '' });

    expect(lines).toContain('  artists fetched      40 (2 failed)');
    expect(lines).toContain(`                       ✗ ${UNKNOWN[0]}: GET /v1/artists/${UNKNOWN[0]} answered 404: non existing id`);
    expect(lines).toContain(`                       the list with reasons: ${older.manifestPath}, under "fetch.failed"`);
  });

  it('shows the first few failures only, and says how many there are', () => {
    const many = { ...older, failedArtists: Array.from({ length: 7 }, (_, index) => ({ artist: `a${index}`, reason: 'timeout' })) };

    const lines = summaryLines(many, { dataSetOptions: '' }).filter((line) => line.includes('✗') || line.includes('with reasons'));

    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toContain('all 7 with reasons');
  });

  it('says why an older date published nothing, and how to publish it on purpose', () => {
    const lines = summaryLines(older, { dataSetOptions: '--artists 40' });

    expect(lines).toContain('  DynamoDB items       0: published answers stay at dt=2026-11-21 (newer)');
    expect(lines).toContain(
      '                       to publish dt=2026-11-20 instead: npm run publish-marker -- --dt 2026-11-20 --confirm --artists 40, then npm start -- --dt 2026-11-20 --artists 40',
    );
  });

  it('shows the items a newer date wrote, with nothing more to explain', async () => {
    const newer = await summariseRun(runtime, '2026-11-21');

    expect(summaryLines(newer, { dataSetOptions: '' }).filter((line) => line.includes('DynamoDB items'))).toEqual([
      `  DynamoDB items       ${newer.publish.itemsWritten}`,
    ]);
    expect(newer.publish.itemsWritten).toBeGreaterThan(0);
  });
});
