// The query task aims a step's first poll just past the duration the step had in the last run, and
// records this run's duration for the next: a step that runs as long as last time is polled once.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalEngines, type LocalEngines } from '../../local/duckdb/engines.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import type { QueryEngine, QueryStatus } from '../../tasks/ports.js';
import { handleQuery } from '../../tasks/query/handle.js';
import type { QueryPorts } from '../../tasks/query/query.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';
import { pollPolicy, TIMING_BUDGET } from '../../tasks/timing/budget.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const STEP = `-- 01_numbers: a tiny curated table.
-- output: curated/numbers
unload (select 1 as n) to '{{output_location}}' with (format = 'PARQUET', compression = 'SNAPPY')
`;
const dt = '2026-01-02';
const lateness = 1 + (TIMING_BUDGET.polling.expectedLateness ?? 0);

let lake: Awaited<ReturnType<typeof makeTempDir>>;
let sql: Awaited<ReturnType<typeof makeTempDir>>;
let engines: LocalEngines;
let store: FolderObjectStore;
let ports: QueryPorts;
let now: number;

beforeEach(async () => {
  lake = await makeTempDir();
  sql = await makeTempDir();
  await writeFile(join(sql.path, '01_numbers.sql'), STEP);
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
    polling: pollPolicy(),
  };
});

afterEach(async () => {
  await engines.close();
  await lake.remove();
  await sql.remove();
});

/** A run manifest for `date` in which 01_numbers ended as `step` says. */
async function ranBefore(date: string, step: Record<string, unknown>): Promise<void> {
  await store.put(lakeKeys.manifest(date), JSON.stringify({ dt: date, query: { steps: { '01_numbers': step } } }));
}

async function start(): Promise<{ queryId: string; startedAt: string; waitSeconds: number }> {
  return (await handleQuery({ action: 'start', dt, step: '01_numbers' }, ports)) as { queryId: string; startedAt: string; waitSeconds: number };
}

/** The query engine with the status a test sets. */
function engineAnswering(status: QueryStatus): QueryEngine {
  return { start: engines.queryEngine.start.bind(engines.queryEngine), status: async () => status, readResults: async () => [] };
}

async function recordedStep(): Promise<Record<string, unknown> | undefined> {
  return ((await readManifest(store, dt)).query as { steps?: Record<string, Record<string, unknown>> } | undefined)?.steps?.['01_numbers'];
}

describe('the first poll of a step', () => {
  it('comes a fifth past the duration the step had in the newest earlier run', async () => {
    // Prepare: an older run, the newest earlier one, and a later date that must not count
    await ranBefore('2025-12-31', { state: 'SUCCEEDED', durationSeconds: 400 });
    await ranBefore('2026-01-01', { state: 'SUCCEEDED', durationSeconds: 40 });
    await ranBefore('2026-01-03', { state: 'SUCCEEDED', durationSeconds: 4 });

    // Act
    const started = await start();

    // Assess
    expect(started.waitSeconds).toBe(Math.ceil(40 * lateness));
    expect(await recordedStep()).toMatchObject({ expectedSeconds: 40 });
  });

  it('comes past the duration of an earlier attempt of the same date that succeeded', async () => {
    await ranBefore('2026-01-01', { state: 'SUCCEEDED', durationSeconds: 40 });
    await ranBefore(dt, { state: 'SUCCEEDED', durationSeconds: 10 });

    const started = await start();

    expect(started.waitSeconds).toBe(Math.ceil(10 * lateness));
  });

  it('comes after the least wait when the engine measured no duration last time', async () => {
    // The time at the poll that saw the end is late by that poll's wait: it is no estimate.
    await ranBefore('2026-01-01', { state: 'SUCCEEDED', durationSeconds: null, elapsedSeconds: 20 });

    const started = await start();

    expect(started.waitSeconds).toBe(TIMING_BUDGET.polling.minWaitSeconds);
  });

  it('comes past the time at the last poll of a record from before durations were kept', async () => {
    await ranBefore('2026-01-01', { state: 'SUCCEEDED', elapsedSeconds: 20 });

    const started = await start();

    expect(started.waitSeconds).toBe(Math.ceil(20 * lateness));
  });

  it('comes after the least wait when the step failed last time', async () => {
    await ranBefore('2026-01-01', { state: 'FAILED', durationSeconds: 40 });

    const started = await start();

    expect(started.waitSeconds).toBe(TIMING_BUDGET.polling.minWaitSeconds);
    expect(await recordedStep()).not.toHaveProperty('expectedSeconds');
  });

  it('comes after the least wait when there was no earlier run', async () => {
    const started = await start();

    expect(started.waitSeconds).toBe(TIMING_BUDGET.polling.minWaitSeconds);
  });
});

describe('a later poll of a step', () => {
  async function pollAfter(seconds: number, startedAt: string, queryId: string) {
    now = Date.parse(startedAt) + seconds * 1000;
    return (await handleQuery({ action: 'status', dt, step: '01_numbers', queryId, attempt: 1, startedAt }, { ...ports, engine: engineAnswering({ state: 'RUNNING' }) })) as {
      waitSeconds: number;
    };
  }

  it('waits the rest of the expected time while it lasts', async () => {
    await ranBefore('2026-01-01', { state: 'SUCCEEDED', durationSeconds: 40 });
    const { startedAt, queryId } = await start();

    const poll = await pollAfter(10, startedAt, queryId);

    expect(poll.waitSeconds).toBe(Math.ceil(40 * lateness - 10));
  });

  it('waits as long again as the step has run once the expected end has passed', async () => {
    await ranBefore('2026-01-01', { state: 'SUCCEEDED', durationSeconds: 20 });
    const { startedAt, queryId } = await start();

    const poll = await pollAfter(30, startedAt, queryId);

    expect(poll.waitSeconds).toBe(30);
  });
});

describe('the end of a step', () => {
  async function finishWith(status: QueryStatus, afterSeconds: number): Promise<void> {
    const { startedAt, queryId } = await start();
    now = Date.parse(startedAt) + afterSeconds * 1000;
    await handleQuery({ action: 'status', dt, step: '01_numbers', queryId, attempt: 1, startedAt }, { ...ports, engine: engineAnswering(status) });
  }

  it('records the duration the engine measured, which the next run aims past', async () => {
    await finishWith({ state: 'SUCCEEDED', durationSeconds: 7.5 }, 12);

    expect(await recordedStep()).toMatchObject({ state: 'SUCCEEDED', durationSeconds: 7.5, elapsedSeconds: 12 });
  });

  it('records that the engine measured no duration, so the next run does not read the late poll as one', async () => {
    await finishWith({ state: 'SUCCEEDED' }, 12);

    expect(await recordedStep()).toMatchObject({ durationSeconds: null, elapsedSeconds: 12 });
  });
});
