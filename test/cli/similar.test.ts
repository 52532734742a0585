import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showSimilar } from '../../infra/cli/commands/similar.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { profileItem } from '../../tasks/contracts/result-items.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { itemsForArtist } from '../../tasks/publish/items.js';
import { captureOutput } from './capture.js';

// DynamoDB has a local engine, so the command reads real items, written in the publish task's layout.
let home: string;
let dynamo: LocalDynamoDb;
let results: DynamoDbResultsStore;

const IU = '3HqSLMAZ3g3d5poNaI7GOU';
const AKMU = '6OwKE9Ez6ALxpTaKcT5ayv';
const SUZY = '0Rt4EAmWR1NUjWqZK5AYRT';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'sixpotify-cli-similar-'));
  dynamo = await startLocalDynamoDb(join(home, 'dynamodb'));
  results = new DynamoDbResultsStore(dynamo.client, dynamo.tableName);
  const expiresAt = 1_800_000_000;
  await results.putItems([
    ...itemsForArtist(
      {
        artist_id: IU,
        name: '아이유',
        genres: ['k-pop', 'k-ballad'],
        top_tracks: [{ track_id: 't1', name: 'Blueming' }],
        neighbours: [
          { artist_id: SUZY, name: 'Suzy', rank: 2, score: 0.41, signals: ['genre'], shared_genres: ['k-pop'] },
          {
            artist_id: AKMU,
            name: 'AKMU',
            rank: 1,
            score: 0.8123,
            signals: ['collaboration', 'genre'],
            shared_tracks: 3,
            shared_genres: ['k-pop'],
          },
        ],
      },
      '2026-11-23',
      expiresAt,
    ),
    ...itemsForArtist({ artist_id: AKMU, name: 'AKMU', genres: [], neighbours: [] }, '2026-11-23', expiresAt),
  ]);
});

afterAll(async () => {
  await dynamo.close();
  await rm(home, { recursive: true, force: true });
});

describe('showSimilar', () => {
  it('prints the neighbours of an artist found by name, ranked, with score, signals and reason', async () => {
    // Prepare
    const output = captureOutput();

    // Act
    await showSimilar(results, '아이유', dynamo.tableName, output.write);

    // Assess
    expect(output.lines).toEqual([
      `아이유 (${IU}), published for 2026-11-23`,
      'genres: k-pop, k-ballad',
      'RANK  ARTIST  SCORE  SIGNALS               WHY',
      '1     AKMU    0.812  collaboration, genre  credited together on 3 tracks; 1 shared genre (k-pop)',
      '2     Suzy    0.410  genre                 1 shared genre (k-pop)',
    ]);
  });

  it('finds the artist by its Spotify id too', async () => {
    // Act
    const answers = await showSimilar(results, IU, dynamo.tableName, captureOutput().write);

    // Assess
    expect(answers.map((answer) => answer.neighbours.map((neighbour) => neighbour.id))).toEqual([[AKMU, SUZY]]);
  });

  it('matches a name whatever its case and spacing', async () => {
    // Act
    const answers = await showSimilar(results, ' akmu ', dynamo.tableName, captureOutput().write);

    // Assess
    expect(answers.map((answer) => answer.artistId)).toEqual([AKMU]);
  });

  it('says so when a published artist has no neighbours', async () => {
    // Prepare
    const output = captureOutput();

    // Act
    await showSimilar(results, 'AKMU', dynamo.tableName, output.write);

    // Assess
    expect(output.lines.at(-1)).toBe('no similar artists: no signal connects this artist to another tracked one yet');
  });

  it('says when several artists share the name, and what tells them apart, before their neighbours', async () => {
    // Prepare
    await results.putItems([
      ...itemsForArtist({ artist_id: '1111111111111111111111', name: 'Luna', genres: ['k-pop'], neighbours: [] }, '2026-11-23', 1_800_000_000),
      ...itemsForArtist({ artist_id: '2222222222222222222222', name: 'LUNA', genres: ['jazz'], neighbours: [] }, '2026-11-23', 1_800_000_000),
    ]);
    const output = captureOutput();

    // Act
    await showSimilar(results, 'luna', dynamo.tableName, output.write);

    // Assess
    expect(output.lines.slice(0, 4)).toEqual([
      '2 artists named "luna":',
      '  1) Luna: genres k-pop; no tracks; id 1111111111111111111111',
      '  2) LUNA: genres jazz; no tracks; id 2222222222222222222222',
      '',
    ]);
  });

  it('says when the chatbot added the artist and no run has published it yet', async () => {
    // Prepare
    const added = { artistId: '3333333333333333333333', name: 'Newcomer', genres: [], topTracks: [] };
    await results.putItems([profileItem(added, { dt: '2026-11-24', expiresAt: 1_800_000_000 }, 'chatbot')]);
    const output = captureOutput();

    // Act
    await showSimilar(results, added.artistId, dynamo.tableName, output.write);

    // Assess
    expect(output.lines[0]).toBe(`Newcomer (${added.artistId}), added by the chatbot for 2026-11-24, not yet published by a run`);
  });

  it('explains an unknown artist and returns no answers', async () => {
    // Prepare
    const output = captureOutput();

    // Act
    const answers = await showSimilar(results, 'Nobody At All', dynamo.tableName, output.write);

    // Assess
    expect(answers).toEqual([]);
    expect(output.text()).toContain(`No artist "Nobody At All" in ${dynamo.tableName}.`);
  });
});
