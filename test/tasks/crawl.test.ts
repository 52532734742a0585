// StartCrawler / GetCrawlerStatus against the real local crawler (DuckDB over a folder lake).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalEngines, type LocalEngines } from '../../local/duckdb/engines.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { handleCrawl } from '../../tasks/crawl/handle.js';
import { InvalidTaskInput } from '../../tasks/errors.js';
import { toJsonLinesGz } from '../../tasks/lake/json-lines.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('Crawl task', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let engines: LocalEngines;
  let store: FolderObjectStore;

  beforeEach(async () => {
    temp = await makeTempDir();
    store = new FolderObjectStore(temp.path);
    engines = await openLocalEngines({ lakeRoot: temp.path, pollDelayMs: 20 });
  });
  afterEach(async () => {
    await engines.close();
    await temp.remove();
  });

  it('starts the crawler, reports RUNNING, then SUCCEEDED, and the new partition is queryable', async () => {
    // Prepare: a raw partition written after the engines opened.
    const artist = { id: 'a1', name: 'Alpha', genres: ['k-pop'], followers: null, popularity: null, uri: 'spotify:artist:a1', fetched_at: 'now' };
    await store.put(lakeKeys.rawPart('artists', '2026-11-23', 0), toJsonLinesGz([artist]));
    const ports = { crawler: engines.crawler, logger: new RecordingLogger() };

    // Act
    const started = await handleCrawl({ action: 'start' }, ports);
    const first = await handleCrawl({ action: 'status', attempt: 1, startedAt: started.startedAt }, ports);
    let last = first;
    for (let attempt = 2; last.state === 'RUNNING' && attempt < 100; attempt += 1) {
      await new Promise((next) => setTimeout(next, 10));
      last = await handleCrawl({ action: 'status', attempt, startedAt: started.startedAt }, ports);
    }

    // Assess
    expect(started).toMatchObject({ state: 'RUNNING', attempt: 0, elapsedSeconds: 0 });
    expect(first.state).toBe('RUNNING');
    expect(last.state).toBe('SUCCEEDED');
    expect(await engines.run("select name, dt from raw_artists where dt = '2026-11-23'")).toEqual([{ name: 'Alpha', dt: '2026-11-23' }]);
  });

  it('reports the time since the start and suggests a longer wait the longer the crawl runs', async () => {
    let now = Date.parse('2026-11-23T01:00:00Z');
    const ports = { crawler: engines.crawler, logger: new RecordingLogger(), clock: { now: () => new Date(now) } };
    const started = await handleCrawl({ action: 'start' }, ports);

    now += 40_000;
    const status = await handleCrawl({ action: 'status', attempt: 1, startedAt: started.startedAt }, ports);

    expect(started).toMatchObject({ startedAt: '2026-11-23T01:00:00.000Z', elapsedSeconds: 0, waitSeconds: 2 });
    expect(status).toMatchObject({ startedAt: started.startedAt, elapsedSeconds: 40, waitSeconds: 40 });
  });

  it('rejects a status call without the start time the loop is bounded by', async () => {
    await expect(handleCrawl({ action: 'status', attempt: 1 }, { crawler: engines.crawler, logger: new RecordingLogger() })).rejects.toThrow(
      InvalidTaskInput,
    );
  });

  it('passes the finished crawl duration on in its output, where the run cost reads it', async () => {
    // Prepare
    const ports = { crawler: engines.crawler, logger: new RecordingLogger() };
    const started = await handleCrawl({ action: 'start' }, ports);

    // Act
    let last = await handleCrawl({ action: 'status', attempt: 1, startedAt: started.startedAt }, ports);
    for (let attempt = 2; last.state === 'RUNNING' && attempt < 100; attempt += 1) {
      await new Promise((next) => setTimeout(next, 10));
      last = await handleCrawl({ action: 'status', attempt, startedAt: started.startedAt }, ports);
    }

    // Assess: the local crawler waits at least its 20 ms poll delay
    expect(last.state).toBe('SUCCEEDED');
    expect(last.seconds).toBeGreaterThanOrEqual(0.02);
    expect(last.dpuHours).toBeUndefined();
  });

  it('aims the first poll a fifth past the duration of the last crawl, and says that duration', async () => {
    // Prepare: a crawler whose history says its last crawl ran 40 s
    const crawler = { start: async () => undefined, status: async () => ({ state: 'RUNNING' as const }), lastCrawlSeconds: async () => 40 };

    // Act
    const started = await handleCrawl({ action: 'start' }, { crawler, logger: new RecordingLogger() });

    // Assess
    expect(started).toMatchObject({ expectedSeconds: 40, waitSeconds: 48 });
  });

  it('says 0 for the last crawl duration where the crawler keeps no history, and waits the least', async () => {
    const started = await handleCrawl({ action: 'start' }, { crawler: engines.crawler, logger: new RecordingLogger() });

    expect(started).toMatchObject({ expectedSeconds: 0, waitSeconds: 2 });
  });

  it('waits the rest of the expected crawl at a later poll and passes the expectation on', async () => {
    let now = Date.parse('2026-11-23T01:00:00Z');
    const ports = { crawler: engines.crawler, logger: new RecordingLogger(), clock: { now: () => new Date(now) } };
    const started = await handleCrawl({ action: 'start' }, ports);

    now += 10_000;
    const status = await handleCrawl({ action: 'status', attempt: 1, startedAt: started.startedAt, expectedSeconds: 40 }, ports);

    expect(status).toMatchObject({ expectedSeconds: 40, elapsedSeconds: 10, waitSeconds: 38 });
  });

  it('rejects an input that names no action', async () => {
    await expect(handleCrawl({ action: 'status' }, { crawler: engines.crawler, logger: new RecordingLogger() })).rejects.toThrow(InvalidTaskInput);
  });
});
