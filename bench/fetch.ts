// `npm run bench -- fetch [artists=300] [--limit 3000] [--window 30000] [--access development|extended] [--night 40]`
// The first nights on the realistic sample catalog (heavy-tailed discographies, compilations, many
// credited artists), through the production client and FetchArtists slices, against the built-in
// Spotify server under a fixed rolling-window rate limit, which pages artist albums as the contract
// says (tasks/spotify/contract.ts: 10 a page since 2026-02).
//
// It runs nights until one completes, then one steady-state night. A night is one execution of two
// slices of `--night / 2` seconds: a compressed night (a production night is slicesPerExecution
// slices of sliceBudgetMs), so that a catalog too large for one night shows the partial nights and
// the carry-on in a minute or two. Slices stay longer than Spotify's 30-second window, so a
// Retry-After fits in them; one that does not (SpotifyRateLimited) is waited out and the slice
// retried, as the state machine's Retry does. Each night's raw zone is loaded before the next.
//
// Prints: releases per artist in the catalog and releases read per artist (p50, p99, max);
// per night: artists complete, requests per artist fetched, 429s, the manifest's progress line; and
// a projection to a production night (slicesPerExecution x sliceBudgetMs at the same limit) from the
// measured costs: first-fetch and refetch requests per artist, achieved request rate.
import { mkdtemp, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FolderObjectStore } from '../local/folder-object-store.js';
import { SpotifyRateLimited } from '../tasks/errors.js';
import { createSampleCatalog, type AccessLevel, type SampleCatalog } from '../local/spotify/catalog.js';
import { startSpotifyServer } from '../local/spotify/server.js';
import type { FetchProgress } from '../tasks/fetch/progress.js';
import { handleFetch } from '../tasks/fetch/handle.js';
import { defaultFetchSettings, type FetchSettings } from '../tasks/fetch/settings.js';
import type { StagedArtist } from '../tasks/contracts/staged-artist.js';
import { fromJsonGz } from '../tasks/lake/json-lines.js';
import { lakeKeys } from '../tasks/lake/keys.js';
import { readManifest } from '../tasks/lake/manifest.js';
import { runLoad } from '../tasks/load/load.js';
import type { Logger } from '../tasks/ports.js';
import { createSpotifyClient, type SpotifyClient } from '../tasks/spotify/client.js';
import { pageSizeFor } from '../tasks/spotify/contract.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string', default: '3000' },
    window: { type: 'string', default: '30000' },
    access: { type: 'string', default: 'development' },
    night: { type: 'string', default: '40' },
  },
});
const artists = Number(positionals[0] ?? 300);
const limit = { requests: Number(values.limit), windowMs: Number(values.window) };
const access = values.access as AccessLevel;
const nightMs = Number(values.night) * 1000;
const MAX_NIGHTS = 12;
const COMPRESSED_SLICES = 2;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (message, attributes) => console.error(message, attributes) };
const clock = { now: () => new Date() };
const allowedPerSecond = limit.requests / (limit.windowMs / 1000);

interface Night {
  dt: string;
  progress: FetchProgress;
  stagedTonight: number;
  requests: number;
  rateLimited: number;
  seconds: number;
  /** Artists staged tonight that no earlier night had staged. */
  firstFetched: number;
}

function dtOf(night: number): string {
  return new Date(Date.UTC(2026, 5, 1 + night)).toISOString().slice(0, 10);
}

async function runNight(store: FolderObjectStore, spotify: SpotifyClient, night: number, settings: FetchSettings, server: Awaited<ReturnType<typeof startSpotifyServer>>, seen: Set<string>): Promise<Night> {
  const dt = dtOf(night);
  const before = { ...server.stats };
  const started = performance.now();
  for (;;) {
    try {
      const result = await handleFetch({ dt, execution: `bench-${dt}` }, { store, spotify, logger: quiet, clock, settings });
      if (result.done) break;
    } catch (error) {
      if (!(error instanceof SpotifyRateLimited)) throw error;
      await sleep(error.retryAfterSeconds * 1000);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await runLoad(dt, { store, logger: quiet, clock });
  const staged = await stagedIds(store, dt);
  const firstFetched = [...staged].filter((id) => !seen.has(id)).length;
  for (const id of staged) seen.add(id);
  const fetch = (await readManifest(store, dt)).fetch as { progress: FetchProgress };
  return {
    dt,
    progress: fetch.progress,
    stagedTonight: staged.size,
    requests: server.stats.requests - before.requests,
    rateLimited: server.stats.rateLimited - before.rateLimited,
    seconds,
    firstFetched,
  };
}

async function stagedIds(store: FolderObjectStore, dt: string): Promise<Set<string>> {
  const prefix = lakeKeys.stagedArtistsPrefix(dt);
  return new Set((await store.list(prefix)).map((key) => key.slice(prefix.length, -'.json.gz'.length)));
}

async function albumsRead(store: FolderObjectStore, dt: string): Promise<number[]> {
  const counts: number[] = [];
  for (const key of await store.list(lakeKeys.stagedArtistsPrefix(dt))) {
    counts.push((fromJsonGz((await store.get(key))!) as StagedArtist).albums.length);
  }
  return counts;
}

function releasesListed(catalog: SampleCatalog): number[] {
  return catalog.artists.map((artist) => {
    const albums = catalog.albumIdsByArtist.get(artist.id);
    const own = (albums?.own ?? []).filter((id) => catalog.albumById.get(id)?.album_type !== 'compilation').length;
    return own + (albums?.appearsOn.length ?? 0);
  });
}

function percentiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return `p50 ${at(0.5)}, p99 ${at(0.99)}, max ${sorted.at(-1) ?? 0}`;
}

/** Nights a tracked set of `tracked` needs when a night affords `budget` requests: never-fetched artists first at `first` each, the rest at `again`. */
function projectNights(tracked: number, budget: number, first: number, again: number): { nights: number; firstNight: number } {
  let neverFetched = tracked;
  let firstNight = 0;
  for (let night = 1; night <= 365; night += 1) {
    const newcomers = Math.min(neverFetched, Math.floor(budget / first));
    const refetched = Math.min(tracked - neverFetched, Math.floor((budget - newcomers * first) / again));
    if (night === 1) firstNight = newcomers;
    if (newcomers === neverFetched && refetched === tracked - neverFetched) return { nights: night, firstNight };
    neverFetched -= newcomers;
  }
  return { nights: Infinity, firstNight };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const catalog = createSampleCatalog({ artists, access });
const root = await mkdtemp(join(tmpdir(), 'sixpotify-bench-fetch-'));
const store = new FolderObjectStore(root);
const server = await startSpotifyServer(catalog, { rateLimit: limit });
// One client for every night, as a warm Lambda: the night's requests, not the limiter's warm-up, are measured.
const spotify = createSpotifyClient({
  apiBaseUrl: server.apiBaseUrl,
  tokenUrl: server.tokenUrl,
  credentials: async () => ({ clientId: 'bench', clientSecret: 'bench' }),
});
const slices = defaultFetchSettings.slicesPerExecution;
const compressed: FetchSettings = {
  ...defaultFetchSettings,
  slicesPerExecution: COMPRESSED_SLICES,
  sliceBudgetMs: nightMs / COMPRESSED_SLICES,
  finishGraceMs: 5_000,
};
try {
  await store.put(lakeKeys.trackedArtists, JSON.stringify(catalog.artists.map((artist) => artist.id)));
  console.log(
    `fetch benchmark: ${artists} artists of the realistic sample (${access} access), limit ${limit.requests} requests per ` +
      `${limit.windowMs / 1000} s (${round(allowedPerSecond)}/s), artist albums ${pageSizeFor('artist-albums')} a page, compressed nights of ` +
      `${COMPRESSED_SLICES} slices x ${round(nightMs / COMPRESSED_SLICES / 1000)} s, default caps per album group`,
  );
  console.log(`releases Spotify lists per artist (album, single, appears_on): ${percentiles(releasesListed(catalog))}`);

  const seen = new Set<string>();
  const nights: Night[] = [];
  for (let night = 0; night < MAX_NIGHTS; night += 1) {
    nights.push(await runNight(store, spotify, night, compressed, server, seen));
    if (nights.at(-1)!.progress.complete) break;
  }
  const steady = await runNight(store, spotify, nights.length, { ...compressed, sliceBudgetMs: 3_600_000 }, server, seen);
  console.log(`releases read per artist (newest first, within the caps): ${percentiles(await albumsRead(store, steady.dt))}`);
  console.table(
    [...nights, steady].map((night, index) => ({
      night: index === nights.length ? `${night.dt} (steady)` : night.dt,
      'artists complete': night.stagedTonight,
      'first fetched': night.firstFetched,
      'requests/artist': round(night.requests / Math.max(1, night.stagedTonight)),
      '429s': night.rateLimited,
      'fetch s': round(night.seconds),
      progress: night.progress.text,
    })),
  );

  const first = nights[0]!;
  const firstCost = first.requests / Math.max(1, first.stagedTonight);
  const againCost = steady.requests / Math.max(1, steady.stagedTonight);
  // A night that ends before the window fills can burst past the average the limit allows: never project above it.
  const achieved = Math.min(allowedPerSecond, first.requests / first.seconds);
  const productionSeconds = (slices * defaultFetchSettings.sliceBudgetMs) / 1000;
  const budget = achieved * productionSeconds;
  const incomplete = nights.filter((night) => !night.progress.complete).length;
  console.log(
    `compressed nights: ${incomplete === nights.length ? `not complete after ${nights.length}` : `${nights.length} to complete`}; ` +
      `first night ${first.stagedTonight} artists complete at ${round(achieved)} requests/s (${Math.round((achieved / allowedPerSecond) * 100)}% of the limit)`,
  );
  for (const tracked of [artists, 5_000, 50_000]) {
    const projection = projectNights(tracked, budget, firstCost, againCost);
    const nights = Number.isFinite(projection.nights)
      ? `${projection.nights} night(s) to complete`
      : `never complete in one night: refetching everyone takes ${Math.round(tracked * againCost).toLocaleString('en-US')} requests`;
    console.log(
      `production night (${slices} x ${defaultFetchSettings.sliceBudgetMs / 60_000} min, ${Math.round(budget).toLocaleString('en-US')} requests at this limit), ` +
        `${tracked.toLocaleString('en-US')} tracked: first night ${projection.firstNight.toLocaleString('en-US')} artists complete ` +
        `(${round(firstCost)} requests each; a refetch ${round(againCost)}), ${nights}`,
    );
  }
} finally {
  await server.close();
  await rm(root, { recursive: true, force: true });
}
