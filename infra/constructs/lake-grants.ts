// Least-privilege access to the lake: objects only under the zones a principal needs, and listing
// only of those prefixes. Each zone's object wildcard is the narrowest grant S3 allows (object keys
// carry run dates, ids and engine-chosen names), so its cdk-nag IAM5 finding is acknowledged here,
// next to the grant.
import { ManagedPolicy, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { acknowledge, nagReference } from '../nag.js';
import { LAKE_ZONES, ZONE_KEYS, type LakeZone } from './lake-zones.js';

/** Where the statements go: a role's own policy, or a managed policy people attach. */
export type PolicyTarget = Role | ManagedPolicy;

export interface LakeAccess {
  read?: LakeZone[];
  write?: LakeZone[];
  /** Athena reads and writes S3 as the caller: it also needs the bucket location and multipart listings. */
  athena?: boolean;
  /**
   * The folder under athena-results/ that this principal's workgroup writes its results to: read and
   * written, so the principal can fetch its own results (GetQueryResults reads them from S3 as the
   * caller) and nobody else's.
   */
  results?: string;
}

export const LAKE_READ_ACTIONS = ['s3:GetObject'];
export const LAKE_WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];

export function addStatement(target: PolicyTarget, statement: PolicyStatement): void {
  if (target instanceof ManagedPolicy) target.addStatements(statement);
  else target.addToPrincipalPolicy(statement);
}

export function grantLakeAccess(bucket: IBucket, target: PolicyTarget, access: LakeAccess): void {
  const read = access.read ?? [];
  const write = access.write ?? [];
  const zones = [...new Set([...read, ...write])];
  const results = access.results === undefined ? [] : [athenaResultsPrefix(access.results)];
  const prefixes = (list: LakeZone[]) => list.map((zone) => LAKE_ZONES[zone]);
  const objects = (list: string[]) => list.map((prefix) => bucket.arnForObjects(`${prefix}*`));
  const readPrefixes = [...prefixes(read), ...results];
  const writePrefixes = [...prefixes(write), ...results];
  const listed = [...prefixes(zones), ...results];

  if (readPrefixes.length > 0) {
    addStatement(target, new PolicyStatement({ actions: LAKE_READ_ACTIONS, resources: objects(readPrefixes) }));
  }
  if (writePrefixes.length > 0) {
    const multipart = access.athena === true ? ['s3:ListMultipartUploadParts'] : [];
    addStatement(target, new PolicyStatement({ actions: [...LAKE_WRITE_ACTIONS, ...multipart], resources: objects(writePrefixes) }));
  }
  addStatement(
    target,
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': listed.map((prefix) => `${prefix}*`) } },
    }),
  );
  if (access.athena === true) {
    addStatement(
      target,
      new PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads'], resources: [bucket.bucketArn] }),
    );
  }
  for (const zone of zones) {
    acknowledge(
      target,
      `AwsSolutions-IAM5[Resource::${nagReference(bucket, 'Arn')}/${LAKE_ZONES[zone]}*]`,
      `Objects under ${LAKE_ZONES[zone]} are ${ZONE_KEYS[zone]}, so the zone's prefix is the narrowest grant S3 allows.`,
    );
  }
  for (const prefix of results) {
    acknowledge(
      target,
      `AwsSolutions-IAM5[Resource::${nagReference(bucket, 'Arn')}/${prefix}*]`,
      `Objects under ${prefix} are ${ZONE_KEYS.athenaResults}, so the workgroup's results folder is the narrowest grant S3 allows.`,
    );
  }
}

/** Where a workgroup writes its query results: its own folder in the athenaResults zone. */
export function athenaResultsPrefix(folder: string): string {
  return `${LAKE_ZONES.athenaResults}${folder}/`;
}
