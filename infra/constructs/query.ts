// Athena: the pipeline's workgroup (the query task runs the SQL steps there) and the analysts'
// workgroup with example named queries, both enforced, encrypted and capped per query; plus a
// managed policy that gives analysts exactly what querying the lake needs.
import { Stack } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { analystsWorkGroupName, pipelineWorkGroupName } from '../resource-names.js';
import { analystQueries } from './analyst-queries.js';
import type { Catalog } from './catalog.js';
import { addStatement, athenaResultsPrefix, grantLakeAccess, type LakeAccess, type PolicyTarget } from './lake-grants.js';
import { enforcedWorkGroupConfiguration } from './workgroup-defaults.js';

export interface QueryProps {
  stage: string;
  lake: IBucket;
  catalog: Catalog;
  bytesScannedCutoffPerQuery: number;
  timeZone: string;
}

export const ATHENA_QUERY_ACTIONS = [
  'athena:StartQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:StopQueryExecution',
];

export const GLUE_READ_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:GetTables',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
];

export class Query extends Construct {
  readonly workGroupName: string;
  readonly workGroupArn: string;
  readonly analystsWorkGroupName: string;
  readonly analystsWorkGroupArn: string;
  readonly analystPolicy: ManagedPolicy;
  private readonly catalog: Catalog;
  /** Each workgroup's results folder under athena-results/, by workgroup ARN. */
  private readonly resultsFolders = new Map<string, string>();

  constructor(scope: Construct, id: string, props: QueryProps) {
    super(scope, id);
    this.catalog = props.catalog;

    const pipeline = this.workGroup('PipelineWorkGroup', pipelineWorkGroupName(props.stage), 'pipeline', props);
    this.workGroupName = pipeline.name;
    this.workGroupArn = this.arnOf(pipeline);
    this.resultsFolders.set(this.workGroupArn, 'pipeline');

    const analysts = this.workGroup('AnalystsWorkGroup', analystsWorkGroupName(props.stage), 'analysts', props);
    this.analystsWorkGroupName = analysts.name;
    this.analystsWorkGroupArn = this.arnOf(analysts);
    this.resultsFolders.set(this.analystsWorkGroupArn, 'analysts');

    for (const query of analystQueries(props.timeZone)) {
      const named = new CfnNamedQuery(this, `Example-${query.name}`, {
        name: query.name,
        description: query.description,
        database: props.catalog.database.databaseName,
        workGroup: analysts.name,
        queryString: query.sql,
      });
      named.node.addDependency(analysts);
    }

    this.analystPolicy = new ManagedPolicy(this, 'AnalystPolicy', {
      description: 'Attach to analysts: query the Sixpotify lake in the analysts workgroup (read-only on the data)',
    });
    // Athena's GetQueryResults streams results from S3 as the caller, so analysts also read their
    // own results folder (see grantQuery).
    this.grantQuery(this.analystPolicy, props.lake, this.analystsWorkGroupArn, { read: ['raw', 'curated'] });
  }

  /**
   * Lets `target` run queries in `workGroupArn` over the catalog: Athena on that workgroup only, Glue
   * read on the database and its tables, and S3 as Athena needs it: Athena reads and writes as the
   * caller, and "the IAM principal with permission to call GetQueryResults also must have permissions
   * to the Amazon S3 GetObject action for the Athena query results location" (Athena API reference,
   * GetQueryResults). The results grant is that workgroup's own folder, not every workgroup's.
   */
  grantQuery(
    target: PolicyTarget,
    lake: IBucket,
    workGroupArn: string,
    zones: Pick<LakeAccess, 'read' | 'write'>,
  ): void {
    addStatement(target, new PolicyStatement({ actions: ATHENA_QUERY_ACTIONS, resources: [workGroupArn] }));
    addStatement(
      target,
      new PolicyStatement({
        actions: GLUE_READ_ACTIONS,
        resources: [this.catalog.catalogArn(), this.catalog.database.databaseArn, ...this.catalog.tableArns()],
      }),
    );
    const results = this.resultsFolders.get(workGroupArn);
    if (results === undefined) throw new Error(`grantQuery: ${workGroupArn} is not a workgroup of ${this.node.path}`);
    grantLakeAccess(lake, target, { read: zones.read, write: zones.write, results, athena: true });
  }

  private workGroup(id: string, name: string, resultsFolder: string, props: QueryProps): CfnWorkGroup {
    const workGroup = new CfnWorkGroup(this, id, {
      name,
      description: `Sixpotify ${resultsFolder} queries: enforced settings, SSE-S3 results, ${props.bytesScannedCutoffPerQuery} bytes scanned at most per query`,
      state: 'ENABLED',
      // Lets `cdk destroy` remove a workgroup that has saved queries and history.
      recursiveDeleteOption: true,
      workGroupConfiguration: enforcedWorkGroupConfiguration({
        outputLocation: props.lake.s3UrlForObject(athenaResultsPrefix(resultsFolder)),
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        expectedBucketOwner: Stack.of(this).account,
      }),
    });
    return workGroup;
  }

  private arnOf(workGroup: CfnWorkGroup): string {
    return Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroup.name });
  }
}
