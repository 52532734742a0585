// The Glue catalog: database, declared raw and curated tables, and the raw-zone crawler
// (issue 5, item 1: Glue; curated tables with partition projection).
import { beforeAll, describe, expect, it } from 'vitest';
import { CURATED_TABLES, PARTITION_COLUMN, RAW_TABLES } from '../../tasks/lake/tables.js';
import { actionsOf, logicalIdOf, logicalIdsOf, resourcesOf, roleStatements, synthSixpotify, type Synthesized } from './synth.js';

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
});

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

  it('project their dt partitions by day from the first run date to today', () => {
    for (const definition of CURATED_TABLES) {
      expect(tables.get(definition.name)?.Parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.dt.type': 'date',
        'projection.dt.format': 'yyyy-MM-dd',
        'projection.dt.range': '2024-01-01,NOW',
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
  it('crawls the declared raw tables and nothing else', () => {
    const rawTableIds = logicalIdsOf(synthesized.json, 'AWS::Glue::Table').filter((id) => id.startsWith('CatalogRaw'));

    expect(crawler.Targets).toEqual({
      CatalogTargets: [{ DatabaseName: { Ref: expect.any(String) }, Tables: rawTableIds.map((id) => ({ Ref: id })) }],
    });
    expect(rawTableIds).toHaveLength(RAW_TABLES.length);
  });

  it('has no schedule: the state machine starts it', () => {
    expect(crawler.Schedule).toBeUndefined();
  });

  it('only logs schema changes and deletions, as a catalog-target crawler must, recrawling everything', () => {
    expect(crawler.SchemaChangePolicy).toEqual({ UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' });
    expect(crawler.RecrawlPolicy).toEqual({ RecrawlBehavior: 'CRAWL_EVERYTHING' });
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

  it('runs as a role that reads only the raw zone of the lake', () => {
    const roleId = (crawler.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const s3 = roleStatements(synthesized.json, roleId).filter((statement) => actionsOf(statement).some((action) => action.startsWith('s3:')));

    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(s3.flatMap(resourcesOf))).not.toMatch(/curated|exports|staging|runs|config/);
    expect(s3.find((statement) => actionsOf(statement).includes('s3:ListBucket'))?.Condition).toEqual({
      StringLike: { 's3:prefix': ['raw/*'] },
    });
  });

  it('runs as a role that may change only the raw tables in the catalog', () => {
    const roleId = (crawler.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const glue = roleStatements(synthesized.json, roleId).filter((statement) => actionsOf(statement).some((action) => action.startsWith('glue:')));
    const tableNames = JSON.stringify(glue.flatMap(resourcesOf)).match(/CatalogRaw\w+/g) ?? [];

    expect(new Set(tableNames).size).toBe(RAW_TABLES.length);
    expect(JSON.stringify(glue.flatMap(resourcesOf))).not.toContain('CatalogCurated');
  });
});
