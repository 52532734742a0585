// Secure defaults for the lake's buckets, as small pure functions: the secure choice is the default
// and a caller overrides a property only on purpose.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  BucketEncryption,
  ObjectOwnership,
  type BucketProps,
  type IBucket,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import { LAKE_ZONES } from './lake-zones.js';

export function secureBucketProps(): BucketProps {
  return {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    // SSE-S3: server access logs can only be delivered to SSE-S3 buckets, and Athena, Glue and the
    // tasks then need no KMS grants.
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

export interface LakeRetention {
  /** Athena query results are scratch output: the curated zone holds what matters. */
  athenaResultsDays: number;
  /** Staged fetches are only needed until the run that staged them is loaded or redriven. */
  stagingDays: number;
  /** Replaced objects (a re-run of a date) stay recoverable this long. */
  noncurrentVersionDays: number;
}

export const DEFAULT_LAKE_RETENTION: LakeRetention = { athenaResultsDays: 7, stagingDays: 14, noncurrentVersionDays: 30 };

export function lakeBucketProps(logBucket: IBucket, retention: LakeRetention = DEFAULT_LAKE_RETENTION): BucketProps {
  return {
    ...secureBucketProps(),
    // Versioning covers the raw zone (S3 versions whole buckets): a bad re-run of a date can be undone.
    versioned: true,
    serverAccessLogsBucket: logBucket,
    serverAccessLogsPrefix: 'lake/',
    lifecycleRules: lakeLifecycleRules(retention),
  };
}

export function lakeLifecycleRules(retention: LakeRetention): LifecycleRule[] {
  return [
    {
      id: 'abort-incomplete-multipart-uploads',
      abortIncompleteMultipartUploadAfter: Duration.days(1),
    },
    {
      id: 'expire-replaced-versions',
      noncurrentVersionExpiration: Duration.days(retention.noncurrentVersionDays),
      expiredObjectDeleteMarker: true,
    },
    {
      id: 'expire-athena-results',
      prefix: LAKE_ZONES.athenaResults,
      expiration: Duration.days(retention.athenaResultsDays),
      noncurrentVersionExpiration: Duration.days(1),
    },
    {
      id: 'expire-staging',
      prefix: LAKE_ZONES.staging,
      expiration: Duration.days(retention.stagingDays),
      noncurrentVersionExpiration: Duration.days(1),
    },
  ];
}

export function accessLogBucketProps(): BucketProps {
  return {
    ...secureBucketProps(),
    lifecycleRules: [
      { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      { id: 'expire-access-logs', expiration: Duration.days(365) },
    ],
  };
}
