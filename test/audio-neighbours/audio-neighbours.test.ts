// FindAudioNeighbours on a folder lake: reads the feature export of sql/06, writes the date's
// partition of artist_audio_neighbours, replaces it on a re-run, and refuses a malformed export
// without touching what is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { handleAudioNeighbours } from '../../tasks/audio-neighbours/handle.js';
import type { AudioNeighboursPorts } from '../../tasks/audio-neighbours/audio-neighbours.js';
import type { FeatureRow } from '../../tasks/audio-neighbours/features.js';
import { fromJsonLines, toJsonLinesGz } from '../../tasks/lake/json-lines.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const DT = '2026-04-01';
const TABLE_PREFIX = `curated/artist_audio_neighbours/dt=${DT}/`;

let lake: Awaited<ReturnType<typeof makeTempDir>>;
let store: FolderObjectStore;
let ports: AudioNeighboursPorts;

beforeEach(async () => {
  lake = await makeTempDir();
  store = new FolderObjectStore(lake.path);
  ports = { store, logger: new RecordingLogger(), clock: { now: () => new Date() }, k: 2, workers: 1 };
});

afterEach(async () => {
  await lake.remove();
});

/** An artist whose six features are all `value`, except danceability. */
function artist(id: string, danceability: number, value = 0): FeatureRow {
  return { artist_id: id, danceability, energy: value, loudness: value, speechiness: value, acousticness: value, instrumentalness: value };
}

async function writeExport(rows: readonly unknown[], dt = DT): Promise<void> {
  await store.put(`exports/artist_features/dt=${dt}/data_0.json.gz`, toJsonLinesGz(rows));
}

async function written(prefix = TABLE_PREFIX): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const key of await store.list(prefix)) rows.push(...(fromJsonLines((await store.get(key)) as Uint8Array, true) as Record<string, unknown>[]));
  return rows;
}

describe('FindAudioNeighbours', () => {
  it('writes each artist\'s K nearest, nearest first, a tie going to the smaller neighbour id', async () => {
    // In export order c, a, b, d: the task sorts by id. a is 0.25 from both b and c: b wins the tie.
    await writeExport([artist('c', 0.25), artist('a', 0), artist('b', -0.25), artist('d', 1)]);

    const result = await handleAudioNeighbours({ dt: DT }, ports);

    expect(result).toMatchObject({ artists: 4, neighbours: 8 });
    expect(await written()).toEqual([
      { artist_id: 'a', neighbour_id: 'b', rank: 1, distance: 0.25 },
      { artist_id: 'a', neighbour_id: 'c', rank: 2, distance: 0.25 },
      { artist_id: 'b', neighbour_id: 'a', rank: 1, distance: 0.25 },
      { artist_id: 'b', neighbour_id: 'c', rank: 2, distance: 0.5 },
      { artist_id: 'c', neighbour_id: 'a', rank: 1, distance: 0.25 },
      { artist_id: 'c', neighbour_id: 'b', rank: 2, distance: 0.5 },
      { artist_id: 'd', neighbour_id: 'c', rank: 1, distance: 0.75 },
      { artist_id: 'd', neighbour_id: 'a', rank: 2, distance: 1 },
    ]);
  });

  it('replaces the date on a re-run and leaves other dates alone', async () => {
    await writeExport([artist('a', 0), artist('b', 0.5), artist('c', 1)], '2026-03-31');
    await handleAudioNeighbours({ dt: '2026-03-31' }, ports);
    await writeExport([artist('a', 0), artist('b', 0.5), artist('c', 1)]);
    await handleAudioNeighbours({ dt: DT }, ports);
    await writeExport([artist('x', 0), artist('y', 0.5)]);

    await handleAudioNeighbours({ dt: DT }, ports);

    expect((await written()).map((row) => `${row.artist_id}>${row.neighbour_id}`)).toEqual(['x>y', 'y>x']);
    expect(await written('curated/artist_audio_neighbours/dt=2026-03-31/')).toHaveLength(6);
  });

  it('writes nothing for an app without audio features, removing what an earlier run wrote', async () => {
    await writeExport([artist('a', 0), artist('b', 0.5)]);
    await handleAudioNeighbours({ dt: DT }, ports);
    await store.deletePrefix(`exports/artist_features/dt=${DT}/`);

    const result = await handleAudioNeighbours({ dt: DT }, ports);

    expect(result).toMatchObject({ artists: 0, neighbours: 0 });
    expect(await store.list(TABLE_PREFIX)).toEqual([]);
  });

  it('records what it found in the run manifest', async () => {
    await writeExport([artist('a', 0), artist('b', 0.5), artist('c', 1)]);

    await handleAudioNeighbours({ dt: DT }, ports);

    expect((await readManifest(store, DT)).audioNeighbours).toMatchObject({ artists: 3, neighbours: 6, k: 2, workers: 1 });
  });

  it('refuses a malformed row by file and line, keeping the stored partition', async () => {
    await writeExport([artist('a', 0), artist('b', 0.5)]);
    await handleAudioNeighbours({ dt: DT }, ports);
    await writeExport([artist('a', 0), { ...artist('b', 0.5), energy: 'loud' }]);

    await expect(handleAudioNeighbours({ dt: DT }, ports)).rejects.toMatchObject({
      name: 'AudioFeaturesInvalid',
      message: expect.stringMatching(/data_0\.json\.gz line 2 is not a valid feature row: energy: .*number/),
    });
    expect(await written()).toHaveLength(2);
  });

  it('refuses an export that lists an artist twice', async () => {
    await writeExport([artist('a', 0), artist('b', 0.5), artist('a', 1)]);

    await expect(handleAudioNeighbours({ dt: DT }, ports)).rejects.toMatchObject({
      name: 'AudioFeaturesInvalid',
      message: expect.stringContaining('artist a appears twice'),
    });
  });

  it('refuses an input without a run date', async () => {
    await expect(handleAudioNeighbours({ day: DT }, ports)).rejects.toMatchObject({ name: 'InvalidTaskInput' });
  });
});
