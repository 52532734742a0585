// The AWS composition root: builds each port from the Lambda's environment (set by CDK from construct
// references) the first time a handler asks for it, then reuses it for the life of the container.
// Required variables fail loudly on first use with "`NAME` is not set" (tasks/config.ts).
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { AthenaClient } from '@aws-sdk/client-athena';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requireEnv } from '../config.js';
import type { Crawler, Logger, ObjectStore, QueryEngine, ResultsStore, RunLeases } from '../ports.js';
import { ENV } from '../settings/environment.js';
import { spotifyEndpointsFromEnv, type SpotifyEndpoints } from '../spotify/endpoints.js';
import { AthenaQueryEngine } from './athena-query-engine.js';
import { DynamoDbResultsStore } from './dynamodb-results-store.js';
import { DynamoDbRunLeases } from './dynamodb-run-leases.js';
import { GlueCrawler } from './glue-crawler.js';
import { powertoolsLogger } from './powertools-logger.js';
import { S3ObjectStore } from './s3-object-store.js';
import { spotifyCredentialsFromSecret, type SpotifyCredentials } from './secrets.js';

/** Builds once, on first call; a build that throws (a missing variable) is tried again on the next call. */
function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

export const awsObjectStore: () => ObjectStore = once(
  () => new S3ObjectStore(new S3Client({}), requireEnv(ENV.lakeBucket)),
);

export const awsCrawler: () => Crawler = once(() => new GlueCrawler(new GlueClient({}), requireEnv(ENV.crawlerName)));

export const awsQueryEngine: () => QueryEngine = once(
  () =>
    new AthenaQueryEngine(new AthenaClient({}), {
      workGroup: requireEnv(ENV.athenaWorkGroup),
      database: requireEnv(ENV.glueDatabase),
    }),
);

export const awsResultsStore: () => ResultsStore = once(
  () => new DynamoDbResultsStore(new DynamoDBClient({}), requireEnv(ENV.resultsTable)),
);

export const awsRunLeases: () => RunLeases = once(() => new DynamoDbRunLeases(new DynamoDBClient({}), requireEnv(ENV.resultsTable)));

/** The container's one Powertools logger: the Lambda entry adds each invocation's context to it. */
export const awsPowertools: () => PowertoolsLogger = once(() => new PowertoolsLogger());
export const awsLogger: () => Logger = once(() => powertoolsLogger(awsPowertools()));

export const awsSpotifyCredentials: () => () => Promise<SpotifyCredentials> = once(() =>
  spotifyCredentialsFromSecret(new SecretsManagerClient({}), requireEnv(ENV.spotifySecretArn)),
);

/** Spotify's own endpoints unless SPOTIFY_API_URL / SPOTIFY_TOKEN_URL name a compatible one (a proxy, a replay server). */
export const awsSpotifyEndpoints: () => SpotifyEndpoints = once(() => spotifyEndpointsFromEnv());
