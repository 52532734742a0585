// `npm run bench -- quality [sizes...] [options]`: how good the similarity is, against a ground
// truth, beside what anyone could do with the same data (K random artists; plain genre Jaccard).
// Prints precision@K, recall@K and coverage for each (local/quality/metrics.ts says how each is
// counted).
//
// On the sample catalog (default: 300 and 10,000 artists, both variants, real-world shapes on):
//   npm run bench -- quality [300 10000] [--variant default|genre-only]... [--plain] [--access extended]
// each size and variant is built into a fresh lake (raw zone -> SQL steps up to 07) and scored
// against the sample's own ground truth, its planted groups, written to ground-truth.json beside the
// lake and read back as any ground truth is (--truth <file> scores against another).
// On any run, e.g. the lake of `npm start` or of a run on real data, against any ground truth:
//   npm run bench -- quality --lake .sixpotify/lake --dt 2026-01-01 --truth related.csv
// Ground truth files: JSON {"<artist id>": ["<related id>", ...]} or CSV artist_id,related_id.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalEngines, type LocalEngines } from '../local/duckdb/engines.js';
import { genreJaccardNeighbours, randomNeighbours } from '../local/quality/baselines.js';
import { groundTruthAsJson, readGroundTruth, sampleGroundTruth, type GroundTruth } from '../local/quality/ground-truth.js';
import { scoreQuality, type QualityScores } from '../local/quality/metrics.js';
import { readRunData } from '../local/quality/run-data.js';
import { createSampleCatalog, type AccessLevel } from '../local/spotify/catalog.js';
import { SAMPLE_VARIANTS, shapedSample, type SampleVariant } from '../local/spotify/shapes.js';
import { REPOSITORY_SQL_DIR } from '../tasks/query/steps.js';
import { SETTINGS_DEFAULTS } from '../tasks/settings/defaults.js';
import { similarityCounts, type SimilarityCounts } from './support/similarity-counts.js';
import { runSampleUpToSimilarity } from './support/sample-run.js';

const DT = '2026-01-01';

interface Options {
  sizes: number[];
  variants: SampleVariant[];
  shapes: boolean;
  access: AccessLevel;
  k: number;
  seed: number;
  truth?: string;
  lake?: string;
  dt?: string;
  keep: boolean;
}

interface Scored {
  label: string;
  scores: QualityScores;
}

function parseOptions(args: string[]): Options {
  const options: Options = { sizes: [], variants: [], shapes: true, access: 'development', k: 10, seed: 2026, keep: false };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    const value = () => {
      const next = args[index + 1];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      index += 1;
      return next;
    };
    if (/^\d+$/.test(arg)) options.sizes.push(Number(arg));
    else if (arg === '--variant') options.variants.push(oneOf(value(), SAMPLE_VARIANTS, arg));
    else if (arg === '--plain') options.shapes = false;
    else if (arg === '--access') options.access = oneOf(value(), ['development', 'extended'] as const, arg);
    else if (arg === '--k') options.k = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--truth') options.truth = value();
    else if (arg === '--lake') options.lake = value();
    else if (arg === '--dt') options.dt = value();
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}: see the top of bench/quality.ts`);
  }
  if (!Number.isInteger(options.k) || options.k < 1) throw new Error(`--k must be a whole number of at least 1`);
  if (options.lake !== undefined && (options.dt === undefined || options.truth === undefined)) {
    throw new Error('--lake needs --dt <YYYY-MM-DD> and --truth <file>: the run to score and what to score it against');
  }
  if (options.sizes.length === 0) options.sizes = [300, 10_000];
  if (options.variants.length === 0) options.variants = [...SAMPLE_VARIANTS];
  return options;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${option} is '${value}': use ${allowed.join(' or ')}`);
  return value as T;
}

async function scoreRun(engines: LocalEngines, dt: string, truth: GroundTruth, k: number, seed: number): Promise<Scored[]> {
  const data = await readRunData(engines, dt);
  const run = { tracked: data.tracked, eligible: data.eligible };
  return [
    { label: 'pipeline', scores: scoreQuality(data.similarity, truth, run, k) },
    { label: 'genre Jaccard', scores: scoreQuality(genreJaccardNeighbours(data.genres, k), truth, run, k) },
    { label: 'random', scores: scoreQuality(randomNeighbours([...data.tracked].sort(), k, seed), truth, run, k) },
  ];
}

function printHeader(k: number): void {
  console.log(
    `similarity quality at K = ${k}: precision@${k} (hits / min(K, related)), recall@${k} (hits / related), ` +
      'coverage (artists with a neighbour / artists that could have one)',
  );
  console.log(
    `${'artists'.padStart(7)}  ${'variant'.padEnd(10)}  ${'judged'.padStart(6)}  ${'method'.padEnd(13)}  ` +
      `${`precision@${k}`.padStart(12)}  ${`recall@${k}`.padStart(9)}  ${'coverage'.padStart(8)}`,
  );
}

function printRows(artists: string, variant: string, scored: Scored[], note: string): void {
  scored.forEach(({ label, scores }, index) => {
    const lead = index === 0 ? `${artists.padStart(7)}  ${variant.padEnd(10)}  ${String(scores.judged).padStart(6)}` : ' '.repeat(27);
    const tail = index === 0 ? `  ${note}` : '';
    console.log(
      `${lead}  ${label.padEnd(13)}  ${scores.precision.toFixed(3).padStart(12)}  ${scores.recall.toFixed(3).padStart(9)}  ` +
        `${scores.coverage.toFixed(3).padStart(8)}${tail}`,
    );
  });
}

function workNote(similarityMs: number, counts: SimilarityCounts): string {
  const perArtist = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));
  return (
    `07: ${(similarityMs / 1000).toFixed(1)} s, ${perArtist(counts.candidatesPerArtist)} candidates and ` +
    `${perArtist(counts.contendersPerArtist)} contenders per artist`
  );
}

async function scoreExistingRun(options: Options & { lake: string; dt: string; truth: string }): Promise<void> {
  const truth = await readGroundTruth(options.truth);
  const engines = await openLocalEngines({ lakeRoot: options.lake });
  try {
    console.log(`run ${options.dt} in ${options.lake}, against ${options.truth}`);
    printHeader(options.k);
    const scored = await scoreRun(engines, options.dt, truth, options.k, options.seed);
    printRows(String(scored[0]?.scores.eligible ?? ''), '-', scored, '');
  } finally {
    await engines.close();
  }
}

async function scoreSamples(options: Options): Promise<void> {
  const shapes = options.shapes ? 'with real-world shapes (giant genres, hubs, artists without genres or credits)' : 'plain (no real-world shapes)';
  console.log(`sample catalog, seed ${options.seed}, ${options.access} access, ${shapes}`);
  printHeader(options.k);
  for (const artists of options.sizes) {
    for (const variant of options.variants) {
      const folder = await mkdtemp(join(tmpdir(), 'sixpotify-quality-'));
      try {
        const catalog = shapedSample(createSampleCatalog({ artists, seed: options.seed, access: options.access }), {
          variant,
          shapes: options.shapes,
        });
        const truthFile = options.truth ?? join(folder, 'ground-truth.json');
        if (options.truth === undefined) await writeFile(truthFile, groundTruthAsJson(sampleGroundTruth(catalog)));
        const run = await runSampleUpToSimilarity(join(folder, 'lake'), {
          catalog,
          access: options.access,
          dt: DT,
          parameters: { similarityK: options.k, weights: SETTINGS_DEFAULTS.similarityWeights },
          sqlDir: REPOSITORY_SQL_DIR,
        });
        try {
          const scored = await scoreRun(run.engines, DT, await readGroundTruth(truthFile), options.k, options.seed);
          const counts = await similarityCounts(run.similaritySql, run.engines.run);
          printRows(String(artists), variant, scored, workNote(run.similarityMs, counts));
        } finally {
          await run.engines.close();
        }
        if (options.keep) console.log(`${' '.repeat(27)}  kept: ${folder} (lake/, ground-truth.json; dt ${DT})`);
      } finally {
        if (!options.keep) await rm(folder, { recursive: true, force: true });
      }
    }
  }
}

const options = parseOptions(process.argv.slice(2));
if (options.lake !== undefined) await scoreExistingRun(options as Options & { lake: string; dt: string; truth: string });
else await scoreSamples(options);
