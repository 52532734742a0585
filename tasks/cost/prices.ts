// What one nightly run's AWS usage costs, per unit, as data: each price with the region it holds in,
// the page it comes from and the day it was read. The estimator (estimate.ts) multiplies usage by
// these and nothing else, so a price change is one edit here.
//
// Prices are on-demand list prices in USD before tax and before free tiers: a nightly run shares the
// account's free tiers with everything else in it, so the run's own cost is the honest figure.

export type PricedRegion = 'ap-northeast-2' | 'us-east-1';

/** ap-northeast-2 (Seoul): the schedule runs in Asia/Seoul (cdk.json), so the stack is expected there. */
export const DEFAULT_PRICE_REGION: PricedRegion = 'ap-northeast-2';

export interface Price {
  usd: number;
  /** What one `usd` buys, e.g. "1,000 state transitions". */
  per: string;
  source: string;
  /** The day the source was read (YYYY-MM-DD). */
  read: string;
  /** How the figure was checked, where the page itself was not enough. */
  note?: string;
}

export interface PriceTable {
  region: PricedRegion;
  stepFunctions: {
    /** Standard workflows: every state entered, and every retry, is a transition. */
    perThousandTransitions: Price;
  };
  lambda: {
    /** The stack deploys arm64 (infra/constructs/function-defaults.ts, tasks/lambda-sizes.ts). */
    perGbSecond: Record<'arm64' | 'x86_64', Price>;
    perMillionRequests: Price;
  };
  athena: {
    perTerabyteScanned: Price;
    /** Bytes scanned are rounded up to whole megabytes, with this minimum per query. */
    minimumBytesPerQuery: number;
  };
  glueCrawler: {
    perDpuHour: Price;
    /** A crawl is billed per second, but never for less than this. */
    minimumSecondsPerCrawl: number;
    /**
     * Glue does not publish how many DPUs a crawler uses; on AWS the crawl's own DPUHour (ListCrawls)
     * replaces this guess. Locally it is the smallest possible, 1.
     */
    assumedDpus: number;
  };
  s3: {
    /** PUT, COPY, POST and LIST requests. */
    perThousandTier1: Price;
    /** GET, SELECT and all other requests. DELETE is free. */
    perThousandTier2: Price;
  };
  dynamodb: {
    /** On-demand (PAY_PER_REQUEST, infra/constructs/results.ts). */
    perMillionWriteUnits: Price;
    perMillionReadUnits: Price;
  };
}

const READ = '2026-12-02';
const STEP_FUNCTIONS = 'https://aws.amazon.com/step-functions/pricing/';
const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const ATHENA = 'https://aws.amazon.com/athena/pricing/';
const GLUE = 'https://aws.amazon.com/glue/pricing/';
const S3 = 'https://aws.amazon.com/s3/pricing/';
const DYNAMODB = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';

const MEGABYTE = 1024 ** 2;

/** The parts that are the same in both regions. */
function common(region: PricedRegion) {
  const lambda = {
    perGbSecond: {
      arm64: {
        usd: 0.0000133334,
        per: 'GB-second (arm64, first 7.5 billion GB-s a month)',
        source: LAMBDA,
        read: READ,
        note: 'AWS Price List usage type Lambda-GB-Second-ARM; Seoul lists the same rate as N. Virginia',
      },
      x86_64: {
        usd: 0.0000166667,
        per: 'GB-second (x86_64, first 6 billion GB-s a month)',
        source: LAMBDA,
        read: READ,
        note: 'AWS Price List usage type Lambda-GB-Second; Seoul lists the same rate as N. Virginia',
      },
    },
    perMillionRequests: { usd: 0.2, per: '1 million requests', source: LAMBDA, read: READ },
  };
  const athena = {
    perTerabyteScanned: {
      usd: 5,
      per: 'TB scanned (SQL queries)',
      source: ATHENA,
      read: READ,
      note: 'rounded up to the nearest megabyte, 10 MB minimum per query; TB taken as 2^40 bytes, as the bytes Athena reports are binary',
    },
    minimumBytesPerQuery: 10 * MEGABYTE,
  };
  const glueCrawler = {
    perDpuHour: {
      usd: 0.44,
      per: 'DPU-hour (crawler)',
      source: GLUE,
      read: READ,
      note: '"billed per second, with a 10-minute minimum per crawler run"',
    },
    minimumSecondsPerCrawl: 600,
    assumedDpus: 1,
  };
  return { region, lambda, athena, glueCrawler };
}

export const PRICE_TABLES: Record<PricedRegion, PriceTable> = {
  'ap-northeast-2': {
    ...common('ap-northeast-2'),
    stepFunctions: {
      perThousandTransitions: {
        usd: 0.0271,
        per: '1,000 state transitions (Standard)',
        source: STEP_FUNCTIONS,
        read: READ,
        note: 'Asia Pacific (Seoul) row of the state transitions pricing table',
      },
    },
    s3: {
      perThousandTier1: {
        usd: 0.0045,
        per: '1,000 PUT, COPY, POST or LIST requests (S3 Standard)',
        source: S3,
        read: READ,
        note: 'AWS Price List usage type APN2-Requests-Tier1',
      },
      perThousandTier2: {
        usd: 0.00035,
        per: '1,000 GET and other requests (S3 Standard)',
        source: S3,
        read: READ,
        note: 'AWS Price List usage type APN2-Requests-Tier2 ($0.0035 per 10,000)',
      },
    },
    dynamodb: {
      perMillionWriteUnits: {
        usd: 0.68,
        per: '1 million write request units (on-demand)',
        source: DYNAMODB,
        read: READ,
        note: 'AWS Price List usage type APN2-WriteRequestUnits ($0.00000068 per unit), after the November 2024 on-demand price cut',
      },
      perMillionReadUnits: {
        usd: 0.1355,
        per: '1 million read request units (on-demand)',
        source: DYNAMODB,
        read: READ,
        note: 'AWS Price List usage type APN2-ReadRequestUnits ($0.0000001355 per unit)',
      },
    },
  },
  'us-east-1': {
    ...common('us-east-1'),
    stepFunctions: {
      perThousandTransitions: {
        usd: 0.025,
        per: '1,000 state transitions (Standard)',
        source: STEP_FUNCTIONS,
        read: READ,
        note: 'US East (N. Virginia) row of the state transitions pricing table',
      },
    },
    s3: {
      perThousandTier1: { usd: 0.005, per: '1,000 PUT, COPY, POST or LIST requests (S3 Standard)', source: S3, read: READ },
      perThousandTier2: { usd: 0.0004, per: '1,000 GET and other requests (S3 Standard)', source: S3, read: READ },
    },
    dynamodb: {
      perMillionWriteUnits: {
        usd: 0.625,
        per: '1 million write request units (on-demand)',
        source: DYNAMODB,
        read: READ,
        note: 'after the November 2024 on-demand price cut',
      },
      perMillionReadUnits: { usd: 0.125, per: '1 million read request units (on-demand)', source: DYNAMODB, read: READ },
    },
  },
};

/** The table for `region`; an unpriced region is named with the ones that are. */
export function priceTableFor(region: string = DEFAULT_PRICE_REGION): PriceTable {
  const table = (PRICE_TABLES as Record<string, PriceTable | undefined>)[region];
  if (table === undefined) {
    throw new Error(`no prices for region '${region}': tasks/cost/prices.ts has ${Object.keys(PRICE_TABLES).join(', ')}`);
  }
  return table;
}
