// `npm run sql -- <step> | --all [--dt YYYY-MM-DD]`: the statements the query task starts on Athena,
// rendered exactly as it renders them (tasks/query/query.ts renderQueryStep with the S3 object
// store), so an operator can paste one into the Athena console. The values come from where the
// deployed stack takes them: the similarity settings and stage from cdk.json's context (as `cdk
// synth` reads them), the lake bucket from --bucket, LAKE_BUCKET or, with --lookup, the stack's
// LakeBucketName output. Without a bucket the output location shows a placeholder, and stderr says so.
// The statements go to stdout; notes (workgroup, database, where a step writes) go to stderr.
import { readFileSync } from 'node:fs';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../../tasks/aws/s3-object-store.js';
import { renderQueryStep } from '../../tasks/query/query.js';
import { listQuerySteps, readQueryStep } from '../../tasks/query/steps.js';
import { parseRunDate, todayIn } from '../../tasks/run-date.js';
import { ENV } from '../../tasks/settings/environment.js';
import { CONFIG_CONTEXT_KEYS, readConfig, type SixpotifyConfig } from '../config.js';
import { repoPath, SQL_SOURCE_DIR } from '../paths.js';
import { glueDatabaseName, pipelineWorkGroupName } from '../resource-names.js';
import { COMMON_OPTIONS, envValue, parseCommandLine } from './args.js';
import { CliUsageError } from './cli-errors.js';
import { Deployment } from './deployment.js';
import { explainError } from './explain-error.js';
import type { Write } from './output.js';

export const SQL_USAGE = `Usage: npm run sql -- <step> | --all [--dt YYYY-MM-DD] [--bucket NAME | --lookup] [options]

Prints the statement the query task starts on Athena for a SQL step of sql/ (e.g. 07_artist_similarity,
or --all for every step in run order), ready to paste into the Athena console of the pipeline's
workgroup with the Glue database selected. Statements go to stdout, notes to stderr.

  --dt YYYY-MM-DD     the run date (default: today in the configured time zone)
  --bucket NAME       the lake bucket (${ENV.lakeBucket}); steps that write show s3://${'<LakeBucketName>'}/... without it
  --lookup            read the bucket from the stack's LakeBucketName output (needs AWS credentials)
  --stage NAME        the stage (SIXPOTIFY_STAGE; default: cdk.json's sixpotify:stage)
  --region, --profile for --lookup, as for npm run ops

Similarity K and weights come from cdk.json's context, as \`cdk synth\` reads them: a stack deployed
with -c overrides renders differently.`;

/** Stands for the bucket name when neither a flag, the environment nor the stack gave it. */
export const BUCKET_PLACEHOLDER = '<LakeBucketName>';

export interface SqlRequest {
  steps: 'all' | string;
  dt?: string;
  stage?: string;
  bucket?: string;
  lookup: boolean;
  region?: string;
  profile?: string;
}

export function parseSqlArgs(argv: readonly string[], env: NodeJS.ProcessEnv): SqlRequest | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    ...COMMON_OPTIONS,
    all: { type: 'boolean' },
    dt: { type: 'string' },
    bucket: { type: 'string' },
    lookup: { type: 'boolean' },
  });
  if (values.help === true) return 'help';
  if (values.all === true && positionals.length > 0) throw new CliUsageError('give one step or --all, not both');
  if (values.all !== true && positionals.length !== 1) {
    throw new CliUsageError(positionals.length === 0 ? 'which step? give a step name or --all' : 'give one step at a time, or --all');
  }
  const bucket = values.bucket ?? envValue(env, ENV.lakeBucket);
  if (bucket !== undefined && values.lookup === true) throw new CliUsageError('give --bucket (or LAKE_BUCKET) or --lookup, not both');
  return {
    steps: values.all === true ? 'all' : (positionals[0] as string),
    dt: values.dt === undefined ? undefined : parseRunDate(values.dt),
    stage: values.stage ?? envValue(env, 'SIXPOTIFY_STAGE'),
    bucket,
    lookup: values.lookup === true,
    region: values.region ?? envValue(env, 'AWS_REGION'),
    profile: values.profile ?? envValue(env, 'AWS_PROFILE'),
  };
}

export interface AthenaStatement {
  step: string;
  /** Exactly what StartQueryExecution receives as QueryString. */
  sql: string;
  /** Where the step writes (the query task empties it first), or undefined for a check. */
  outputLocation?: string;
}

export interface AthenaRendering {
  dt: string;
  bucket: string;
  config: Pick<SixpotifyConfig, 'similarityK' | 'similarityWeights'>;
  sqlDir?: string;
}

/** The steps, rendered for Athena as the deployed query task renders them. Unknown steps name the known ones. */
export async function athenaStatements(steps: 'all' | string, rendering: AthenaRendering): Promise<AthenaStatement[]> {
  const sqlDir = rendering.sqlDir ?? SQL_SOURCE_DIR;
  const names = steps === 'all' ? await listQuerySteps(sqlDir) : [steps];
  // The Lambda's own object store decides how a key becomes a location; the client is never called.
  const store = new S3ObjectStore(new S3Client({}), rendering.bucket);
  const parameters = { similarityK: rendering.config.similarityK, weights: rendering.config.similarityWeights };
  const statements: AthenaStatement[] = [];
  for (const name of names) {
    const step = await readQueryStep(sqlDir, name);
    const { sql, outputKey } = renderQueryStep(step, rendering.dt, { parameters, store });
    statements.push({ step: name, sql, outputLocation: outputKey === undefined ? undefined : store.locationOf(outputKey) });
  }
  return statements;
}

export interface SqlCliDependencies {
  env: NodeJS.ProcessEnv;
  out: Write;
  err: Write;
  now(): Date;
  cloudFormation(config: { region?: string; profile?: string }): CloudFormationClient;
  /** CDK context values by key; default: cdk.json's "context". */
  context?: (key: string) => unknown;
  sqlDir?: string;
}

/** Returns the exit code: 0 printed, 1 failed, 2 usage (an unknown step included). */
export async function runSqlCli(argv: readonly string[], deps: SqlCliDependencies): Promise<number> {
  try {
    const request = parseSqlArgs(argv, deps.env);
    if (request === 'help') {
      deps.out(SQL_USAGE);
      return 0;
    }
    const cdkContext = deps.context ?? cdkJsonContext();
    const config = readConfig((key) => (key === CONFIG_CONTEXT_KEYS.stage && request.stage !== undefined ? request.stage : cdkContext(key)));
    const dt = request.dt ?? todayIn(config.timeZone, deps.now());
    const deployment = request.lookup
      ? new Deployment(deps.cloudFormation({ region: request.region, profile: request.profile }), config.stage)
      : undefined;
    const bucket = (await deployment?.require('lakeBucket')) ?? request.bucket ?? BUCKET_PLACEHOLDER;
    const workGroup = (await deployment?.find('workGroup')) ?? pipelineWorkGroupName(config.stage);
    const database = (await deployment?.find('database')) ?? glueDatabaseName(config.stage);
    const statements = await athenaStatements(request.steps, { dt, bucket, config, sqlDir: deps.sqlDir });

    deps.err(`-- dt ${dt}; run in workgroup ${workGroup} with database ${database} selected`);
    if (bucket === BUCKET_PLACEHOLDER && statements.some((statement) => statement.outputLocation !== undefined)) {
      deps.err(`-- replace ${BUCKET_PLACEHOLDER} with the stack output LakeBucketName, or pass --bucket NAME or --lookup`);
    }
    for (const statement of statements) {
      if (statement.outputLocation !== undefined) {
        deps.err(`-- ${statement.step} writes ${statement.outputLocation}: the query task empties it first, as UNLOAD needs`);
      }
    }
    deps.out(
      statements.length === 1
        ? (statements[0] as AthenaStatement).sql
        : statements.map((statement) => `-- ${statement.step}\n${statement.sql.trimEnd()}\n;`).join('\n\n'),
    );
    return 0;
  } catch (error) {
    const usage = error instanceof CliUsageError || (error as Error).name === 'UnknownQueryStep' || (error as Error).name === 'InvalidRunDate';
    deps.err(usage ? `${(error as Error).message}\n\n${SQL_USAGE}` : explainError(error));
    return usage ? 2 : 1;
  }
}

function cdkJsonContext(): (key: string) => unknown {
  const context = (JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
  return (key) => context[key];
}
