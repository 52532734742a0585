// The curated tables' partition projection, applied by the local engine as Athena applies it: a dt
// outside the projected range, evaluated in UTC at query time, is invisible. The run date is today
// in Asia/Seoul, and the nightly run starts at 01:30 there, 16:30 UTC the day before.
import { afterEach, describe, expect, it } from 'vitest';
import { CURATED_DT_PROJECTION, type DateProjection } from '../../tasks/lake/tables.js';
import { buildRawFixture, writeRawFixture } from '../../local/fixtures/raw-fixture.js';
import { runSteps, type StepOutcome } from './run-steps.js';
import { DEFAULT_PARAMETERS, openTestLake, type TestLake } from './test-lake.js';

const SCHEDULED_RUN = { now: () => new Date('2026-03-01T16:30:00Z') };
const TODAY_IN_SEOUL = '2026-03-02';
const TOMORROW_IN_SEOUL = '2026-03-03';
/** The range the curated tables had before: ending at NOW. */
const ENDING_AT_NOW: DateProjection = { ...CURATED_DT_PROJECTION, range: ['2024-01-01', 'NOW'] };

let lake: TestLake;

afterEach(async () => {
  await lake.close();
});

async function runCuratedSteps(dt: string, projection?: DateProjection): Promise<StepOutcome[]> {
  lake = await openTestLake(DEFAULT_PARAMETERS, { clock: SCHEDULED_RUN, projection });
  await writeRawFixture(lake.store, dt, buildRawFixture({ dt }));
  await lake.crawl();
  return runSteps(lake.ports, dt, ['00_quarantine', '01_artists', '02_albums', '03_tracks', '04_track_artists', '05_check_curated']);
}

async function artistCount(dt: string): Promise<number> {
  const [row] = await lake.engines.run(`select count(*) as n from artists where dt = '${dt}'`);
  return Number(row?.n);
}

describe('with the range ending at NOW (the old declaration)', () => {
  it('hides the run’s own curated rows when its date is tomorrow in UTC, and the check fails the night', async () => {
    const outcomes = await runCuratedSteps(TODAY_IN_SEOUL, ENDING_AT_NOW);

    expect(await lake.store.list(`curated/artists/dt=${TODAY_IN_SEOUL}/`)).toHaveLength(1);
    expect(await artistCount(TODAY_IN_SEOUL)).toBe(0);
    expect(outcomes.at(-1)).toMatchObject({ step: '05_check_curated', error: 'DataQualityCheckFailed' });
    expect(outcomes.at(-1)?.reason).toContain('artists_present: 1 violation(s)');
  });
});

describe('with the declared range (NOW+2DAYS)', () => {
  it('shows the run’s own rows when its date is tomorrow in UTC', async () => {
    const outcomes = await runCuratedSteps(TODAY_IN_SEOUL);

    expect(await artistCount(TODAY_IN_SEOUL)).toBe(23);
    expect(outcomes.map((outcome) => outcome.state)).toEqual(outcomes.map(() => 'SUCCEEDED'));
  });

  it('shows the rows of a run dated tomorrow in Seoul, two days ahead of UTC', async () => {
    await runCuratedSteps(TOMORROW_IN_SEOUL);

    expect(await artistCount(TOMORROW_IN_SEOUL)).toBe(23);
  });

  it('still hides a date past its end, as Athena does', async () => {
    await runCuratedSteps('2026-03-04');

    expect(await artistCount('2026-03-04')).toBe(0);
  });

  it('hides a folder whose dt is not a real yyyy-MM-dd date, which Athena never projects', async () => {
    lake = await openTestLake(DEFAULT_PARAMETERS, { clock: SCHEDULED_RUN });
    await lake.store.put('curated/artists/dt=2026-2-30/data_0.parquet', 'never read');

    expect(await lake.engines.run(`select count(*) as n from artists`)).toEqual([{ n: 0 }]);
  });
});
