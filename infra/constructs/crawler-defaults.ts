// How the raw-zone crawler behaves, as pure values. The raw tables are declared in CDK from
// tasks/lake/tables.ts (stable names, pinned types, column comments for analysts) and the crawler
// crawls those catalog tables: its only job is to add each new dt partition. Letting it create the
// tables from S3 would name and type them by inference (an all-null `followers` column would be
// typed string, a missing `genres` dropped) and lose the comments.
import type { CfnCrawlerProps } from 'aws-cdk-lib/aws-glue';

/**
 * A crawler over catalog tables must only LOG deletions (Glue Developer Guide, "Crawler source
 * type"), and it must not rewrite the declared schemas either, so it only logs changes.
 *
 * Recrawls read only what changed: CRAWL_EVENT_MODE, which lists just the folders named in the raw
 * zone's S3 events (an SQS queue set on the catalog target; raw-zone-events.ts). That is the
 * incremental mode Glue documents for catalog-table targets; CRAWL_NEW_FOLDERS_ONLY is refused for
 * anything but S3 targets (crawler-rules.ts). Events also name a re-run or back-filled date, which a
 * "new folders" crawl would not revisit. The first crawl after the crawler is created lists everything.
 */
export function rawCrawlerPolicies(): Pick<CfnCrawlerProps, 'schemaChangePolicy' | 'recrawlPolicy'> {
  return {
    schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
    recrawlPolicy: { recrawlBehavior: 'CRAWL_EVENT_MODE' },
  };
}

/** New partitions take the declared table schema instead of an inferred one. */
export function rawCrawlerConfiguration(): string {
  return JSON.stringify({
    Version: 1.0,
    CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
  });
}
