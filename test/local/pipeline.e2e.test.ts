// The whole pipeline, locally: the real ASL file on aws-local-stepfunctions, the built-in Spotify
// server, the folder lake, DuckDB and dynalite. What the chatbot reads is asserted in DynamoDB.
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { cp, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateMachine, type ExecutionOutcome } from '../../local/runner.js';
import { SQL_DIR, startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { fromAttributeMap } from '../../tasks/aws/dynamodb-codec.js';
import { fromJsonLines } from '../../tasks/lake/json-lines.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { itemKeys } from '../../tasks/contracts/result-items.js';
import { findSimilar } from '../../tasks/similar/find-similar.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dt = '2026-11-20';
const ARTISTS = 60;

async function scanAll(runtime: LocalRuntime): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await runtime.dynamo.client.send(new ScanCommand({ TableName: runtime.dynamo.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []).map(fromAttributeMap));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

/** Lake contents for dt, without the fetch timestamps that legitimately differ between runs. */
async function lakeSnapshot(runtime: LocalRuntime): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {};
  for (const prefix of ['raw/', 'curated/', 'exports/']) {
    for (const key of await runtime.store.list(prefix)) {
      if (!key.includes(`dt=${dt}/`)) continue;
      const body = (await runtime.store.get(key))!;
      snapshot[key] = key.endsWith('.json.gz')
        ? fromJsonLines(body, true).map((row) => ({ ...(row as object), fetched_at: undefined }))
        : body.length > 0;
    }
  }
  return snapshot;
}

describe('local pipeline, end to end', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let first: ExecutionOutcome;

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: ARTISTS } });
    first = await runStateMachine(runtime.bindings, { dt });
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('runs every state of the definition and succeeds', () => {
    expect(first.status).toBe('SUCCEEDED');
    for (const state of ['ResolveRunDate', 'FetchArtists', 'LoadRawZone', 'StartCrawler', 'WaitForCrawler', 'GetCrawlerStatus', 'StartQuery', 'WaitForQuery', 'GetQueryStatus', 'PublishResults']) {
      expect(first.states, state).toContain(state);
    }
    expect(runtime.alerts).toEqual([]);
  });

  it('publishes a profile, neighbours and a name lookup for every tracked artist', async () => {
    const items = await scanAll(runtime);
    const similar = items.filter((item) => item.sk === itemKeys.similarSk);
    expect(similar).toHaveLength(ARTISTS);
    expect(items.filter((item) => item.sk === itemKeys.profileSk)).toHaveLength(ARTISTS);
    for (const item of similar) {
      expect(item.dt).toBe(dt);
      const neighbours = item.neighbours as { id: string; score: number; reason: string }[];
      expect(neighbours.length).toBeLessThanOrEqual(10);
      expect(neighbours.map((n) => n.id)).not.toContain(item.artistId);
    }
    expect(similar.filter((item) => (item.neighbours as unknown[]).length > 0).length).toBeGreaterThan(ARTISTS / 2);
  });

  it('answers the chatbot by name with scored, explained neighbours from the planted group', async () => {
    const group = runtime.catalog!.plantedGroups.find((members) => members.length >= 3)!;
    const artist = runtime.catalog!.artists.find((candidate) => candidate.id === group[0])!;
    const [answer] = await findSimilar(artist.name.toLowerCase(), runtime.results);
    expect(answer?.artistId).toBe(artist.id);
    const top = answer!.neighbours[0]!;
    expect(top.score).toBeGreaterThan(0);
    expect(top.reason).not.toBe('');
    expect(answer!.neighbours.some((neighbour) => group.includes(neighbour.id))).toBe(true);
  });

  it('replaces the date on a re-run: same lake objects, same DynamoDB items, no duplicates', async () => {
    const lakeBefore = await lakeSnapshot(runtime);
    const itemsBefore = await scanAll(runtime);
    const second = await runStateMachine(runtime.bindings, { dt });
    expect(second.status).toBe('SUCCEEDED');
    expect(await lakeSnapshot(runtime)).toEqual(lakeBefore);
    expect(await scanAll(runtime)).toEqual(itemsBefore);
  });
});

describe('local pipeline, an app with audio features (extended access)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let outcome: ExecutionOutcome;

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({
      home: join(temp.path, 'home'),
      source: { kind: 'sample', artists: ARTISTS, access: 'extended' },
    });
    outcome = await runStateMachine(runtime.bindings, { dt });
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('runs FindAudioNeighbours once, after the eight SQL steps up to the feature export and before the three after it', () => {
    const at = outcome.states.indexOf('FindAudioNeighbours');
    const queriesStarted = (states: string[]) => states.filter((state) => state === 'StartQuery').length;

    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.states.filter((state) => state === 'FindAudioNeighbours')).toHaveLength(1);
    expect([queriesStarted(outcome.states.slice(0, at)), queriesStarted(outcome.states.slice(at))]).toEqual([8, 3]);
  });

  it('writes K audio neighbours for every artist with features, and similarity scores audio from them', async () => {
    const [counts] = await runtime.engines.run(`
      select
        (select count(*) from artist_features where dt = '${dt}') as artists,
        (select count(*) from artist_audio_neighbours where dt = '${dt}') as neighbours,
        (select count(*) from artist_similarity where dt = '${dt}' and audio_score is not null) as audio_scored`);

    expect(counts?.artists).toBe(ARTISTS);
    expect(counts?.neighbours).toBe(ARTISTS * 10);
    expect(counts?.audio_scored).toBeGreaterThan(0);
  });
});

describe('local pipeline, failure path', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let outcome: ExecutionOutcome;

  beforeAll(async () => {
    temp = await makeTempDir();
    // A copy of the SQL steps where one Athena step refers to a column that does not exist.
    const sqlDir = join(temp.path, 'sql');
    await cp(SQL_DIR, sqlDir, { recursive: true });
    await writeFile(
      join(sqlDir, '03_tracks.sql'),
      "-- output: curated/tracks\nunload (select no_such_column from raw_tracks where dt = '{{dt}}') to '{{output_location}}' with (format = 'PARQUET', compression = 'SNAPPY')\n",
    );
    runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: 20 }, sqlDir });
    outcome = await runStateMachine(runtime.bindings, { dt });
    // Steps after a failed one used to start after the execution had ended: give them the time to show.
    await sleep(300);
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('ends in NotifyFailure and Fail with the failing step named, and publishes nothing', async () => {
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('QueryFailed');
    expect(String(outcome.cause)).toMatch(/SQL step 03_tracks failed: .*no_such_column/);
    expect(outcome.states).toContain('NotifyFailure');
    expect(outcome.states.at(-1)).toBe('PipelineFailed');
    expect(outcome.states).not.toContain('PublishResults');
    expect(runtime.alerts).toHaveLength(1);
    expect(await scanAll(runtime)).toEqual([]);
  });

  it('runs no SQL step after the failed one, so no later table is written for the date', async () => {
    const manifest = await readManifest(runtime.store, dt);

    expect(Object.keys((manifest.query as { steps: object }).steps)).toEqual(['00_quarantine', '01_artists', '02_albums', '03_tracks']);
    expect(await runtime.store.list('curated/artist_similarity/')).toEqual([]);
  });
});
