// The deployment's configuration, in one typed place: read from the cdk.json context (or `-c key=value`
// on the command line), each value with a default, each validated at synth time so a typo fails
// `cdk synth` with a message naming the key instead of failing a nightly run.
import { Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  quarantineRatioSchema,
  settingProblem,
  SETTINGS_DEFAULTS,
  SIMILARITY_SIGNALS,
  similarityKSchema,
  similarityWeightsSchema,
  type SimilarityWeights,
} from '../tasks/settings/defaults.js';
import { isHttpUrl } from '../tasks/spotify/endpoints.js';

export type { SimilarityWeights };

export interface SixpotifyConfig {
  /** Deployment stage; the stack is named `Sixpotify-<stage>`. */
  stage: string;
  /** EventBridge Scheduler expression for the nightly run, read in `timeZone`. */
  scheduleExpression: string;
  /** IANA time zone of the schedule and of the run date (`dt` defaults to today there). */
  timeZone: string;
  /** Lake key of the tracked-artist list the fetch reads and the chatbot lookup appends to. */
  trackedArtistsKey: string;
  similarityK: number;
  similarityWeights: SimilarityWeights;
  /** The night fails (DataQualityCheckFailed) when more than this share of tracked artists had rows quarantined. */
  maxQuarantinedArtistRatio: number;
  /** Athena stops any one query that would scan more than this many bytes. */
  bytesScannedCutoffPerQuery: number;
  /** Subscribed to the failure topic when set; operators can also subscribe by hand. */
  alertEmail: string | undefined;
  /** Lambda runtime name, e.g. `nodejs24.x`. */
  nodeRuntime: string;
  /** Days a published DynamoDB item lives after its run (TTL on `expiresAt`): long enough to outlast weeks of failed runs. */
  resultTtlDays: number;
  /** Days the Lambda and Step Functions logs are kept (a CloudWatch Logs retention period). */
  logRetentionDays: number;
  /** A Spotify-compatible Web API for the fetch and lookup (a proxy, say); unset means Spotify's own. */
  spotifyApiUrl: string | undefined;
  /** Its client-credentials token endpoint; unset means Spotify's own. */
  spotifyTokenUrl: string | undefined;
}

export const DEFAULT_CONFIG: SixpotifyConfig = {
  stage: 'dev',
  scheduleExpression: 'cron(0 1 * * ? *)',
  timeZone: SETTINGS_DEFAULTS.timeZone,
  trackedArtistsKey: SETTINGS_DEFAULTS.trackedArtistsKey,
  similarityK: SETTINGS_DEFAULTS.similarityK,
  similarityWeights: SETTINGS_DEFAULTS.similarityWeights,
  maxQuarantinedArtistRatio: SETTINGS_DEFAULTS.maxQuarantinedArtistRatio,
  // 10 GB: far above a nightly run over tens of thousands of artists, low enough to stop a runaway scan.
  bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
  alertEmail: undefined,
  nodeRuntime: Runtime.NODEJS_24_X.name,
  resultTtlDays: SETTINGS_DEFAULTS.resultTtlDays,
  logRetentionDays: 90,
  spotifyApiUrl: undefined,
  spotifyTokenUrl: undefined,
};

/** Context keys, as written in cdk.json under "context". */
export const CONFIG_CONTEXT_KEYS = {
  stage: 'sixpotify:stage',
  scheduleExpression: 'sixpotify:scheduleExpression',
  timeZone: 'sixpotify:timeZone',
  trackedArtistsKey: 'sixpotify:trackedArtistsKey',
  similarityK: 'sixpotify:similarityK',
  similarityWeights: 'sixpotify:similarityWeights',
  maxQuarantinedArtistRatio: 'sixpotify:maxQuarantinedArtistRatio',
  bytesScannedCutoffPerQuery: 'sixpotify:bytesScannedCutoffPerQuery',
  alertEmail: 'sixpotify:alertEmail',
  nodeRuntime: 'sixpotify:nodeRuntime',
  resultTtlDays: 'sixpotify:resultTtlDays',
  logRetentionDays: 'sixpotify:logRetentionDays',
  spotifyApiUrl: 'sixpotify:spotifyApiUrl',
  spotifyTokenUrl: 'sixpotify:spotifyTokenUrl',
} as const satisfies Record<keyof SixpotifyConfig, string>;

/** Thrown at synth time when a context value is malformed. */
export class InvalidDeploymentConfig extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

type ContextReader = (key: string) => unknown;

/** Reads the configuration from CDK context (`app.node.tryGetContext`), falling back to DEFAULT_CONFIG. */
export function readConfig(context: ContextReader): SixpotifyConfig {
  const read = <K extends keyof SixpotifyConfig>(key: K): unknown => context(CONFIG_CONTEXT_KEYS[key]);
  return {
    stage: stageName(read('stage') ?? DEFAULT_CONFIG.stage),
    scheduleExpression: scheduleExpression(read('scheduleExpression') ?? DEFAULT_CONFIG.scheduleExpression),
    timeZone: timeZone(read('timeZone') ?? DEFAULT_CONFIG.timeZone),
    trackedArtistsKey: trackedArtistsKey(read('trackedArtistsKey') ?? DEFAULT_CONFIG.trackedArtistsKey),
    similarityK: checked('similarityK', similarityKSchema, read('similarityK') ?? DEFAULT_CONFIG.similarityK) as number,
    similarityWeights: checked(
      'similarityWeights',
      similarityWeightsSchema,
      read('similarityWeights') ?? DEFAULT_CONFIG.similarityWeights,
    ) as SimilarityWeights,
    maxQuarantinedArtistRatio: checked(
      'maxQuarantinedArtistRatio',
      quarantineRatioSchema,
      read('maxQuarantinedArtistRatio') ?? DEFAULT_CONFIG.maxQuarantinedArtistRatio,
    ) as number,
    bytesScannedCutoffPerQuery: wholeNumber(
      'bytesScannedCutoffPerQuery',
      read('bytesScannedCutoffPerQuery') ?? DEFAULT_CONFIG.bytesScannedCutoffPerQuery,
      // Athena's own minimum for the cutoff is 10 MB.
      10_000_000,
    ),
    alertEmail: alertEmail(read('alertEmail')),
    nodeRuntime: nodeRuntime(read('nodeRuntime') ?? DEFAULT_CONFIG.nodeRuntime),
    resultTtlDays: wholeNumber('resultTtlDays', read('resultTtlDays') ?? DEFAULT_CONFIG.resultTtlDays, 1),
    logRetentionDays: retentionDays(read('logRetentionDays') ?? DEFAULT_CONFIG.logRetentionDays),
    spotifyApiUrl: optionalHttpUrl('spotifyApiUrl', read('spotifyApiUrl')),
    spotifyTokenUrl: optionalHttpUrl('spotifyTokenUrl', read('spotifyTokenUrl')),
  };
}

/** The Lambda runtime named by the configuration (validated by readConfig). */
export function lambdaRuntime(config: SixpotifyConfig): Runtime {
  // NODEJS_LATEST shares its name with the newest fixed runtime: pick the fixed one, never a moving target.
  const runtime = Runtime.ALL.find((candidate) => candidate.name === config.nodeRuntime && !candidate.isVariable);
  if (runtime === undefined) fail('nodeRuntime', config.nodeRuntime, "use a Node.js Lambda runtime such as 'nodejs24.x'");
  return runtime;
}

/** esbuild's target for the configured runtime: `nodejs24.x` -> `node24`. */
export function bundlingTarget(config: SixpotifyConfig): string {
  return config.nodeRuntime.replace(/^nodejs(\d+)\.x$/, 'node$1');
}

function fail(key: keyof SixpotifyConfig, value: unknown, expected: string): never {
  throw new InvalidDeploymentConfig(
    `context ${CONFIG_CONTEXT_KEYS[key]} is ${JSON.stringify(value)}: ${expected}`,
  );
}

function stageName(value: unknown): string {
  // The stage ends up in S3, Glue, Athena and stack names: keep to what all of them accept.
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(value)) {
    fail('stage', value, 'use 1-20 lower-case letters, digits or dashes, starting with a letter (e.g. dev, prod)');
  }
  return value;
}

function scheduleExpression(value: unknown): string {
  if (typeof value !== 'string' || !/^(cron|rate)\(.+\)$/.test(value)) {
    fail('scheduleExpression', value, "use an EventBridge Scheduler expression such as 'cron(0 1 * * ? *)'");
  }
  return value;
}

function timeZone(value: unknown): string {
  const known = typeof value === 'string' && Intl.supportedValuesOf('timeZone').concat('UTC').includes(value);
  if (!known) fail('timeZone', value, 'use an IANA time zone name such as Asia/Seoul');
  return value as string;
}

function trackedArtistsKey(value: unknown): string {
  // The fetch and chatbot roles are granted the config/ prefix only.
  if (typeof value !== 'string' || !/^config\/[\w./-]+\.(json|csv)$/.test(value)) {
    fail('trackedArtistsKey', value, "use a .json or .csv key under config/, e.g. 'config/tracked-artists.json'");
  }
  return value;
}

/** `cdk -c key=value` passes strings; cdk.json passes JSON values. Accept both. */
function fromCommandLine(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function wholeNumber(key: keyof SixpotifyConfig, raw: unknown, min: number): number {
  const value = fromCommandLine(raw);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(key, value, `use a whole number of at least ${min}`);
  }
  return value;
}

/** A setting with a schema in tasks/settings/defaults.ts: the same rule the Lambdas apply, failing at synth time. */
function checked(key: keyof SixpotifyConfig, schema: Parameters<typeof settingProblem>[0], raw: unknown): unknown {
  const value = fromCommandLine(raw);
  const problem = settingProblem(schema, value);
  if (problem !== undefined) {
    const example = key === 'similarityWeights' ? ` (e.g. ${JSON.stringify(Object.fromEntries(SIMILARITY_SIGNALS.map((signal) => [signal, 1])))})` : '';
    fail(key, value, `${problem}${example}`);
  }
  return value;
}

function alertEmail(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    fail('alertEmail', value, 'use an e-mail address, or leave it unset');
  }
  return value;
}

function optionalHttpUrl(key: 'spotifyApiUrl' | 'spotifyTokenUrl', value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !isHttpUrl(value)) {
    fail(key, value, 'use an http(s) URL of a Spotify-compatible endpoint, or leave it unset for Spotify\'s own');
  }
  return value;
}

function retentionDays(raw: unknown): number {
  const value = fromCommandLine(raw);
  // CloudWatch Logs accepts only these periods; never-expiring logs are not an option here.
  const allowed = Object.values(RetentionDays).filter(
    (days): days is number => typeof days === 'number' && days !== RetentionDays.INFINITE,
  );
  if (typeof value !== 'number' || !allowed.includes(value)) {
    fail('logRetentionDays', value, `use one of ${allowed.join(', ')}`);
  }
  return value;
}

function nodeRuntime(value: unknown): string {
  const known = Runtime.ALL.some((runtime) => runtime.family === RuntimeFamily.NODEJS && runtime.name === value);
  if (!known) fail('nodeRuntime', value, "use a Node.js Lambda runtime this aws-cdk-lib knows, e.g. 'nodejs24.x'");
  return value as string;
}
