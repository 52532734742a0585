// Athena: the pipeline's workgroup (the query task runs the SQL steps there) and the analysts'
// workgroup with example named queries, both enforced, encrypted and capped per query; plus a
// managed policy that gives analysts exactly what querying the lake needs.
import { Stack } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { analystQueries } from './analyst-queries.js';
import type { Catalog } from './catalog.js';
import { addStatement, grantLakeAccess, type LakeAccess, type PolicyTarget } from './lake-grants.js';
import { LAKE_ZONES } from './lake-zones.js';
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

  constructor(scope: Construct, id: string, props: QueryProps) {
    super(scope, id);
    this.catalog = props.catalog;

    const pipeline = this.workGroup('PipelineWorkGroup', `sixpotify-${props.stage}`, 'pipeline', props);
    this.workGroupName = pipeline.name;
    this.workGroupArn = this.arnOf(pipeline);

    const analysts = this.workGroup('AnalystsWorkGroup', `sixpotify-${props.stage}-analysts`, 'analysts', props);
    this.analystsWorkGroupName = analysts.name;
    this.analystsWorkGroupArn = this.arnOf(analysts);

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
    this.grantQuery(this.analystPolicy, props.lake, this.analystsWorkGroupArn, { read: ['raw', 'curated'] });
  }

  /**
   * Lets `target` run queries in `workGroupArn` over the catalog: Athena on that workgroup only, Glue
   * read on the database and its tables, and S3 as Athena needs it (Athena reads and writes as the caller).
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
    grantLakeAccess(lake, target, {
      read: zones.read,
      // Query results always go to the workgroup's location under athena-results/.
      write: [...(zones.write ?? []), 'athenaResults'],
      athena: true,
    });
  }

  private workGroup(id: string, name: string, resultsFolder: string, props: QueryProps): CfnWorkGroup {
    return new CfnWorkGroup(this, id, {
      name,
      description: `Sixpotify ${resultsFolder} queries: enforced settings, SSE-S3 results, ${props.bytesScannedCutoffPerQuery} bytes scanned at most per query`,
      state: 'ENABLED',
      // Lets `cdk destroy` remove a workgroup that has saved queries and history.
      recursiveDeleteOption: true,
      workGroupConfiguration: enforcedWorkGroupConfiguration({
        outputLocation: props.lake.s3UrlForObject(`${LAKE_ZONES.athenaResults}${resultsFolder}/`),
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        expectedBucketOwner: Stack.of(this).account,
      }),
    });
  }

  private arnOf(workGroup: CfnWorkGroup): string {
    return Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroup.name });
  }
}
