// The task Lambdas the state machine runs, plus the chatbot's lookup, each with its own least-
// privilege role (lake zones, the workgroup, the Glue database and tables, the table, the secret),
// and the Spotify credentials secret the fetch reads at run time.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DefinitionPlaceholder } from '../../statemachine/definition.js';
import { bundlingTarget, lambdaRuntime, type SixpotifyConfig } from '../config.js';
import { acknowledge } from '../nag.js';
import { LAMBDA_SQL_DIR, SQL_BUNDLE_FOLDER } from '../paths.js';
import type { Catalog } from './catalog.js';
import { grantLakeAccess } from './lake-grants.js';
import type { Query } from './query.js';
import { TaskFunction, type TaskFunctionProps } from './task-function.js';

export interface TasksProps {
  config: SixpotifyConfig;
  lake: IBucket;
  catalog: Catalog;
  query: Query;
  results: ITable;
  logRetention: RetentionDays;
}

/** The state machine's Lambda placeholders (every placeholder but the failure topic). */
export type TaskPlaceholder = Exclude<DefinitionPlaceholder, 'FailureTopicArn'>;

/** The fetch stops starting new artists this long before its timeout, so a slice ends cleanly. */
const FETCH_TIMEOUT = Duration.minutes(15);
const FETCH_SLICE_MARGIN = Duration.minutes(2);
const FETCH_MAX_FAILURE_RATIO = '0.1';

/**
 * FindAudioNeighbours is CPU-bound (all pairs of artists): Lambda gives 1 vCPU of credit per 1,769 MB,
 * and 3,008 MB is the most a new account may set without a quota raise, so 1.7 vCPUs, run as 2
 * worker threads. Its timeout is Lambda's limit, below the FindAudioNeighbours state's 930 s.
 */
const AUDIO_NEIGHBOURS_MEMORY_MB = 3008;
const MB_PER_VCPU = 1769;
const AUDIO_NEIGHBOURS_TIMEOUT = Duration.minutes(15);

export const RESULTS_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

export class Tasks extends Construct {
  readonly spotifySecret: ISecret;
  /** Each function the state machine invokes, by its placeholder in statemachine/pipeline.asl.json. */
  readonly byPlaceholder: Record<TaskPlaceholder, IFunction>;
  /** The chatbot's lookup (invoked with lambda:InvokeFunction; no public URL). */
  readonly similar: IFunction;

  constructor(scope: Construct, id: string, props: TasksProps) {
    super(scope, id);
    const { config, lake, catalog, query, results } = props;
    const task = (taskId: string, taskProps: Omit<TaskFunctionProps, 'runtime' | 'bundlingTarget' | 'logRetention'>) =>
      new TaskFunction(this, taskId, {
        ...taskProps,
        runtime: lambdaRuntime(config),
        bundlingTarget: bundlingTarget(config),
        logRetention: props.logRetention,
      });

    const secret = this.createSpotifySecret();
    this.spotifySecret = secret;

    const resolveRunDate = task('ResolveRunDate', {
      entry: 'tasks/resolve-date/handler.ts',
      description: 'Resolves the run date: the input dt, or today in the configured time zone',
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: { TIME_ZONE: config.timeZone },
    });

    const fetch = task('Fetch', {
      entry: 'tasks/fetch/handler.ts',
      description: 'Fetches one time-boxed slice of the tracked artists from Spotify into staging/',
      memorySize: 1024,
      timeout: FETCH_TIMEOUT,
      environment: {
        LAKE_BUCKET: lake.bucketName,
        SPOTIFY_SECRET_ARN: secret.secretArn,
        TRACKED_ARTISTS_KEY: config.trackedArtistsKey,
        FETCH_SLICE_SECONDS: String(FETCH_TIMEOUT.minus(FETCH_SLICE_MARGIN).toSeconds()),
        FETCH_MAX_FAILURE_RATIO,
      },
    });
    grantLakeAccess(lake, fetch.role, { read: ['staging', 'runs', 'quarantine', 'config', 'raw'], write: ['staging', 'runs', 'quarantine'] });
    secret.grantRead(fetch.role);

    const load = task('Load', {
      entry: 'tasks/load/handler.ts',
      description: 'Validates, deduplicates and writes the staged objects to the raw zone for dt',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: { LAKE_BUCKET: lake.bucketName },
    });
    grantLakeAccess(lake, load.role, { read: ['staging', 'runs'], write: ['raw', 'runs', 'quarantine'] });

    const crawl = task('Crawl', {
      entry: 'tasks/crawl/handler.ts',
      description: 'Starts the raw-zone crawler and reports its state',
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: { CRAWLER_NAME: catalog.crawlerName },
    });
    crawl.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['glue:StartCrawler', 'glue:GetCrawler'], resources: [catalog.crawlerArn] }),
    );

    const runQuery = task('Query', {
      entry: 'tasks/query/handler.ts',
      description: 'Plans, starts and polls the SQL steps of sql/ on Athena',
      memorySize: 512,
      // Below the 30 s TimeoutSeconds of the PlanQuerySteps state, so the function times out first.
      timeout: Duration.seconds(25),
      environment: {
        LAKE_BUCKET: lake.bucketName,
        ATHENA_WORKGROUP: query.workGroupName,
        GLUE_DATABASE: catalog.database.databaseName,
        SIMILARITY_K: String(config.similarityK),
        SIMILARITY_WEIGHTS: JSON.stringify(config.similarityWeights),
        SQL_DIR: LAMBDA_SQL_DIR,
      },
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        // The query task reads its SQL files at run time from the folder next to the bundle.
        afterBundling: (inputDir: string, outputDir: string) => [
          `mkdir -p "${outputDir}/${SQL_BUNDLE_FOLDER}"`,
          `cp -R "${inputDir}/${SQL_BUNDLE_FOLDER}/." "${outputDir}/${SQL_BUNDLE_FOLDER}/"`,
        ],
      },
    });
    query.grantQuery(runQuery.role, lake, query.workGroupArn, {
      read: ['raw', 'curated', 'exports', 'runs'],
      write: ['curated', 'exports', 'runs'],
    });

    const audioNeighbours = task('AudioNeighbours', {
      entry: 'tasks/audio-neighbours/handler.ts',
      description: 'Finds each artist\'s K nearest artists by audio features (exact, all pairs) for dt',
      memorySize: AUDIO_NEIGHBOURS_MEMORY_MB,
      timeout: AUDIO_NEIGHBOURS_TIMEOUT,
      environment: {
        LAKE_BUCKET: lake.bucketName,
        SIMILARITY_K: String(config.similarityK),
        AUDIO_NEIGHBOURS_WORKERS: String(Math.ceil(AUDIO_NEIGHBOURS_MEMORY_MB / MB_PER_VCPU)),
      },
    });
    grantLakeAccess(lake, audioNeighbours.role, { read: ['exports', 'runs'], write: ['curated', 'runs'] });

    const publish = task('Publish', {
      entry: 'tasks/publish/handler.ts',
      description: 'Writes similarity, profiles and name lookups for dt to DynamoDB',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: {
        LAKE_BUCKET: lake.bucketName,
        RESULTS_TABLE: results.tableName,
        RESULT_TTL_DAYS: String(config.resultTtlDays),
      },
    });
    grantLakeAccess(lake, publish.role, { read: ['exports', 'runs'], write: ['runs'] });
    results.grant(publish.role, 'dynamodb:BatchWriteItem', ...RESULTS_READ_ACTIONS);

    const similar = task('Similar', {
      entry: 'tasks/similar/handler.ts',
      description: 'Chatbot lookup: similar artists by id or name; looks up and tracks an unseen artist',
      memorySize: 512,
      timeout: Duration.seconds(30),
      environment: {
        RESULTS_TABLE: results.tableName,
        LAKE_BUCKET: lake.bucketName,
        SPOTIFY_SECRET_ARN: secret.secretArn,
        TRACKED_ARTISTS_KEY: config.trackedArtistsKey,
        RESULT_TTL_DAYS: String(config.resultTtlDays),
      },
    });
    // The tracked list and the chatbot's additions next to it (config/<list>/...) live under config/.
    grantLakeAccess(lake, similar.role, { read: ['config'], write: ['config'] });
    results.grant(similar.role, 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', ...RESULTS_READ_ACTIONS);
    secret.grantRead(similar.role);

    this.similar = similar.function;
    this.byPlaceholder = {
      ResolveRunDateFunctionArn: resolveRunDate.function,
      FetchFunctionArn: fetch.function,
      LoadFunctionArn: load.function,
      CrawlFunctionArn: crawl.function,
      QueryFunctionArn: runQuery.function,
      AudioNeighboursFunctionArn: audioNeighbours.function,
      PublishFunctionArn: publish.function,
    };
  }

  /** The Spotify client credentials, read by ARN at run time: the value is never in the template or environment. */
  private createSpotifySecret(): Secret {
    const secret = new Secret(this, 'SpotifyCredentials', {
      description: 'Spotify client credentials for the fetch: {"clientId": "...", "clientSecret": "..."}; set the real values after deploy',
      // A placeholder generated at deploy time, so no credential is ever in the template.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ clientId: 'set-me-after-deploy' }),
        generateStringKey: 'clientSecret',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'Spotify client secrets are issued and rotated in the Spotify developer dashboard; Secrets Manager has no way to rotate them.',
    );
    return secret;
  }
}
