import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalEngines, type LocalEngines } from '../../local/duckdb/engines.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { QueryEngineBusy } from '../../tasks/errors.js';
import { TIMING_BUDGET } from '../../tasks/timing/budget.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { handleQuery } from '../../tasks/query/handle.js';
import type { QueryPorts } from '../../tasks/query/query.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runStep } from '../sql/run-steps.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';

const WRITE_STEP = `-- 01_numbers: a tiny curated table.
-- output: curated/numbers
unload (select {{similarity_k}} as k, '{{dt}}' as run_date) to '{{output_location}}' with (format = 'PARQUET', compression = 'SNAPPY')
`;
const CHECK_STEP = `-- 02_check: one check that passes and one that finds violations.
-- output: none
select 'numbers_present' as check_name, cast(0 as bigint) as violation_count, cast(null as varchar) as example
union all
select 'numbers_positive' as check_name, cast(2 as bigint) as violation_count, 'n = -1 for dt {{dt}}' as example
`;
const BROKEN_STEP = `-- 03_broken: a statement the engine refuses.
-- output: none
select no_such_column from (select 1 as n)
`;
const PASSING_CHECK_STEP = `-- 04_clean: every check passes.
-- output: none
select 'numbers_present' as check_name, cast(0 as bigint) as violation_count, cast(null as varchar) as example
`;
const MALFORMED_CHECK_STEP = `-- 05_not_a_check: rows that are not checks.
-- output: none
select 1 as n
`;

let lake: { path: string; remove(): Promise<void> };
let sql: { path: string; remove(): Promise<void> };
let engines: LocalEngines;
let ports: QueryPorts;
let store: FolderObjectStore;
let now: number;

beforeEach(async () => {
  lake = await makeTempDir();
  sql = await makeTempDir();
  await writeFile(join(sql.path, '01_numbers.sql'), WRITE_STEP);
  await writeFile(join(sql.path, '02_check.sql'), CHECK_STEP);
  await writeFile(join(sql.path, '03_broken.sql'), BROKEN_STEP);
  await writeFile(join(sql.path, '04_clean.sql'), PASSING_CHECK_STEP);
  await writeFile(join(sql.path, '05_not_a_check.sql'), MALFORMED_CHECK_STEP);
  store = new FolderObjectStore(lake.path);
  engines = await openLocalEngines({ lakeRoot: lake.path });
  now = Date.parse('2026-01-02T16:00:00Z');
  ports = {
    store,
    engine: engines.queryEngine,
    logger: new RecordingLogger(),
    sqlDir: sql.path,
    parameters: { similarityK: 7, weights: SETTINGS_DEFAULTS.similarityWeights },
    clock: { now: () => new Date(now) },
  };
});

/** Polls the engine until the query has ended. */
async function finished(queryId: string): Promise<string> {
  for (;;) {
    const { state } = await engines.queryEngine.status(queryId);
    if (state !== 'QUEUED' && state !== 'RUNNING') return state;
    await sleep(2);
  }
}

const ATTEMPT = { execution: 'arn:aws:states:us-east-1:000000000000:execution:sixpotify:night-1', redriveCount: 0 };

afterEach(async () => {
  await engines.close();
  await lake.remove();
  await sql.remove();
});

describe('plan', () => {
  it('lists the steps in file order', async () => {
    expect(await handleQuery({ action: 'plan' }, ports)).toEqual({
      steps: ['01_numbers', '02_check', '03_broken', '04_clean', '05_not_a_check'],
    });
  });

  it('refuses more steps than the timing budget counts the Map with', async () => {
    for (let index = 3; index <= TIMING_BUDGET.query.maxSteps + 1; index += 1) {
      await writeFile(join(sql.path, `${String(index).padStart(2, '0')}_more.sql`), WRITE_STEP);
    }

    await expect(handleQuery({ action: 'plan' }, ports)).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: expect.stringContaining(`more than the ${TIMING_BUDGET.query.maxSteps} the timing budget allows`),
    });
  });

  it('puts the audio-neighbours task step right after the SQL step that exports its features', async () => {
    await writeFile(join(sql.path, '01_numbers_export_artist_features.sql'), '-- output: none\nselect 1\n');
    await writeFile(join(sql.path, '06_export_artist_features.sql'), '-- output: none\nselect 1\n');

    const { steps } = (await handleQuery({ action: 'plan' }, ports)) as { steps: string[] };

    expect(steps).toEqual([
      '01_numbers',
      '01_numbers_export_artist_features',
      '02_check',
      '03_broken',
      '04_clean',
      '05_not_a_check',
      '06_export_artist_features',
      'artist_audio_neighbours',
    ]);
  });

  it('refuses to start a task step as SQL, naming the step', async () => {
    await expect(handleQuery({ action: 'start', dt: '2026-01-02', step: 'artist_audio_neighbours' }, ports)).rejects.toMatchObject({
      name: 'UnknownQueryStep',
      message: expect.stringContaining("'artist_audio_neighbours'"),
    });
  });
});

describe('start', () => {
  it('returns the step, the query id, attempt 0, its start time and the first wait', async () => {
    const started = await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers' }, ports);

    expect(started).toEqual({
      step: '01_numbers',
      queryId: expect.any(String),
      attempt: 0,
      startedAt: '2026-01-02T16:00:00.000Z',
      elapsedSeconds: 0,
      waitSeconds: TIMING_BUDGET.polling.minWaitSeconds,
    });
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
          startedAt: '2026-01-02T16:00:00.000Z',
        },
      },
    });
  });

  it('returns the query already started to a retry of the same attempt, and leaves its output alone', async () => {
    const first = (await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers', ...ATTEMPT }, ports)) as { queryId: string };
    await finished(first.queryId);
    const written = await store.list('curated/numbers/');

    now += 30_000;
    const retry = (await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers', ...ATTEMPT }, ports)) as {
      queryId: string;
      elapsedSeconds: number;
    };

    expect(retry.queryId).toBe(first.queryId);
    expect(retry.elapsedSeconds).toBe(30);
    expect(await store.list('curated/numbers/')).toEqual(written);
    expect(await finished(retry.queryId)).toBe('SUCCEEDED');
  });

  it('clears the output once more and starts a new query for a redrive', async () => {
    const first = (await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers', ...ATTEMPT }, ports)) as { queryId: string };
    await finished(first.queryId);

    const redriven = (await handleQuery(
      { action: 'start', dt: '2026-01-02', step: '01_numbers', ...ATTEMPT, redriveCount: 1 },
      ports,
    )) as { queryId: string };

    expect(redriven.queryId).not.toBe(first.queryId);
    expect(await finished(redriven.queryId)).toBe('SUCCEEDED');
    expect(((await readManifest(store, '2026-01-02')).query as { steps: Record<string, unknown> }).steps['01_numbers']).toMatchObject({
      queryId: redriven.queryId,
      replacedObjects: 1,
    });
  });

  it('passes the engine a 64-character request token made from the execution, the step and the redrive count', async () => {
    const tokens: (string | undefined)[] = [];
    const recording = {
      start: async (sql: string, label: string, token?: string) => (tokens.push(token), engines.queryEngine.start(sql, label, token)),
      status: engines.queryEngine.status.bind(engines.queryEngine),
      readResults: engines.queryEngine.readResults.bind(engines.queryEngine),
    };
    // Each query ends before the next attempt, which would otherwise wait for it (QueryEngineBusy).
    const start = async (attempt: object, step = '01_numbers') => {
      const started = (await handleQuery({ action: 'start', dt: '2026-01-02', step, ...attempt }, { ...ports, engine: recording })) as {
        queryId: string;
      };
      await finished(started.queryId);
    };

    await start(ATTEMPT);
    await start(ATTEMPT);
    await start({ ...ATTEMPT, redriveCount: 1 });
    await start({ ...ATTEMPT, execution: `${ATTEMPT.execution}-rerun` });
    await start(ATTEMPT, '02_check');

    expect(tokens.every((token) => /^[0-9a-f]{64}$/.test(token ?? ''))).toBe(true);
    expect(tokens[1]).toBe(tokens[0]);
    expect(new Set([tokens[0], tokens[2], tokens[3], tokens[4]]).size).toBe(4);
  });

  it('leaves the output alone while a query of an earlier attempt still runs, as a retried QueryEngineBusy', async () => {
    await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers', ...ATTEMPT }, ports);
    await store.put('curated/numbers/dt=2026-01-02/data_0.parquet', 'still being written');
    const stillRunning = {
      start: engines.queryEngine.start.bind(engines.queryEngine),
      status: async () => ({ state: 'RUNNING' as const }),
      readResults: async () => [],
    };

    await expect(
      handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers', ...ATTEMPT, redriveCount: 1 }, { ...ports, engine: stillRunning }),
    ).rejects.toMatchObject({ name: 'QueryEngineBusy', message: expect.stringContaining('of an earlier attempt is still RUNNING') });
    expect(await store.list('curated/numbers/')).toEqual(['curated/numbers/dt=2026-01-02/data_0.parquet']);
  });

  it('rejects an execution id without its redrive count', async () => {
    await expect(
      handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers', execution: ATTEMPT.execution }, ports),
    ).rejects.toMatchObject({ name: 'InvalidTaskInput' });
  });

  it('passes QueryEngineBusy through, so the state machine retries it', async () => {
    const busy = { ...engines.queryEngine, start: async () => Promise.reject(new QueryEngineBusy('too many queries')) };

    await expect(
      handleQuery({ action: 'start', dt: '2026-01-02', step: '02_check' }, { ...ports, engine: busy }),
    ).rejects.toMatchObject({ name: 'QueryEngineBusy' });
  });

  it('turns any other refusal to start into QueryStartFailed', async () => {
    const refusing = { ...engines.queryEngine, start: async () => Promise.reject(new Error('access denied')) };

    await expect(
      handleQuery({ action: 'start', dt: '2026-01-02', step: '02_check' }, { ...ports, engine: refusing }),
    ).rejects.toMatchObject({ name: 'QueryStartFailed', message: expect.stringContaining('access denied') });
  });
});

describe('status', () => {
  it('reports FAILED with the engine’s reason', async () => {
    const outcome = await runStep(ports, '2026-01-02', '03_broken');

    expect(outcome).toMatchObject({ state: 'FAILED', reason: expect.stringContaining('no_such_column') });
  });

  it('echoes the step, query id and attempt', async () => {
    const queryId = await engines.queryEngine.start('select 1', 'x');

    const progress = await handleQuery({ action: 'status', step: '01_numbers', queryId, attempt: 3, startedAt: new Date(now).toISOString() }, ports);

    expect(progress).toMatchObject({ step: '01_numbers', queryId, attempt: 3 });
  });

  it('reports the seconds since the start, the bound of the poll loop, and a wait that grows with them', async () => {
    const queryId = await engines.queryEngine.start('select 1', 'x');
    const startedAt = new Date(now).toISOString();
    const poll = async (afterSeconds: number) => {
      now = Date.parse(startedAt) + afterSeconds * 1000;
      return handleQuery({ action: 'status', step: '01_numbers', queryId, attempt: 1, startedAt }, ports);
    };

    expect(await poll(1)).toMatchObject({ startedAt, elapsedSeconds: 1, waitSeconds: TIMING_BUDGET.polling.minWaitSeconds });
    expect(await poll(16)).toMatchObject({ elapsedSeconds: 16, waitSeconds: 16 });
    expect(await poll(600)).toMatchObject({ elapsedSeconds: 600, waitSeconds: TIMING_BUDGET.polling.maxWaitSeconds });
  });

  it('rejects a status call without the start time the loop is bounded by', async () => {
    await expect(handleQuery({ action: 'status', step: '01_numbers', queryId: 'q', attempt: 1 }, ports)).rejects.toMatchObject({
      name: 'InvalidTaskInput',
    });
  });

  it('records the outcome in the manifest when the state machine passes dt', async () => {
    await runStep(ports, '2026-01-02', '03_broken');

    const manifest = await readManifest(store, '2026-01-02');

    expect((manifest.query as { steps: Record<string, unknown> }).steps['03_broken']).toMatchObject({
      state: 'FAILED',
      reason: expect.stringContaining('no_such_column'),
      finishedAt: expect.any(String),
    });
  });
});

describe('status of a check step', () => {
  it('fails with DataQualityCheckFailed naming each failed check with its count and example', async () => {
    const outcome = await runStep(ports, '2026-01-02', '02_check');

    expect(outcome).toMatchObject({
      state: 'FAILED',
      error: 'DataQualityCheckFailed',
      reason: 'data quality check(s) failed in 02_check for dt 2026-01-02: numbers_positive: 2 violation(s), e.g. n = -1 for dt 2026-01-02',
    });
  });

  it('succeeds when no check found a violation', async () => {
    const outcome = await runStep(ports, '2026-01-02', '04_clean');

    expect(outcome.state).toBe('SUCCEEDED');
    expect(outcome.error).toBeUndefined();
  });

  it('records every check’s violation count in the manifest, failed or not', async () => {
    await runStep(ports, '2026-01-02', '02_check');

    const manifest = await readManifest(store, '2026-01-02');

    expect((manifest.query as { steps: Record<string, unknown> }).steps['02_check']).toMatchObject({
      state: 'SUCCEEDED',
      checks: { numbers_positive: 2, numbers_present: 0 },
    });
  });

  it('refuses rows that are not checks with CheckResultMalformed, naming the step', async () => {
    const outcome = await runStep(ports, '2026-01-02', '05_not_a_check');

    expect(outcome).toMatchObject({ error: 'CheckResultMalformed', reason: expect.stringContaining("check step '05_not_a_check'") });
  });
});

describe('input', () => {
  const START = { action: 'start', dt: '2026-01-02', step: '01_numbers' };
  const STATUS = { action: 'status', step: '01_numbers', queryId: 'q-1', attempt: 1, startedAt: '2026-01-02T16:00:00.000Z' };

  it('refuses an event that is no known action with InvalidTaskInput naming the action field', async () => {
    await expect(handleQuery({ action: 'stop' }, ports)).rejects.toMatchObject({
      name: 'InvalidTaskInput',
      message: expect.stringContaining("action: Invalid discriminator value. Expected 'plan' | 'start' | 'status'"),
    });
  });

  it.each([
    ['dt', { ...START, dt: undefined }, 'dt: required'],
    ['step', { ...START, step: undefined }, 'step: Invalid input: expected string'],
    ['step', { ...START, step: '' }, 'step: Too small'],
    ['redriveCount', { ...START, execution: ATTEMPT.execution }, 'redriveCount: required with the other'],
    ['execution', { ...START, redriveCount: 0 }, 'execution: required with the other'],
    ['redriveCount', { ...START, ...ATTEMPT, redriveCount: -1 }, 'redriveCount: Too small'],
    ['redriveCount', { ...START, ...ATTEMPT, redriveCount: '0' }, 'redriveCount: Invalid input'],
  ])('refuses a start whose %s is missing or malformed, naming it', async (_field, event, named) => {
    await expect(handleQuery(event, ports)).rejects.toMatchObject({ name: 'InvalidTaskInput', message: expect.stringContaining(named) });
  });

  it.each([
    ['step', { ...STATUS, step: undefined }, 'step: Invalid input: expected string'],
    ['queryId', { ...STATUS, queryId: undefined }, 'queryId: Invalid input: expected string'],
    ['attempt', { ...STATUS, attempt: '1' }, 'attempt: Invalid input'],
    ['attempt', { ...STATUS, attempt: 1.5 }, 'attempt: Invalid input'],
    ['startedAt', { ...STATUS, startedAt: undefined }, 'startedAt: Invalid input: expected string'],
  ])('refuses a status whose %s is missing or malformed, naming it', async (_field, event, named) => {
    await expect(handleQuery(event, ports)).rejects.toMatchObject({ name: 'InvalidTaskInput', message: expect.stringContaining(named) });
  });

  it('refuses a status with a malformed dt as InvalidRunDate, before asking the engine', async () => {
    const asked: string[] = [];
    const engine = { ...engines.queryEngine, status: async (queryId: string) => (asked.push(queryId), { state: 'SUCCEEDED' as const }) };

    await expect(handleQuery({ ...STATUS, dt: '2026-02-30' }, { ...ports, engine })).rejects.toMatchObject({ name: 'InvalidRunDate' });
    expect(asked).toEqual([]);
  });

  it('runs a plan whatever else the event carries', async () => {
    expect(await handleQuery({ action: 'plan', dt: '2026-01-02' }, ports)).toMatchObject({ steps: expect.arrayContaining(['01_numbers']) });
  });
});

describe('status of a finished query', () => {
  it('passes on the bytes the engine says it scanned, in its output and in the manifest', async () => {
    // Prepare
    const scanning = {
      start: engines.queryEngine.start.bind(engines.queryEngine),
      status: async () => ({ state: 'SUCCEEDED' as const, bytesScanned: 4096 }),
      readResults: async () => [],
    };
    const started = (await handleQuery({ action: 'start', dt: '2026-01-02', step: '01_numbers' }, { ...ports, engine: scanning })) as {
      queryId: string;
      startedAt: string;
    };

    // Act
    const progress = await handleQuery(
      { action: 'status', step: '01_numbers', queryId: started.queryId, attempt: 1, dt: '2026-01-02', startedAt: started.startedAt },
      { ...ports, engine: scanning },
    );

    // Assess
    expect(progress).toMatchObject({ state: 'SUCCEEDED', bytesScanned: 4096 });
    const manifest = await readManifest(store, '2026-01-02');
    expect((manifest.query as { steps: Record<string, unknown> }).steps['01_numbers']).toMatchObject({ bytesScanned: 4096 });
  });
});
