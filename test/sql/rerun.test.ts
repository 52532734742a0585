// A re-run for a date replaces that date's curated data and export, and touches no other date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRawFixture, writeRawFixture } from '../../local/fixtures/raw-fixture.js';
import { runSteps } from './run-steps.js';
import { openTestLake, type TestLake } from './test-lake.js';

const FIRST = '2026-03-01';
const SECOND = '2026-03-02';
let lake: TestLake;

async function load(dt: string, groups: number): Promise<void> {
  await writeRawFixture(lake.store, dt, buildRawFixture({ dt, groups, genres: true, audio: true }));
  await lake.crawl();
}

async function outputsOf(dt: string): Promise<Map<string, string>> {
  const keys = (await lake.store.list('')).filter(
    (key) => (key.startsWith('curated/') || key.startsWith('exports/')) && key.includes(`/dt=${dt}/`),
  );
  const bodies = new Map<string, string>();
  for (const key of keys) bodies.set(key, Buffer.from((await lake.store.get(key)) as Uint8Array).toString('base64'));
  return bodies;
}

beforeEach(async () => {
  lake = await openTestLake();
});

afterEach(async () => {
  await lake.close();
});

describe('re-running a date', () => {
  it('writes the same objects, byte for byte, as the first run', async () => {
    await load(FIRST, 4);
    await runSteps(lake.ports, FIRST);
    const before = await outputsOf(FIRST);

    await runSteps(lake.ports, FIRST);

    expect([...before.keys()]).toHaveLength(10);
    expect(await outputsOf(FIRST)).toEqual(before);
  });

  it('replaces the date’s rows instead of adding to them', async () => {
    await load(FIRST, 4);
    await runSteps(lake.ports, FIRST);
    await load(FIRST, 2);

    await runSteps(lake.ports, FIRST);

    expect(await lake.engines.run(`select count(*) as n from artists where dt = '${FIRST}'`)).toEqual([{ n: 13 }]);
    expect(await lake.engines.run(`select count(*) as n from (select distinct artist_id, neighbour_id from artist_similarity where dt = '${FIRST}')`))
      .toEqual(await lake.engines.run(`select count(*) as n from artist_similarity where dt = '${FIRST}'`));
  });

  it('leaves every object of another date as it was', async () => {
    await load(FIRST, 4);
    await runSteps(lake.ports, FIRST);
    await load(SECOND, 3);
    await runSteps(lake.ports, SECOND);
    const secondBefore = await outputsOf(SECOND);
    await load(FIRST, 2);

    await runSteps(lake.ports, FIRST);

    expect(await outputsOf(SECOND)).toEqual(secondBefore);
    expect(await lake.engines.run(`select dt, count(*) as n from artists group by dt order by dt`)).toEqual([
      { dt: FIRST, n: 13 },
      { dt: SECOND, n: 18 },
    ]);
  });
});
