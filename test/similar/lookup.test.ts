// The chatbot lookup against the real parts: dynalite, the folder lake, and the real Spotify client
// talking to the built-in server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { readTrackedArtists } from '../../tasks/contracts/tracked-artists.js';
import { itemsForArtist } from '../../tasks/publish/items.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';
import { handleSimilar } from '../../tasks/similar/handle.js';
import { lookupSimilar, type LookupPorts } from '../../tasks/similar/lookup.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startHarness, type Harness } from '../spotify/harness.js';

describe('chatbot lookup', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let dynamo: LocalDynamoDb;
  let spotify: Harness;
  let ports: LookupPorts;

  beforeAll(async () => {
    temp = await makeTempDir();
    dynamo = await startLocalDynamoDb(`${temp.path}/dynamodb`);
    spotify = await startHarness({ artists: 12 });
    ports = {
      results: new DynamoDbResultsStore(dynamo.client, dynamo.tableName),
      store: new FolderObjectStore(`${temp.path}/lake`),
      spotify: spotify.client,
      clock: { now: () => new Date('2026-11-23T10:00:00Z') },
      logger: new RecordingLogger(),
      ttlDays: SETTINGS_DEFAULTS.resultTtlDays,
      timeZone: SETTINGS_DEFAULTS.timeZone,
    };
  });
  afterAll(async () => {
    await spotify.close();
    await dynamo.close();
    await temp.remove();
  });

  it('answers a published artist from DynamoDB without calling Spotify', async () => {
    const [known, neighbour] = spotify.catalog.artists;
    const row = { artist_id: known!.id, name: known!.name, neighbours: [{ artist_id: neighbour!.id, name: neighbour!.name, rank: 1, score: 0.7, signals: ['genre'] }] };
    await ports.results.putItems(itemsForArtist(row, '2026-11-22', 1));
    const requestsBefore = spotify.server.stats.requests;
    const response = await lookupSimilar(known!.name.toUpperCase(), ports);
    expect(response.status).toBe('known');
    expect(response.answers[0]?.neighbours[0]?.id).toBe(neighbour!.id);
    expect(response.answers[0]?.published).toBe(true);
    expect(spotify.server.stats.requests).toBe(requestsBefore);
  });

  it('looks up an unseen artist on Spotify, stores its profile and tracks it for the next run', async () => {
    const unseen = spotify.catalog.artists[5]!;
    const response = await lookupSimilar(unseen.name, ports);
    expect(response.status).toBe('added');
    expect(response.answers[0]).toMatchObject({ artistId: unseen.id, name: unseen.name, neighbours: [] });
    const tracked = await readTrackedArtists(ports.store);
    expect(tracked).toContainEqual(expect.objectContaining({ kind: 'id', id: unseen.id }));
    const again = await lookupSimilar(unseen.name, ports);
    expect(again.status).toBe('known');
    expect(again.answers[0]?.published).toBe(false);
  });

  // Between 00:00 and 09:00 in Seoul it is still the day before in UTC.
  it.each([
    ['00:30', '2026-11-23T15:30:00Z', 6],
    ['08:30', '2026-11-23T23:30:00Z', 4],
  ])('dates a profile added at %s in Seoul (%s) with that day in the configured time zone, not the UTC date', async (_seoul, utc, index) => {
    const unseen = spotify.catalog.artists[index]!;
    const inSeoul = { ...ports, clock: { now: () => new Date(utc) }, timeZone: 'Asia/Seoul' };

    const added = await lookupSimilar(unseen.name, inSeoul);

    expect(added.answers[0]?.dt).toBe('2026-11-24');
    const stored = await lookupSimilar(unseen.id, ports);
    expect(stored.answers[0]?.dt).toBe('2026-11-24');
  });

  it('answers a blank query with bad_request instead of calling Spotify', async () => {
    const requestsBefore = spotify.server.stats.requests;

    const response = await handleSimilar({ queryStringParameters: { q: '  ' } }, ports);

    expect(response.status).toBe('bad_request');
    expect(spotify.server.stats.requests).toBe(requestsBefore);
  });

  it('refuses a query that is not a string with InvalidTaskInput naming the field', async () => {
    await expect(handleSimilar({ query: 42 }, ports)).rejects.toMatchObject({ name: 'InvalidTaskInput', message: expect.stringContaining('query:') });
  });

  it('says plainly when Spotify knows no such artist', async () => {
    const response = await lookupSimilar('zzzz no such artist qqqq', ports);
    expect(response.status).toBe('not_found');
    expect(response.answers).toEqual([]);
  });
});
