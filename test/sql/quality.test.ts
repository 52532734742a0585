// Quality, measured: neighbours recover the planted groups (precision at K for grouped artists
// with any neighbour; local/precision.ts), for what each kind of Spotify app can fetch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleCatalog } from '../../local/spotify/catalog.js';
import { precisionAtK, type SimilarityRow } from '../../local/precision.js';
import { catalogAsRaw } from '../../local/fixtures/catalog-raw.js';
import { buildRawFixture, writeRawFixture, type RawFixture } from '../../local/fixtures/raw-fixture.js';
import { runSteps } from './run-steps.js';
import { openTestLake, type TestLake } from './test-lake.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';

const DT = '2026-03-01';
const K = 10;
const APPS = [
  { app: 'a 2026 development-mode app without genres', genres: false, audio: false },
  { app: 'a 2026 development-mode app with genres', genres: true, audio: false },
  { app: 'an extended-access app', genres: true, audio: true },
];

let lake: TestLake;

beforeEach(async () => {
  lake = await openTestLake({ similarityK: K, weights: SETTINGS_DEFAULTS.similarityWeights });
});

afterEach(async () => {
  await lake.close();
});

async function measure(raw: RawFixture) {
  await writeRawFixture(lake.store, DT, raw);
  await lake.crawl();
  const outcomes = await runSteps(lake.ports, DT);
  expect(outcomes.every((outcome) => outcome.state === 'SUCCEEDED')).toBe(true);
  const rows = await lake.engines.run(`select artist_id, neighbour_id, rank from artist_similarity where dt = '${DT}'`);
  return precisionAtK(rows as unknown as SimilarityRow[], raw.plantedGroups, K);
}

describe.each(APPS)('for $app', ({ genres, audio }) => {
  it('recovers the planted groups of the small fixture exactly', async () => {
    const quality = await measure(buildRawFixture({ dt: DT, groups: 4, groupSize: 5, genres, audio }));

    expect(quality).toEqual({ k: K, precision: 1, evaluated: 20, grouped: 20 });
  });

  it('recovers most of the sample catalog’s planted groups, for every grouped artist', async () => {
    const catalog = createSampleCatalog({ artists: 300, seed: 2026 });

    const raw = catalogAsRaw(catalog, DT, { genres, audio });
    // Artists with a blank name are quarantined (00_quarantine), so they are scored in no group.
    const quarantined = new Set(catalog.artists.filter((artist) => artist.name.trim() === '').map((artist) => artist.id));
    const quality = await measure({ ...raw, plantedGroups: raw.plantedGroups.map((group) => group.filter((id) => !quarantined.has(id))) });

    expect(quarantined.size).toBe(2);
    // Measured 0.88 to 0.89 on this catalog (0.92 before it had heavy tails, compilations and a charity
    // single); planted noise (cross-group features, the charity single) caps it below 1.
    expect(quality.precision).toBeGreaterThan(0.85);
    expect(quality.evaluated).toBe(quality.grouped);
  });
});
