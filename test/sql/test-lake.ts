// A temporary folder lake with the local DuckDB engines and the query task's ports over it.
import { setTimeout as sleep } from 'node:timers/promises';
import { openLocalEngines, type LocalEngines, type LocalEnginesOptions } from '../../local/duckdb/engines.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import type { QueryParameters, QueryPorts } from '../../tasks/query/query.js';
import { REPOSITORY_SQL_DIR } from '../../tasks/query/steps.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';

export interface TestLake {
  store: FolderObjectStore;
  engines: LocalEngines;
  ports: QueryPorts;
  /** Runs the crawler to the end, as StartCrawler and its poll loop do after LoadRawZone. */
  crawl(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PARAMETERS: QueryParameters = {
  similarityK: 3,
  weights: SETTINGS_DEFAULTS.similarityWeights,
};

export async function openTestLake(
  parameters: QueryParameters = DEFAULT_PARAMETERS,
  engineOptions: Pick<LocalEnginesOptions, 'clock' | 'projection'> = {},
): Promise<TestLake> {
  const folder = await makeTempDir();
  const store = new FolderObjectStore(folder.path);
  // A test lake holds a small sample's rows at most: one DuckDB thread, as a local run of one has (threadsForSample).
  const engines = await openLocalEngines({ lakeRoot: folder.path, threads: 1, ...engineOptions });
  return {
    store,
    engines,
    ports: { store, engine: engines.queryEngine, logger: new RecordingLogger(), sqlDir: REPOSITORY_SQL_DIR, parameters },
    crawl: async () => {
      await engines.crawler.start();
      for (;;) {
        const { state, reason } = await engines.crawler.status();
        if (state === 'FAILED') throw new Error(`crawl failed: ${reason}`);
        if (state === 'SUCCEEDED') return;
        await sleep(2);
      }
    },
    close: async () => {
      await engines.close();
      await folder.remove();
    },
  };
}
