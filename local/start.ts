// `npm start`: run the whole nightly pipeline locally, offline, on the built-in sample catalog (or,
// with --live, on the real Spotify API or a compatible one named by SPOTIFY_API_URL and
// SPOTIFY_TOKEN_URL, with SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET set), by executing
// statemachine/pipeline.asl.json with aws-local-stepfunctions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRunDate, refuseFutureRunDate } from '../tasks/run-date.js';
import { timeZoneFromEnv } from '../tasks/settings/from-env.js';
import { DATA_SET_USAGE, dataSetKind, dataSetName, displayPath, optionsFor, type DataSetKind } from './data-set.js';
import { failureLines } from './failure.js';
import { catalogSource } from './source.js';
import { SPOTIFY_API_BASE_URL, SPOTIFY_TOKEN_URL } from '../tasks/spotify/client.js';
import { describeCost } from '../tasks/cost/describe.js';
import { CostMeter, recordRunCost } from './cost-meter.js';
import { createProgressPrinter, formatMillis } from './progress.js';
import { ROOT, saveLastRun } from './paths.js';
import { runStateMachine, type StateEvent } from './runner.js';
import { startLocalRuntime, type CatalogSource } from './runtime.js';
import { createSampleCatalog, DEFAULT_SAMPLE_ARTISTS, type SampleCatalog } from './spotify/catalog.js';
import { summariseRun, summaryLines } from './summary.js';
import { describeTransitions } from './transitions.js';

const USAGE = `usage: npm start -- [--dt YYYY-MM-DD] ${DATA_SET_USAGE}`;

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
  const timeZone = timeZoneFromEnv();
  const kind = dataSetKind(values);
  // Refused here as ResolveRunDate would refuse it, before anything starts or an alert is written.
  const input = values.dt === undefined ? {} : { dt: refuseFutureRunDate(parseRunDate(values.dt), timeZone, new Date()) };
  const source = catalogSource(kind, process.env);
  const name = dataSetName(kind);
  const home = join(ROOT, name);

  const started = Date.now();
  console.log(`Sixpotify local run: ${describeSource(kind, source)}`);
  console.log(`data set: ${name} (${displayPath(home)})`);
  console.log(`state machine: statemachine/pipeline.asl.json (the definition AWS runs)\n`);
  const catalog = kind.kind === 'sample' ? generateCatalog(kind) : undefined;
  const runtime = await startLocalRuntime({ home, source, timeZone, catalog });
  try {
    let failedState: string | undefined;
    const printProgress = createProgressPrinter();
    const meter = new CostMeter(runtime);
    const onEvent = (event: StateEvent) => {
      if (event.type === 'StateFailed' && event.index === undefined) failedState ??= event.state;
      printProgress(event);
      meter.onEvent(event);
    };
    const outcome = await runStateMachine(meter.bindings(runtime.bindings), input, { onEvent });
    const dt = String((outcome.output?.run as { dt?: string } | undefined)?.dt ?? values.dt ?? '');
    await saveLastRun({ home, dt, status: outcome.status });
    // A failed run costs too: its cost goes in the manifest whenever there is a date to file it under.
    const costDate = dt !== '' ? dt : meter.runDate;
    const cost = costDate === undefined ? undefined : await recordRunCost(runtime.store, costDate, meter.finish());

    if (outcome.status === 'FAILED') {
      console.error('');
      for (const line of failureLines({ state: failedState, error: outcome.error, cause: outcome.cause }, runtime.layout)) console.error(line);
      if (cost) console.error(`  AWS cost so far (estimate): ${describeCost(cost.estimate)[0]}`);
      return 1;
    }

    const summary = await summariseRun(runtime, dt);
    const options = optionsFor(name);
    console.log('');
    for (const line of summaryLines(summary, { dataSetOptions: options })) console.log(line);
    console.log(`  state transitions    ${describeTransitions(cost?.usage.stateTransitions ?? outcome.stateTransitions, cost?.usage.transitionsByState)}`);
    console.log(`  wall time            ${formatMillis(Date.now() - started)}`);
    if (summary.cost) {
      const [total, ...drivers] = describeCost(summary.cost);
      console.log(`  AWS cost (estimate)  ${total}`);
      for (const driver of drivers) console.log(`  ${driver}`);
    }
    const example = runtime.catalog?.artists[0]?.name ?? 'an artist you track';
    const withOptions = options === '' ? '' : ` ${options}`;
    console.log(`\nNext:`);
    console.log(`  npm run similar --${withOptions} "${example}"     neighbours as the chatbot reads them`);
    console.log(`  npm run query --${withOptions} "select artist_id, rank, neighbour_name, score, signals from artist_similarity where dt = '${dt}' order by artist_id, rank limit 10"`);
    return 0;
  } finally {
    await runtime.close();
  }
}

/** Generates the sample with a progress line first: a large one takes a while before the run starts. */
function generateCatalog(kind: Extract<DataSetKind, { kind: 'sample' }>): SampleCatalog {
  const artists = kind.artists ?? DEFAULT_SAMPLE_ARTISTS;
  process.stdout.write(`  generating the sample catalog: ${artists.toLocaleString('en-US')} artists ... `);
  const started = Date.now();
  const catalog = createSampleCatalog({ artists, access: kind.access });
  process.stdout.write(`${catalog.tracks.length.toLocaleString('en-US')} tracks in ${formatMillis(Date.now() - started)}\n\n`);
  return catalog;
}

function describeSource(kind: DataSetKind, source: CatalogSource): string {
  if (kind.kind === 'sample') {
    return `built-in sample catalog (${(kind.artists ?? DEFAULT_SAMPLE_ARTISTS).toLocaleString('en-US')} artists, ${kind.access}-mode app), offline`;
  }
  const apiBaseUrl = source.kind === 'spotify' ? (source.endpoints?.apiBaseUrl ?? SPOTIFY_API_BASE_URL) : SPOTIFY_API_BASE_URL;
  const tokenUrl = source.kind === 'spotify' ? (source.endpoints?.tokenUrl ?? SPOTIFY_TOKEN_URL) : SPOTIFY_TOKEN_URL;
  return apiBaseUrl === SPOTIFY_API_BASE_URL && tokenUrl === SPOTIFY_TOKEN_URL
    ? 'the real Spotify Web API'
    : `a Spotify-compatible API at ${apiBaseUrl} (token from ${tokenUrl})`;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    // A plain Error is one of our own usage messages; a typed one says its name (InvalidRunDate ...).
    console.error(error.name === 'Error' ? `✗ ${error.message}` : `✗ ${error.name}: ${error.message}`);
    // Another process holding the home is not a usage mistake.
    if (!['LocalRunInProgress', 'LocalDynamoDbBusy'].includes(error.name)) console.error(USAGE);
    process.exit(1);
  },
);
