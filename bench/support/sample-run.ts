// A run of the query plan up to the similarity step on the local engines (the SQL steps, and the
// audio-neighbours task step between them), over the raw zone a sample catalog gives: what the
// benchmarks measure and score, without the fetch and the state machine.
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLocalEngines, type LocalEngines } from '../../local/duckdb/engines.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import type { AccessLevel, SampleCatalog } from '../../local/spotify/catalog.js';
import { runAudioNeighbours } from '../../tasks/audio-neighbours/audio-neighbours.js';
import { handleQuery } from '../../tasks/query/handle.js';
import { renderQueryStep, type QueryParameters, type QueryPorts } from '../../tasks/query/query.js';
import { readQueryStep } from '../../tasks/query/steps.js';
import { TASK_STEPS } from '../../tasks/query/task-steps.js';
import { catalogAsRaw } from '../../local/fixtures/catalog-raw.js';
import { writeRawFixture } from '../../local/fixtures/raw-fixture.js';

export const SIMILARITY_STEP = '07_artist_similarity';

const silent = { info() {}, warn() {}, error() {} };

export interface SampleRun {
  engines: LocalEngines;
  /** Wall time of the similarity step, start to SUCCEEDED. */
  similarityMs: number;
  /** The similarity statement as the engine received it. */
  similaritySql: string;
}

export async function runSampleUpToSimilarity(
  lakeRoot: string,
  options: { catalog: SampleCatalog; access: AccessLevel; dt: string; parameters: QueryParameters; sqlDir: string },
): Promise<SampleRun> {
  const store = new FolderObjectStore(lakeRoot);
  const { dt } = options;
  await writeRawFixture(store, dt, catalogAsRaw(options.catalog, dt, { genres: true, audio: options.access === 'extended' }));
  const engines = await openLocalEngines({ lakeRoot });
  await engines.crawler.start();
  while ((await engines.crawler.status()).state === 'RUNNING') await sleep(5);
  const ports: QueryPorts = { store, engine: engines.queryEngine, logger: silent, sqlDir: options.sqlDir, parameters: options.parameters };
  const { steps } = (await handleQuery({ action: 'plan' }, ports)) as { steps: string[] };
  let similarityMs = 0;
  for (const step of steps.slice(0, steps.indexOf(SIMILARITY_STEP) + 1)) {
    const started = performance.now();
    if (TASK_STEPS.some((task) => task.name === step)) {
      const clock = { now: () => new Date() };
      await runAudioNeighbours(dt, { store, logger: silent, clock, k: options.parameters.similarityK, workers: availableParallelism() });
    } else {
      await runQueryStep(ports, dt, step);
    }
    if (step === SIMILARITY_STEP) similarityMs = performance.now() - started;
  }
  const similaritySql = renderQueryStep(await readQueryStep(options.sqlDir, SIMILARITY_STEP), dt, ports).sql;
  return { engines, similarityMs, similaritySql };
}

async function runQueryStep(ports: QueryPorts, dt: string, step: string): Promise<void> {
  let progress = (await handleQuery({ action: 'start', dt, step }, ports)) as Record<string, unknown>;
  for (;;) {
    await sleep(5);
    progress = (await handleQuery({ action: 'status', ...progress, attempt: 0 }, ports)) as Record<string, unknown>;
    if (progress.state === 'SUCCEEDED') return;
    if (progress.state === 'FAILED' || progress.state === 'CANCELLED') throw new Error(`${step} failed: ${String(progress.reason)}`);
  }
}
