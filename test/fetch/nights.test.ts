// A first night that does not fit into one execution: it stops cleanly at its slice bound, keeps
// everything fetched, and the next nights (new run dates) carry on with the artists not fetched yet.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFetchSettings } from '../../tasks/fetch/settings.js';
import { runLoad } from '../../tasks/load/load.js';
import { DT, startFetchHarness, type FetchHarness } from './fetch-harness.js';

const NEXT = '2026-05-11';
const AFTER = '2026-05-12';
// Five artists a slice, two slices a night: ten artists a night.
const NIGHT = { maxArtistsPerSlice: 5, slicesPerExecution: 2, concurrency: 1 };

let harness: FetchHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function night(h: FetchHarness, dt: string, settings: Partial<typeof NIGHT> = NIGHT) {
  const results = await h.fetchUntilDone({ ...NIGHT, ...settings }, dt);
  await runLoad(dt, { store: h.store, logger: h.logger, clock: { now: () => new Date() } });
  return results;
}

describe('FetchArtists: a night too short for the tracked set', () => {
  it('ends the night as done but not complete at its slice bound, and keeps what it staged', async () => {
    harness = await startFetchHarness();

    const results = await harness.fetchUntilDone(NIGHT);

    expect(results.map((result) => [result.done, result.complete])).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(results.at(-1)).toMatchObject({ slice: 2, artistsStaged: 10, artistsRemaining: 14 });
    expect((await harness.staged()).size).toBe(10);
  });

  it('says in the run manifest how far it got and how many nights remain at the measured rate', async () => {
    harness = await startFetchHarness();

    await harness.fetchUntilDone(NIGHT);

    const { progress } = (await harness.fetchSection()) as { progress: Record<string, unknown> };
    expect(progress).toMatchObject({ complete: false, artistsComplete: 10, artistsTracked: 24, artistsPerNight: 10, nightsLeft: 2 });
    expect(progress.text).toBe('10 of 24 artists complete; about 2 more nights at the measured rate (10 artists a night)');
  });

  it('fetches first, the next night, the artists the last night did not reach', async () => {
    harness = await startFetchHarness();
    await night(harness, DT);
    const first = new Set((await harness.staged(DT)).keys());

    await night(harness, NEXT);

    const second = [...(await harness.staged(NEXT)).keys()];
    expect(second).toHaveLength(10);
    expect(second.filter((id) => first.has(id))).toEqual([]);
  });

  it('completes the rest on a night long enough, taking the albums it already has from the lake', async () => {
    harness = await startFetchHarness();
    await night(harness, DT);

    const results = await night(harness, NEXT, { slicesPerExecution: 5 });

    expect(results.at(-1)).toMatchObject({ done: true, complete: true, artistsStaged: 24, artistsRemaining: 0 });
    expect((await harness.fetchSection(NEXT)).progress).toMatchObject({ text: '24 of 24 artists complete', nightsLeft: 0 });
    expect(((await harness.fetchSection(NEXT)).totals as { albumsFromLake: number }).albumsFromLake).toBeGreaterThan(0);
  });

  it('takes the albums of artists fetched two nights ago from that night’s partition, not Spotify', async () => {
    harness = await startFetchHarness({ artists: 12 });
    // Two nights of six: the first fetches one half, the second the other.
    await night(harness, DT, { maxArtistsPerSlice: 3 });
    await night(harness, NEXT, { maxArtistsPerSlice: 3 });
    const before = harness.server.stats.byEndpoint['album-tracks'] ?? 0;

    // The third night fetches the first half again: their albums are in the first night's partition only.
    const third = await night(harness, AFTER, { maxArtistsPerSlice: 3 });

    expect(third.at(-1)).toMatchObject({ artistsStaged: 6 });
    expect(new Set((await harness.staged(AFTER)).keys())).toEqual(new Set((await harness.staged(DT)).keys()));
    expect((harness.server.stats.byEndpoint['album-tracks'] ?? 0) - before).toBe(0);
  });
});

describe('FetchArtists: the night bound', () => {
  it('lies below the state machine’s own bound on the fetch loop, which stays a backstop', async () => {
    const definition = JSON.parse(await readFile(new URL('../../statemachine/pipeline.asl.json', import.meta.url), 'utf8')) as {
      States: { IsFetchDone: { Choices: { Variable: string; NumericGreaterThanEquals?: number }[] } };
    };
    const bound = definition.States.IsFetchDone.Choices.find((choice) => choice.Variable === '$.fetch.slice')?.NumericGreaterThanEquals;

    expect(defaultFetchSettings.slicesPerExecution).toBeLessThanOrEqual(bound!);
  });
});
