// What a failed local run prints, fed with the events of a real failing run: the real ASL file on
// the built-in Spotify server, where more tracked artists fail than the run allows.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureLines, withLakePaths } from '../../local/failure.js';
import { createProgressPrinter } from '../../local/progress.js';
import { runStateMachine, type ExecutionOutcome } from '../../local/runner.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('a failed local run', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let outcome: ExecutionOutcome;
  const lines: string[] = [];

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: 20 } });
    // Ids no catalog has: each fails for good with a 404, 5 of 25 is past the 10% allowed.
    const unknown = Array.from({ length: 5 }, (_, index) => `000000000000000000000${index}`);
    await runtime.store.put('config/tracked-artists/unknown.json', JSON.stringify(unknown));
    outcome = await runStateMachine(runtime.bindings, { dt: '2026-11-20' }, { onEvent: createProgressPrinter((line) => lines.push(line)) });
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('prints the failed state once, as failed', () => {
    expect(outcome.error).toBe('TooManyArtistsFailed');
    // Its time as the progress lines print it: '850 ms', or '1.2 s' on a busy machine.
    expect(lines.filter((line) => line.includes('FetchArtists'))).toEqual([expect.stringMatching(/^ {2}✗ FetchArtists +(\d+ ms|\d+\.\d s) {2}TooManyArtistsFailed$/)]);
  });

  it('leaves the error message to the end, instead of repeating it per state', () => {
    expect(lines.filter((line) => line.includes('tracked artists failed'))).toEqual([]);
    expect(lines.map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      '✓ ResolveRunDate',
      '✓ AcquireRunLease',
      '✗ FetchArtists',
      '✓ NotifyFailure',
      '✓ ReleaseRunLeaseOnFailure',
      '✗ PipelineFailed',
    ]);
  });

  it('ends with the error once, its lake key as a path that opens, and where the alert is', () => {
    const report = failureLines({ state: 'FetchArtists', error: outcome.error, cause: outcome.cause }, runtime.layout);

    expect(report[0]).toMatch(/^✗ the run failed at FetchArtists: TooManyArtistsFailed: 5 of 25 tracked artists failed/);
    expect(report[0]).toContain(join(runtime.layout.lake, 'runs/2026-11-20/manifest.json'));
    expect(report[0]).not.toMatch(/ runs\/2026-11-20/);
    expect(report.slice(1)).toEqual([`  alert:    ${runtime.layout.alerts}`, `  task log: ${join(runtime.layout.logs, 'tasks.log')}`]);
  });
});

describe('withLakePaths', () => {
  it('turns every lake key of a message into its path, and leaves paths and other words alone', () => {
    const text = 'see runs/2026-11-20/manifest.json and quarantine/dt=2026-11-20/a.json, not /x/runs/y or reruns/z';

    expect(withLakePaths(text, '/lake')).toBe(
      'see /lake/runs/2026-11-20/manifest.json and /lake/quarantine/dt=2026-11-20/a.json, not /x/runs/y or reruns/z',
    );
  });
});
