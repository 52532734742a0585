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
import { runLeaseSeconds, type DefinitionPlaceholder } from '../../statemachine/definition.js';
import { defaultFetchSettings } from '../../tasks/fetch/settings.js';
import { ENV } from '../../tasks/settings/environment.js';
import { fetchSliceSeconds, TIMING_BUDGET, type TaskFunction as BudgetedTask } from '../../tasks/timing/budget.js';
import { bundlingTarget, lambdaRuntime, type SixpotifyConfig } from '../config.js';
import { acknowledge } from '../nag.js';
import { LAMBDA_SQL_DIR, SQL_BUNDLE_FOLDER } from '../paths.js';
import type { Catalog } from './catalog.js';
import { grantLakeAccess } from './lake-grants.js';
import type { Query } from './query.js';
import { LAMBDA_MEMORY_MB } from '../../tasks/lambda-sizes.js';
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

/** Each state machine Lambda's timeout, from the timing budget (its state's TimeoutSeconds is longer). */
function budgetedTimeout(task: BudgetedTask): Duration {
  return Duration.seconds(TIMING_BUDGET.lambdaTimeoutSeconds[task]);
}

/**
 * FindAudioNeighbours is CPU-bound (all pairs of artists): Lambda gives 1 vCPU of credit per 1,769 MB,
 * so its memory (tasks/lambda-sizes.ts) sets how many worker threads it runs.
 */
const MB_PER_VCPU = 1769;

export const RESULTS_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

/** Only the endpoints the configuration names: the client's own defaults are Spotify's (tasks/spotify/endpoints.ts). */
function spotifyEndpointEnvironment(config: SixpotifyConfig): Record<string, string> {
  return {
    ...(config.spotifyApiUrl === undefined ? {} : { [ENV.spotifyApiUrl]: config.spotifyApiUrl }),
    ...(config.spotifyTokenUrl === undefined ? {} : { [ENV.spotifyTokenUrl]: config.spotifyTokenUrl }),
  };
}

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
    const spotifyEndpoints = spotifyEndpointEnvironment(config);

    const resolveRunDate = task('ResolveRunDate', {
      entry: 'tasks/resolve-date/lambda.ts',
      description: 'Resolves the run date: the input dt, or today in the configured time zone',
      memorySize: LAMBDA_MEMORY_MB.ResolveRunDate,
      timeout: budgetedTimeout('ResolveRunDate'),
      environment: { [ENV.timeZone]: config.timeZone },
    });

    const fetch = task('Fetch', {
      entry: 'tasks/fetch/lambda.ts',
      description: 'Fetches one time-boxed slice of the tracked artists from Spotify into staging/',
      memorySize: LAMBDA_MEMORY_MB.Fetch,
      timeout: budgetedTimeout('Fetch'),
      environment: {
        [ENV.lakeBucket]: lake.bucketName,
        [ENV.spotifySecretArn]: secret.secretArn,
        [ENV.trackedArtistsKey]: config.trackedArtistsKey,
        // The slice stops starting artists this long into the invocation, so it ends and checkpoints before the timeout.
        [ENV.fetchSliceSeconds]: String(fetchSliceSeconds()),
        [ENV.fetchSlicesPerExecution]: String(TIMING_BUDGET.fetch.slicesPerExecution),
        [ENV.fetchMaxFailureRatio]: String(defaultFetchSettings.maxFailureRatio),
        ...spotifyEndpoints,
      },
    });
    grantLakeAccess(lake, fetch.role, { read: ['staging', 'runs', 'quarantine', 'config', 'raw'], write: ['staging', 'runs', 'quarantine'] });
    secret.grantRead(fetch.role);

    const load = task('Load', {
      entry: 'tasks/load/lambda.ts',
      description: 'Validates, deduplicates and writes the staged objects to the raw zone for dt',
      memorySize: LAMBDA_MEMORY_MB.Load,
      timeout: budgetedTimeout('Load'),
      environment: { [ENV.lakeBucket]: lake.bucketName },
    });
    grantLakeAccess(lake, load.role, { read: ['staging', 'runs'], write: ['raw', 'runs', 'quarantine'] });

    const crawl = task('Crawl', {
      entry: 'tasks/crawl/lambda.ts',
      description: 'Starts the raw-zone crawler and reports its state',
      memorySize: LAMBDA_MEMORY_MB.Crawl,
      timeout: budgetedTimeout('Crawl'),
      environment: { [ENV.crawlerName]: catalog.crawlerName },
    });
    crawl.role.addToPrincipalPolicy(
      // ListCrawls: the finished crawl's DPU-hours, for the run's cost.
      new PolicyStatement({ actions: ['glue:StartCrawler', 'glue:GetCrawler', 'glue:ListCrawls'], resources: [catalog.crawlerArn] }),
    );

    const runQuery = task('Query', {
      entry: 'tasks/query/lambda.ts',
      description: 'Plans, starts and polls the SQL steps of sql/ on Athena',
      memorySize: LAMBDA_MEMORY_MB.Query,
      timeout: budgetedTimeout('Query'),
      environment: {
        [ENV.lakeBucket]: lake.bucketName,
        [ENV.athenaWorkGroup]: query.workGroupName,
        [ENV.glueDatabase]: catalog.database.databaseName,
        [ENV.similarityK]: String(config.similarityK),
        [ENV.similarityWeights]: JSON.stringify(config.similarityWeights),
        [ENV.maxQuarantinedArtistRatio]: String(config.maxQuarantinedArtistRatio),
        [ENV.sqlDir]: LAMBDA_SQL_DIR,
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
      // grantQuery adds the workgroup's own results folder, which GetQueryResults reads for a check step's rows.
      read: ['raw', 'curated', 'exports', 'runs'],
      write: ['curated', 'exports', 'runs'],
    });

    const audioNeighbours = task('AudioNeighbours', {
      entry: 'tasks/audio-neighbours/lambda.ts',
      description: 'Finds each artist\'s K nearest artists by audio features (exact, all pairs) for dt',
      memorySize: LAMBDA_MEMORY_MB.AudioNeighbours,
      timeout: budgetedTimeout('AudioNeighbours'),
      environment: {
        [ENV.lakeBucket]: lake.bucketName,
        [ENV.similarityK]: String(config.similarityK),
        [ENV.audioNeighboursWorkers]: String(Math.ceil(LAMBDA_MEMORY_MB.AudioNeighbours / MB_PER_VCPU)),
      },
    });
    grantLakeAccess(lake, audioNeighbours.role, { read: ['exports', 'runs'], write: ['curated', 'runs'] });

    const publish = task('Publish', {
      entry: 'tasks/publish/lambda.ts',
      description: 'Writes similarity, profiles and name lookups for dt to DynamoDB',
      memorySize: LAMBDA_MEMORY_MB.Publish,
      timeout: budgetedTimeout('Publish'),
      environment: {
        [ENV.lakeBucket]: lake.bucketName,
        [ENV.resultsTable]: results.tableName,
        [ENV.resultTtlDays]: String(config.resultTtlDays),
      },
    });
    grantLakeAccess(lake, publish.role, { read: ['exports', 'runs'], write: ['runs'] });
    results.grant(publish.role, 'dynamodb:BatchWriteItem', ...RESULTS_READ_ACTIONS);

    const runLease = task('RunLease', {
      entry: 'tasks/run-lease/lambda.ts',
      description: 'Takes and gives back the run lease on dt, so two executions for one date never interleave',
      memorySize: LAMBDA_MEMORY_MB.RunLease,
      timeout: budgetedTimeout('RunLease'),
      environment: {
        [ENV.resultsTable]: results.tableName,
        // Derived from the state machine's own timeout: a lease outlives any run that holds it.
        [ENV.runLeaseSeconds]: String(runLeaseSeconds()),
      },
    });
    results.grant(runLease.role, 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem');

    const similar = task('Similar', {
      entry: 'tasks/similar/lambda.ts',
      description: 'Chatbot lookup: similar artists by id or name; looks up and tracks an unseen artist',
      memorySize: LAMBDA_MEMORY_MB.Similar,
      timeout: Duration.seconds(30),
      environment: {
        [ENV.resultsTable]: results.tableName,
        [ENV.lakeBucket]: lake.bucketName,
        [ENV.spotifySecretArn]: secret.secretArn,
        [ENV.trackedArtistsKey]: config.trackedArtistsKey,
        [ENV.resultTtlDays]: String(config.resultTtlDays),
        [ENV.timeZone]: config.timeZone,
        ...spotifyEndpoints,
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
      RunLeaseFunctionArn: runLease.function,
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
