import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { ConfigurationError } from '../../tasks/errors.js';

// Each test imports a fresh copy of the wiring module, so its per-container memo starts empty.
const freshWiring = async () => {
  vi.resetModules();
  return import('../../tasks/aws/wiring.js');
};

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('awsObjectStore', () => {
  it('is the S3 bucket named by LAKE_BUCKET', async () => {
    // Prepare
    vi.stubEnv('LAKE_BUCKET', 'sixpotify-lake-123');
    const { awsObjectStore } = await freshWiring();

    // Act
    const location = awsObjectStore().locationOf('raw/artists/');

    // Assess
    expect(location).toBe('s3://sixpotify-lake-123/raw/artists/');
  });

  it('is built once per container', async () => {
    // Prepare
    vi.stubEnv('LAKE_BUCKET', 'sixpotify-lake-123');
    const { awsObjectStore } = await freshWiring();

    // Act
    const [first, second] = [awsObjectStore(), awsObjectStore()];

    // Assess
    expect(second).toBe(first);
  });

  it('fails with "LAKE_BUCKET is not set" when the variable is missing', async () => {
    // Prepare
    vi.stubEnv('LAKE_BUCKET', '');
    const { awsObjectStore } = await freshWiring();

    // Act
    const build = () => awsObjectStore();

    // Assess
    expect(build).toThrow(new ConfigurationError('LAKE_BUCKET is not set'));
  });
});

describe('awsCrawler', () => {
  it('fails with "CRAWLER_NAME is not set" when the variable is missing', async () => {
    // Prepare
    vi.stubEnv('CRAWLER_NAME', '');
    const { awsCrawler } = await freshWiring();

    // Act
    const build = () => awsCrawler();

    // Assess
    expect(build).toThrow('CRAWLER_NAME is not set');
  });
});

describe('awsQueryEngine', () => {
  const athena = mockClient(AthenaClient);
  afterEach(() => athena.reset());

  it('starts queries in ATHENA_WORKGROUP against GLUE_DATABASE', async () => {
    // Prepare
    vi.stubEnv('ATHENA_WORKGROUP', 'sixpotify-dev-pipeline');
    vi.stubEnv('GLUE_DATABASE', 'sixpotify_dev');
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    const { awsQueryEngine } = await freshWiring();

    // Act
    await awsQueryEngine().start('select 1', 'check');

    // Assess
    const input = athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input;
    expect({ workGroup: input?.WorkGroup, database: input?.QueryExecutionContext?.Database }).toEqual({
      workGroup: 'sixpotify-dev-pipeline',
      database: 'sixpotify_dev',
    });
  });

  it('fails with "GLUE_DATABASE is not set" when the database is missing', async () => {
    // Prepare
    vi.stubEnv('ATHENA_WORKGROUP', 'sixpotify-dev-pipeline');
    vi.stubEnv('GLUE_DATABASE', '');
    const { awsQueryEngine } = await freshWiring();

    // Act
    const build = () => awsQueryEngine();

    // Assess
    expect(build).toThrow('GLUE_DATABASE is not set');
  });
});

describe('awsSpotifyCredentials', () => {
  const secrets = mockClient(SecretsManagerClient);
  afterEach(() => secrets.reset());

  it('reads the secret named by SPOTIFY_SECRET_ARN', async () => {
    // Prepare
    vi.stubEnv('SPOTIFY_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:spotify-AbCdEf');
    secrets
      .on(GetSecretValueCommand, { SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:spotify-AbCdEf' })
      .resolves({ SecretString: '{"clientId":"id-1","clientSecret":"secret-1"}' });
    const { awsSpotifyCredentials } = await freshWiring();

    // Act
    const credentials = await awsSpotifyCredentials()();

    // Assess
    expect(credentials).toEqual({ clientId: 'id-1', clientSecret: 'secret-1' });
  });
});

describe('awsResultsStore', () => {
  let home: string;
  let dynamo: LocalDynamoDb;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'sixpotify-wiring-'));
    dynamo = await startLocalDynamoDb(join(home, 'dynamodb'));
  });

  afterAll(async () => {
    await dynamo.close();
    await rm(home, { recursive: true, force: true });
  });

  it('writes to and reads from the table named by RESULTS_TABLE', async () => {
    // Prepare: the SDK's service endpoint variable points the Lambda's client at dynalite.
    vi.stubEnv('RESULTS_TABLE', dynamo.tableName);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
    const { awsResultsStore } = await freshWiring();

    // Act
    await awsResultsStore().putItems([{ pk: 'ARTIST#wiring', sk: 'PROFILE', name: 'Wiring Test' }]);
    const item = await awsResultsStore().get('ARTIST#wiring', 'PROFILE');

    // Assess
    expect(item).toEqual({ pk: 'ARTIST#wiring', sk: 'PROFILE', name: 'Wiring Test' });
  });
});

describe('awsLogger', () => {
  it('is one logger per container', async () => {
    // Prepare
    const { awsLogger } = await freshWiring();

    // Act
    const [first, second] = [awsLogger(), awsLogger()];

    // Assess
    expect(second).toBe(first);
  });
});

describe('awsSpotifyEndpoints', () => {
  it("is Spotify's own API and token endpoint when no variable names another", async () => {
    // Prepare
    vi.stubEnv('SPOTIFY_API_URL', '');
    vi.stubEnv('SPOTIFY_TOKEN_URL', '');
    const { awsSpotifyEndpoints } = await freshWiring();

    // Act
    const endpoints = awsSpotifyEndpoints();

    // Assess
    expect(endpoints).toEqual({ apiBaseUrl: 'https://api.spotify.com/v1', tokenUrl: 'https://accounts.spotify.com/api/token' });
  });

  it('is the Spotify-compatible endpoint named by SPOTIFY_API_URL and SPOTIFY_TOKEN_URL', async () => {
    // Prepare
    vi.stubEnv('SPOTIFY_API_URL', 'https://spotify-proxy.internal/v1');
    vi.stubEnv('SPOTIFY_TOKEN_URL', 'https://spotify-proxy.internal/api/token');
    const { awsSpotifyEndpoints } = await freshWiring();

    // Act
    const endpoints = awsSpotifyEndpoints();

    // Assess
    expect(endpoints).toEqual({ apiBaseUrl: 'https://spotify-proxy.internal/v1', tokenUrl: 'https://spotify-proxy.internal/api/token' });
  });

  it('fails naming SPOTIFY_API_URL when it is not an http(s) URL', async () => {
    // Prepare
    vi.stubEnv('SPOTIFY_API_URL', 'spotify-proxy.internal');
    const { awsSpotifyEndpoints } = await freshWiring();

    // Act
    const build = () => awsSpotifyEndpoints();

    // Assess
    expect(build).toThrow(/^SPOTIFY_API_URL is 'spotify-proxy.internal', not an http\(s\) URL/);
  });
});
