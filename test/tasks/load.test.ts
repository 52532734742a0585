import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { NothingToLoad } from '../../tasks/errors.js';
import { fromJsonLines, toJsonGz } from '../../tasks/lake/json-lines.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { RAW_TABLES } from '../../tasks/lake/tables.js';
import { runLoad } from '../../tasks/load/load.js';
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

  it('records its counts in the run manifest', async () => {
    await stage(stagedArtist('a1', 'Alpha'));
    await runLoad(dt, { store, logger, clock });
    expect((await readManifest(store, dt)).load).toMatchObject({ artists: 1, tracks: 2 });
  });

  it('fails with NothingToLoad when nothing is staged for the date', async () => {
    await expect(runLoad(dt, { store, logger, clock })).rejects.toThrow(NothingToLoad);
  });
});
