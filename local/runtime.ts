// The local composition root: the embedded parts (folder lake, DuckDB, dynalite, the built-in
// Spotify-compatible server) wired to the same task code the Lambdas run. The only place that knows
// the local runtime; task code never asks which runtime it is in.
import { appendFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { handleAudioNeighbours } from '../tasks/audio-neighbours/handle.js';
import { DynamoDbResultsStore } from '../tasks/aws/dynamodb-results-store.js';
import { DynamoDbRunLeases } from '../tasks/aws/dynamodb-run-leases.js';
import { handleCrawl } from '../tasks/crawl/handle.js';
import { defaultFetchSettings, type FetchSettings } from '../tasks/fetch/handle.js';
import { handleFetch } from '../tasks/fetch/handle.js';
import { lakeKeys } from '../tasks/lake/keys.js';
import { handleLoad } from '../tasks/load/handle.js';
import type { Clock } from '../tasks/ports.js';
import { handlePublish } from '../tasks/publish/handle.js';
import { handleQuery } from '../tasks/query/handle.js';
import { handleResolveRunDate } from '../tasks/resolve-date/handle.js';
import { handleRunLease } from '../tasks/run-lease/handle.js';
import { SETTINGS_DEFAULTS, type SimilarityWeights } from '../tasks/settings/defaults.js';
import { timeZoneFromEnv } from '../tasks/settings/from-env.js';
import { runLeaseSeconds } from '../statemachine/definition.js';
import { pollPolicy, TIMING_BUDGET } from '../tasks/timing/budget.js';
import { FileLogger } from './console-logger.js';
import { threadsForSample } from './duckdb/database.js';
import { openLocalEngines, type LocalEngines } from './duckdb/engines.js';
import { openLocalDynamoDb, type LocalDynamoDb } from './dynamodb.js';
import { FolderObjectStore } from './folder-object-store.js';
import { homeLayout, type HomeLayout } from './paths.js';
import type { LocalBindings } from './runner.js';
import { acquireRunLock } from './run-lock.js';
import { connectSpotify, type CatalogSource } from './source.js';
import { DEFAULT_SAMPLE_ARTISTS, type SampleCatalog } from './spotify/catalog.js';
import type { SpotifyServer } from './spotify/server.js';

export type { CatalogSource } from './source.js';

export const SQL_DIR = fileURLToPath(new URL('../sql', import.meta.url));

export interface LocalRuntimeOptions {
  home: string;
  source: CatalogSource;
  timeZone?: string;
  similarityK?: number;
  weights?: SimilarityWeights;
  /** The share of tracked artists that may be quarantined before the night fails (default 0.05, as on AWS). */
  maxQuarantinedArtistRatio?: number;
  ttlDays?: number;
  /** The SQL steps to run; tests point this at a copy with a broken step. */
  sqlDir?: string;
  fetchSettings?: Partial<FetchSettings>;
  clock?: Clock;
  /** The sample catalog, when the caller generated it already (`npm start` shows its progress). */
  catalog?: SampleCatalog;
  /** The factor the runner shortens Waits by (runStateMachine's waitScale); the budget's local scale unless given. */
  timeScale?: number;
}

export interface LocalRuntime {
  layout: HomeLayout;
  bindings: LocalBindings;
  store: FolderObjectStore;
  engines: LocalEngines;
  results: DynamoDbResultsStore;
  dynamo: LocalDynamoDb;
  logger: FileLogger;
  catalog?: SampleCatalog;
  spotifyServer?: SpotifyServer;
  alerts: unknown[];
  close(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const layout = homeLayout(options.home);
  // First of all: a second run on this home stops here, before it touches anything.
  const runLock = await acquireRunLock(layout);
  const clock = options.clock ?? { now: () => new Date() };
  const logger = new FileLogger(`${layout.logs}/tasks.log`);
  const store = new FolderObjectStore(layout.lake);
  // Writes an interrupted run left half done (staging is resumed, not replaced, so nothing else would).
  await store.removeStaleTemporaries();
  const dynamo = await openLocalDynamoDb(layout, 'run').catch(async (error: unknown) => {
    await runLock.release();
    throw error;
  });
  const results = new DynamoDbResultsStore(dynamo.client, dynamo.tableName);
  const engines = await openLocalEngines({
    lakeRoot: store.root,
    clock,
    threads: duckDbThreads(options),
    crawlHistoryPath: layout.crawlHistory,
  });

  const connection = await connectSpotify(options.source, options.catalog);
  const { spotify, catalog, server: spotifyServer } = connection;
  if (catalog !== undefined) {
    // The sample's tracked set is the sample: rewritten each run so --artists takes effect.
    await store.put(lakeKeys.trackedArtists, JSON.stringify(catalog.artists.map((artist) => artist.id), null, 1));
  }

  // The runner shortens each Wait by this factor; the poll tasks suggest their waits for the same scale.
  const polling = pollPolicy(options.timeScale ?? TIMING_BUDGET.localTimeScale);
  const alerts: unknown[] = [];
  const similarityK = options.similarityK ?? SETTINGS_DEFAULTS.similarityK;
  const bindings: LocalBindings = {
    ResolveRunDateFunctionArn: (event) =>
      handleResolveRunDate(event, { clock, timeZone: options.timeZone ?? timeZoneFromEnv() }),
    FetchFunctionArn: (event) =>
      handleFetch(event, {
        store,
        spotify,
        logger,
        clock,
        settings: { ...defaultFetchSettings, ...options.fetchSettings },
      }),
    LoadFunctionArn: (event) => handleLoad(event, { store, logger, clock }),
    CrawlFunctionArn: (event) => handleCrawl(event, { crawler: engines.crawler, logger, clock, polling }),
    QueryFunctionArn: (event) =>
      handleQuery(event, {
        store,
        engine: engines.queryEngine,
        logger,
        sqlDir: options.sqlDir ?? SQL_DIR,
        parameters: {
          similarityK,
          weights: options.weights ?? SETTINGS_DEFAULTS.similarityWeights,
          maxQuarantinedArtistRatio: options.maxQuarantinedArtistRatio,
        },
        clock,
        polling,
      }),
    // The kernel's worker threads get this machine's cores, as the Lambda gets its vCPUs.
    AudioNeighboursFunctionArn: (event) =>
      handleAudioNeighbours(event, { store, logger, clock, k: similarityK, workers: availableParallelism() }),
    PublishFunctionArn: (event) => handlePublish(event, { store, results, logger, clock, ttlDays: options.ttlDays ?? SETTINGS_DEFAULTS.resultTtlDays }),
    // The same leases as on AWS, in the same table, on dynalite.
    RunLeaseFunctionArn: (event) =>
      handleRunLease(event, { leases: new DynamoDbRunLeases(dynamo.client, dynamo.tableName), clock, logger, leaseSeconds: runLeaseSeconds() }),
    // NotifyFailure publishes to SNS on AWS; locally the alert is kept and appended to alerts.log.
    notifyFailure: async (event) => {
      alerts.push(event);
      await appendFile(layout.alerts, `${JSON.stringify({ at: clock.now().toISOString(), ...(event as object) })}\n`);
      return { MessageId: `local-${alerts.length}` };
    },
  };

  return {
    layout,
    bindings,
    store,
    engines,
    results,
    dynamo,
    logger,
    catalog,
    spotifyServer,
    alerts,
    close: async () => {
      await engines.close();
      await dynamo.close();
      await connection.close();
      await runLock.release();
    },
  };
}

/** A sample's size is known before it is fetched; a live source's is not, and gets every core. */
function duckDbThreads(options: LocalRuntimeOptions): number | undefined {
  if (options.source.kind !== 'sample') return undefined;
  return threadsForSample(options.catalog?.artists.length ?? options.source.artists ?? DEFAULT_SAMPLE_ARTISTS);
}
