import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threadsForSample } from '../../local/duckdb/database.js';
import { openLocalEngines, type LocalEngines } from '../../local/duckdb/engines.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { toJsonLinesGz } from '../../tasks/lake/json-lines.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import type { QueryEngine, QueryState } from '../../tasks/ports.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let lake: { path: string; remove(): Promise<void> };
let store: FolderObjectStore;
let engines: LocalEngines;

const FINAL: QueryState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** Polls as the state machine does and returns every state seen, in order, without repeats. */
async function statesUntilDone(engine: QueryEngine, queryId: string): Promise<{ states: QueryState[]; reason?: string }> {
  const states: QueryState[] = [];
  for (;;) {
    const { state, reason } = await engine.status(queryId);
    if (states.at(-1) !== state) states.push(state);
    if (FINAL.includes(state)) return { states, reason };
    await sleep(2);
  }
}

async function crawlUntilDone(): Promise<string[]> {
  const states: string[] = [];
  for (;;) {
    const { state } = await engines.crawler.status();
    if (states.at(-1) !== state) states.push(state);
    if (state !== 'RUNNING') return states;
    await sleep(2);
  }
}

beforeEach(async () => {
  lake = await makeTempDir();
  store = new FolderObjectStore(lake.path);
  engines = await openLocalEngines({ lakeRoot: lake.path, pollDelayMs: 30 });
});

afterEach(async () => {
  await engines.close();
  await lake.remove();
});

describe('local query engine', () => {
  it('returns an id at once and reports RUNNING before SUCCEEDED', async () => {
    const queryId = await engines.queryEngine.start('select 42 as answer', 'answer');

    const { states } = await statesUntilDone(engines.queryEngine, queryId);

    expect(states.at(-1)).toBe('SUCCEEDED');
    expect(states).toContain('RUNNING');
  });

  it('reports, once a query is over, how long it took from its start', async () => {
    const before = Date.now();
    const queryId = await engines.queryEngine.start('select 42 as answer', 'answer');
    await statesUntilDone(engines.queryEngine, queryId);
    const measured = (Date.now() - before) / 1000;

    const { durationSeconds } = await engines.queryEngine.status(queryId);

    // The engine holds a final state back 30 ms (pollDelayMs): the duration counts that wait too.
    expect(durationSeconds).toBeGreaterThanOrEqual(0.03);
    expect(durationSeconds).toBeLessThanOrEqual(measured);
  });

  it('reports no duration while a query runs', async () => {
    const queryId = await engines.queryEngine.start('select 42 as answer', 'answer');

    const status = await engines.queryEngine.status(queryId);

    expect(status.state).not.toBe('SUCCEEDED');
    expect(status.durationSeconds).toBeUndefined();
  });

  it('reports FAILED with DuckDB’s error message as the reason', async () => {
    const queryId = await engines.queryEngine.start('select * from no_such_table', 'broken');

    const { states, reason } = await statesUntilDone(engines.queryEngine, queryId);

    expect(states.at(-1)).toBe('FAILED');
    expect(reason).toMatch(/no_such_table/);
  });

  it('refuses Trino’s hidden fail(), which Athena does not document', async () => {
    const queryId = await engines.queryEngine.start(`select fail('no artists for dt 2026-01-01') as outcome`, 'check');

    const { states, reason } = await statesUntilDone(engines.queryEngine, queryId);

    expect(states.at(-1)).toBe('FAILED');
    expect(reason).toMatch(/function with name fail does not exist/i);
  });

  it('hands a succeeded query’s rows back as text, as Athena’s GetQueryResults does', async () => {
    const queryId = await engines.queryEngine.start(
      `select 'pair_unique' as check_name, cast(3 as bigint) as violation_count, cast(null as varchar) as example`,
      'check',
    );
    await statesUntilDone(engines.queryEngine, queryId);

    expect(await engines.queryEngine.readResults(queryId)).toEqual([
      { check_name: 'pair_unique', violation_count: '3', example: null },
    ]);
  });

  it('refuses to read the results of a query that did not succeed', async () => {
    const queryId = await engines.queryEngine.start('select * from no_such_table', 'broken');
    await statesUntilDone(engines.queryEngine, queryId);

    await expect(engines.queryEngine.readResults(queryId)).rejects.toThrow(/InvalidRequestException: query \S+ has no results \(state FAILED\)/);
  });

  it('reports a query id it never started as FAILED with a reason', async () => {
    expect(await engines.queryEngine.status('nope')).toEqual({
      state: 'FAILED',
      reason: 'query nope was not started by this local engine',
    });
  });

  it('writes an UNLOAD as Parquet that the curated table then shows', async () => {
    const location = `${store.locationOf(lakeKeys.curatedPartition('artists', '2026-01-02'))}/`;
    const queryId = await engines.queryEngine.start(
      `unload (select 'a1' as artist_id, 'A' as name, array['k-pop'] as genres, cast(null as bigint) as followers, cast(null as integer) as popularity)
       to '${location}' with (format = 'PARQUET', compression = 'SNAPPY')`,
      'artists',
    );
    await statesUntilDone(engines.queryEngine, queryId);

    const rows = await engines.run(`select artist_id, genres, dt from artists`);

    expect(await store.list('curated/')).toEqual(['curated/artists/dt=2026-01-02/data_0.parquet']);
    expect(rows).toEqual([{ artist_id: 'a1', genres: ['k-pop'], dt: '2026-01-02' }]);
  });

  it('leaves only the output file in the partition: COPY writes a temporary file and renames it', async () => {
    const prefix = lakeKeys.curatedPartition('artists', '2026-01-02');
    const queryId = await engines.queryEngine.start(
      `unload (select 'a1' as artist_id) to '${store.locationOf(prefix)}/' with (format = 'PARQUET', compression = 'SNAPPY')`,
      'artists',
    );

    const { states } = await statesUntilDone(engines.queryEngine, queryId);

    expect(states.at(-1)).toBe('SUCCEEDED');
    expect(await readdir(store.locationOf(prefix))).toEqual(['data_0.parquet']);
  });

  it('leaves nothing in the partition when the UNLOAD fails part-way', async () => {
    const prefix = lakeKeys.curatedPartition('artists', '2026-01-02');
    const queryId = await engines.queryEngine.start(
      `unload (select cast(i as varchar) as artist_id, if(i = 199999, cast(error('cut off') as varchar), 'x') as name from range(200000) t(i))
       to '${store.locationOf(prefix)}/' with (format = 'PARQUET', compression = 'SNAPPY')`,
      'artists',
    );

    const { reason } = await statesUntilDone(engines.queryEngine, queryId);

    expect(reason).toMatch(/cut off/);
    expect(await readdir(store.locationOf(prefix))).toEqual([]);
  });

  it('refuses to UNLOAD into a location that already holds objects, as Athena does', async () => {
    const prefix = lakeKeys.curatedPartition('artists', '2026-01-02');
    await store.put(`${prefix}leftover.json`, '{}');
    const queryId = await engines.queryEngine.start(
      `unload (select 1 as x) to '${store.locationOf(prefix)}/' with (format = 'PARQUET', compression = 'SNAPPY')`,
      'artists',
    );

    const { reason } = await statesUntilDone(engines.queryEngine, queryId);

    expect(reason).toMatch(/^HIVE_PATH_ALREADY_EXISTS/);
  });
});

describe('run', () => {
  it('still answers queries that do not read a curated table whose file is broken', async () => {
    await store.put('curated/albums/dt=2026-01-02/data_0.parquet', 'not parquet');

    expect(await engines.run('select count(*) as n from artists')).toEqual([{ n: 0 }]);
  });

  it('returns rows with BIGINT counts as numbers', async () => {
    expect(await engines.run('select count(*) as n, 2::bigint * 3 as m from range(5)')).toEqual([{ n: 5, m: 6 }]);
  });

  it('throws DuckDB’s error', async () => {
    await expect(engines.run('select nope')).rejects.toThrow(/nope/);
  });
});

describe('local crawler', () => {
  it('reports RUNNING, then SUCCEEDED, and the raw tables show the new partition', async () => {
    await store.put(lakeKeys.rawPart('artists', '2026-01-02', 0), toJsonLinesGz([{ id: 'a1', name: 'A', genres: [] }]));

    await engines.crawler.start();
    const states = await crawlUntilDone();

    expect(states).toEqual(['RUNNING', 'SUCCEEDED']);
    expect(await engines.run(`select id, dt from raw_artists`)).toEqual([{ id: 'a1', dt: '2026-01-02' }]);
  });

  it('refuses a second start while running, as Glue does', async () => {
    await engines.crawler.start();

    await expect(engines.crawler.start()).rejects.toMatchObject({ name: 'CrawlerBusy' });
  });

  it('fails the crawl with the reason when a raw file cannot be read', async () => {
    await store.put('raw/tracks/dt=2026-01-02/part-00000.json.gz', 'not gzip');

    await engines.crawler.start();
    await crawlUntilDone();

    expect(await engines.crawler.status()).toMatchObject({ state: 'FAILED', reason: expect.stringMatching(/GZIP/i) });
  });

  it('gives the duration of its last finished crawl, none before its first', async () => {
    const before = await engines.crawler.lastCrawlSeconds?.();
    await engines.crawler.start();
    await crawlUntilDone();

    const after = await engines.crawler.lastCrawlSeconds?.();

    expect(before).toBeUndefined();
    expect(after).toBe((await engines.crawler.status()).seconds);
  });

  it('remembers the duration of its last crawl in its history file, for the crawler of the next process', async () => {
    // Prepare: a crawler that keeps its history in a file
    const historyPath = `${lake.path}/crawler-history.json`;
    const first = await openLocalEngines({ lakeRoot: lake.path, crawlHistoryPath: historyPath });
    await first.crawler.start();
    let status = await first.crawler.status();
    while (status.state === 'RUNNING') {
      await sleep(2);
      status = await first.crawler.status();
    }
    await first.close();

    // Act
    const next = await openLocalEngines({ lakeRoot: lake.path, crawlHistoryPath: historyPath });
    const seconds = await next.crawler.lastCrawlSeconds?.();
    await next.close();

    // Assess
    expect(status.state).toBe('SUCCEEDED');
    expect(seconds).toBe(status.seconds);
  });

  it('says it has not been started when polled first', async () => {
    expect(await engines.crawler.status()).toEqual({ state: 'FAILED', reason: 'the local crawler has not been started' });
  });
});

describe('openLocalEngines', () => {
  it('registers what is already in the lake, so a new process can query it at once', async () => {
    await store.put(lakeKeys.rawPart('albums', '2026-01-02', 0), toJsonLinesGz([{ id: 'al1', name: 'Album' }]));

    const other = await openLocalEngines({ lakeRoot: lake.path });
    const rows = await other.run('select id, dt from raw_albums');
    await other.close();

    expect(rows).toEqual([{ id: 'al1', dt: '2026-01-02' }]);
  });

  it('runs DuckDB on the number of threads it is given', async () => {
    const one = await openLocalEngines({ lakeRoot: lake.path, threads: 1 });
    const rows = await one.run("select current_setting('threads') as threads");
    await one.close();

    expect(rows).toEqual([{ threads: 1 }]);
  });
});

describe('threadsForSample', () => {
  it('gives a sample up to 1,000 artists one DuckDB thread, and leaves larger ones to DuckDB', () => {
    expect([threadsForSample(300), threadsForSample(1_000), threadsForSample(1_001), threadsForSample(50_000)]).toEqual([1, 1, undefined, undefined]);
  });
});

describe('local query engine, bytes scanned', () => {
  it('reports, once a query is over, the bytes of the files its tables hold for the dt it reads', async () => {
    // Prepare: one raw artists file for the date, crawled
    const body = toJsonLinesGz([{ id: 'a1', name: 'Alpha', genres: [], followers: null, popularity: null, uri: 'spotify:artist:a1', fetched_at: 'now' }]);
    await store.put(lakeKeys.rawPart('artists', '2026-11-23', 0), body);
    await engines.crawler.start();
    await crawlUntilDone();

    // Act
    const queryId = await engines.queryEngine.start("select count(*) from raw_artists where dt = '2026-11-23'", 'count');
    await statesUntilDone(engines.queryEngine, queryId);

    // Assess
    expect((await engines.queryEngine.status(queryId)).bytesScanned).toBe(body.length);
  });
});
