// 07_artist_similarity on raw zones written to order: a signal is used only where both artists have
// evidence for it, common genres still give every artist its neighbours, and ties go to the more
// specific shared evidence before the id.
import { afterEach, describe, expect, it } from 'vitest';
import type { QueryParameters } from '../../tasks/query/query.js';
import { writeRawFixture, type RawFixture } from '../../local/fixtures/raw-fixture.js';
import { runSteps } from './run-steps.js';
import { similarityFixture, type FixtureArtist } from './similarity-fixture.js';
import { openTestLake, type TestLake } from './test-lake.js';

const DT = '2026-03-01';
const WEIGHTS = { collaboration: 0.6, genre: 0.3, audio: 0.1 };

interface Neighbour {
  artist_id: string;
  neighbour_id: string;
  rank: number;
  score: number;
  collaboration_score: number | null;
  genre_score: number | null;
  signals: string[];
}

let lake: TestLake | undefined;

afterEach(async () => {
  await lake?.close();
  lake = undefined;
});

async function similarityOf(fixture: RawFixture, parameters: QueryParameters): Promise<Neighbour[]> {
  lake = await openTestLake(parameters);
  await writeRawFixture(lake.store, DT, fixture);
  await lake.crawl();
  const outcomes = await runSteps(lake.ports, DT);
  expect(outcomes.map((outcome) => `${outcome.step} ${outcome.state}`)).toEqual(outcomes.map((outcome) => `${outcome.step} SUCCEEDED`));
  return (await lake.engines.run(
    `select artist_id, neighbour_id, rank, score, collaboration_score, genre_score, signals
     from artist_similarity where dt = '${DT}' order by artist_id, rank`,
  )) as unknown as Neighbour[];
}

function pair(rows: Neighbour[], artistId: string, neighbourId: string): Neighbour | undefined {
  return rows.find((row) => row.artist_id === artistId && row.neighbour_id === neighbourId);
}

describe('signals used only where both artists have evidence', () => {
  // Two duos credited together (one with genres, one without), two artists known by genre alone,
  // and a lone artist credited alone on a track, with a genre the first duo lacks.
  const fixture = similarityFixture(
    DT,
    [
      { id: 'duo-a', genres: ['indie'] },
      { id: 'duo-b', genres: ['indie'] },
      { id: 'bare-a' },
      { id: 'bare-b' },
      { id: 'known-a', genres: ['drone'] },
      { id: 'known-b', genres: ['drone'] },
      { id: 'loner', genres: ['metal'] },
    ],
    [
      { id: 't1', credits: ['duo-a', 'duo-b'] },
      { id: 't2', credits: ['duo-b', 'duo-a'] },
      { id: 't3', credits: ['bare-a', 'bare-b'] },
      { id: 't4', credits: ['loner'] },
      { id: 't5', credits: ['loner', 'duo-a'] },
    ],
  );

  it('scores two artists without credits on genre alone, the score being the genre score', async () => {
    const rows = await similarityOf(fixture, { similarityK: 3, weights: WEIGHTS });

    expect(pair(rows, 'known-a', 'known-b')).toMatchObject({ signals: ['genre'], collaboration_score: null, genre_score: 1, score: 1 });
  });

  it('scores two artists without genres on collaboration alone, the score being the collaboration score', async () => {
    const rows = await similarityOf(fixture, { similarityK: 3, weights: WEIGHTS });

    const row = pair(rows, 'bare-a', 'bare-b');
    expect(row).toMatchObject({ signals: ['collaboration'], genre_score: null });
    expect(row?.score).toBe(row?.collaboration_score);
  });

  it('counts a used signal that found nothing as 0, and lists it among the signals', async () => {
    const rows = await similarityOf(fixture, { similarityK: 3, weights: WEIGHTS });

    const row = pair(rows, 'loner', 'duo-a');
    expect(row).toMatchObject({ signals: ['collaboration', 'genre'], genre_score: 0 });
    expect(row?.score).toBeCloseTo((0.6 * (row?.collaboration_score ?? 0)) / 0.9, 6);
  });

  it('never pairs an artist with genres alone with one known by credits alone', async () => {
    const rows = await similarityOf(fixture, { similarityK: 3, weights: WEIGHTS });

    expect(rows.filter((row) => row.artist_id.startsWith('known') && row.neighbour_id.startsWith('bare'))).toEqual([]);
  });

  it('leaves a signal whose weight is 0 unused', async () => {
    const rows = await similarityOf(fixture, { similarityK: 3, weights: { collaboration: 1, genre: 0, audio: 0 } });

    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.signals.includes('genre') || row.genre_score !== null)).toEqual([]);
  });
});

describe('artists whose genres are all held by more than 100 artists', () => {
  // 130 artists are only pop, 110 only rock, 12 both: every genre is common, nobody has a credit.
  const artists: FixtureArtist[] = [
    ...Array.from({ length: 130 }, (_, index) => ({ id: `pop-${String(index).padStart(3, '0')}`, genres: ['pop'] })),
    ...Array.from({ length: 110 }, (_, index) => ({ id: `rock-${String(index).padStart(3, '0')}`, genres: ['rock'] })),
    ...Array.from({ length: 12 }, (_, index) => ({ id: `both-${String(index).padStart(2, '0')}`, genres: ['pop', 'rock'] })),
  ];

  it('still get K neighbours each', async () => {
    const rows = await similarityOf(similarityFixture(DT, artists), { similarityK: 10, weights: WEIGHTS });

    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.artist_id, (counts.get(row.artist_id) ?? 0) + 1);
    expect([...counts.values()].filter((count) => count === 10)).toHaveLength(artists.length);
  });

  it('find the artists whose genres are the same as theirs', async () => {
    const rows = await similarityOf(similarityFixture(DT, artists), { similarityK: 10, weights: WEIGHTS });

    const ofBoth = rows.filter((row) => row.artist_id.startsWith('both'));
    expect(ofBoth).toHaveLength(12 * 10);
    expect(ofBoth.filter((row) => !row.neighbour_id.startsWith('both') || row.score !== 1)).toEqual([]);
  });
});

describe('ties', () => {
  // 'seed' shares one of two genres with each of its neighbours (Jaccard 1/3 for all of them): a
  // niche genre with 'z-niche', the giant genre held by everyone else with the rest.
  const artists: FixtureArtist[] = [
    { id: 'seed', genres: ['niche', 'giant'] },
    { id: 'z-niche', genres: ['niche', 'other-z'] },
    ...Array.from({ length: 20 }, (_, index) => ({ id: `a-giant-${String(index).padStart(2, '0')}`, genres: ['giant', `other-${index}`] })),
  ];

  it('go to the neighbour sharing the more specific genre, whatever its id', async () => {
    const rows = await similarityOf(similarityFixture(DT, artists), { similarityK: 3, weights: WEIGHTS });

    const list = rows.filter((row) => row.artist_id === 'seed');
    expect(list.map((row) => row.score)).toEqual([0.333333, 0.333333, 0.333333]);
    expect(list.map((row) => row.neighbour_id)).toEqual(['z-niche', 'a-giant-00', 'a-giant-01']);
  });
});
