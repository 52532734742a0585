// The data-quality steps fail the run on bad data with DataQualityCheckFailed, naming each failed check
// with its count and an example.
import { mkdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { buildRawFixture, writeRawFixture } from '../../local/fixtures/raw-fixture.js';
import { runStep, runSteps } from './run-steps.js';
import { openTestLake, type TestLake } from './test-lake.js';

const DT = '2026-03-01';
let lake: TestLake;

beforeEach(async () => {
  lake = await openTestLake();
});

afterEach(async () => {
  await lake.close();
});

async function runUpToCheck(fixture = buildRawFixture({ dt: DT })) {
  await writeRawFixture(lake.store, DT, fixture);
  await lake.crawl();
  return runSteps(lake.ports, DT, ['00_quarantine', '01_artists', '02_albums', '03_tracks', '04_track_artists', '05_check_curated']);
}

describe('05_check_curated', () => {
  it('passes on a sound raw zone', async () => {
    const outcomes = await runUpToCheck();

    expect(outcomes.at(-1)).toMatchObject({ step: '05_check_curated', state: 'SUCCEEDED' });
  });

  it('fails when the date has no artists', async () => {
    const fixture = buildRawFixture({ dt: DT });
    fixture.records.artists = [];

    const outcome = (await runUpToCheck(fixture)).at(-1);

    expect(outcome).toMatchObject({ state: 'FAILED', error: 'DataQualityCheckFailed' });
    expect(outcome?.reason).toContain(
      'data quality check(s) failed in 05_check_curated for dt 2026-03-01: artists_present: 1 violation(s), e.g. no artists for this date',
    );
  });

  it('fails on a duplicated artist id, naming it', async () => {
    const fixture = buildRawFixture({ dt: DT });
    fixture.records.artists.push({ ...fixture.records.artists[0], name: 'Someone else' });

    const outcome = (await runUpToCheck(fixture)).at(-1);

    expect(outcome?.reason).toContain('artist_id_unique: 1 violation(s), e.g. g0m0');
  });

  it('lists every failed check in one message', async () => {
    const fixture = buildRawFixture({ dt: DT });
    fixture.records.tracks.push({ ...fixture.records.tracks[0] }, { ...fixture.records.tracks[1], id: 't-orphan', album_id: 'no-such-album' });

    const outcome = (await runUpToCheck(fixture)).at(-1);

    expect(outcome?.reason).toMatch(/track_album_known: 1 violation\(s\), e\.g\. t-orphan; track_id_unique: 1 violation\(s\), e\.g\. \S+/);
  });
});

describe('08_check_similarity', () => {
  async function plantSimilarity(rows: string): Promise<void> {
    const prefix = lakeKeys.curatedPartition('artist_similarity', DT);
    await lake.store.deletePrefix(prefix);
    await mkdir(lake.store.locationOf(prefix), { recursive: true });
    await lake.engines.run(
      `copy (select * from (values ${rows}) as t(artist_id, neighbour_id, neighbour_name, rank, score, collaboration_score, genre_score, audio_score, signals, shared_tracks, shared_collaborators, shared_genres))
       to '${lake.store.locationOf(prefix)}/data_0.parquet' (format parquet)`,
    );
  }

  const row = (artist: string, neighbour: string, rank: number, score = 0.5) =>
    `('${artist}', '${neighbour}', 'N', ${rank}, ${score}, ${score}, null, null, ['collaboration'], 1, 0, []::varchar[])`;

  beforeEach(async () => {
    await runUpToCheck();
  });

  it('passes on similarity the similarity step wrote', async () => {
    await runStep(lake.ports, DT, '06_artist_features');
    await runStep(lake.ports, DT, '07_artist_similarity');

    expect(await runStep(lake.ports, DT, '08_check_similarity')).toMatchObject({ state: 'SUCCEEDED' });
  });

  it('fails on an artist listed as its own neighbour', async () => {
    await plantSimilarity(row('g0m0', 'g0m0', 1));

    const outcome = await runStep(lake.ports, DT, '08_check_similarity');

    expect(outcome).toMatchObject({ error: 'DataQualityCheckFailed', reason: expect.stringContaining('neighbour_not_self: 1 violation(s), e.g. g0m0') });
  });

  it('fails on similarity rows for an artist or neighbour missing from artists', async () => {
    await plantSimilarity([row('ghost', 'g0m1', 1), row('g0m1', 'phantom', 1)].join(', '));

    const outcome = await runStep(lake.ports, DT, '08_check_similarity');

    expect(outcome.reason).toContain('similarity_artist_known: 1 violation(s), e.g. ghost');
    expect(outcome.reason).toContain('similarity_neighbour_known: 1 violation(s), e.g. phantom');
  });

  it('fails on more than K neighbours, or ranks with gaps', async () => {
    const rows = [row('g0m0', 'g0m1', 1), row('g0m0', 'g0m2', 2), row('g0m0', 'g0m3', 3), row('g0m0', 'g0m4', 4), row('g1m0', 'g1m1', 2)];
    await plantSimilarity(rows.join(', '));

    const outcome = await runStep(lake.ports, DT, '08_check_similarity');

    expect(outcome.reason).toContain('neighbours_at_most_k: 1 violation(s), e.g. g0m0');
    expect(outcome.reason).toContain('ranks_contiguous: 1 violation(s), e.g. g1m0');
  });

  it('fails on a score outside (0, 1]', async () => {
    await plantSimilarity(row('g0m0', 'g0m1', 1, 1.5));

    const outcome = await runStep(lake.ports, DT, '08_check_similarity');

    expect(outcome.reason).toContain('score_in_range: 1 violation(s), e.g. g0m0');
  });
});
