// The data lake: one versioned bucket with the zones of tasks/lake/keys.ts, and the bucket its access logs go to.
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogBucketProps, lakeBucketProps } from './lake-defaults.js';

export class Lake extends Construct {
  readonly bucket: IBucket;
  readonly accessLogBucket: IBucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // cdk-nag accepts a bucket that is itself an access-log destination without logs of its own.
    this.accessLogBucket = new Bucket(this, 'AccessLogs', accessLogBucketProps());
    this.bucket = new Bucket(this, 'Bucket', lakeBucketProps(this.accessLogBucket));
  }
}
