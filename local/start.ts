// `npm start`: run the whole nightly pipeline locally, offline, on the built-in sample catalog (or
// on the real Spotify API when SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are set), by executing
// statemachine/pipeline.asl.json with aws-local-stepfunctions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeCost } from '../tasks/cost/describe.js';
import { parseRunDate } from '../tasks/run-date.js';
import { CostMeter, recordRunCost } from './cost-meter.js';
import { createProgressPrinter, formatMillis } from './progress.js';
import { ROOT, saveLastRun } from './paths.js';
import { runStateMachine } from './runner.js';
import { startLocalRuntime, type CatalogSource } from './runtime.js';
import { summariseRun } from './summary.js';

const USAGE = `usage: npm start -- [--dt YYYY-MM-DD] [--artists N] [--access development|extended] [--live]`;

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
  const source = chooseSource(values);
  const home = join(ROOT, homeName(source));
  const input = values.dt === undefined ? {} : { dt: parseRunDate(values.dt) };

  const started = Date.now();
  const runtime = await startLocalRuntime({ home, source, timeZone: process.env.TIME_ZONE ?? 'Asia/Seoul' });
  try {
    console.log(`Sixpotify local run: ${describeSource(source)}`);
    console.log(`state machine: statemachine/pipeline.asl.json (the definition AWS runs)\n`);
    const meter = new CostMeter(runtime);
    const progress = createProgressPrinter();
    const outcome = await runStateMachine(meter.bindings(runtime.bindings), input, {
      onEvent: (event) => {
        progress(event);
        meter.onEvent(event);
      },
    });
    const dt = String((outcome.output?.run as { dt?: string } | undefined)?.dt ?? values.dt ?? '');
    await saveLastRun({ home, dt, status: outcome.status });
    // A failed run costs too: its cost goes in the manifest whenever there is a date to file it under.
    const costDate = dt !== '' ? dt : meter.runDate;
    const cost = costDate === undefined ? undefined : await recordRunCost(runtime.store, costDate, meter.finish());

    if (outcome.status === 'FAILED') {
      console.error(`\n✗ the run failed: ${outcome.error}: ${String(outcome.cause)}`);
      console.error(`  alert written to ${runtime.layout.alerts}; task log: ${runtime.layout.logs}/tasks.log`);
      if (cost) console.error(`  AWS cost so far (estimate): ${describeCost(cost.estimate)[0]}`);
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
    if (summary.cost) {
      const [total, ...drivers] = describeCost(summary.cost);
      console.log(`  AWS cost (estimate)  ${total}`);
      for (const driver of drivers) console.log(`  ${driver}`);
    }
    const example = runtime.catalog?.artists[0]?.name ?? 'an artist you track';
    console.log(`\nNext:`);
    console.log(`  npm run similar -- "${example}"     neighbours as the chatbot reads them`);
    console.log(`  npm run query -- "select * from artist_similarity where dt = '${dt}' limit 10"`);
    return 0;
  } finally {
    await runtime.close();
  }
}

function chooseSource(values: { artists?: string; access?: string; live?: boolean }): CatalogSource {
  const clientId = process.env.SPOTIFY_CLIENT_ID;
  const clientSecret = process.env.SPOTIFY_CLIENT_SECRET;
  if (values.live) {
    if (!clientId || !clientSecret) {
      throw new Error('--live needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in the environment or .env');
    }
    return { kind: 'spotify', clientId, clientSecret };
  }
  const access = values.access ?? 'development';
  if (access !== 'development' && access !== 'extended') {
    throw new Error(`--access '${access}' is not known: use development or extended`);
  }
  const artists = values.artists === undefined ? undefined : Number(values.artists);
  if (artists !== undefined && !(Number.isInteger(artists) && artists > 0)) {
    throw new Error(`--artists '${values.artists}' is not a positive whole number`);
  }
  return { kind: 'sample', artists, access };
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
  return source.kind === 'sample'
    ? `built-in sample catalog (${source.artists ?? 'default'} artists, ${source.access ?? 'development'}-mode app), offline`
    : 'the real Spotify Web API';
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`✗ ${error.name}: ${error.message}`);
    console.error(USAGE);
    process.exit(1);
  },
);
