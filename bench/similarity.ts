// `npm run bench -- similarity [sizes...] [--access development|extended]`: wall time and peak
// memory (RSS) of the similarity step (sql/07_artist_similarity.sql) on the local DuckDB engine, for
// synthetic catalogs of 1,000, 10,000 and 50,000 tracked artists by default.
//
// Each size runs in two fresh processes: one builds the lake (sample catalog -> raw zone -> steps
// before 07), the other runs step 07 alone while sampling its RSS, so the figure is the step's and
// not the catalog generator's.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openLocalEngines } from '../local/duckdb/engines.js';
import { FolderObjectStore } from '../local/folder-object-store.js';
import { createSampleCatalog } from '../local/spotify/catalog.js';
import { handleQuery } from '../tasks/query/handle.js';
import type { QueryPorts } from '../tasks/query/query.js';
import { REPOSITORY_SQL_DIR } from '../tasks/query/steps.js';
import { catalogAsRaw } from '../local/fixtures/catalog-raw.js';
import { writeRawFixture } from '../local/fixtures/raw-fixture.js';
import { SETTINGS_DEFAULTS } from '../tasks/settings/defaults.js';

const STEP = '07_artist_similarity';
const DT = '2026-01-01';
const DEFAULT_SIZES = [1_000, 10_000, 50_000];
const ACCESS_LEVELS = ['development', 'extended'] as const;
type Access = (typeof ACCESS_LEVELS)[number];

interface Measurement {
  artists: number;
  access: Access;
  wallMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  rows: number;
}

const silent = { info() {}, warn() {}, error() {} };

function ports(lakeRoot: string, engines: Awaited<ReturnType<typeof openLocalEngines>>): QueryPorts {
  return {
    store: new FolderObjectStore(lakeRoot),
    engine: engines.queryEngine,
    logger: silent,
    sqlDir: REPOSITORY_SQL_DIR,
    parameters: { similarityK: SETTINGS_DEFAULTS.similarityK, weights: SETTINGS_DEFAULTS.similarityWeights },
  };
}

async function runStep(queryPorts: QueryPorts, step: string, onPoll: () => void = () => {}): Promise<void> {
  let progress = (await handleQuery({ action: 'start', dt: DT, step }, queryPorts)) as Record<string, unknown>;
  for (;;) {
    onPoll();
    await sleep(10);
    progress = (await handleQuery({ action: 'status', ...progress, attempt: 0 }, queryPorts)) as Record<string, unknown>;
    if (progress.state === 'SUCCEEDED') return;
    if (progress.state === 'FAILED' || progress.state === 'CANCELLED') {
      throw new Error(`${step} failed: ${String(progress.reason)}`);
    }
  }
}

/** Child, phase 1: the raw zone of a sample catalog and every curated table step 07 reads. */
async function prepare(artists: number, access: Access, lakeRoot: string): Promise<void> {
  const catalog = createSampleCatalog({ artists, seed: 2026, access });
  const raw = catalogAsRaw(catalog, DT, { genres: true, audio: access === 'extended' });
  await writeRawFixture(new FolderObjectStore(lakeRoot), DT, raw);
  const engines = await openLocalEngines({ lakeRoot });
  try {
    const queryPorts = ports(lakeRoot, engines);
    const { steps } = (await handleQuery({ action: 'plan' }, queryPorts)) as { steps: string[] };
    for (const step of steps.filter((name) => name < STEP)) await runStep(queryPorts, step);
  } finally {
    await engines.close();
  }
}

/** Child, phase 2: step 07 alone, RSS sampled at every poll (10 ms). */
async function measure(artists: number, access: Access, lakeRoot: string): Promise<Measurement> {
  const engines = await openLocalEngines({ lakeRoot });
  try {
    const queryPorts = ports(lakeRoot, engines);
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const started = performance.now();
    await runStep(queryPorts, STEP, () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    });
    const wallMs = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage.rss());
    const [count] = await engines.run(`select count(*) as rows from artist_similarity where dt = '${DT}'`);
    return {
      artists,
      access,
      wallMs,
      peakRssMb: peak / 2 ** 20,
      baselineRssMb: baseline / 2 ** 20,
      rows: Number(count?.rows ?? 0),
    };
  } finally {
    await engines.close();
  }
}

function child(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const process_ = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    process_.on('error', reject);
    process_.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

async function main(args: string[]): Promise<void> {
  const [phase, size, access, lakeRoot] = args;
  if (phase === '--prepare') return prepare(Number(size), access as Access, lakeRoot as string);
  if (phase === '--measure') {
    console.log(JSON.stringify(await measure(Number(size), access as Access, lakeRoot as string)));
    return;
  }

  const accessIndex = args.indexOf('--access');
  const accessLevels = accessIndex === -1 ? ACCESS_LEVELS : [args[accessIndex + 1] as Access];
  const sizeArgs = args.filter((arg, index) => /^\d+$/.test(arg) && (accessIndex === -1 || index !== accessIndex + 1));
  const sizes = sizeArgs.length > 0 ? sizeArgs.map(Number) : DEFAULT_SIZES;
  console.log(`similarity step (${STEP}) on local DuckDB, K = 10, one run per size`);
  console.log('artists  access       wall      peak RSS  (before)  similarity rows');
  for (const access of accessLevels) {
    for (const artists of sizes) {
      const lake = await mkdtemp(join(tmpdir(), 'sixpotify-bench-'));
      try {
        await child(['--prepare', String(artists), access, lake]);
        const result = JSON.parse(await child(['--measure', String(artists), access, lake])) as Measurement;
        console.log(
          `${String(result.artists).padStart(7)}  ${result.access.padEnd(11)}  ${(result.wallMs / 1000).toFixed(2).padStart(6)} s` +
            `  ${result.peakRssMb.toFixed(0).padStart(6)} MB  ${result.baselineRssMb.toFixed(0).padStart(5)} MB  ${result.rows}`,
        );
      } finally {
        await rm(lake, { recursive: true, force: true });
      }
    }
  }
}

await main(process.argv.slice(2));
