// What Glue refuses in a crawler definition, as data with the reference each rule came from, checked
// at synth time: a crawler Glue would reject must fail `cdk synth` and `npm test`, not the deploy or
// the first night.
import type { CfnCrawler, CfnCrawlerProps } from 'aws-cdk-lib/aws-glue';

export interface CrawlerRule {
  /** What Glue requires, in a sentence. */
  rule: string;
  /** Where the rule is documented (and, where known, the error Glue answers with). */
  source: string;
  /** A description of the violation, or undefined when the crawler keeps the rule. */
  check(props: CfnCrawlerProps): string | undefined;
}

type Targets = CfnCrawler.TargetsProperty;
type CatalogTarget = CfnCrawler.CatalogTargetProperty;

function recrawlBehavior(props: CfnCrawlerProps): string {
  const policy = props.recrawlPolicy as CfnCrawler.RecrawlPolicyProperty | undefined;
  return policy?.recrawlBehavior ?? 'CRAWL_EVERYTHING';
}

function schemaChange(props: CfnCrawlerProps): { update?: string; delete?: string } {
  const policy = props.schemaChangePolicy as CfnCrawler.SchemaChangePolicyProperty | undefined;
  return { update: policy?.updateBehavior, delete: policy?.deleteBehavior };
}

function targetKinds(props: CfnCrawlerProps): string[] {
  const targets = props.targets as Targets;
  return Object.entries(targets)
    .filter(([, list]) => Array.isArray(list) && list.length > 0)
    .map(([kind]) => kind);
}

function catalogTargets(props: CfnCrawlerProps): CatalogTarget[] {
  return ((props.targets as Targets).catalogTargets ?? []) as CatalogTarget[];
}

export const GLUE_CRAWLER_RULES: CrawlerRule[] = [
  {
    rule: 'RecrawlBehavior CRAWL_NEW_FOLDERS_ONLY applies to Amazon S3 targets only',
    source:
      'AWS Glue Developer Guide, "Scheduling incremental crawls for adding new partitions" ("You can use this option ' +
      'when setting up an Amazon S3 data source"); CreateCrawler answers InvalidInputException "RecrawlBehavior ' +
      '\\"Crawl new folders only\\" can only apply to Amazon S3 target." (hashicorp/terraform-provider-aws#22868)',
    check: (props) => {
      if (recrawlBehavior(props) !== 'CRAWL_NEW_FOLDERS_ONLY') return undefined;
      const others = targetKinds(props).filter((kind) => kind !== 's3Targets');
      return others.length === 0 ? undefined : `CRAWL_NEW_FOLDERS_ONLY with ${others.join(', ')}`;
    },
  },
  {
    rule: 'RecrawlBehavior CRAWL_NEW_FOLDERS_ONLY needs SchemaChangePolicy UpdateBehavior LOG and DeleteBehavior LOG',
    source:
      'AWS Glue Developer Guide, "Scheduling incremental crawls" ("it forces the update behavior and delete behavior of ' +
      'the crawler to LOG"); CreateCrawler answers InvalidInputException "The SchemaChangePolicy for \\"Crawl new ' +
      'folders only\\" Amazon S3 target can have only LOG DeleteBehavior value and LOG UpdateBehavior value."',
    check: (props) => {
      if (recrawlBehavior(props) !== 'CRAWL_NEW_FOLDERS_ONLY') return undefined;
      const policy = schemaChange(props);
      return policy.update === 'LOG' && policy.delete === 'LOG'
        ? undefined
        : `CRAWL_NEW_FOLDERS_ONLY with UpdateBehavior ${policy.update ?? 'UPDATE_IN_DATABASE (default)'} and DeleteBehavior ${policy.delete ?? 'DEPRECATE_IN_DATABASE (default)'}`;
    },
  },
  {
    rule: 'RecrawlBehavior CRAWL_EVENT_MODE needs the SQS queue of S3 events on every target (EventQueueArn)',
    source: 'AWS Glue Developer Guide, "Accelerating crawls using Amazon S3 event notifications"',
    check: (props) => {
      if (recrawlBehavior(props) !== 'CRAWL_EVENT_MODE') return undefined;
      const targets = props.targets as Record<string, { eventQueueArn?: string }[] | undefined>;
      const missing = Object.entries(targets).flatMap(([kind, list]) =>
        (list ?? []).some((target) => target.eventQueueArn === undefined) ? [kind] : [],
      );
      return missing.length === 0 ? undefined : `CRAWL_EVENT_MODE without EventQueueArn on ${missing.join(', ')}`;
    },
  },
  {
    rule: 'An S3-event crawler has a single target: one S3 folder, or one catalog target with one or more tables',
    source:
      'AWS Glue Developer Guide, "Accelerating crawls using Amazon S3 event notifications", considerations and ' +
      'limitations ("the crawler supports only a single target")',
    check: (props) => {
      if (recrawlBehavior(props) !== 'CRAWL_EVENT_MODE') return undefined;
      const targets = props.targets as Record<string, unknown[] | undefined>;
      const count = Object.values(targets).reduce((sum, list) => sum + (list?.length ?? 0), 0);
      return count === 1 ? undefined : `CRAWL_EVENT_MODE with ${count} targets`;
    },
  },
  {
    rule: 'A crawler over catalog tables only logs deletions (DeleteBehavior LOG)',
    source:
      'AWS Glue Developer Guide, "Crawler source type": with existing catalog tables as the source, "deleted objects ' +
      'found in the data stores are ignored; no catalog tables are deleted" (SchemaChangePolicy.DeleteBehavior=LOG)',
    check: (props) => {
      if (catalogTargets(props).length === 0) return undefined;
      const policy = schemaChange(props);
      return policy.delete === 'LOG' ? undefined : `catalog targets with DeleteBehavior ${policy.delete ?? 'DEPRECATE_IN_DATABASE (default)'}`;
    },
  },
  {
    rule: 'Catalog tables as a crawler source cannot be mixed with any other source type',
    source: 'AWS Glue Developer Guide, "Crawler source type"',
    check: (props) => {
      const kinds = targetKinds(props);
      return kinds.includes('catalogTargets') && kinds.length > 1 ? `catalog targets mixed with ${kinds.join(', ')}` : undefined;
    },
  },
];

/** Every rule the crawler breaks, each with its reference; empty when Glue would accept it. */
export function crawlerViolations(props: CfnCrawlerProps): string[] {
  return GLUE_CRAWLER_RULES.flatMap((rule) => {
    const violation = rule.check(props);
    return violation === undefined ? [] : [`${violation}: ${rule.rule} (${rule.source})`];
  });
}
