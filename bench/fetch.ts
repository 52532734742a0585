// `npm run bench -- fetch [artists=2000] [--limit 3000] [--window 30000] [--access development|extended]`
// Fetches N tracked artists from the built-in Spotify server under a fixed rolling-window rate limit,
// through the production client and FetchArtists slices, twice: a first night (nothing in the lake)
// and a steady-state night (the first night's raw zone loaded, so known albums come from the lake, and
// the client starts from the limit the first night learned).
// Prints per night: requests per artist, achieved request rate as a share of the allowed rate, 429s
// received, artists lost (tracked but neither staged nor failed; must be 0), and wall time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FolderObjectStore } from '../local/folder-object-store.js';
import { createSampleCatalog, type AccessLevel } from '../local/spotify/catalog.js';
import { startSpotifyServer, type SpotifyServer } from '../local/spotify/server.js';
import { handleFetch } from '../tasks/fetch/handle.js';
import { defaultFetchSettings } from '../tasks/fetch/settings.js';
import { lakeKeys } from '../tasks/lake/keys.js';
import { readManifest } from '../tasks/lake/manifest.js';
import { runLoad } from '../tasks/load/load.js';
import type { Logger } from '../tasks/ports.js';
import { createSpotifyClient } from '../tasks/spotify/client.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string', default: '3000' },
    window: { type: 'string', default: '30000' },
    access: { type: 'string', default: 'development' },
  },
});
const artists = Number(positionals[0] ?? 2000);
const limit = { requests: Number(values.limit), windowMs: Number(values.window) };
const access = values.access as AccessLevel;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (message, attributes) => console.error(message, attributes) };
const clock = { now: () => new Date() };

async function night(store: FolderObjectStore, dt: string) {
  // A fresh server per night: a real night comes a day after the last, when Spotify's window is empty.
  const server = await startSpotifyServer(catalog, { rateLimit: limit });
  try {
    return await measure(server, store, dt);
  } finally {
    await server.close();
  }
}

async function measure(server: SpotifyServer, store: FolderObjectStore, dt: string) {
  // A fresh client per night, as a cold Lambda has: it starts from the limit learned on the night before.
  const spotify = createSpotifyClient({
    apiBaseUrl: server.apiBaseUrl,
    tokenUrl: server.tokenUrl,
    credentials: async () => ({ clientId: 'bench', clientSecret: 'bench' }),
  });
  const before = { ...server.stats };
  const started = performance.now();
  let slices = 0;
  for (;;) {
    slices += 1;
    const result = await handleFetch({ dt }, { store, spotify, logger: quiet, clock, settings: defaultFetchSettings });
    if (result.done) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const requests = server.stats.requests - before.requests;
  const rejected = server.stats.rateLimited - before.rateLimited;
  const fetch = (await readManifest(store, dt)).fetch as { artistsStaged: number; artistsFailed: number };
  const allowedPerSecond = limit.requests / (limit.windowMs / 1000);
  return {
    night: dt,
    slices,
    'requests/artist': round(requests / artists),
    'rate/allowed': round((requests - rejected) / seconds / allowedPerSecond),
    '429s': rejected,
    staged: fetch.artistsStaged,
    failed: fetch.artistsFailed,
    lost: artists - fetch.artistsStaged - fetch.artistsFailed,
    'wall s': round(seconds),
    'learned limit': spotify.rateLimit.state.requestsPerWindow,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const catalog = createSampleCatalog({ artists, access });
const root = await mkdtemp(join(tmpdir(), 'sixpotify-bench-fetch-'));
const store = new FolderObjectStore(root);
try {
  await store.put(lakeKeys.trackedArtists, JSON.stringify(catalog.artists.map((artist) => artist.id)));
  console.log(
    `fetch benchmark: ${artists} artists (${access} access), limit ${limit.requests} requests per ${limit.windowMs / 1000} s ` +
      `(${round(limit.requests / (limit.windowMs / 1000))}/s), default client and fetch settings`,
  );
  const first = await night(store, '2026-06-01');
  await runLoad('2026-06-01', { store, logger: quiet, clock });
  const steady = await night(store, '2026-06-02');
  console.table([first, steady]);
} finally {
  await rm(root, { recursive: true, force: true });
}
