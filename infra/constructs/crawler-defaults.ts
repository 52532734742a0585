// How the raw-zone crawler behaves, as pure values. The raw tables are declared in CDK from
// tasks/lake/tables.ts (stable names, pinned types, column comments for analysts) and the crawler
// crawls those catalog tables: its only job is to add each new dt partition. Letting it create the
// tables from S3 would name and type them by inference (an all-null `followers` column would be
// typed string, a missing `genres` dropped) and lose the comments.
import type { CfnCrawlerProps } from 'aws-cdk-lib/aws-glue';

/**
 * A crawler over catalog tables must only LOG deletions, and it must not rewrite the declared
 * schemas either, so it only logs changes. CRAWL_EVERYTHING is the recrawl policy consistent with
 * catalog targets (incremental crawls are for S3 targets only), and it also picks up a backfilled
 * date whose folder sorts before the last crawl.
 */
export function rawCrawlerPolicies(): Pick<CfnCrawlerProps, 'schemaChangePolicy' | 'recrawlPolicy'> {
  return {
    schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
    recrawlPolicy: { recrawlBehavior: 'CRAWL_EVERYTHING' },
  };
}

/** New partitions take the declared table schema instead of an inferred one. */
export function rawCrawlerConfiguration(): string {
  return JSON.stringify({
    Version: 1.0,
    CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
  });
}
