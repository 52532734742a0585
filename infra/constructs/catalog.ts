// The Glue Data Catalog: one database, the raw tables (partitions added by the crawler), the
// curated tables (partition projection), and the crawler over the raw zone. The crawler has no
// schedule: the state machine starts it after each load.
import { ArnFormat, Stack } from 'aws-cdk-lib';
import {
  CfnCrawler,
  CloudWatchEncryption,
  Database,
  S3Encryption,
  S3Table,
  SecurityConfiguration,
  type IDatabase,
  type ITable,
} from 'aws-cdk-lib/aws-glue';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CURATED_TABLES, RAW_TABLES } from '../../tasks/lake/tables.js';
import { acknowledge } from '../nag.js';
import { rawCrawlerConfiguration, rawCrawlerPolicies } from './crawler-defaults.js';
import { curatedTableProps, rawTableProps } from './glue-tables.js';
import { grantLakeAccess } from './lake-grants.js';

export interface CatalogProps {
  stage: string;
  lake: IBucket;
}

/** Glue writes a crawler's logs under this prefix (the suffix depends on the role and security configuration). */
const CRAWLER_LOG_GROUP_PREFIX = '/aws-glue/crawlers';

/** Glue catalog actions the crawler needs to read the declared raw tables and add their partitions. */
export const CRAWLER_CATALOG_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:UpdateTable',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
  'glue:CreatePartition',
  'glue:BatchCreatePartition',
  'glue:UpdatePartition',
  'glue:BatchUpdatePartition',
];

export class Catalog extends Construct {
  readonly database: IDatabase;
  readonly rawTables: ITable[];
  readonly curatedTables: ITable[];
  readonly crawlerName: string;
  readonly crawlerArn: string;
  readonly crawlerRole: Role;

  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.database = new Database(this, 'Database', {
      databaseName: `sixpotify_${props.stage.replaceAll('-', '_')}`,
      description: 'Sixpotify lake: raw_* tables (JSON, crawled) and curated tables (Parquet, projected on dt)',
    });
    this.rawTables = RAW_TABLES.map(
      (table) => new S3Table(this, `Raw-${table.name}`, rawTableProps(table, this.database, props.lake)),
    );
    this.curatedTables = CURATED_TABLES.map(
      (table) => new S3Table(this, `Curated-${table.name}`, curatedTableProps(table, this.database, props.lake)),
    );

    const securityConfiguration = this.createCrawlerSecurityConfiguration(props.stage);
    this.crawlerRole = this.createCrawlerRole(props.lake);

    this.crawlerName = `sixpotify-${props.stage}-raw`;
    const crawler = new CfnCrawler(this, 'RawCrawler', {
      name: this.crawlerName,
      description: 'Adds the dt partitions of the raw zone to the raw_* tables; started by the state machine, never scheduled',
      role: this.crawlerRole.roleArn,
      databaseName: this.database.databaseName,
      targets: {
        catalogTargets: [{ databaseName: this.database.databaseName, tables: this.rawTables.map((table) => table.tableName) }],
      },
      ...rawCrawlerPolicies(),
      configuration: rawCrawlerConfiguration(),
      crawlerSecurityConfiguration: securityConfiguration.securityConfigurationName,
    });
    // Glue checks the role when the crawler is created: its policy must exist by then.
    crawler.node.addDependency(this.crawlerRole);
    this.crawlerArn = stack.formatArn({ service: 'glue', resource: 'crawler', resourceName: this.crawlerName });
  }

  catalogArn(): string {
    return Stack.of(this).formatArn({ service: 'glue', resource: 'catalog' });
  }

  /** Every table of the database, raw and curated. */
  tableArns(): string[] {
    return [...this.rawTables, ...this.curatedTables].map((table) => table.tableArn);
  }

  /** Encrypts the crawler's CloudWatch logs with a key of its own (cdk-nag GL1). */
  private createCrawlerSecurityConfiguration(stage: string): SecurityConfiguration {
    const stack = Stack.of(this);
    const logKey = new Key(this, 'CrawlerLogKey', {
      description: 'Encrypts the Sixpotify crawler logs in CloudWatch Logs',
      enableKeyRotation: true,
    });
    // CloudWatch Logs encrypts with the key on Glue's behalf, and only for the crawler log groups.
    logKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': this.crawlerLogGroupsArn() } },
      }),
    );
    return new SecurityConfiguration(this, 'SecurityConfiguration', {
      securityConfigurationName: `sixpotify-${stage}-crawler`,
      cloudWatchEncryption: CloudWatchEncryption.kms(logKey),
      s3Encryption: S3Encryption.s3Managed(),
    });
  }

  /** The crawler's role: read raw/, add partitions to the raw tables, write its encrypted logs. */
  private createCrawlerRole(lake: IBucket): Role {
    const role = new Role(this, 'CrawlerRole', {
      assumedBy: new ServicePrincipal('glue.amazonaws.com'),
      description: 'Sixpotify raw-zone crawler: reads raw/ and adds partitions to the raw_* tables',
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: CRAWLER_CATALOG_ACTIONS,
        resources: [this.catalogArn(), this.database.databaseArn, ...this.rawTables.map((table) => table.tableArn)],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
        resources: [this.crawlerLogGroupsArn()],
      }),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${CRAWLER_LOG_GROUP_PREFIX}*]`,
      'Glue names the crawler log group and its streams itself, after the role and security configuration, under /aws-glue/crawlers.',
    );
    grantLakeAccess(lake, role, { read: ['raw'] });
    return role;
  }

  private crawlerLogGroupsArn(): string {
    return Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${CRAWLER_LOG_GROUP_PREFIX}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
