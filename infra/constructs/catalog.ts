// The Glue Data Catalog: one database, the raw tables (partitions added by the crawler), the
// curated tables (partition projection), and the crawler over the raw zone. The crawler has no
// schedule: the state machine starts it after each load, and it crawls only the folders the raw
// zone's S3 events name (raw-zone-events.ts).
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
import { glueDatabaseName } from '../resource-names.js';
import { rawCrawlerConfiguration, rawCrawlerPolicies } from './crawler-defaults.js';
import {
  CRAWLER_BUCKET,
  CRAWLER_CATALOG_READ,
  CRAWLER_CATALOG_WRITE,
  CRAWLER_DEAD_LETTERS,
  CRAWLER_EVENT_QUEUE,
  CRAWLER_LOG_KEY,
  CRAWLER_LOGS,
  CRAWLER_SECURITY_CONFIGURATION,
} from './crawler-permissions.js';
import { crawlerViolations } from './crawler-rules.js';
import { curatedTableProps, rawTableProps } from './glue-tables.js';
import { grantLakeAccess } from './lake-grants.js';
import { RawZoneEvents } from './raw-zone-events.js';

export interface CatalogProps {
  stage: string;
  lake: IBucket;
}

/** Glue writes a crawler's logs under this prefix (the suffix depends on the role and security configuration). */
const CRAWLER_LOG_GROUP_PREFIX = '/aws-glue/crawlers';

/** Thrown at synth time for a crawler definition Glue would refuse. */
export class InvalidCrawlerDefinition extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class Catalog extends Construct {
  readonly database: IDatabase;
  readonly rawTables: ITable[];
  readonly curatedTables: ITable[];
  readonly crawlerName: string;
  readonly crawlerArn: string;
  readonly crawlerRole: Role;
  readonly crawlerEvents: RawZoneEvents;

  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.database = new Database(this, 'Database', {
      databaseName: glueDatabaseName(props.stage),
      description: 'Sixpotify lake: raw_* tables (JSON, crawled) and curated tables (Parquet, projected on dt)',
    });
    this.rawTables = RAW_TABLES.map(
      (table) => new S3Table(this, `Raw-${table.name}`, rawTableProps(table, this.database, props.lake)),
    );
    this.curatedTables = CURATED_TABLES.map(
      (table) => new S3Table(this, `Curated-${table.name}`, curatedTableProps(table, this.database, props.lake)),
    );

    const { securityConfiguration, logKey } = this.createCrawlerSecurityConfiguration(props.stage);
    this.crawlerEvents = new RawZoneEvents(this, 'RawZoneEvents', { lake: props.lake });
    this.crawlerRole = this.createCrawlerRole(props.lake, logKey);

    this.crawlerName = `sixpotify-${props.stage}-raw`;
    const crawlerProps = {
      name: this.crawlerName,
      description: 'Adds the dt partitions of the raw zone to the raw_* tables; started by the state machine, never scheduled',
      role: this.crawlerRole.roleArn,
      databaseName: this.database.databaseName,
      targets: {
        catalogTargets: [
          {
            databaseName: this.database.databaseName,
            tables: this.rawTables.map((table) => table.tableName),
            eventQueueArn: this.crawlerEvents.queue.queueArn,
            dlqEventQueueArn: this.crawlerEvents.deadLetterQueue.queueArn,
          },
        ],
      },
      ...rawCrawlerPolicies(),
      configuration: rawCrawlerConfiguration(),
      crawlerSecurityConfiguration: securityConfiguration.securityConfigurationName,
    };
    const violations = crawlerViolations(crawlerProps);
    if (violations.length > 0) {
      throw new InvalidCrawlerDefinition(`Glue would refuse crawler ${this.crawlerName}: ${violations.join('; ')}`);
    }
    const crawler = new CfnCrawler(this, 'RawCrawler', crawlerProps);
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
  private createCrawlerSecurityConfiguration(stage: string): { securityConfiguration: SecurityConfiguration; logKey: Key } {
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
    const securityConfiguration = new SecurityConfiguration(this, 'SecurityConfiguration', {
      securityConfigurationName: `sixpotify-${stage}-crawler`,
      cloudWatchEncryption: CloudWatchEncryption.kms(logKey),
      s3Encryption: S3Encryption.s3Managed(),
    });
    return { securityConfiguration, logKey };
  }

  /**
   * The crawler's role: the scoped-down equivalent of AWSGlueServiceRole that Glue documents for a
   * crawler role (each list, with its source, in crawler-permissions.ts), on our resources only:
   * read the catalog, our database and its tables; update the raw tables and their partitions; read
   * raw/ of the lake (SSE-S3, so no key grant); read the security configuration and use its log key;
   * write the crawler's logs; consume the raw zone's event queue.
   */
  private createCrawlerRole(lake: IBucket, logKey: Key): Role {
    const role = new Role(this, 'CrawlerRole', {
      assumedBy: new ServicePrincipal('glue.amazonaws.com'),
      description: 'Sixpotify raw-zone crawler: reads raw/ and adds partitions to the raw_* tables',
    });
    const grant = (documented: { actions: string[] }, resources: string[]) =>
      role.addToPrincipalPolicy(new PolicyStatement({ actions: documented.actions, resources }));
    const catalogAndDatabase = [this.catalogArn(), this.database.databaseArn];

    grant(CRAWLER_CATALOG_READ, [...catalogAndDatabase, ...this.tableArns()]);
    grant(CRAWLER_CATALOG_WRITE, [...catalogAndDatabase, ...this.rawTables.map((table) => table.tableArn)]);
    grant(CRAWLER_SECURITY_CONFIGURATION, ['*']);
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'glue:GetSecurityConfiguration has no resource-level permissions (Glue API permissions reference: resource *); it reads settings, not data.',
    );
    grant(CRAWLER_BUCKET, [lake.bucketArn]);
    grantLakeAccess(lake, role, { read: ['raw'] });
    grant(CRAWLER_LOGS, [this.crawlerLogGroupsArn()]);
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${CRAWLER_LOG_GROUP_PREFIX}*]`,
      'Glue names the crawler log group and its streams itself, after the role and security configuration, under /aws-glue/crawlers.',
    );
    grant(CRAWLER_LOG_KEY, [logKey.keyArn]);
    grant(CRAWLER_EVENT_QUEUE, [this.crawlerEvents.queue.queueArn, this.crawlerEvents.deadLetterQueue.queueArn]);
    grant(CRAWLER_DEAD_LETTERS, [this.crawlerEvents.deadLetterQueue.queueArn]);
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
