// The chatbot lookup bound to a local data set (local/lookup-ports.ts), run through the handle
// function its Lambda calls, on a real dynalite and the built-in Spotify server on the data set's catalog.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { localLookupPorts } from '../../local/lookup-ports.js';
import { createSampleCatalog } from '../../local/spotify/catalog.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { readTrackedArtists } from '../../tasks/contracts/tracked-artists.js';
import { itemsForArtist } from '../../tasks/publish/items.js';
import { handleSimilar } from '../../tasks/similar/handle.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('the chatbot lookup on a local data set', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let dynamo: LocalDynamoDb;
  let results: DynamoDbResultsStore;
  // The catalog `npm start -- --artists 20` generates, whose guests are credited on tracks but never tracked.
  const catalog = createSampleCatalog({ artists: 20 });
  const dataSet = (name: string) => ({ name, home: join(temp.path, name) });
  // 23:30 UTC on 23 November is 08:30 on 24 November in Seoul.
  const lateInUtc = { now: () => new Date('2026-11-23T23:30:00Z') };

  beforeAll(async () => {
    temp = await makeTempDir();
    dynamo = await startLocalDynamoDb(join(temp.path, 'dynamodb'));
    results = new DynamoDbResultsStore(dynamo.client, dynamo.tableName);
    const [known, neighbour] = catalog.artists;
    const row = { artist_id: known!.id, name: known!.name, neighbours: [{ artist_id: neighbour!.id, name: neighbour!.name, rank: 1, score: 0.7, signals: ['genre'] }] };
    await results.putItems(itemsForArtist(row, '2026-11-20', 2_000_000_000));
  });
  afterAll(async () => {
    await dynamo.close();
    await temp.remove();
  });

  it('looks an unpublished artist up on the server of the data set’s catalog, adds its profile dated today in TIME_ZONE, and tracks it', async () => {
    const guest = catalog.guests[0]!;
    const lookup = localLookupPorts(dataSet('sample-20'), results, { env: { TIME_ZONE: 'Asia/Seoul' }, clock: lateInUtc });

    const response = await handleSimilar({ query: guest.name }, lookup.ports).finally(() => lookup.close());

    expect(response).toMatchObject({ status: 'added', answers: [{ artistId: guest.id, name: guest.name, dt: '2026-11-24', neighbours: [] }] });
    expect(await readTrackedArtists(lookup.ports.store)).toContainEqual({ kind: 'id', id: guest.id, name: guest.name });
  });

  it('dates an added profile in the default time zone, Asia/Seoul, when TIME_ZONE is not set', async () => {
    const guest = catalog.guests[1]!;
    const lookup = localLookupPorts(dataSet('sample-20'), results, { env: {}, clock: lateInUtc });

    const response = await handleSimilar({ query: guest.name }, lookup.ports).finally(() => lookup.close());

    expect(response.answers[0]?.dt).toBe('2026-11-24');
  });

  it('answers a published artist from DynamoDB without connecting to Spotify', async () => {
    const [known, neighbour] = catalog.artists;
    // A home no options name has no Spotify to connect to: connecting would fail the lookup.
    const lookup = localLookupPorts(dataSet('custom'), results, { env: {} });

    const response = await handleSimilar({ query: known!.name }, lookup.ports).finally(() => lookup.close());

    expect(response).toMatchObject({ status: 'known', answers: [{ artistId: known!.id, neighbours: [{ id: neighbour!.id }] }] });
  });

  it('refuses to look an unpublished artist up for a home no options name, saying why', async () => {
    const lookup = localLookupPorts(dataSet('custom'), results, { env: {} });

    const looking = handleSimilar({ query: catalog.guests[2]!.name }, lookup.ports).finally(() => lookup.close());

    await expect(looking).rejects.toThrow(/custom is no data set `npm start` names \(sample…, live\)/);
  });
});
