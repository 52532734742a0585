// `npm run bench -- similarity [sizes...] [--access development|extended] [--shapes] [--variant genre-only]
// [--reference-sql <dir>]`: the similarity step on the local engines, for synthetic catalogs of
// 1,000, 10,000 and 50,000 tracked artists by default (--shapes: with the sample's real-world shapes,
// local/spotify/shapes.ts; --variant genre-only: without albums).
//
// The similarity step is FindAudioNeighbours (the audio K nearest, in tasks/audio-neighbours) and
// sql/07_artist_similarity.sql after it: wall time of each and peak memory (RSS, worker threads
// included) of the two together. With audio features (extended access), the audio top-K is also
// set beside a plain brute force measured in the same run (bench/reference/), on the same vectors,
// with their ratio and a check that both give the same neighbours; from the measured pair throughput
// it estimates how many artists one FindAudioNeighbours Lambda handles in 10 and 15 minutes, and
// what Athena would bill for the same work.
// For 07 it also prints its CPU time (all threads: moves less than wall time on a busy machine) and
// the work it did per artist: candidate pairs scored and contenders ranked in full
// (bench/support/similarity-counts.ts). --reference-sql <dir> runs that folder's 07 (an older one,
// say) on the same lake right after, and prints it beside with the ratios.
//
// Each size runs in fresh processes: one builds the lake (sample catalog -> raw zone -> the steps
// before the audio task), one runs the step while sampling its RSS, one runs the kernel against the
// reference, so each figure is its own and not the catalog generator's.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openLocalEngines } from '../local/duckdb/engines.js';
import { FolderObjectStore } from '../local/folder-object-store.js';
import { createSampleCatalog } from '../local/spotify/catalog.js';
import { AUDIO_NEIGHBOURS_TABLE, runAudioNeighbours } from '../tasks/audio-neighbours/audio-neighbours.js';
import { readFeatureExport, toFeatureVectors } from '../tasks/audio-neighbours/features.js';
import { nearestNeighbours, type NeighbourLists } from '../tasks/audio-neighbours/kernel.js';
import { lakeKeys } from '../tasks/lake/keys.js';
import { handleQuery } from '../tasks/query/handle.js';
import type { ObjectStore } from '../tasks/ports.js';
import type { QueryPorts } from '../tasks/query/query.js';
import { REPOSITORY_SQL_DIR } from '../tasks/query/steps.js';
import { TASK_STEPS } from '../tasks/query/task-steps.js';
import { catalogAsRaw } from '../local/fixtures/catalog-raw.js';
import { writeRawFixture } from '../local/fixtures/raw-fixture.js';
import { SAMPLE_VARIANTS, shapedSample, type SampleVariant } from '../local/spotify/shapes.js';
import { renderQueryStep } from '../tasks/query/query.js';
import { readQueryStep } from '../tasks/query/steps.js';
import { SETTINGS_DEFAULTS } from '../tasks/settings/defaults.js';
import { bruteForceNeighbours, type ReferenceLists } from './reference/brute-force-neighbours.js';
import { similarityCounts } from './support/similarity-counts.js';

const STEP = '07_artist_similarity';
const DT = '2026-01-01';
const K = 10;
const DEFAULT_SIZES = [1_000, 10_000, 50_000];
const ACCESS_LEVELS = ['development', 'extended'] as const;
type Access = (typeof ACCESS_LEVELS)[number];

/** The FindAudioNeighbours Lambda (infra/constructs/tasks.ts): 3,008 MB at 1,769 MB per vCPU of credit. */
const LAMBDA_MEMORY_MB = 3008;
const LAMBDA_VCPUS = LAMBDA_MEMORY_MB / 1769;
/**
 * Prices, us-east-1 (aws.amazon.com/lambda/pricing, aws.amazon.com/athena/pricing): Lambda arm64 per
 * GB-second, first tier; Athena SQL per TB scanned, rounded up to 10 MB per query at least.
 */
const LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
const ATHENA_PER_TB = 5;
const ATHENA_MINIMUM_BYTES = 10 * 2 ** 20;

interface StepMeasurement {
  artists: number;
  access: Access;
  audioMs: number;
  kernelMs: number;
  stepMs: number;
  /** CPU time of the process (DuckDB's threads included) while 07 ran. */
  stepCpuMs: number;
  /** Candidate pairs 07 scored and contenders it ranked in full, per tracked artist (undefined: not in that 07). */
  candidatesPerArtist?: number;
  contendersPerArtist?: number;
  peakRssMb: number;
  baselineRssMb: number;
  rows: number;
  /** What Athena would scan: artist_features (Parquet) for the audio pass, and the new table 07 reads. */
  featuresBytes: number;
  neighboursBytes: number;
}

interface KernelMeasurement {
  artists: number;
  workers: number;
  kernelMs: number;
  kernelCpuMs: number;
  referenceMs: number;
  /** CPU time of every thread, which other processes on a busy machine inflate less than wall time. */
  referenceCpuMs: number;
  identical: boolean;
}

const silent = { info() {}, warn() {}, error() {} };
const clock = { now: () => new Date() };

/** How the sample is built: its variant, and whether it has the real-world shapes. */
interface Sample {
  variant: SampleVariant;
  shapes: boolean;
}

function ports(lakeRoot: string, engines: Awaited<ReturnType<typeof openLocalEngines>>, sqlDir = REPOSITORY_SQL_DIR): QueryPorts {
  return {
    store: new FolderObjectStore(lakeRoot),
    engine: engines.queryEngine,
    logger: silent,
    sqlDir,
    parameters: { similarityK: K, weights: SETTINGS_DEFAULTS.similarityWeights },
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

/** Child, phase 1: the raw zone of a sample catalog and every step of the plan before the audio task. */
async function prepare(artists: number, access: Access, lakeRoot: string, sample: Sample): Promise<void> {
  const catalog = shapedSample(createSampleCatalog({ artists, seed: 2026, access }), sample);
  const raw = catalogAsRaw(catalog, DT, { genres: true, audio: access === 'extended' });
  await writeRawFixture(new FolderObjectStore(lakeRoot), DT, raw);
  const engines = await openLocalEngines({ lakeRoot });
  try {
    const queryPorts = ports(lakeRoot, engines);
    const { steps } = (await handleQuery({ action: 'plan' }, queryPorts)) as { steps: string[] };
    const taskStep = steps.findIndex((step) => TASK_STEPS.some((task) => task.name === step));
    for (const step of steps.slice(0, taskStep)) await runStep(queryPorts, step);
  } finally {
    await engines.close();
  }
}

/** Child, phase 2: the similarity step (FindAudioNeighbours, then sqlDir's 07), RSS sampled every 10 ms. */
async function measureStep(artists: number, access: Access, lakeRoot: string, sqlDir: string): Promise<StepMeasurement> {
  const engines = await openLocalEngines({ lakeRoot });
  try {
    const queryPorts = ports(lakeRoot, engines, sqlDir);
    const store = queryPorts.store;
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    };
    const sampler = setInterval(sample, 10);
    const started = performance.now();
    const audio = await runAudioNeighbours(DT, { store, logger: silent, clock, k: K, workers: availableParallelism() });
    const audioMs = performance.now() - started;
    const cpuBefore = process.cpuUsage();
    await runStep(queryPorts, STEP, sample);
    const stepMs = performance.now() - started - audioMs;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    sample();
    const [count] = await engines.run(`select count(*) as rows from artist_similarity where dt = '${DT}'`);
    const counts = await similarityCounts(renderQueryStep(await readQueryStep(sqlDir, STEP), DT, queryPorts).sql, engines.run);
    return {
      artists,
      access,
      audioMs,
      kernelMs: audio.kernelMillis,
      stepMs,
      stepCpuMs: (cpu.user + cpu.system) / 1000,
      candidatesPerArtist: counts.candidatesPerArtist,
      contendersPerArtist: counts.contendersPerArtist,
      peakRssMb: peak / 2 ** 20,
      baselineRssMb: baseline / 2 ** 20,
      rows: Number(count?.rows ?? 0),
      featuresBytes: await bytesUnder(store, lakeKeys.curatedPartition('artist_features', DT)),
      neighboursBytes: await bytesUnder(store, lakeKeys.curatedPartition(AUDIO_NEIGHBOURS_TABLE, DT)),
    };
  } finally {
    await engines.close();
  }
}

/** Child, phase 3: the kernel and the plain brute force on the same exported vectors, same workers. */
async function measureKernel(artists: number, lakeRoot: string): Promise<KernelMeasurement> {
  const store = new FolderObjectStore(lakeRoot);
  const { vectors } = toFeatureVectors(await readFeatureExport(DT, store));
  const workers = availableParallelism();

  const cpuBefore = process.cpuUsage();
  let started = performance.now();
  const ours = await nearestNeighbours(vectors, { k: K, workers });
  const kernelMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);

  const referenceCpuBefore = process.cpuUsage();
  started = performance.now();
  const reference = await bruteForceNeighbours(vectors, K, workers);
  const referenceMs = performance.now() - started;
  const referenceCpu = process.cpuUsage(referenceCpuBefore);

  return {
    artists,
    workers,
    kernelMs,
    kernelCpuMs: (cpu.user + cpu.system) / 1000,
    referenceMs,
    referenceCpuMs: (referenceCpu.user + referenceCpu.system) / 1000,
    identical: sameLists(ours, reference),
  };
}

/** Same neighbours, in the same order, at the same distances, for every point. */
function sameLists(ours: NeighbourLists, reference: ReferenceLists): boolean {
  for (let point = 0; point < ours.counts.length; point += 1) {
    if (ours.counts[point] !== reference.counts[point]) return false;
    for (let slot = point * K; slot < point * K + (ours.counts[point] as number); slot += 1) {
      if (ours.indexes[slot] !== reference.indexes[slot] || ours.distances[slot] !== reference.distances[slot]) return false;
    }
  }
  return true;
}

async function bytesUnder(store: ObjectStore, prefix: string): Promise<number> {
  let bytes = 0;
  for (const key of await store.list(prefix)) bytes += (await store.get(key))?.byteLength ?? 0;
  return bytes;
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const dollars = (amount: number) => `$${amount.toPrecision(2)}`;

function printStep(result: StepMeasurement, label = 'this'): void {
  const perArtist = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1)).padStart(10);
  console.log(
    `${String(result.artists).padStart(7)}  ${result.access.padEnd(11)}  ${label.padEnd(9)}  ${seconds(result.audioMs).padStart(8)} (kernel ${seconds(result.kernelMs)})` +
      `  ${seconds(result.stepMs).padStart(8)}  ${seconds(result.stepCpuMs).padStart(8)}  ${seconds(result.audioMs + result.stepMs).padStart(8)}` +
      `  ${result.peakRssMb.toFixed(0).padStart(6)} MB  ${result.baselineRssMb.toFixed(0).padStart(5)} MB  ${String(result.rows).padStart(8)}` +
      `  ${perArtist(result.candidatesPerArtist)}  ${perArtist(result.contendersPerArtist)}`,
  );
}

function printRatios(result: StepMeasurement, reference: StepMeasurement): void {
  const ratio = (ours: number, theirs: number) => `${(ours / theirs).toFixed(2)}x`;
  console.log(
    `${' '.repeat(20)}  this/ref.  07 wall ${ratio(result.stepMs, reference.stepMs)}, 07 CPU ${ratio(result.stepCpuMs, reference.stepCpuMs)}, ` +
      `peak RSS ${ratio(result.peakRssMb, reference.peakRssMb)}`,
  );
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

function printKernel(kernel: KernelMeasurement, step: StepMeasurement): void {
  const pairs = (kernel.artists * (kernel.artists - 1)) / 2;
  const ratio = kernel.kernelMs / kernel.referenceMs;
  console.log(`\n  audio top-${K} over ${kernel.artists} artists, ${kernel.workers} worker threads, same vectors, same run:`);
  console.log('                                                           wall         CPU');
  console.log(`    ours (tasks/audio-neighbours/kernel.ts)           ${seconds(kernel.kernelMs).padStart(9)}  ${seconds(kernel.kernelCpuMs).padStart(10)}`);
  console.log(`    reference (plain brute force, bench/reference/)   ${seconds(kernel.referenceMs).padStart(9)}  ${seconds(kernel.referenceCpuMs).padStart(10)}`);
  console.log(
    `    ratio ours / reference                            ${ratio.toFixed(2).padStart(8)}x  ${(kernel.kernelCpuMs / kernel.referenceCpuMs).toFixed(2).padStart(9)}x` +
      `  (target: at most 3x)  identical neighbours: ${kernel.identical ? 'yes' : 'NO'}`,
  );

  // One Lambda: CPU-bound, so pairs per CPU-second times the vCPUs of credit its memory buys. Below
  // 100 M pairs, starting the worker threads weighs more than the pairs: no estimate from those.
  const pairsPerCpuSecond = pairs / (kernel.kernelCpuMs / 1000);
  console.log(`    measured throughput ${(pairsPerCpuSecond / 1e6).toFixed(0)} M pairs per CPU-second (${seconds(kernel.kernelCpuMs)} of CPU for ${(pairs / 1e6).toFixed(1)} M pairs)`);
  if (pairs >= 1e8) {
    const artistsWithin = (secondsAllowed: number) => Math.floor(Math.sqrt(2 * pairsPerCpuSecond * LAMBDA_VCPUS * secondsAllowed));
    const lambdaSeconds = pairs / (pairsPerCpuSecond * LAMBDA_VCPUS);
    console.log(
      `    one Lambda at ${LAMBDA_MEMORY_MB} MB (${LAMBDA_VCPUS.toFixed(2)} vCPU): ~${seconds(lambdaSeconds * 1000)} for these pairs, ` +
        `${dollars(lambdaSeconds * (LAMBDA_MEMORY_MB / 1024) * LAMBDA_ARM_PER_GB_SECOND)} a run; passes 10 minutes at ~${artistsWithin(600).toLocaleString('en')} artists, ` +
        `15 minutes (its limit) at ~${artistsWithin(900).toLocaleString('en')}`,
    );
  }
  // Athena bills bytes scanned, not CPU: the all-pairs pass read artist_features, which 07 reads anyway.
  const billed = (bytes: number) => (Math.max(bytes, ATHENA_MINIMUM_BYTES) / 2 ** 40) * ATHENA_PER_TB;
  console.log(
    `    Athena instead: the all-pairs pass scans artist_features (${megabytes(step.featuresBytes)}, already read by 07), ` +
      `so it adds no bytes; this design adds the feature export (${megabytes(step.featuresBytes)} scanned, billed as 10 MB: ${dollars(billed(step.featuresBytes))}) ` +
      `and 07 reading artist_audio_neighbours (${megabytes(step.neighboursBytes)} of gzipped JSON)`,
  );
}

async function main(args: string[]): Promise<void> {
  const [phase, size, access, lakeRoot, fourth, fifth] = args;
  if (phase === '--prepare') {
    return prepare(Number(size), access as Access, lakeRoot as string, { variant: fourth as SampleVariant, shapes: fifth === 'shapes' });
  }
  if (phase === '--measure') {
    console.log(JSON.stringify(await measureStep(Number(size), access as Access, lakeRoot as string, fourth as string)));
    return;
  }
  if (phase === '--kernel') {
    console.log(JSON.stringify(await measureKernel(Number(size), lakeRoot as string)));
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
  console.log(`similarity step (FindAudioNeighbours, then ${STEP}) on the local engines, K = ${K}, one run per size`);
  console.log(
    `sample: ${variant} variant, ${shapes ? 'with' : 'without'} real-world shapes` +
      (reference === undefined ? '' : `; reference: ${STEP} of ${reference}, on the same lake right after`),
  );
  console.log(
    'artists  access       07 of      audio task (kernel)       07    07 CPU     total  peak RSS  (before)      rows  cand./art.  cont./art.',
  );
  for (const access of accessLevels) {
    for (const artists of sizes) {
      const lake = await mkdtemp(join(tmpdir(), 'sixpotify-bench-'));
      try {
        await child(['--prepare', String(artists), access, lake, variant, shapes ? 'shapes' : 'plain']);
        const step = JSON.parse(await child(['--measure', String(artists), access, lake, REPOSITORY_SQL_DIR])) as StepMeasurement;
        printStep(step);
        if (reference !== undefined) {
          const before = JSON.parse(await child(['--measure', String(artists), access, lake, reference])) as StepMeasurement;
          printStep(before, 'reference');
          printRatios(step, before);
        }
        if (access === 'extended') {
          printKernel(JSON.parse(await child(['--kernel', String(artists), access, lake])) as KernelMeasurement, step);
          console.log('');
        }
      } finally {
        await rm(lake, { recursive: true, force: true });
      }
    }
  }
}

await main(process.argv.slice(2));
