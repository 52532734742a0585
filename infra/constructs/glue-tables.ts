// Translates the catalog contract (tasks/lake/tables.ts) into Glue table properties, as pure
// functions: raw tables are JSON Lines whose partitions the crawler adds; curated tables are Parquet
// with partition projection on dt, so Athena needs no crawler and no MSCK REPAIR for them.
import {
  DataFormat,
  DateIntervalUnit,
  PartitionProjectionConfiguration,
  Schema,
  S3TableStorage,
  type Column as GlueColumn,
  type IDatabase,
  type S3TableProps,
} from 'aws-cdk-lib/aws-glue';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { CURATED_DT_PROJECTION, PARTITION_COLUMN, type Column, type TableDefinition } from '../../tasks/lake/tables.js';

export function glueColumn(column: Column): GlueColumn {
  const primitive = !column.type.includes('<');
  return { name: column.name, type: Schema.custom(column.type, primitive), comment: column.comment };
}

function baseTableProps(table: TableDefinition, database: IDatabase, bucket: IBucket): S3TableProps {
  return {
    database,
    tableName: table.name,
    description: table.comment,
    columns: table.columns.map(glueColumn),
    partitionKeys: [glueColumn(PARTITION_COLUMN)],
    storage: S3TableStorage.fromBucket(bucket),
    s3Prefix: table.prefix,
    dataFormat: table.format === 'parquet' ? DataFormat.PARQUET : DataFormat.JSON,
    // The lake is SSE-S3, which S3 decrypts transparently; `true` would claim client-side encryption.
    hasEncryptedData: false,
  };
}

/** Raw zone table: gzipped JSON Lines; its dt partitions are added by the crawler. */
export function rawTableProps(table: TableDefinition, database: IDatabase, bucket: IBucket): S3TableProps {
  return { ...baseTableProps(table, database, bucket), compressed: true };
}

/**
 * Curated table: Parquet (Snappy) written by UNLOAD, or gzipped JSON Lines written by a task (the
 * format the contract declares); dt partitions are projected, never crawled.
 */
export function curatedTableProps(table: TableDefinition, database: IDatabase, bucket: IBucket): S3TableProps {
  return {
    ...baseTableProps(table, database, bucket),
    compressed: true,
    parameters: {
      ...(table.format === 'parquet' ? { 'parquet.compression': 'SNAPPY' } : {}),
      'storage.location.template': `s3://${bucket.bucketName}/${table.prefix}${PARTITION_COLUMN.name}=\${${PARTITION_COLUMN.name}}/`,
    },
    // Declared once in tasks/lake/tables.ts, where the local engine reads the same projection.
    partitionProjection: {
      [PARTITION_COLUMN.name]: PartitionProjectionConfiguration.date({
        min: CURATED_DT_PROJECTION.range[0],
        max: CURATED_DT_PROJECTION.range[1],
        format: CURATED_DT_PROJECTION.format,
        step: { interval: CURATED_DT_PROJECTION.interval, intervalUnit: DateIntervalUnit[CURATED_DT_PROJECTION.intervalUnit] },
      }),
    },
  };
}
