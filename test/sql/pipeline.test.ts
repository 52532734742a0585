// The SQL steps run on DuckDB through the dialect layer, over a raw zone with planted groups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckDbType } from '../../local/duckdb/types.js';
import { fromJsonLines } from '../../tasks/lake/json-lines.js';
import { CURATED_TABLES } from '../../tasks/lake/tables.js';
import { buildRawFixture, writeRawFixture, type RawFixture } from '../../local/fixtures/raw-fixture.js';
import { runSteps, type StepOutcome } from './run-steps.js';
import { openTestLake, type TestLake } from './test-lake.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';

const DT = '2026-03-01';
const K = 3;

interface SimilarityRow {
  artist_id: string;
  neighbour_id: string;
  rank: number;
  score: number;
  collaboration_score: number | null;
  genre_score: number | null;
  audio_score: number | null;
  signals: string[];
  shared_tracks: number;
  shared_collaborators: number;
  shared_genres: string[];
}

async function similarity(lake: TestLake): Promise<SimilarityRow[]> {
  return (await lake.engines.run(
    `select * exclude (dt) from artist_similarity where dt = '${DT}' order by artist_id, rank`,
  )) as unknown as SimilarityRow[];
}

async function exported(lake: TestLake): Promise<Record<string, unknown>[]> {
  const keys = await lake.store.list(`exports/artist_profiles/dt=${DT}/`);
  const rows = [];
  for (const key of keys) rows.push(...fromJsonLines((await lake.store.get(key)) as Uint8Array, true));
  return rows as Record<string, unknown>[];
}

describe('with every signal (an extended-access app)', () => {
  let lake: TestLake;
  let fixture: RawFixture;
  let outcomes: StepOutcome[];

  beforeAll(async () => {
    lake = await openTestLake({ similarityK: K, weights: SETTINGS_DEFAULTS.similarityWeights });
    fixture = buildRawFixture({ dt: DT, groups: 4, groupSize: 5, loners: 3, genres: true, audio: true });
    await writeRawFixture(lake.store, DT, fixture);
    await lake.crawl();
    outcomes = await runSteps(lake.ports, DT);
  });

  afterAll(async () => {
    await lake.close();
  });

  it('runs every step to SUCCEEDED', () => {
    expect(outcomes.map((outcome) => outcome.state)).toEqual(outcomes.map(() => 'SUCCEEDED'));
    expect(outcomes.map((outcome) => outcome.step)).toEqual([
      '00_quarantine',
      '01_artists',
      '02_albums',
      '03_tracks',
      '04_track_artists',
      '05_check_curated',
      '06_artist_features',
      '06_export_artist_features',
      'artist_audio_neighbours',
      '07_artist_similarity',
      '08_check_similarity',
      '09_export_artist_profiles',
    ]);
  });

  it('writes each curated table with the columns and types tasks/lake/tables.ts declares', async () => {
    const extras: Record<string, string[]> = {};
    for (const table of CURATED_TABLES.filter((curated) => curated.format === 'parquet')) {
      const file = lake.store.locationOf(`${table.prefix}dt=${DT}/data_0.parquet`);
      const written = await lake.engines.run(`describe select * from read_parquet('${file}', hive_partitioning = false)`);
      const types = Object.fromEntries(written.map((column) => [column.column_name, column.column_type]));

      expect(types, table.name).toMatchObject(
        Object.fromEntries(table.columns.map((column) => [column.name, duckDbType(column.type)])),
      );
      extras[table.name] = Object.keys(types).filter((name) => !table.columns.some((column) => column.name === name));
    }

    // Every column a step writes is declared, so Athena's tables (from tables.ts) see it too.
    expect(Object.values(extras).flat()).toEqual([]);
  });

  it('writes each curated JSON table with exactly the declared columns, each value of its declared type', async () => {
    const matches: Record<string, (value: unknown) => boolean> = {
      string: (value) => typeof value === 'string',
      int: (value) => Number.isInteger(value),
      double: (value) => typeof value === 'number' && Number.isFinite(value),
    };
    for (const table of CURATED_TABLES.filter((curated) => curated.format === 'json')) {
      const written: Record<string, unknown>[] = [];
      for (const key of await lake.store.list(`${table.prefix}dt=${DT}/`)) {
        written.push(...(fromJsonLines((await lake.store.get(key)) as Uint8Array, true) as Record<string, unknown>[]));
      }

      expect(written.length, table.name).toBeGreaterThan(0);
      for (const row of written) {
        expect(Object.keys(row).sort(), table.name).toEqual(table.columns.map((column) => column.name).sort());
        for (const column of table.columns) expect(matches[column.type]?.(row[column.name]), `${table.name}.${column.name}`).toBe(true);
      }
    }
  });

  it('writes one curated row per raw artist, album and track', async () => {
    const counts = await lake.engines.run(`
      select
        (select count(*) from artists where dt = '${DT}') as artists,
        (select count(*) from albums where dt = '${DT}') as albums,
        (select count(*) from tracks where dt = '${DT}') as tracks`);

    expect(counts).toEqual([
      { artists: 23, albums: 23, tracks: fixture.records.tracks.length },
    ]);
  });

  it('writes one track_artists row per credit, main artist at position 1', async () => {
    const credits = fixture.records.tracks.reduce((sum, track) => sum + (track.artist_ids as string[]).length, 0);
    const rows = await lake.engines.run(
      `select count(*) as n, count(*) filter (where credit_position = 1) as main from track_artists where dt = '${DT}'`,
    );

    expect(rows).toEqual([{ n: credits, main: fixture.records.tracks.length }]);
  });

  it('names featured artists from the track’s own credit list', async () => {
    const rows = await lake.engines.run(
      `select artist_name, credit_position from track_artists where dt = '${DT}' and track_id = 't-g0m0-produced' order by credit_position`,
    );

    expect(rows).toEqual([
      { artist_name: 'Artist G0M0', credit_position: 1 },
      { artist_name: 'Producer 0', credit_position: 2 },
    ]);
  });

  it('normalises every artist’s feature averages into 0-1', async () => {
    const [range] = await lake.engines.run(`
      select count(*) as n,
             min(least(danceability, energy, loudness, speechiness, acousticness, instrumentalness)) as low,
             max(greatest(danceability, energy, loudness, speechiness, acousticness, instrumentalness)) as high
      from artist_features where dt = '${DT}'`);

    expect(range).toEqual({ n: 23, low: 0, high: 1 });
  });

  it('finds the K nearest artists by audio that ranking every pair in SQL gives, distances equal to the bit', async () => {
    const byEngine = await lake.engines.run(`
      with pairs as (
        select
          artist_side.artist_id as artist_id,
          neighbour_side.artist_id as neighbour_id,
          sqrt(
            (artist_side.danceability - neighbour_side.danceability) * (artist_side.danceability - neighbour_side.danceability)
            + (artist_side.energy - neighbour_side.energy) * (artist_side.energy - neighbour_side.energy)
            + (artist_side.loudness - neighbour_side.loudness) * (artist_side.loudness - neighbour_side.loudness)
            + (artist_side.speechiness - neighbour_side.speechiness) * (artist_side.speechiness - neighbour_side.speechiness)
            + (artist_side.acousticness - neighbour_side.acousticness) * (artist_side.acousticness - neighbour_side.acousticness)
            + (artist_side.instrumentalness - neighbour_side.instrumentalness) * (artist_side.instrumentalness - neighbour_side.instrumentalness)
          ) as distance
        from artist_features as artist_side
        inner join artist_features as neighbour_side
          on neighbour_side.artist_id <> artist_side.artist_id
          and neighbour_side.dt = artist_side.dt
        where artist_side.dt = '${DT}'
      ),
      ranked as (
        select *, row_number() over (partition by artist_id order by distance, neighbour_id) as rank from pairs
      )
      select artist_id, neighbour_id, rank, distance from ranked where rank <= ${K} order by artist_id, rank`);
    const byTask = await lake.engines.run(
      `select artist_id, neighbour_id, rank, distance from artist_audio_neighbours where dt = '${DT}' order by artist_id, rank`,
    );

    expect(byTask).toHaveLength(23 * K);
    expect(byTask).toEqual(byEngine);
  });

  it('never lists an artist as its own neighbour', async () => {
    expect((await similarity(lake)).filter((row) => row.artist_id === row.neighbour_id)).toEqual([]);
  });

  it('keeps at most K neighbours per artist, ranked 1..n', async () => {
    const ranks = new Map<string, number[]>();
    for (const row of await similarity(lake)) ranks.set(row.artist_id, [...(ranks.get(row.artist_id) ?? []), row.rank]);

    for (const list of ranks.values()) expect(list).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));
    expect(Math.max(...[...ranks.values()].map((list) => list.length))).toBe(K);
  });

  it('recovers the planted groups: every neighbour of a group member is in its group', async () => {
    const groupOf = new Map(fixture.plantedGroups.flatMap((group) => group.map((id) => [id, group] as const)));

    const strays = (await similarity(lake)).filter(
      (row) => groupOf.has(row.artist_id) && !groupOf.get(row.artist_id)?.includes(row.neighbour_id),
    );

    expect(strays).toEqual([]);
  });

  it('breaks a tie on score and shared evidence by the smaller neighbour id', async () => {
    const rows = await similarity(lake);
    const expected = [...rows].sort(
      (a, b) => a.artist_id.localeCompare(b.artist_id) || b.score - a.score || a.neighbour_id.localeCompare(b.neighbour_id),
    );

    expect(rows.map((row) => [row.artist_id, row.neighbour_id])).toEqual(expected.map((row) => [row.artist_id, row.neighbour_id]));
    expect(rows.some((row, i) => i > 0 && rows[i - 1]?.artist_id === row.artist_id && rows[i - 1]?.score === row.score)).toBe(true);
  });

  it('says which signals produced each neighbour and the evidence behind them', async () => {
    const row = (await similarity(lake)).find((candidate) => candidate.artist_id === 'g1m1' && candidate.neighbour_id === 'g1m2');

    expect(row).toMatchObject({
      signals: ['collaboration', 'genre', 'audio'],
      shared_tracks: 1,
      shared_collaborators: 1,
      shared_genres: ['genre-1-a', 'genre-1-b', 'pop'],
      genre_score: 1,
    });
  });

  it('exports one profile per tracked artist with the fields the publish task reads', async () => {
    const rows = await exported(lake);

    expect(rows).toHaveLength(23);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['artist_id', 'genres', 'name', 'neighbours', 'top_tracks']);
  });

  it('exports the neighbours of the similarity table, in rank order, with every field', async () => {
    const profile = (await exported(lake)).find((row) => row.artist_id === 'g2m3') as { neighbours: Record<string, unknown>[] };
    const rows = (await similarity(lake)).filter((row) => row.artist_id === 'g2m3');

    expect(profile.neighbours).toEqual(
      rows.map((row) => ({
        artist_id: row.neighbour_id,
        name: `Artist ${row.neighbour_id.toUpperCase()}`,
        rank: row.rank,
        score: row.score,
        signals: row.signals,
        collaboration_score: row.collaboration_score,
        genre_score: row.genre_score,
        audio_score: row.audio_score,
        shared_tracks: row.shared_tracks,
        shared_collaborators: row.shared_collaborators,
        shared_genres: row.shared_genres,
        // Every signal is present here, so each part is its weight times its score over the weights' sum (1).
        collaboration_part: expect.closeTo(SETTINGS_DEFAULTS.similarityWeights.collaboration * (row.collaboration_score ?? 0), 6),
        genre_part: expect.closeTo(0.3 * (row.genre_score ?? 0), 6),
        audio_part: expect.closeTo(0.1 * (row.audio_score ?? 0), 6),
      })),
    );
  });

  it('exports each signal’s part of the score, the parts adding up to the score', async () => {
    const neighbours = (await exported(lake)).flatMap((row) => (row as { neighbours: Record<string, number>[] }).neighbours);

    expect(neighbours.length).toBeGreaterThan(0);
    for (const neighbour of neighbours) {
      expect(neighbour.collaboration_part! + neighbour.genre_part! + neighbour.audio_part!).toBeCloseTo(neighbour.score!, 5);
    }
  });

  it('exports up to five top tracks, the artist’s own before its features, in a fixed order', async () => {
    const profile = (await exported(lake)).find((row) => row.artist_id === 'g0m0') as { top_tracks: { track_id: string }[] };

    expect(profile.top_tracks.map((track) => track.track_id)).toEqual([
      't-cross-g0m0-g1m4',
      't-g0m0-produced',
      't-g0m0-solo1',
      't-g0m0-solo2',
      't-g0m0-with-g0m1',
    ]);
  });
});

describe('with collaboration credits only (a 2026 development-mode app without genres)', () => {
  let lake: TestLake;
  let outcomes: StepOutcome[];

  beforeAll(async () => {
    lake = await openTestLake({ similarityK: K, weights: SETTINGS_DEFAULTS.similarityWeights });
    await writeRawFixture(lake.store, DT, buildRawFixture({ dt: DT, genres: false, audio: false }));
    await lake.crawl();
    outcomes = await runSteps(lake.ports, DT);
  });

  afterAll(async () => {
    await lake.close();
  });

  it('runs every step to SUCCEEDED with no audio features at all', () => {
    expect(outcomes.every((outcome) => outcome.state === 'SUCCEEDED')).toBe(true);
  });

  it('writes an empty artist_features for the date', async () => {
    expect(await lake.engines.run(`select count(*) as n from artist_features where dt = '${DT}'`)).toEqual([{ n: 0 }]);
  });

  it('scores on collaboration alone, with the absent signals null', async () => {
    const rows = await similarity(lake);

    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({ genre_score: null, audio_score: null, signals: ['collaboration'], shared_genres: [] });
      expect(row.score).toBe(row.collaboration_score);
    }
  });

  it('exports the whole score as the collaboration part, and no part for the absent signals', async () => {
    const neighbours = (await exported(lake)).flatMap((row) => (row as { neighbours: Record<string, unknown>[] }).neighbours);

    expect(neighbours.length).toBeGreaterThan(0);
    for (const neighbour of neighbours) {
      expect(neighbour).toMatchObject({ collaboration_part: neighbour.score, genre_part: null, audio_part: null });
    }
  });

  it('gives an artist with no collaborations no neighbours, and still exports its profile', async () => {
    const profile = (await exported(lake)).find((row) => row.artist_id === 'solo0');

    expect(profile).toMatchObject({ artist_id: 'solo0', genres: [], neighbours: [] });
  });
});
