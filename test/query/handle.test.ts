import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalEngines, type LocalEngines } from '../../local/duckdb/engines.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { QueryEngineBusy } from '../../tasks/errors.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { handleQuery } from '../../tasks/query/handle.js';
import type { QueryPorts } from '../../tasks/query/query.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runStep } from '../sql/run-steps.js';

const WRITE_STEP = `-- 01_numbers: a tiny curated table.
-- output: curated/numbers
unload (select {{similarity_k}} as k, '{{dt}}' as run_date) to '{{output_location}}' with (format = 'PARQUET', compression = 'SNAPPY')
`;
const CHECK_STEP = `-- 02_check: always fails.
-- output: none
select fail('check failed for dt {{dt}}') as outcome
`;

let lake: { path: string; remove(): Promise<void> };
let sql: { path: string; remove(): Promise<void> };
let engines: LocalEngines;
let ports: QueryPorts;
let store: FolderObjectStore;

beforeEach(async () => {
  lake = await makeTempDir();
  sql = await makeTempDir();
  await writeFile(join(sql.path, '01_numbers.sql'), WRITE_STEP);
  await writeFile(join(sql.path, '02_check.sql'), CHECK_STEP);
  store = new FolderObjectStore(lake.path);
  engines = await openLocalEngines({ lakeRoot: lake.path });
  ports = {
    store,
    engine: engines.queryEngine,
    logger: new RecordingLogger(),
    sqlDir: sql.path,
    parameters: { similarityK: 7, weights: { collaboration: 0.6, genre: 0.3, audio: 0.1 } },
  };
});

afterEach(async () => {
  await engines.close();
  await lake.remove();
  await sql.remove();
});

describe('plan', () => {
  it('lists the steps in file order', async () => {
    expect(await handleQuery({ action: 'plan' }, ports)).toEqual({ steps: ['01_numbers', '02_check'] });
  });

  it('puts the audio-neighbours task step right after the SQL step that exports its features', async () => {
    await writeFile(join(sql.path, '01_numbers_export_artist_features.sql'), '-- output: none\nselect 1\n');
    await writeFile(join(sql.path, '06_export_artist_features.sql'), '-- output: none\nselect 1\n');

    const { steps } = (await handleQuery({ action: 'plan' }, ports)) as { steps: string[] };

    expect(steps).toEqual(['01_numbers', '01_numbers_export_artist_features', '02_check', '06_export_artist_features', 'artist_audio_neighbours']);
  });

  it('refuses to start a task step as SQL, naming the step', async () => {
    await expect(handleQuery({ action: 'start', dt: '2026-01-02', step: 'artist_audio_neighbours' }, ports)).rejects.toMatchObject({
      name: 'UnknownQueryStep',
      message: expect.stringContaining("'artist_audio_neighbours'"),
    });
  });
});

describe('start', () => {
  it('returns the step, the query id and attempt 0', async () => {
    const started = await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers' }, ports);

    expect(started).toEqual({ step: '01_numbers', queryId: expect.any(String), attempt: 0 });
  });

  it('renders the parameters into the SQL it runs', async () => {
    await runStep(ports, '2026-01-02', '01_numbers');

    const file = store.locationOf('curated/numbers/dt=2026-01-02/data_0.parquet');
    expect(await engines.run(`select k, run_date from read_parquet('${file}')`)).toEqual([{ k: 7, run_date: '2026-01-02' }]);
  });

  it('replaces the date’s output on a re-run and leaves other dates alone', async () => {
    await store.put('curated/numbers/dt=2026-01-02/stale.parquet', 'old');
    await store.put('curated/numbers/dt=2026-01-01/data_0.parquet', 'other date');

    const outcome = await runStep(ports, '2026-01-02', '01_numbers');

    expect(outcome.state).toBe('SUCCEEDED');
    expect(await store.list('curated/numbers/')).toEqual([
      'curated/numbers/dt=2026-01-01/data_0.parquet',
      'curated/numbers/dt=2026-01-02/data_0.parquet',
    ]);
  });

  it('rejects a step that does not exist', async () => {
    await expect(handleQuery({ action: 'start', dt: '2026-01-02', step: '09_nope' }, ports)).rejects.toMatchObject({
      name: 'UnknownQueryStep',
    });
  });

  it('rejects a malformed run date', async () => {
    await expect(handleQuery({ action: 'start', dt: '2026-13-01', step: '01_numbers' }, ports)).rejects.toMatchObject({
      name: 'InvalidRunDate',
    });
  });

  it('refuses a K below 1 before touching the lake', async () => {
    await store.put('curated/numbers/dt=2026-01-02/data_0.parquet', 'kept');

    await expect(
      handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers' }, { ...ports, parameters: { ...ports.parameters, similarityK: 0 } }),
    ).rejects.toMatchObject({ name: 'ConfigurationError' });
    expect(await store.list('curated/numbers/')).toEqual(['curated/numbers/dt=2026-01-02/data_0.parquet']);
  });

  it('records the step in the run manifest', async () => {
    const started = (await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers' }, ports)) as { queryId: string };

    const manifest = await readManifest(store, '2026-01-02');

    expect(manifest.query).toEqual({
      steps: {
        '01_numbers': {
          queryId: started.queryId,
          output: 'curated/numbers/dt=2026-01-02/',
          replacedObjects: 0,
          startedAt: expect.any(String),
        },
      },
    });
  });

  it('passes QueryEngineBusy through, so the state machine retries it', async () => {
    const busy = { start: async () => Promise.reject(new QueryEngineBusy('too many queries')), status: engines.queryEngine.status };

    await expect(
      handleQuery({ action: 'start', dt: '2026-01-02', step: '02_check' }, { ...ports, engine: busy }),
    ).rejects.toMatchObject({ name: 'QueryEngineBusy' });
  });

  it('turns any other refusal to start into QueryStartFailed', async () => {
    const refusing = { start: async () => Promise.reject(new Error('access denied')), status: engines.queryEngine.status };

    await expect(
      handleQuery({ action: 'start', dt: '2026-01-02', step: '02_check' }, { ...ports, engine: refusing }),
    ).rejects.toMatchObject({ name: 'QueryStartFailed', message: expect.stringContaining('access denied') });
  });
});

describe('status', () => {
  it('reports FAILED with the engine’s reason', async () => {
    const outcome = await runStep(ports, '2026-01-02', '02_check');

    expect(outcome).toMatchObject({ state: 'FAILED', reason: expect.stringContaining('check failed for dt 2026-01-02') });
  });

  it('echoes the step, query id and attempt', async () => {
    const queryId = await engines.queryEngine.start('select 1', 'x');

    const progress = await handleQuery({ action: 'status', step: '01_numbers', queryId, attempt: 3 }, ports);

    expect(progress).toMatchObject({ step: '01_numbers', queryId, attempt: 3 });
  });

  it('records the outcome in the manifest when the state machine passes dt', async () => {
    const started = (await handleQuery({ action: 'start', dt: '2026-01-02', step: '02_check' }, ports)) as { queryId: string };
    let progress: { state?: string } = {};
    while (progress.state !== 'FAILED') {
      await sleep(2);
      progress = (await handleQuery(
        { action: 'status', step: '02_check', queryId: started.queryId, attempt: 1, dt: '2026-01-02' },
        ports,
      )) as { state?: string };
    }

    const manifest = await readManifest(store, '2026-01-02');

    expect((manifest.query as { steps: Record<string, unknown> }).steps['02_check']).toMatchObject({
      state: 'FAILED',
      reason: expect.stringContaining('check failed'),
      finishedAt: expect.any(String),
    });
  });
});

describe('input', () => {
  it('rejects an event that is no known action', async () => {
    await expect(handleQuery({ action: 'status', step: 'x' }, ports)).rejects.toMatchObject({ name: 'InvalidTaskInput' });
  });
});
