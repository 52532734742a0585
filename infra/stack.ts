// The whole deployment, read top to bottom: the lake, its catalog, the query engine, the chatbot's
// table, the task functions, and the pipeline that runs them nightly. The outputs are what the
// operator CLI (infra/cli) looks up by name.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { SixpotifyConfig } from './config.js';
import { Catalog } from './constructs/catalog.js';
import { Lake } from './constructs/lake.js';
import { Pipeline } from './constructs/pipeline.js';
import { Query } from './constructs/query.js';
import { Results } from './constructs/results.js';
import { Tasks } from './constructs/tasks.js';

export interface SixpotifyStackProps extends StackProps {
  config: SixpotifyConfig;
}

export function stackName(config: Pick<SixpotifyConfig, 'stage'>): string {
  return `Sixpotify-${config.stage}`;
}

export class SixpotifyStack extends Stack {
  constructor(scope: Construct, id: string, props: SixpotifyStackProps) {
    super(scope, id, props);
    const { config } = props;
    // readConfig accepts only the RetentionDays values.
    const logRetention = config.logRetentionDays as RetentionDays;

    const lake = new Lake(this, 'Lake');
    const catalog = new Catalog(this, 'Catalog', { stage: config.stage, lake: lake.bucket });
    const query = new Query(this, 'Query', {
      stage: config.stage,
      lake: lake.bucket,
      catalog,
      bytesScannedCutoffPerQuery: config.bytesScannedCutoffPerQuery,
      timeZone: config.timeZone,
    });
    const results = new Results(this, 'Results');
    const tasks = new Tasks(this, 'Tasks', { config, lake: lake.bucket, catalog, query, results: results.table, logRetention });
    const pipeline = new Pipeline(this, 'Pipeline', {
      stage: config.stage,
      functions: tasks.byPlaceholder,
      scheduleExpression: config.scheduleExpression,
      timeZone: config.timeZone,
      alertEmail: config.alertEmail,
      logRetention,
    });

    this.output('StateMachineArn', pipeline.stateMachine.stateMachineArn, 'Start, watch and redrive runs here');
    this.output('ResultsTableName', results.table.tableName, 'The chatbot reads similarity and profiles here');
    this.output('AthenaWorkGroup', query.workGroupName, 'The pipeline workgroup (enforced settings, bytes-scanned cutoff)');
    this.output('AnalystsWorkGroup', query.analystsWorkGroupName, 'Analysts query here; example queries are saved in it');
    this.output('LakeBucketName', lake.bucket.bucketName, 'The data lake: raw/, curated/, exports/, runs/, config/');
    this.output('GlueDatabaseName', catalog.database.databaseName, 'The Glue database of the raw_* and curated tables');
    this.output('FailureTopicArn', pipeline.failureTopic.topicArn, 'Subscribe to get failure alerts');
    this.output('SpotifySecretArn', tasks.spotifySecret.secretArn, 'Put {"clientId","clientSecret"} here after deploy');
    this.output('SimilarFunctionName', tasks.similar.functionName, 'The chatbot invokes this function for similar artists');
    this.output('OperatorPolicyArn', pipeline.operatorPolicy.managedPolicyArn, 'Attach to operators: start, watch, redrive');
    this.output('AnalystPolicyArn', query.analystPolicy.managedPolicyArn, 'Attach to analysts: query the lake in Athena');
  }

  private output(id: string, value: string, description: string): void {
    new CfnOutput(this, id, { value, description });
  }
}
