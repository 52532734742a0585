// `npm start`: run the whole nightly pipeline locally, offline, on the built-in sample catalog (or,
// with --live, on the real Spotify API or a compatible one named by SPOTIFY_API_URL and
// SPOTIFY_TOKEN_URL, with SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET set), by executing
// statemachine/pipeline.asl.json with aws-local-stepfunctions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRunDate } from '../tasks/run-date.js';
import { SPOTIFY_API_BASE_URL, SPOTIFY_TOKEN_URL } from '../tasks/spotify/client.js';
import { createProgressPrinter, formatMillis } from './progress.js';
import { ROOT, saveLastRun } from './paths.js';
import { runStateMachine } from './runner.js';
import { startLocalRuntime, type CatalogSource } from './runtime.js';
import { chooseSource } from './source.js';
import { summariseRun } from './summary.js';

const USAGE = `usage: npm start -- [--dt YYYY-MM-DD] [--artists N] [--access development|extended] [--live]
  --live reads SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET, and optionally SPOTIFY_API_URL and
  SPOTIFY_TOKEN_URL (a Spotify-compatible endpoint; default Spotify's own), from the environment or .env`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dt: { type: 'string' },
      artists: { type: 'string' },
      access: { type: 'string' },
      live: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const source = chooseSource(values, process.env);
  const home = join(ROOT, homeName(source));
  const input = values.dt === undefined ? {} : { dt: parseRunDate(values.dt) };

  const started = Date.now();
  const runtime = await startLocalRuntime({ home, source, timeZone: process.env.TIME_ZONE ?? 'Asia/Seoul' });
  try {
    console.log(`Sixpotify local run: ${describeSource(source)}`);
    console.log(`state machine: statemachine/pipeline.asl.json (the definition AWS runs)\n`);
    const outcome = await runStateMachine(runtime.bindings, input, { onEvent: createProgressPrinter() });
    const dt = String((outcome.output?.run as { dt?: string } | undefined)?.dt ?? values.dt ?? '');
    await saveLastRun({ home, dt, status: outcome.status });

    if (outcome.status === 'FAILED') {
      console.error(`\n✗ the run failed: ${outcome.error}: ${String(outcome.cause)}`);
      console.error(`  alert written to ${runtime.layout.alerts}; task log: ${runtime.layout.logs}/tasks.log`);
      return 1;
    }

    const summary = await summariseRun(runtime, dt);
    const wall = Date.now() - started;
    console.log(`\nSummary for dt=${dt}`);
    console.log(`  artists fetched      ${summary.artistsFetched} (${summary.artistsFailed} failed)`);
    for (const [table, rows] of Object.entries(summary.rowsPerTable)) {
      console.log(`  ${table.padEnd(20)} ${rows} rows`);
    }
    console.log(`  similarity rows      ${summary.similarityRows}`);
    if (summary.quality) {
      const { k, precision, evaluated, grouped } = summary.quality;
      console.log(`  quality              precision@${k} ${precision.toFixed(3)} against the sample's planted groups (${evaluated} of ${grouped} grouped artists had neighbours)`);
    }
    console.log(`  DynamoDB items       ${summary.itemsWritten}`);
    console.log(`  capabilities         ${describeCapabilities(summary.capabilities)}`);
    console.log(`  state transitions    ${outcome.stateTransitions}`);
    console.log(`  wall time            ${formatMillis(wall)}`);
    const example = runtime.catalog?.artists[0]?.name ?? 'an artist you track';
    console.log(`\nNext:`);
    console.log(`  npm run similar -- "${example}"     neighbours as the chatbot reads them`);
    console.log(`  npm run query -- "select * from artist_similarity where dt = '${dt}' limit 10"`);
    return 0;
  } finally {
    await runtime.close();
  }
}

/**
 * Each sample variant gets its own lake: a re-run of a date resumes from its fetch checkpoint, which
 * must belong to the same catalog and access level.
 */
function homeName(source: CatalogSource): string {
  if (source.kind === 'spotify') return 'live';
  const variant = [source.access === 'extended' ? 'extended' : '', source.artists === undefined ? '' : `${source.artists}`];
  return ['sample', ...variant.filter((part) => part !== '')].join('-');
}

function describeCapabilities(capabilities: Record<string, unknown>): string {
  const flags = Object.entries(capabilities).filter(([, value]) => typeof value === 'boolean');
  if (flags.length === 0) return 'not probed';
  return flags.map(([name, value]) => `${name} ${value ? 'yes' : 'no'}`).join(', ');
}

function describeSource(source: CatalogSource): string {
  if (source.kind === 'sample') {
    return `built-in sample catalog (${source.artists ?? 'default'} artists, ${source.access ?? 'development'}-mode app), offline`;
  }
  const apiBaseUrl = source.endpoints?.apiBaseUrl ?? SPOTIFY_API_BASE_URL;
  const tokenUrl = source.endpoints?.tokenUrl ?? SPOTIFY_TOKEN_URL;
  return apiBaseUrl === SPOTIFY_API_BASE_URL && tokenUrl === SPOTIFY_TOKEN_URL
    ? 'the real Spotify Web API'
    : `a Spotify-compatible API at ${apiBaseUrl} (token from ${tokenUrl})`;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`✗ ${error.name}: ${error.message}`);
    console.error(USAGE);
    process.exit(1);
  },
);
