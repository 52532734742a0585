import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { PublishInputInvalid } from '../../tasks/errors.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { itemKeys } from '../../tasks/contracts/result-items.js';
import { PUBLISH_EXPORT, runPublish } from '../../tasks/publish/publish.js';
import { findSimilar } from '../../tasks/similar/find-similar.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const clock = { now: () => new Date('2026-11-23T01:00:00Z') };

function row(id: string, name: string, neighbours: { id: string; name: string; score: number }[]) {
  return {
    artist_id: id,
    name,
    genres: ['k-pop'],
    top_tracks: [{ track_id: `t-${id}`, name: `${name} song` }],
    neighbours: neighbours.map((n, index) => ({
      artist_id: n.id,
      name: n.name,
      rank: index + 1,
      score: n.score,
      signals: ['collaboration', 'genre'],
      collaboration_score: n.score,
      genre_score: 0.5,
      audio_score: null,
      shared_tracks: 2,
      shared_collaborators: 1,
      shared_genres: ['k-pop'],
    })),
  };
}

describe('PublishResults', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let dynamo: LocalDynamoDb;
  let store: FolderObjectStore;
  let results: DynamoDbResultsStore;
  const ports = () => ({ store, results, logger: new RecordingLogger(), clock, ttlDays: 30 });

  beforeAll(async () => {
    temp = await makeTempDir();
    dynamo = await startLocalDynamoDb(`${temp.path}/dynamodb`);
    results = new DynamoDbResultsStore(dynamo.client, dynamo.tableName);
  });
  afterAll(async () => {
    await dynamo.close();
    await temp.remove();
  });
  beforeEach(async () => {
    store = new FolderObjectStore(`${temp.path}/lake-${Math.random().toString(36).slice(2)}`);
  });

  async function writeExport(dt: string, rows: unknown[]) {
    const body = gzipSync(rows.map((r) => JSON.stringify(r)).join('\n'));
    await store.put(`${lakeKeys.exportPartition(PUBLISH_EXPORT, dt)}data_0.json.gz`, body);
  }

  it('writes profile, neighbours and a name lookup per artist, with dt and expiry', async () => {
    await writeExport('2026-11-23', [row('a1', '아이유', [{ id: 'a2', name: 'Beta', score: 0.8 }])]);
    const result = await runPublish('2026-11-23', ports());
    expect(result).toMatchObject({ artists: 1, neighbours: 1, itemsWritten: 3, skippedAsOlder: false });
    const similar = await results.get(itemKeys.artist('a1'), itemKeys.similarSk);
    expect(similar).toMatchObject({ dt: '2026-11-23', expiresAt: Date.parse('2026-12-23T00:00:00Z') / 1000 });
    expect(similar?.neighbours).toEqual([
      { id: 'a2', name: 'Beta', rank: 1, score: 0.8, signals: ['collaboration', 'genre'], reason: 'credited together on 2 tracks; 1 shared collaborator; 1 shared genre (k-pop)' },
    ]);
  });

  it('answers the chatbot by a Korean name typed with spaces', async () => {
    await writeExport('2026-11-23', [row('a1', '아이유', [{ id: 'a2', name: 'Beta', score: 0.8 }])]);
    await runPublish('2026-11-23', ports());
    const [answer] = await findSimilar(' 아이 유', results);
    expect(answer?.artistId).toBe('a1');
    expect(answer?.neighbours[0]?.name).toBe('Beta');
  });

  it('never overwrites a newer date with an older one', async () => {
    await writeExport('2026-11-25', [row('old1', 'Newer', [{ id: 'x', name: 'X', score: 0.9 }])]);
    await runPublish('2026-11-25', ports());
    await writeExport('2026-11-24', [row('old1', 'Older', [{ id: 'y', name: 'Y', score: 0.1 }])]);
    const result = await runPublish('2026-11-24', ports());
    expect(result.skippedAsOlder).toBe(true);
    expect((await results.get(itemKeys.artist('old1'), itemKeys.profileSk))?.name).toBe('Newer');
  });

  it('says in its result and the run manifest that the published answers stay at the newer date', async () => {
    await writeExport('2026-11-25', [row('m1', 'Newer', [])]);
    await runPublish('2026-11-25', ports());
    await writeExport('2026-11-24', [row('m1', 'Older', [])]);

    const result = await runPublish('2026-11-24', ports());

    expect(result).toMatchObject({ itemsWritten: 0, skippedAsOlder: true, publishedDt: '2026-11-25' });
    expect((await readManifest(store, '2026-11-24')).publish).toMatchObject({
      itemsWritten: 0,
      skippedAsOlder: true,
      publishedDt: '2026-11-25',
      note: 'published answers stay at dt=2026-11-25 (newer)',
    });
  });

  it('writes nothing when any export row is malformed, naming the file and line', async () => {
    await writeExport('2026-11-26', [row('good', 'Good', []), { artist_id: 'bad' }]);
    await expect(runPublish('2026-11-26', ports())).rejects.toThrow(/data_0\.json\.gz line 2 is not a valid export row: name/);
    expect(await results.get(itemKeys.artist('good'), itemKeys.profileSk)).toBeUndefined();
  });

  it('fails with PublishInputInvalid when the export is missing', async () => {
    await expect(runPublish('2026-11-27', ports())).rejects.toThrow(PublishInputInvalid);
  });
});
