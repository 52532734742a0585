// What Glue refuses in a crawler definition (infra/constructs/crawler-rules.ts): each documented rule
// refuses what Glue refuses, and the raw-zone crawler's own settings keep every rule (issue 8, item 7).
import type { CfnCrawlerProps } from 'aws-cdk-lib/aws-glue';
import { describe, expect, it } from 'vitest';
import { rawCrawlerPolicies } from '../../infra/constructs/crawler-defaults.js';
import { crawlerViolations, GLUE_CRAWLER_RULES } from '../../infra/constructs/crawler-rules.js';

const catalogTarget = { databaseName: 'sixpotify_dev', tables: ['raw_artists', 'raw_albums'], eventQueueArn: 'arn:aws:sqs:eu-west-1:1:raw' };

function crawler(overrides: Partial<CfnCrawlerProps>): CfnCrawlerProps {
  return {
    role: 'arn:aws:iam::1:role/crawler',
    targets: { catalogTargets: [catalogTarget] },
    schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
    recrawlPolicy: { recrawlBehavior: 'CRAWL_EVENT_MODE' },
    ...overrides,
  };
}

describe('the Glue crawler rules', () => {
  it('each name the document they come from', () => {
    expect(GLUE_CRAWLER_RULES.every((rule) => /AWS Glue|terraform-provider-aws/.test(rule.source))).toBe(true);
  });

  it('refuse CRAWL_NEW_FOLDERS_ONLY on catalog-table targets, as Glue does', () => {
    const violations = crawlerViolations(crawler({ recrawlPolicy: { recrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' } }));

    expect(violations).toEqual([expect.stringContaining('can only apply to Amazon S3 target')]);
  });

  it('refuse CRAWL_NEW_FOLDERS_ONLY unless schema changes and deletions are only logged', () => {
    const violations = crawlerViolations(
      crawler({
        targets: { s3Targets: [{ path: 's3://lake/raw/artists/' }] },
        recrawlPolicy: { recrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE', deleteBehavior: 'LOG' },
      }),
    );

    expect(violations).toEqual([expect.stringContaining('can have only LOG DeleteBehavior value and LOG UpdateBehavior value')]);
  });

  it('accept CRAWL_NEW_FOLDERS_ONLY on an S3 target that only logs changes', () => {
    const violations = crawlerViolations(
      crawler({ targets: { s3Targets: [{ path: 's3://lake/raw/artists/' }] }, recrawlPolicy: { recrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' } }),
    );

    expect(violations).toEqual([]);
  });

  it('refuse CRAWL_EVENT_MODE without the queue of S3 events', () => {
    const violations = crawlerViolations(crawler({ targets: { catalogTargets: [{ ...catalogTarget, eventQueueArn: undefined }] } }));

    expect(violations).toEqual([expect.stringContaining('without EventQueueArn on catalogTargets')]);
  });

  it('refuse CRAWL_EVENT_MODE with more than one target', () => {
    const violations = crawlerViolations(crawler({ targets: { catalogTargets: [catalogTarget, catalogTarget] } }));

    expect(violations).toEqual([expect.stringContaining('CRAWL_EVENT_MODE with 2 targets')]);
  });

  it('refuse a catalog-target crawler that would delete or deprecate tables', () => {
    const violations = crawlerViolations(crawler({ schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'DEPRECATE_IN_DATABASE' } }));

    expect(violations).toEqual([expect.stringContaining('catalog targets with DeleteBehavior DEPRECATE_IN_DATABASE')]);
  });

  it('refuse catalog-table targets mixed with another source type', () => {
    const violations = crawlerViolations(
      crawler({
        targets: { catalogTargets: [catalogTarget], s3Targets: [{ path: 's3://lake/raw/' }] },
        recrawlPolicy: { recrawlBehavior: 'CRAWL_EVERYTHING' },
      }),
    );

    expect(violations).toEqual([expect.stringContaining('catalog targets mixed with catalogTargets, s3Targets')]);
  });

  it('accept the raw-zone crawler: catalog tables, event mode with a queue, changes only logged', () => {
    const violations = crawlerViolations(crawler({ ...rawCrawlerPolicies() }));

    expect(violations).toEqual([]);
  });
});
