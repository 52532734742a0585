// `npm run bench -- similarity [sizes...] [--access development|extended] [--shapes] [--variant genre-only]
// [--reference-sql <dir>]`: wall time, CPU time and peak memory (RSS) of the similarity step
// (sql/07_artist_similarity.sql) on the local DuckDB engine, and the work it did: candidate pairs
// scored and contenders ranked in full, per artist (bench/support/similarity-counts.ts), for
// synthetic catalogs of 1,000, 10,000 and 50,000 tracked artists by default (--shapes: with the
// sample's real-world shapes; --variant genre-only: without albums).
// --reference-sql <dir> runs that folder's 07 (an older version, say) on the same lake right after,
// and prints it beside with the ratios: CPU time moves less than wall time on a busy machine.
//
// Each size runs in fresh processes: one builds the lake (sample catalog -> raw zone -> steps
// before 07), the others run step 07 alone while sampling RSS, so the figure is the step's and
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
import { SAMPLE_VARIANTS, shapedSample, type SampleVariant } from '../local/spotify/shapes.js';
import { handleQuery } from '../tasks/query/handle.js';
import { renderQueryStep, type QueryPorts } from '../tasks/query/query.js';
import { readQueryStep, REPOSITORY_SQL_DIR } from '../tasks/query/steps.js';
import { catalogAsRaw } from '../test/sql/catalog-raw.js';
import { writeRawFixture } from '../test/sql/raw-fixture.js';
import { similarityCounts } from './support/similarity-counts.js';

const STEP = '07_artist_similarity';
const DT = '2026-01-01';
const DEFAULT_SIZES = [1_000, 10_000, 50_000];
const ACCESS_LEVELS = ['development', 'extended'] as const;
type Access = (typeof ACCESS_LEVELS)[number];

/** How the sample is built: its variant, and whether it has the real-world shapes (local/spotify/shapes.ts). */
interface Sample {
  variant: SampleVariant;
  shapes: boolean;
}

interface Measurement {
  artists: number;
  access: Access;
  wallMs: number;
  /** CPU time of the whole process (DuckDB's threads included) while the step ran. */
  cpuMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  rows: number;
  candidatesPerArtist?: number;
  contendersPerArtist?: number;
}

const silent = { info() {}, warn() {}, error() {} };

function ports(lakeRoot: string, engines: Awaited<ReturnType<typeof openLocalEngines>>, sqlDir = REPOSITORY_SQL_DIR): QueryPorts {
  return {
    store: new FolderObjectStore(lakeRoot),
    engine: engines.queryEngine,
    logger: silent,
    sqlDir,
    parameters: { similarityK: 10, weights: { collaboration: 0.6, genre: 0.3, audio: 0.1 } },
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
async function prepare(artists: number, access: Access, lakeRoot: string, sample: Sample): Promise<void> {
  const catalog = shapedSample(createSampleCatalog({ artists, seed: 2026, access }), sample);
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

/** Child, phase 2: step 07 alone (from sqlDir), RSS sampled at every poll (10 ms); then its work, counted. */
async function measure(artists: number, access: Access, lakeRoot: string, sqlDir: string): Promise<Measurement> {
  const engines = await openLocalEngines({ lakeRoot });
  try {
    const queryPorts = ports(lakeRoot, engines, sqlDir);
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await runStep(queryPorts, STEP, () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    peak = Math.max(peak, process.memoryUsage.rss());
    const [count] = await engines.run(`select count(*) as rows from artist_similarity where dt = '${DT}'`);
    const { sql } = renderQueryStep(await readQueryStep(sqlDir, STEP), DT, queryPorts);
    const counts = await similarityCounts(sql, engines.run);
    return {
      artists,
      access,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: peak / 2 ** 20,
      baselineRssMb: baseline / 2 ** 20,
      rows: Number(count?.rows ?? 0),
      candidatesPerArtist: counts.candidatesPerArtist,
      contendersPerArtist: counts.contendersPerArtist,
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

function line(label: string, result: Measurement): string {
  const perArtist = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1)).padStart(10);
  return (
    `${label}  ${(result.wallMs / 1000).toFixed(2).padStart(6)} s  ${(result.cpuMs / 1000).toFixed(1).padStart(6)} s` +
    `  ${result.peakRssMb.toFixed(0).padStart(6)} MB  ${result.baselineRssMb.toFixed(0).padStart(5)} MB  ${String(result.rows).padStart(8)}` +
    `  ${perArtist(result.candidatesPerArtist)}  ${perArtist(result.contendersPerArtist)}`
  );
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

async function main(args: string[]): Promise<void> {
  const [phase, size, access, lakeRoot, fourth, fifth] = args;
  if (phase === '--prepare') {
    return prepare(Number(size), access as Access, lakeRoot as string, { variant: fourth as SampleVariant, shapes: fifth === 'shapes' });
  }
  if (phase === '--measure') {
    console.log(JSON.stringify(await measure(Number(size), access as Access, lakeRoot as string, fourth as string)));
    return;
  }

  const valued = new Set(['--access', '--variant', '--reference-sql'].map((name) => args.indexOf(name) + 1).filter((index) => index > 0));
  const accessOption = option(args, '--access') as Access | undefined;
  const accessLevels = accessOption === undefined ? ACCESS_LEVELS : [accessOption];
  const variant = (option(args, '--variant') ?? 'default') as SampleVariant;
  if (!SAMPLE_VARIANTS.includes(variant)) throw new Error(`--variant is '${variant}': use ${SAMPLE_VARIANTS.join(' or ')}`);
  const shapes = args.includes('--shapes');
  const reference = option(args, '--reference-sql');
  const sizeArgs = args.filter((arg, index) => /^\d+$/.test(arg) && !valued.has(index));
  const sizes = sizeArgs.length > 0 ? sizeArgs.map(Number) : DEFAULT_SIZES;
  console.log(
    `similarity step (${STEP}) on local DuckDB, K = 10, one run per size; sample: ${variant} variant, ` +
      `${shapes ? 'with' : 'without'} real-world shapes${reference === undefined ? '' : `; reference: ${reference}`}`,
  );
  console.log('artists  access       sql               wall       cpu  peak RSS  (before)      rows  cand./art.  cont./art.');
  for (const access of accessLevels) {
    for (const artists of sizes) {
      const lake = await mkdtemp(join(tmpdir(), 'sixpotify-bench-'));
      try {
        await child(['--prepare', String(artists), access, lake, variant, shapes ? 'shapes' : 'plain']);
        const lead = `${String(artists).padStart(7)}  ${access.padEnd(11)}`;
        const result = JSON.parse(await child(['--measure', String(artists), access, lake, REPOSITORY_SQL_DIR])) as Measurement;
        console.log(`${lead}  ${line('this       ', result)}`);
        if (reference === undefined) continue;
        const before = JSON.parse(await child(['--measure', String(artists), access, lake, reference])) as Measurement;
        console.log(`${' '.repeat(lead.length)}  ${line('reference  ', before)}`);
        console.log(
          `${' '.repeat(lead.length)}  this/ref.    ${(result.wallMs / before.wallMs).toFixed(2).padStart(6)}    ` +
            `${(result.cpuMs / before.cpuMs).toFixed(2).padStart(6)}    ${(result.peakRssMb / before.peakRssMb).toFixed(2).padStart(6)}`,
        );
      } finally {
        await rm(lake, { recursive: true, force: true });
      }
    }
  }
}

await main(process.argv.slice(2));
