// The task Lambdas and the chatbot lookup: runtime, architecture, limits, tracing, logs, their
// configuration, and one least-privilege role each (issue 5, item 1: Lambdas).
import { beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionText, runLeaseSeconds } from '../../statemachine/definition.js';
import { LAKE_ZONES, type LakeZone } from '../../infra/constructs/lake-zones.js';
import { LAMBDA_MEMORY_MB } from '../../tasks/lambda-sizes.js';
import { actionsOf, logicalIdOf, logicalIdsOf, resourcesOf, roleStatements, synthSixpotify, type Statement, type Synthesized } from '../../infra/synth.js';

type LambdaProperties = {
  Runtime: string;
  Architectures: string[];
  MemorySize?: number;
  Timeout?: number;
  TracingConfig?: { Mode: string };
  LoggingConfig?: { LogGroup: { Ref: string } };
  Role: { 'Fn::GetAtt': [string, string] };
  Environment: { Variables: Record<string, unknown> };
};

const TASKS = ['ResolveRunDate', 'Fetch', 'Load', 'Crawl', 'Query', 'AudioNeighbours', 'Publish', 'RunLease', 'Similar'] as const;
type Task = (typeof TASKS)[number];

let synthesized: Synthesized;
let functions: Record<Task, LambdaProperties>;

beforeAll(() => {
  synthesized = synthSixpotify();
  functions = Object.fromEntries(
    TASKS.map((task) => [
      task,
      synthesized.json.Resources[logicalIdOf(synthesized.json, 'AWS::Lambda::Function', `Tasks${task}Function`)]?.Properties,
    ]),
  ) as Record<Task, LambdaProperties>;
});

function statementsOf(task: Task): Statement[] {
  return roleStatements(synthesized.json, functions[task].Role['Fn::GetAtt'][0]);
}

/** The lake zones a task's role may read (GetObject) and write (PutObject). */
function zones(task: Task, action: 's3:GetObject' | 's3:PutObject'): string[] {
  const resources = statementsOf(task)
    .filter((statement) => actionsOf(statement).includes(action))
    .flatMap(resourcesOf);
  return resources
    .map((resource) => JSON.stringify(resource).match(/"\/([a-z-]+\/(?:[a-z-]+\/)?)\*"/)?.[1] ?? JSON.stringify(resource))
    .sort();
}

function zoneList(...names: LakeZone[]): string[] {
  return names.map((name) => LAKE_ZONES[name]).sort();
}

describe('every task function', () => {
  it('runs on the newest Node.js runtime, nodejs24.x', () => {
    expect(TASKS.map((task) => functions[task].Runtime)).toEqual(TASKS.map(() => 'nodejs24.x'));
  });

  it('runs on arm64', () => {
    expect(TASKS.map((task) => functions[task].Architectures)).toEqual(TASKS.map(() => ['arm64']));
  });

  it('sets its memory and timeout explicitly', () => {
    for (const task of TASKS) {
      expect(functions[task].MemorySize, task).toBeGreaterThanOrEqual(128);
      expect(functions[task].Timeout, task).toBeGreaterThan(3);
    }
  });

  it('has the memory tasks/lambda-sizes.ts declares, which the cost estimate prices', () => {
    expect(TASKS.map((task) => functions[task].MemorySize)).toEqual(TASKS.map((task) => LAMBDA_MEMORY_MB[task]));
  });

  it('traces actively with X-Ray', () => {
    expect(TASKS.map((task) => functions[task].TracingConfig)).toEqual(TASKS.map(() => ({ Mode: 'Active' })));
  });

  it('logs to its own log group, kept for the configured number of days', () => {
    const groups = TASKS.map((task) => functions[task].LoggingConfig?.LogGroup.Ref ?? '');

    expect(new Set(groups).size).toBe(TASKS.length);
    for (const group of groups) {
      expect(synthesized.json.Resources[group]?.Properties?.RetentionInDays).toBe(synthesized.config.logRetentionDays);
    }
  });

  it('has a role of its own, with no AWS managed policy', () => {
    const roles = TASKS.map((task) => functions[task].Role['Fn::GetAtt'][0]);

    expect(new Set(roles).size).toBe(TASKS.length);
    for (const role of roles) {
      expect(synthesized.json.Resources[role]?.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('is granted nothing on * but X-Ray tracing', () => {
    for (const task of TASKS) {
      const onAnything = statementsOf(task).filter((statement) => resourcesOf(statement).includes('*'));
      expect(onAnything.flatMap(actionsOf).sort(), task).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('times out before the state that invokes it does', () => {
    const definition = readDefinitionText();
    const stateTimeouts = (placeholder: string) =>
      [...definition.matchAll(new RegExp(`"\\$\\{${placeholder}\\}"[\\s\\S]*?"TimeoutSeconds": (\\d+)`, 'g'))].map((match) =>
        Number(match[1]),
      );
    for (const task of TASKS.filter((name) => name !== 'Similar')) {
      const limits = stateTimeouts(`${task}FunctionArn`);
      expect(limits.length, task).toBeGreaterThan(0);
      expect(functions[task].Timeout, task).toBeLessThan(Math.min(...limits));
    }
  });
});

describe('the configuration each task receives', () => {
  const lake = () => ({ Ref: logicalIdOf(synthesized.json, 'AWS::S3::Bucket', 'LakeBucket') });
  const secret = () => ({ Ref: logicalIdOf(synthesized.json, 'AWS::SecretsManager::Secret', 'Tasks') });
  const table = () => ({ Ref: logicalIdOf(synthesized.json, 'AWS::DynamoDB::Table', 'Results') });

  it('gives ResolveRunDate the time zone', () => {
    expect(functions.ResolveRunDate.Environment.Variables).toMatchObject({ TIME_ZONE: 'Asia/Seoul' });
  });

  it('gives Fetch the lake, the secret ARN (never its value) and a slice that ends before the timeout', () => {
    const variables = functions.Fetch.Environment.Variables;

    expect(variables).toMatchObject({ LAKE_BUCKET: lake(), SPOTIFY_SECRET_ARN: secret(), FETCH_MAX_FAILURE_RATIO: '0.1' });
    expect(Number(variables.FETCH_SLICE_SECONDS)).toBe(780);
    expect(Number(variables.FETCH_SLICE_SECONDS)).toBeLessThan(functions.Fetch.Timeout ?? 0);
  });

  it('gives Load the lake', () => {
    expect(functions.Load.Environment.Variables).toMatchObject({ LAKE_BUCKET: lake() });
  });

  it('gives Crawl the crawler name', () => {
    expect(functions.Crawl.Environment.Variables).toMatchObject({ CRAWLER_NAME: 'sixpotify-dev-raw' });
  });

  it('gives Query the workgroup, the database, the similarity and quarantine settings and the bundled SQL folder', () => {
    expect(functions.Query.Environment.Variables).toMatchObject({
      LAKE_BUCKET: lake(),
      ATHENA_WORKGROUP: 'sixpotify-dev',
      GLUE_DATABASE: { Ref: logicalIdOf(synthesized.json, 'AWS::Glue::Database', 'Catalog') },
      SIMILARITY_K: '10',
      MAX_QUARANTINED_ARTIST_RATIO: '0.05',
      SQL_DIR: '/var/task/sql',
    });
    expect(JSON.parse(functions.Query.Environment.Variables.SIMILARITY_WEIGHTS as string)).toEqual({
      collaboration: 0.6,
      genre: 0.3,
      audio: 0.1,
    });
  });

  it('gives AudioNeighbours the lake, K and one worker thread per vCPU its memory buys (1,769 MB each)', () => {
    expect(functions.AudioNeighbours.Environment.Variables).toMatchObject({ LAKE_BUCKET: lake(), SIMILARITY_K: '10' });
    expect(Number(functions.AudioNeighbours.Environment.Variables.AUDIO_NEIGHBOURS_WORKERS)).toBe(
      Math.ceil((functions.AudioNeighbours.MemorySize ?? 0) / 1769),
    );
  });

  it('gives Publish the table and the result lifetime', () => {
    expect(functions.Publish.Environment.Variables).toMatchObject({ LAKE_BUCKET: lake(), RESULTS_TABLE: table(), RESULT_TTL_DAYS: '30' });
  });

  it('gives RunLease the table and a lease that outlasts the state machine timeout', () => {
    const variables = functions.RunLease.Environment.Variables;
    const stateMachineTimeout = (JSON.parse(readDefinitionText()) as { TimeoutSeconds: number }).TimeoutSeconds;

    expect(variables).toMatchObject({ RESULTS_TABLE: table(), RUN_LEASE_SECONDS: String(runLeaseSeconds()) });
    expect(Number(variables.RUN_LEASE_SECONDS)).toBeGreaterThan(stateMachineTimeout);
  });

  it('gives the chatbot lookup the table, the lake, the secret ARN, the tracked list and the result lifetime', () => {
    expect(functions.Similar.Environment.Variables).toMatchObject({
      RESULTS_TABLE: table(),
      LAKE_BUCKET: lake(),
      SPOTIFY_SECRET_ARN: secret(),
      TRACKED_ARTISTS_KEY: 'config/tracked-artists.json',
      RESULT_TTL_DAYS: '30',
    });
  });

  it('tells Fetch where the tracked-artist list is', () => {
    expect(functions.Fetch.Environment.Variables).toMatchObject({ TRACKED_ARTISTS_KEY: 'config/tracked-artists.json' });
  });

  it("leaves Fetch and the lookup on Spotify's own endpoints unless the configuration names others", () => {
    const variables = [functions.Fetch, functions.Similar].map((fn) => Object.keys(fn.Environment.Variables));

    expect(variables.flat().filter((name) => name.startsWith('SPOTIFY_') && name !== 'SPOTIFY_SECRET_ARN')).toEqual([]);
  });

  it('points Fetch and the lookup, and only them, at the Spotify-compatible endpoints the context names', () => {
    const configured = synthSixpotify({
      context: {
        'sixpotify:spotifyApiUrl': 'https://spotify-proxy.internal/v1',
        'sixpotify:spotifyTokenUrl': 'https://spotify-proxy.internal/api/token',
      },
    });
    const environments = Object.fromEntries(
      TASKS.map((task) => [
        task,
        (configured.json.Resources[logicalIdOf(configured.json, 'AWS::Lambda::Function', `Tasks${task}Function`)]?.Properties as LambdaProperties)
          .Environment.Variables,
      ]),
    );
    const pointed = TASKS.filter((task) => 'SPOTIFY_API_URL' in environments[task]!);

    expect(pointed).toEqual(['Fetch', 'Similar']);
    for (const task of pointed) {
      expect(environments[task]).toMatchObject({
        SPOTIFY_API_URL: 'https://spotify-proxy.internal/v1',
        SPOTIFY_TOKEN_URL: 'https://spotify-proxy.internal/api/token',
      });
    }
  });

  it('never puts a credential in an environment variable', () => {
    const everything = JSON.stringify(TASKS.map((task) => functions[task].Environment.Variables));

    expect(everything).not.toMatch(/clientSecret|clientId|SecretString/i);
  });
});

describe('the lake zones each task may touch', () => {
  it('lets Fetch read its inputs and checkpoint, and write only staging/, runs/ and quarantine/', () => {
    expect(zones('Fetch', 's3:GetObject')).toEqual(zoneList('staging', 'runs', 'quarantine', 'config', 'raw'));
    expect(zones('Fetch', 's3:PutObject')).toEqual(zoneList('staging', 'runs', 'quarantine'));
  });

  it('lets Load read staging/ and runs/, and write raw/, runs/ and quarantine/', () => {
    expect(zones('Load', 's3:GetObject')).toEqual(zoneList('staging', 'runs'));
    expect(zones('Load', 's3:PutObject')).toEqual(zoneList('raw', 'runs', 'quarantine'));
  });

  it('gives Crawl and ResolveRunDate no lake access at all', () => {
    expect(zones('Crawl', 's3:GetObject')).toEqual([]);
    expect(zones('ResolveRunDate', 's3:GetObject')).toEqual([]);
  });

  it('lets Query read raw/, curated/, exports/ and runs/, write curated/, exports/ and runs/, and read and write its own Athena results', () => {
    const results = `${LAKE_ZONES.athenaResults}pipeline/`;

    expect(zones('Query', 's3:GetObject')).toEqual([...zoneList('raw', 'curated', 'exports', 'runs'), results].sort());
    expect(zones('Query', 's3:PutObject')).toEqual([...zoneList('curated', 'exports', 'runs'), results].sort());
  });

  it('lets AudioNeighbours read exports/ and runs/, and write curated/ and runs/', () => {
    expect(zones('AudioNeighbours', 's3:GetObject')).toEqual(zoneList('exports', 'runs'));
    expect(zones('AudioNeighbours', 's3:PutObject')).toEqual(zoneList('curated', 'runs'));
  });

  it('lets Publish read exports/ and runs/, and write only runs/', () => {
    expect(zones('Publish', 's3:GetObject')).toEqual(zoneList('exports', 'runs'));
    expect(zones('Publish', 's3:PutObject')).toEqual(zoneList('runs'));
  });

  it('lets the chatbot lookup read and write only config/ (the tracked-artist list)', () => {
    expect(zones('Similar', 's3:GetObject')).toEqual(zoneList('config'));
    expect(zones('Similar', 's3:PutObject')).toEqual(zoneList('config'));
  });

  it('lists only the prefixes a task may read or write', () => {
    const listing = statementsOf('Load').find((statement) => actionsOf(statement).includes('s3:ListBucket'));

    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': ['staging/*', 'runs/*', 'raw/*', 'quarantine/*'] } });
  });
});

describe('the other grants of each task', () => {
  it('lets Crawl start, read and list the crawls of exactly the raw-zone crawler', () => {
    const glue = statementsOf('Crawl').filter((statement) => actionsOf(statement).some((action) => action.startsWith('glue:')));

    expect(glue.flatMap(actionsOf).sort()).toEqual(['glue:GetCrawler', 'glue:ListCrawls', 'glue:StartCrawler']);
    expect(JSON.stringify(glue.flatMap(resourcesOf))).toMatch(/:crawler\/sixpotify-dev-raw"\]\]\}\]$/);
  });

  it('lets Publish write and read the results table only', () => {
    const dynamo = statementsOf('Publish').filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));

    expect(dynamo.flatMap(actionsOf).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(dynamo.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [logicalIdOf(synthesized.json, 'AWS::DynamoDB::Table', 'Results'), 'Arn'] }]);
  });

  it('lets RunLease put, read and delete items of the results table only', () => {
    const dynamo = statementsOf('RunLease').filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));

    expect(dynamo.flatMap(actionsOf).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(dynamo.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [logicalIdOf(synthesized.json, 'AWS::DynamoDB::Table', 'Results'), 'Arn'] }]);
  });

  it('lets only Fetch and the chatbot lookup read the Spotify secret', () => {
    const readers = TASKS.filter((task) =>
      statementsOf(task).some((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue')),
    );

    expect(readers).toEqual(['Fetch', 'Similar']);
  });

  it('gives no task a Function URL: the chatbot invokes its lookup through IAM', () => {
    expect(logicalIdsOf(synthesized.json, 'AWS::Lambda::Url')).toEqual([]);
  });
});
