// The S3 events of the raw zone, queued for the crawler. Glue crawls only the folders named in
// these events ("Accelerating crawls using Amazon S3 event notifications"), so a nightly crawl reads
// the one date the Load just wrote (or re-wrote, or back-filled) instead of the whole history. It is
// the incremental mode Glue offers for catalog-table targets: CRAWL_NEW_FOLDERS_ONLY is for S3
// targets only (see crawler-rules.ts).
import { Duration, Stack } from 'aws-cdk-lib';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { LAKE_ZONES } from './lake-zones.js';

export interface RawZoneEventsProps {
  lake: IBucket;
}

/** CDK's stack-wide custom resource that writes a bucket's notification configuration. */
const NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/**
 * An event waits here until the next crawl: the longest SQS allows (14 days), so a week of failed
 * nights loses no partition.
 */
export const RAW_EVENT_RETENTION = Duration.days(14);

/** Secure queue defaults: SSE-SQS (S3 cannot publish to a queue under the AWS-managed SQS KMS key) and TLS only. */
export function rawEventQueueProps(): QueueProps {
  return {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: RAW_EVENT_RETENTION,
  };
}

export class RawZoneEvents extends Construct {
  /** Object created and removed events under raw/, read by the crawler. */
  readonly queue: Queue;
  /** Where the crawler puts the events it could not process (CatalogTarget.DlqEventQueueArn). */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: RawZoneEventsProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', rawEventQueueProps());
    this.queue = new Queue(this, 'Queue', rawEventQueueProps());
    // A re-run deletes the date's objects before writing them again: both kinds of event name the folder.
    for (const event of [EventType.OBJECT_CREATED, EventType.OBJECT_REMOVED]) {
      props.lake.addEventNotification(event, new SqsDestination(this.queue), { prefix: LAKE_ZONES.raw });
    }

    acknowledge(
      this.queue,
      'AwsSolutions-SQS3',
      'Glue moves the S3 events it cannot process to the crawler\'s own dead-letter queue (DlqEventQueueArn); an SQS redrive would move events Glue may still read.',
    );
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the raw-zone crawler (DlqEventQueueArn), named in the crawler rather than in an SQS redrive policy.',
    );
    const handlerRole = Stack.of(this).node.tryFindChild(NOTIFICATIONS_HANDLER_ID)?.node.tryFindChild('Role');
    if (handlerRole === undefined) throw new Error(`${NOTIFICATIONS_HANDLER_ID} not found: has aws-cdk-lib renamed its bucket notifications handler?`);
    acknowledge(
      handlerRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's bucket-notifications custom resource always attaches this policy; it only writes the function's own deployment-time logs.",
    );
  }
}
