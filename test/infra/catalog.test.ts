// The Glue catalog: database, declared raw and curated tables, and the raw-zone crawler
// (issue 5, item 1: Glue; curated tables with partition projection), its role as Glue documents a
// crawler role, and the S3 events it crawls (issue 8, item 7).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CRAWLER_CATALOG_READ,
  CRAWLER_CATALOG_WRITE,
  CRAWLER_EVENT_QUEUE,
  CRAWLER_LOG_KEY,
  CRAWLER_LOGS,
} from '../../infra/constructs/crawler-permissions.js';
import { CURATED_TABLES, PARTITION_COLUMN, RAW_TABLES } from '../../tasks/lake/tables.js';
import { actionsOf, logicalIdOf, logicalIdsOf, resourcesOf, roleStatements, synthSixpotify, type Synthesized } from '../../infra/synth.js';

type TableInput = {
  Name: string;
  Parameters: Record<string, unknown>;
  PartitionKeys: { Name: string; Type: string; Comment: string }[];
  StorageDescriptor: {
    Columns: { Name: string; Type: string; Comment: string }[];
    Location: unknown;
    SerdeInfo: { SerializationLibrary: string };
  };
};

let synthesized: Synthesized;
let lakeId: string;
let tables: Map<string, TableInput>;
let crawler: Record<string, unknown>;
let eventQueueId: string;
let deadLetterQueueId: string;

beforeAll(() => {
  synthesized = synthSixpotify();
  lakeId = logicalIdOf(synthesized.json, 'AWS::S3::Bucket', 'LakeBucket');
  tables = new Map(
    logicalIdsOf(synthesized.json, 'AWS::Glue::Table').map((id) => {
      const input = synthesized.json.Resources[id]?.Properties?.TableInput as TableInput;
      return [input.Name, input];
    }),
  );
  crawler = synthesized.json.Resources[logicalIdOf(synthesized.json, 'AWS::Glue::Crawler', 'Catalog')]?.Properties ?? {};
  eventQueueId = logicalIdOf(synthesized.json, 'AWS::SQS::Queue', 'CatalogRawZoneEventsQueue');
  deadLetterQueueId = logicalIdOf(synthesized.json, 'AWS::SQS::Queue', 'CatalogRawZoneEventsDeadLetters');
});

function crawlerStatements() {
  return roleStatements(synthesized.json, (crawler.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
}

function s3Location(prefix: string) {
  return { 'Fn::Join': ['', ['s3://', { Ref: lakeId }, `/${prefix}`]] };
}

describe('the Glue database', () => {
  it('is named after the stage', () => {
    synthesized.template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'sixpotify_dev' } });
  });

  it('holds exactly the raw and curated tables of the catalog contract', () => {
    expect([...tables.keys()].sort()).toEqual([...RAW_TABLES, ...CURATED_TABLES].map((table) => table.name).sort());
  });
});

describe('every declared table', () => {
  it('has the contract columns, types and comments, partitioned by dt', () => {
    for (const definition of [...RAW_TABLES, ...CURATED_TABLES]) {
      const table = tables.get(definition.name);

      expect(table?.StorageDescriptor.Columns).toEqual(
        definition.columns.map((column) => ({ Name: column.name, Type: column.type, Comment: column.comment })),
      );
      expect(table?.PartitionKeys).toEqual([{ Name: PARTITION_COLUMN.name, Type: 'string', Comment: PARTITION_COLUMN.comment }]);
      expect(table?.StorageDescriptor.Location).toEqual(s3Location(definition.prefix));
    }
  });
});

describe('the raw tables', () => {
  it('read gzipped JSON Lines', () => {
    for (const definition of RAW_TABLES) {
      expect(tables.get(definition.name)?.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    }
  });

  it('leave their partitions to the crawler (no projection)', () => {
    for (const definition of RAW_TABLES) {
      expect(tables.get(definition.name)?.Parameters['projection.enabled']).toBeUndefined();
    }
  });
});

describe('the curated tables', () => {
  it('read Parquet, or JSON for a table the contract declares as written in JSON Lines by a task', () => {
    const serde = { parquet: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', json: 'org.openx.data.jsonserde.JsonSerDe' };
    for (const definition of CURATED_TABLES) {
      expect(tables.get(definition.name)?.StorageDescriptor.SerdeInfo.SerializationLibrary, definition.name).toBe(
        serde[definition.format],
      );
    }
    expect(CURATED_TABLES.filter((definition) => definition.format === 'json').every((definition) => definition.writtenBy)).toBe(true);
  });

  it('project their dt partitions by day from the first run date to two days past today in UTC', () => {
    for (const definition of CURATED_TABLES) {
      expect(tables.get(definition.name)?.Parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.dt.type': 'date',
        'projection.dt.format': 'yyyy-MM-dd',
        'projection.dt.range': '2024-01-01,NOW+2DAYS',
        'projection.dt.interval': '1',
        'projection.dt.interval.unit': 'DAYS',
      });
    }
  });

  it('locate each projected partition under the table prefix as dt=<date>/', () => {
    for (const definition of CURATED_TABLES) {
      expect(tables.get(definition.name)?.Parameters['storage.location.template']).toEqual({
        'Fn::Join': ['', ['s3://', { Ref: lakeId }, `/${definition.prefix}dt=\${dt}/`]],
      });
    }
  });
});

describe('the raw-zone crawler', () => {
  it('crawls the declared raw tables and nothing else, fed by the raw zone\'s event queue', () => {
    const rawTableIds = logicalIdsOf(synthesized.json, 'AWS::Glue::Table').filter((id) => id.startsWith('CatalogRaw'));

    expect(crawler.Targets).toEqual({
      CatalogTargets: [
        {
          DatabaseName: { Ref: expect.any(String) },
          Tables: rawTableIds.map((id) => ({ Ref: id })),
          EventQueueArn: { 'Fn::GetAtt': [eventQueueId, 'Arn'] },
          DlqEventQueueArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] },
        },
      ],
    });
    expect(rawTableIds).toHaveLength(RAW_TABLES.length);
  });

  it('has no schedule: the state machine starts it', () => {
    expect(crawler.Schedule).toBeUndefined();
  });

  it('recrawls only the folders named in S3 events, and only logs schema changes and deletions', () => {
    expect(crawler.RecrawlPolicy).toEqual({ RecrawlBehavior: 'CRAWL_EVENT_MODE' });
    expect(crawler.SchemaChangePolicy).toEqual({ UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' });
  });

  it('gives new partitions the declared table schema', () => {
    expect(JSON.parse(crawler.Configuration as string)).toEqual({
      Version: 1,
      CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
    });
  });

  it('encrypts its logs with a rotated KMS key through its security configuration', () => {
    const configurationId = logicalIdOf(synthesized.json, 'AWS::Glue::SecurityConfiguration', 'Catalog');
    const keyId = logicalIdOf(synthesized.json, 'AWS::KMS::Key', 'CatalogCrawlerLogKey');

    expect(crawler.CrawlerSecurityConfiguration).toEqual({ Ref: configurationId });
    synthesized.template.hasResourceProperties('AWS::Glue::SecurityConfiguration', {
      EncryptionConfiguration: { CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] } } },
    });
    expect(synthesized.json.Resources[keyId]?.Properties?.EnableKeyRotation).toBe(true);
  });

  it('runs as a role that reads only the raw zone of the lake, and the bucket location', () => {
    const s3 = crawlerStatements().filter((statement) => actionsOf(statement).some((action) => action.startsWith('s3:')));

    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:GetBucketLocation', 's3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(s3.flatMap(resourcesOf))).not.toMatch(/curated|exports|staging|runs|config|athena-results/);
    expect(s3.find((statement) => actionsOf(statement).includes('s3:ListBucket'))?.Condition).toEqual({
      StringLike: { 's3:prefix': ['raw/*'] },
    });
  });

  it('runs as a role that reads the catalog, our database and its tables, as Glue documents for a crawler', () => {
    const reads = crawlerStatements().find((statement) => actionsOf(statement).includes('glue:GetTables'));
    const tableNames = JSON.stringify(reads === undefined ? [] : resourcesOf(reads)).match(/Catalog(Raw|Curated)\w+/g) ?? [];

    expect(reads === undefined ? [] : actionsOf(reads).sort()).toEqual([...CRAWLER_CATALOG_READ.actions].sort());
    expect(JSON.stringify(reads?.Resource)).toMatch(/:catalog"/);
    expect(JSON.stringify(reads?.Resource)).toMatch(/:database\/"/);
    expect(new Set(tableNames).size).toBe(RAW_TABLES.length + CURATED_TABLES.length);
  });

  it('runs as a role that may change only the raw tables and their partitions', () => {
    const writes = crawlerStatements().filter((statement) =>
      actionsOf(statement).some((action) => /^glue:(Create|Update|BatchCreate|BatchUpdate)/.test(action)),
    );
    const tableNames = JSON.stringify(writes.flatMap(resourcesOf)).match(/CatalogRaw\w+/g) ?? [];

    expect(writes.flatMap(actionsOf).sort()).toEqual([...CRAWLER_CATALOG_WRITE.actions].sort());
    expect(new Set(tableNames).size).toBe(RAW_TABLES.length);
    expect(JSON.stringify(writes.flatMap(resourcesOf))).not.toContain('CatalogCurated');
  });

  it('runs as a role that reads its security configuration, which has no ARN', () => {
    const statement = crawlerStatements().find((candidate) => actionsOf(candidate).includes('glue:GetSecurityConfiguration'));

    expect(statement === undefined ? [] : actionsOf(statement)).toEqual(['glue:GetSecurityConfiguration']);
    expect(statement?.Resource).toBe('*');
  });

  it('runs as a role that may use the key its logs are encrypted with, and no other key', () => {
    const kms = crawlerStatements().filter((statement) => actionsOf(statement).some((action) => action.startsWith('kms:')));
    const keyId = logicalIdOf(synthesized.json, 'AWS::KMS::Key', 'CatalogCrawlerLogKey');

    expect(kms.flatMap(actionsOf).sort()).toEqual([...CRAWLER_LOG_KEY.actions].sort());
    expect(kms.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [keyId, 'Arn'] }]);
  });

  it('runs as a role that writes its logs under /aws-glue/crawlers only', () => {
    const logs = crawlerStatements().filter((statement) => actionsOf(statement).some((action) => action.startsWith('logs:')));

    expect(logs.flatMap(actionsOf).sort()).toEqual([...CRAWLER_LOGS.actions].sort());
    expect(JSON.stringify(logs.flatMap(resourcesOf))).toMatch(/:log-group:\/aws-glue\/crawlers\*"\]\]\}\]$/);
  });

  it('runs as a role that consumes the raw zone\'s event queue and fills only its dead-letter queue', () => {
    const sqs = crawlerStatements().filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')));
    const consume = sqs.find((statement) => actionsOf(statement).includes('sqs:ReceiveMessage'));
    const send = sqs.find((statement) => actionsOf(statement).includes('sqs:SendMessage'));

    expect(consume === undefined ? [] : actionsOf(consume).sort()).toEqual([...CRAWLER_EVENT_QUEUE.actions].sort());
    expect(consume?.Resource).toEqual(
      expect.arrayContaining([{ 'Fn::GetAtt': [eventQueueId, 'Arn'] }, { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] }]),
    );
    expect(send?.Resource).toEqual({ 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] });
  });
});

describe('the raw zone\'s event queue', () => {
  it('receives every object created or removed under raw/, and nothing else', () => {
    synthesized.template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: lakeId },
      NotificationConfiguration: {
        QueueConfigurations: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'].map((event) => ({
          Events: [event],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'raw/' }] } },
          QueueArn: { 'Fn::GetAtt': [eventQueueId, 'Arn'] },
        })),
      },
    });
  });

  it('accepts messages from the lake bucket only', () => {
    const policy = Object.values(synthesized.json.Resources).find(
      (resource) =>
        resource.Type === 'AWS::SQS::QueuePolicy' && JSON.stringify(resource.Properties?.Queues) === JSON.stringify([{ Ref: eventQueueId }]),
    );
    const statements = (policy?.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    const fromS3 = statements.find((statement) => JSON.stringify(statement.Principal).includes('s3.amazonaws.com'));

    expect(fromS3?.Condition).toEqual({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [lakeId, 'Arn'] } } });
  });

  it('keeps events 14 days, encrypted at rest', () => {
    for (const id of [eventQueueId, deadLetterQueueId]) {
      expect(synthesized.json.Resources[id]?.Properties).toEqual({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    }
  });
});
