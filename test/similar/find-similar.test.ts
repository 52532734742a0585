// Finding artists by name as people type them, against published items in dynalite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { itemKeys } from '../../tasks/contracts/result-items.js';
import { itemsForArtist } from '../../tasks/publish/items.js';
import { findSimilar } from '../../tasks/similar/find-similar.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';
import { lookupSimilar } from '../../tasks/similar/lookup.js';
import { namesakeLines } from '../../tasks/similar/namesakes.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dt = '2026-11-23';
const BJORN = '1111111111111111111111';
const PLAIN_BJORN = '2222222222222222222222';
const IU = '3HqSLMAZ3g3d5poNaI7GOU';
const LUNA_POP = '4444444444444444444444';
const LUNA_JAZZ = '5555555555555555555555';
const SOREN = '6666666666666666666666';
const ANDERS = '7777777777777777777777';

describe('findSimilar by name', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let dynamo: LocalDynamoDb;
  let results: DynamoDbResultsStore;

  beforeAll(async () => {
    temp = await makeTempDir();
    dynamo = await startLocalDynamoDb(`${temp.path}/dynamodb`);
    results = new DynamoDbResultsStore(dynamo.client, dynamo.tableName);
    const artist = (id: string, name: string, genres: string[] = [], track?: string) =>
      itemsForArtist({ artist_id: id, name, genres, top_tracks: track ? [{ track_id: `t${id}`, name: track }] : [], neighbours: [] }, dt, 1_800_000_000);
    await results.putItems([
      ...artist(BJORN, 'Björn Núñez'),
      ...artist(SOREN, 'Søren Øster'),
      ...artist(IU, '아이유'),
      ...artist(LUNA_POP, 'Luna', ['k-pop'], 'Free Somebody'),
      ...artist(LUNA_JAZZ, 'LUNA', ['jazz fusion', 'bossa nova'], 'Blue Hour'),
    ]);
  });
  afterAll(async () => {
    await dynamo.close();
    await temp.remove();
  });

  it('finds an accented name typed without accents', async () => {
    const answers = await findSimilar('Bjorn Nunez', results);

    expect(answers.map((answer) => answer.name)).toEqual(['Björn Núñez']);
  });

  it('finds a name with letters that have no decomposition, typed plainly', async () => {
    expect((await findSimilar('soren oster', results)).map((answer) => answer.artistId)).toEqual([SOREN]);
  });

  it('finds a plain name typed with accents', async () => {
    await results.putItems(itemsForArtist({ artist_id: ANDERS, name: 'Anders Bjork', neighbours: [] }, dt, 1_800_000_000));

    expect((await findSimilar('Anders Björk', results)).map((answer) => answer.artistId)).toEqual([ANDERS]);
  });

  it('prefers the exact name: the folded key is only a fallback', async () => {
    await results.putItems(itemsForArtist({ artist_id: PLAIN_BJORN, name: 'Bjorn Nunez', neighbours: [] }, dt, 1_800_000_000));

    expect((await findSimilar('Bjorn Nunez', results)).map((answer) => answer.artistId)).toEqual([PLAIN_BJORN]);
    expect((await findSimilar('Björn Núñez', results)).map((answer) => answer.artistId)).toEqual([BJORN]);
  });

  it('publishes the folded key only for names that have accents', () => {
    const keys = (name: string) => itemsForArtist({ artist_id: BJORN, name, neighbours: [] }, dt, 1).map((item) => item.pk);

    expect(keys('Björn Núñez')).toEqual([itemKeys.artist(BJORN), itemKeys.artist(BJORN), 'NAME#björnnúñez', 'NAME#~bjornnunez']);
    expect(keys('아이유')).toEqual([itemKeys.artist(BJORN), itemKeys.artist(BJORN), 'NAME#아이유']);
  });

  it('still finds a Korean name, whatever its spacing', async () => {
    expect((await findSimilar('아이 유', results)).map((answer) => answer.artistId)).toEqual([IU]);
  });

  it('says how many artists share a name and what tells them apart', async () => {
    const answers = await findSimilar('luna', results);

    expect(namesakeLines('luna', answers)).toEqual([
      '2 artists named "luna":',
      `  1) Luna: genres k-pop; track "Free Somebody"; id ${LUNA_POP}`,
      `  2) LUNA: genres jazz fusion, bossa nova; track "Blue Hour"; id ${LUNA_JAZZ}`,
    ]);
  });

  it('tells the chatbot, in the lookup message, that several artists share the name', async () => {
    const spotify = { getArtist: () => Promise.reject(new Error('not called')), searchArtists: () => Promise.reject(new Error('not called')) };
    const ports = { results, store: new FolderObjectStore(`${temp.path}/lake`), spotify, clock: { now: () => new Date() }, logger: new RecordingLogger(), ttlDays: SETTINGS_DEFAULTS.resultTtlDays, timeZone: SETTINGS_DEFAULTS.timeZone };

    const response = await lookupSimilar('LUNA', ports);

    expect(response).toMatchObject({ status: 'known', message: expect.stringMatching(/^2 artists named "LUNA":\n/) });
  });

  it('says nothing about namesakes for a name only one artist has', async () => {
    expect(namesakeLines('아이유', await findSimilar('아이유', results))).toEqual([]);
  });
});
