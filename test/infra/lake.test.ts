// The lake buckets' secure defaults (issue 5, item 1: S3).
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAKE_ZONES } from '../../infra/constructs/lake-zones.js';
import { logicalIdOf, synthSixpotify, type Synthesized } from '../../infra/synth.js';

type Rule = { Id: string; Prefix?: string; ExpirationInDays?: number; AbortIncompleteMultipartUpload?: { DaysAfterInitiation: number } };

let synthesized: Synthesized;
let lakeId: string;
let logsId: string;
let lake: Record<string, unknown>;

beforeAll(() => {
  synthesized = synthSixpotify();
  lakeId = logicalIdOf(synthesized.json, 'AWS::S3::Bucket', 'LakeBucket');
  logsId = logicalIdOf(synthesized.json, 'AWS::S3::Bucket', 'LakeAccessLogs');
  lake = synthesized.json.Resources[lakeId]?.Properties ?? {};
});

function lifecycleRules(): Rule[] {
  return (lake.LifecycleConfiguration as { Rules: Rule[] }).Rules;
}

describe('the lake buckets', () => {
  it('block every kind of public access', () => {
    synthesized.template.resourcePropertiesCountIs(
      'AWS::S3::Bucket',
      {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      },
      2,
    );
  });

  it('encrypt every object at rest', () => {
    synthesized.template.resourcePropertiesCountIs(
      'AWS::S3::Bucket',
      { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } },
      2,
    );
  });

  it('deny any request that is not over TLS', () => {
    for (const bucketId of [lakeId, logsId]) {
      synthesized.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('are kept when the stack is deleted', () => {
    for (const bucketId of [lakeId, logsId]) {
      expect(synthesized.template.toJSON().Resources[bucketId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });
});

describe('the lake bucket', () => {
  it('sends its server access logs to the log bucket', () => {
    expect(lake.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'lake/' });
  });

  it('is versioned, so a bad re-run of a date in raw/ can be undone', () => {
    expect(lake.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('aborts incomplete multipart uploads', () => {
    expect(lifecycleRules()).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
    );
  });

  it('expires Athena query results', () => {
    expect(lifecycleRules()).toContainEqual(
      expect.objectContaining({ Prefix: LAKE_ZONES.athenaResults, ExpirationInDays: 7, Status: 'Enabled' }),
    );
  });

  it('expires staged fetches', () => {
    expect(lifecycleRules()).toContainEqual(expect.objectContaining({ Prefix: LAKE_ZONES.staging, ExpirationInDays: 14, Status: 'Enabled' }));
  });

  it('never expires the raw, curated or run data', () => {
    const expiring = lifecycleRules().filter((rule) => rule.ExpirationInDays !== undefined);

    expect(expiring.map((rule) => rule.Prefix).sort()).toEqual([LAKE_ZONES.athenaResults, LAKE_ZONES.staging].sort());
  });

  it('expires replaced versions, so re-runs do not pile up old objects', () => {
    expect(lifecycleRules()).toContainEqual(
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
    );
  });
});
