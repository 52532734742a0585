import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { NothingToLoad } from '../../tasks/errors.js';
import { fromJsonLines, toJsonGz } from '../../tasks/lake/json-lines.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { RAW_TABLES } from '../../tasks/lake/tables.js';
import { runLoad } from '../../tasks/load/load.js';
import type { ObjectStore } from '../../tasks/ports.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { stagedArtist } from '../helpers/staged.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dt = '2026-11-23';
const clock = { now: () => new Date('2026-11-23T01:00:00Z') };

describe('LoadRawZone', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: FolderObjectStore;
  let logger: RecordingLogger;
  beforeEach(async () => {
    temp = await makeTempDir();
    store = new FolderObjectStore(temp.path);
    logger = new RecordingLogger();
  });
  afterEach(() => temp.remove());

  async function stage(...artists: ReturnType<typeof stagedArtist>[]) {
    for (const artist of artists) await store.put(lakeKeys.stagedArtist(dt, artist.artist.id), toJsonGz(artist));
  }
  async function readRaw(entity: 'artists' | 'albums' | 'tracks' | 'audio_features') {
    const keys = await store.list(lakeKeys.rawPartition(entity, dt));
    const rows = await Promise.all(keys.map(async (key) => fromJsonLines((await store.get(key))!, true)));
    return rows.flat() as Record<string, unknown>[];
  }

  async function rawBytes() {
    const keys = await store.list('raw/');
    return new Map(await Promise.all(keys.map(async (key) => [key, Buffer.from((await store.get(key))!).toString('base64')] as const)));
  }

  it('writes one raw record per artist, album and track, deduplicating shared ones', async () => {
    await stage(stagedArtist('a1', 'Alpha', { collaborator: { id: 'a2', name: 'Beta' } }), stagedArtist('a2', 'Beta', { collaborator: { id: 'a1', name: 'Alpha' } }));
    const result = await runLoad(dt, { store, logger, clock });
    expect(result).toMatchObject({ artists: 2, albums: 3, tracks: 3, audioFeatures: 0, quarantined: 0 });
    expect((await readRaw('tracks')).map((track) => track.id)).toEqual(['track-a1', 'track-a2', 'track-shared']);
  });

  it('writes exactly the columns the catalog declares', async () => {
    await stage(stagedArtist('a1', 'Alpha'));
    await runLoad(dt, { store, logger, clock });
    for (const table of RAW_TABLES.filter((t) => t.name !== 'raw_audio_features')) {
      const [row] = await readRaw(table.name.replace('raw_', '') as 'artists');
      expect(Object.keys(row!).sort(), table.name).toEqual(table.columns.map((column) => column.name).sort());
    }
  });

  it('records genres as an empty list when the app is not given them', async () => {
    await stage(stagedArtist('a1', 'Alpha'));
    await runLoad(dt, { store, logger, clock });
    const [artist] = await readRaw('artists');
    expect(artist).toMatchObject({ genres: [], followers: null, popularity: null });
  });

  it('quarantines a malformed staged object with the reason and loads the rest', async () => {
    await stage(stagedArtist('a1', 'Alpha'));
    await store.put(lakeKeys.stagedArtist(dt, 'broken'), toJsonGz({ artist: { id: 'broken' } }));
    const result = await runLoad(dt, { store, logger, clock });
    expect(result.artists).toBe(1);
    expect(result.quarantined).toBe(1);
    const [key] = await store.list(lakeKeys.quarantinePrefix(dt));
    expect(Buffer.from((await store.get(key!))!).toString()).toContain('artist.name');
  });

  it('replaces the date on a re-run without touching another date', async () => {
    await store.put(lakeKeys.rawPart('artists', '2026-11-22', 0), 'yesterday');
    await stage(stagedArtist('a1', 'Alpha'), stagedArtist('a2', 'Beta'));
    await runLoad(dt, { store, logger, clock, recordsPerPart: 1 });
    await store.deletePrefix(lakeKeys.stagedArtist(dt, 'a2'));
    await runLoad(dt, { store, logger, clock, recordsPerPart: 1 });
    expect(await store.list(lakeKeys.rawPartition('artists', dt))).toEqual([lakeKeys.rawPart('artists', dt, 0)]);
    expect(await store.list(lakeKeys.rawPartition('artists', '2026-11-22'))).toHaveLength(1);
  });

  it('writes the same raw zone, byte for byte, when the date is loaded again from the same staging', async () => {
    // Prepare
    await stage(stagedArtist('a1', 'Alpha', { collaborator: { id: 'a2', name: 'Beta' } }), stagedArtist('a2', 'Beta', { fetchedAt: '2026-11-23T00:05:00.000Z' }));
    await runLoad(dt, { store, logger, clock, recordsPerPart: 2 });
    const before = await rawBytes();

    // Act
    await runLoad(dt, { store, logger, clock, recordsPerPart: 2, concurrency: 1 });

    // Assess
    expect(await rawBytes()).toEqual(before);
  });

  it('keeps, between equal fetched_at, the record of the first staged object in key order, whatever order reads finish in', async () => {
    // Prepare: a1 and a2 stage the shared track under different names; a1's read finishes last.
    const first = stagedArtist('a1', 'Alpha', { collaborator: { id: 'a2', name: 'Beta' } });
    const second = stagedArtist('a2', 'Beta', { collaborator: { id: 'a1', name: 'Alpha' } });
    second.tracks[1]!.name = 'Duet (Beta edit)';
    await stage(first, second);
    const slowFirst = withSlowReads(store, (key) => (key.includes('/a1.') ? 30 : 0));

    // Act
    await runLoad(dt, { store: slowFirst, logger, clock, concurrency: 2 });

    // Assess
    const shared = (await readRaw('tracks')).find((track) => track.id === 'track-shared');
    expect(shared?.name).toBe('Duet');
  });

  it('keeps the most recently fetched record of an album staged by several artists', async () => {
    // Prepare
    const older = stagedArtist('a1', 'Alpha', { collaborator: { id: 'a2', name: 'Beta' } });
    const newer = stagedArtist('a2', 'Beta', { collaborator: { id: 'a1', name: 'Alpha' }, fetchedAt: '2026-11-23T00:09:00.000Z' });
    newer.albums[1]!.name = 'Together (Deluxe)';
    await stage(older, newer);

    // Act
    await runLoad(dt, { store, logger, clock });

    // Assess
    const shared = (await readRaw('albums')).find((album) => album.id === 'album-shared');
    expect(shared).toMatchObject({ name: 'Together (Deluxe)', fetched_at: '2026-11-23T00:09:00.000Z' });
  });

  it('reads no more staged objects at once than its concurrency', async () => {
    // Prepare
    await stage(...Array.from({ length: 12 }, (_, index) => stagedArtist(`a${index}`, `Artist ${index}`)));
    let inFlight = 0;
    let most = 0;
    const counting = withSlowReads(store, () => 5, {
      before: () => (most = Math.max(most, (inFlight += 1))),
      after: () => (inFlight -= 1),
    });

    // Act
    await runLoad(dt, { store: counting, logger, clock, concurrency: 3 });

    // Assess
    expect(most).toBe(3);
  });

  it('records its counts in the run manifest', async () => {
    await stage(stagedArtist('a1', 'Alpha'));
    await runLoad(dt, { store, logger, clock });
    expect((await readManifest(store, dt)).load).toMatchObject({ artists: 1, tracks: 2 });
  });

  it('fails with NothingToLoad when nothing is staged for the date', async () => {
    await expect(runLoad(dt, { store, logger, clock })).rejects.toThrow(NothingToLoad);
  });
});

/** The store, with each read of a staged object delayed by `delayOf(key)` milliseconds. */
function withSlowReads(
  store: FolderObjectStore,
  delayOf: (key: string) => number,
  hooks: { before?: () => void; after?: () => void } = {},
): ObjectStore {
  return {
    put: (key, body) => store.put(key, body),
    list: (prefix) => store.list(prefix),
    deletePrefix: (prefix) => store.deletePrefix(prefix),
    locationOf: (key) => store.locationOf(key),
    get: async (key) => {
      if (!key.startsWith('staging/')) return store.get(key);
      hooks.before?.();
      await sleep(delayOf(key));
      const body = await store.get(key);
      hooks.after?.();
      return body;
    },
  };
}
