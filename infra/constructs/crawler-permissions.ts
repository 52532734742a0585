// What the raw-zone crawler's role may do, as data with the documents each list comes from. Glue's
// docs ("Crawler prerequisites", "Step 2: Create an IAM role for AWS Glue") say a crawler role needs
// the AWS managed policy AWSGlueServiceRole "or equivalent (or a scoped down version of this
// policy), plus the required inline policies" for the data source. AWSGlueServiceRole (v5) grants
// glue:*, s3:GetBucketLocation, s3:ListBucket and logs:CreateLogGroup/CreateLogStream/PutLogEvents/
// AssociateKmsKey on /aws-glue/*; these lists are its scoped-down equivalent for a crawler whose
// targets are the declared raw_* catalog tables and whose logs are KMS-encrypted.

export interface DocumentedActions {
  actions: string[];
  /** The documents the list is taken from. */
  source: string;
}

/** Catalog reads: on the catalog, our database and its tables (Glue authorizes the whole hierarchy). */
export const CRAWLER_CATALOG_READ: DocumentedActions = {
  actions: [
    'glue:GetDatabase',
    'glue:GetTable',
    'glue:GetTables',
    'glue:BatchGetTable',
    'glue:GetPartition',
    'glue:GetPartitions',
    'glue:BatchGetPartition',
  ],
  source:
    'AWSGlueServiceRole (glue:*), scoped down; resources per "AWS Glue API permissions: actions and resources reference" ' +
    '(catalog, database/<db>, table/<db>/<table>)',
};

/**
 * Catalog writes: only on the raw tables the crawler targets (it adds each new dt partition). No
 * glue:CreateTable: with catalog tables as the source "no new catalog tables are created when the
 * crawler runs. Existing tables are updated as needed, including adding new partitions" (Glue
 * Developer Guide, "Crawler source type").
 */
export const CRAWLER_CATALOG_WRITE: DocumentedActions = {
  actions: [
    'glue:UpdateTable',
    'glue:CreatePartition',
    'glue:BatchCreatePartition',
    'glue:UpdatePartition',
    'glue:BatchUpdatePartition',
  ],
  source: 'AWSGlueServiceRole (glue:*), scoped down to what a catalog-target crawler writes: existing tables and their partitions',
};

/**
 * The crawler reads its security configuration (CloudWatch Logs encryption) at run time. Glue's
 * "API permissions: actions and resources reference" lists glue:GetSecurityConfiguration with
 * resource `*`: security configurations have no ARN.
 */
export const CRAWLER_SECURITY_CONFIGURATION: DocumentedActions = {
  actions: ['glue:GetSecurityConfiguration'],
  source: 'AWS Glue API permissions: actions and resources reference (GetSecurityConfiguration: resource *)',
};

/** On the lake bucket itself (objects and listing come from grantLakeAccess on raw/). */
export const CRAWLER_BUCKET: DocumentedActions = {
  actions: ['s3:GetBucketLocation'],
  source:
    'AWSGlueServiceRole (s3:GetBucketLocation, s3:ListBucket); "Step 2: Create an IAM role for AWS Glue": ' +
    'data sources require s3:ListBucket and s3:GetObject',
};

/** Glue names the log group and streams itself, under /aws-glue/crawlers. */
export const CRAWLER_LOGS: DocumentedActions = {
  actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
  source: 'AWSGlueServiceRole (logs:* on arn:aws:logs:*:*:/aws-glue/*)',
};

/**
 * The key of the crawler's security configuration. "Setting up AWS Glue to use security
 * configurations" grants the roles passed to crawlers kms:Encrypt*, Decrypt*, ReEncrypt*,
 * GenerateDataKey* and Describe* on the key that encrypts their CloudWatch Logs; spelled out here,
 * action by action, for the one symmetric key.
 */
export const CRAWLER_LOG_KEY: DocumentedActions = {
  actions: [
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:DescribeKey',
  ],
  source: 'AWS Glue Developer Guide, "Setting up AWS Glue to use security configurations", step 1',
};

/**
 * The SQS queue of S3 events an event-mode crawler consumes ("Accelerating crawls using Amazon S3
 * event notifications": the crawler role's policy on the queue and its dead-letter queue).
 */
export const CRAWLER_EVENT_QUEUE: DocumentedActions = {
  actions: [
    'sqs:DeleteMessage',
    'sqs:GetQueueUrl',
    'sqs:ListDeadLetterSourceQueues',
    'sqs:ReceiveMessage',
    'sqs:GetQueueAttributes',
    'sqs:ListQueueTags',
    'sqs:SetQueueAttributes',
    'sqs:PurgeQueue',
  ],
  source: 'AWS Glue Developer Guide, "Accelerating crawls using Amazon S3 event notifications", account setup',
};

/** Events the crawler could not process go to its dead-letter queue (CatalogTarget.DlqEventQueueArn). */
export const CRAWLER_DEAD_LETTERS: DocumentedActions = {
  actions: ['sqs:SendMessage'],
  source: 'AWS::Glue::Crawler CatalogTarget.DlqEventQueueArn',
};
