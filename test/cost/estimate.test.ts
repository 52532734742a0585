// The estimate prices usage with the table and nothing else. Every expected amount below is worked
// out by hand from the Seoul (or N. Virginia) row of tasks/cost/prices.ts, written as the
// arithmetic, not copied from an output.
import { describe, expect, it } from 'vitest';
import { describeCost } from '../../tasks/cost/describe.js';
import { costByService, estimateRunCost, formatUsd, type CostLine } from '../../tasks/cost/estimate.js';
import { priceTableFor } from '../../tasks/cost/prices.js';
import type { RunUsage } from '../../tasks/cost/usage.js';

const SEOUL = priceTableFor('ap-northeast-2');
const VIRGINIA = priceTableFor('us-east-1');
const MB = 1024 ** 2;
const TB = 1024 ** 4;

function usage(partial: Partial<RunUsage>): RunUsage {
  return { stateTransitions: 0, lambda: [], queries: [], crawls: [], ...partial };
}

function line(lines: CostLine[], item: string): CostLine {
  const found = lines.find((candidate) => candidate.item === item);
  if (found === undefined) throw new Error(`no line '${item}' in ${JSON.stringify(lines)}`);
  return found;
}

describe('estimateRunCost', () => {
  it('prices state transitions per thousand at the Seoul rate', () => {
    // Act
    const estimate = estimateRunCost(usage({ stateTransitions: 100 }), SEOUL);

    // Assess: 100 / 1000 x $0.0271
    expect(line(estimate.lines, 'state transitions').usd).toBeCloseTo(0.00271, 12);
  });

  it('prices state transitions at the N. Virginia rate when that table is used', () => {
    // Act
    const estimate = estimateRunCost(usage({ stateTransitions: 100 }), VIRGINIA);

    // Assess: 100 / 1000 x $0.025
    expect(estimate.usd).toBeCloseTo(0.0025, 12);
    expect(estimate.region).toBe('us-east-1');
  });

  it('prices a task as its memory times its billed time at the arm64 rate, plus its requests', () => {
    // Act: Fetch is 1024 MB; 2 invocations of 1.5 s in all
    const estimate = estimateRunCost(usage({ lambda: [{ task: 'Fetch', invocations: 2, billedMillis: 1500 }] }), SEOUL);

    // Assess: 1 GB x 1.5 s = 1.5 GB-s x $0.0000133334, plus 2 x $0.20 / 1,000,000
    expect(line(estimate.lines, 'Fetch').usd).toBeCloseTo(1.5 * 0.0000133334 + 2 * 0.0000002, 15);
    expect(line(estimate.lines, 'Fetch').driver).toBe('2 invocation(s), 1.50 GB-s at 1024 MB');
  });

  it('takes each task memory from the sizes CDK deploys: Query is 512 MB', () => {
    // Act: 4 s of Query
    const estimate = estimateRunCost(usage({ lambda: [{ task: 'Query', invocations: 1, billedMillis: 4000 }] }), SEOUL);

    // Assess: 0.5 GB x 4 s = 2 GB-s
    expect(line(estimate.lines, 'Query').usd).toBeCloseTo(2 * 0.0000133334 + 0.0000002, 15);
  });

  it('prices x86_64 at its own rate when the sizing says so', () => {
    // Act
    const estimate = estimateRunCost(usage({ lambda: [{ task: 'Load', invocations: 1, billedMillis: 1000 }] }), SEOUL, {
      architecture: 'x86_64',
      memoryOf: () => 2048,
    });

    // Assess: 2 GB x 1 s = 2 GB-s x $0.0000166667
    expect(line(estimate.lines, 'Load').usd).toBeCloseTo(2 * 0.0000166667 + 0.0000002, 15);
  });

  it('names a task the sizes table does not know and prices it at 1024 MB', () => {
    // Act
    const estimate = estimateRunCost(usage({ lambda: [{ task: 'Reindex', invocations: 1, billedMillis: 1000 }] }), SEOUL);

    // Assess
    expect(line(estimate.lines, 'Reindex').usd).toBeCloseTo(0.0000133334 + 0.0000002, 15);
    expect(line(estimate.lines, 'Reindex').driver).toContain('not in tasks/lambda-sizes.ts');
  });

  it('bills a small query at the 10 MB minimum', () => {
    // Act
    const estimate = estimateRunCost(usage({ queries: [{ step: '01_artists', bytesScanned: 3 * MB }] }), SEOUL);

    // Assess: 10 MB / 1 TB x $5
    expect(line(estimate.lines, '01_artists').usd).toBeCloseTo(((10 * MB) / TB) * 5, 15);
    expect(line(estimate.lines, '01_artists').driver).toBe('3.0 MB scanned, billed at the 10.0 MB minimum');
  });

  it('rounds the bytes of a larger query up to whole megabytes', () => {
    // Act: 25.5 MB scanned
    const estimate = estimateRunCost(usage({ queries: [{ step: '07_artist_similarity', bytesScanned: 25.5 * MB }] }), SEOUL);

    // Assess: billed as 26 MB
    expect(line(estimate.lines, '07_artist_similarity').usd).toBeCloseTo(((26 * MB) / TB) * 5, 15);
  });

  it('bills a short local crawl the 10-minute minimum of one assumed DPU', () => {
    // Act: a 12-second crawl
    const estimate = estimateRunCost(usage({ crawls: [{ seconds: 12 }] }), SEOUL);

    // Assess: 1 DPU x 10/60 h x $0.44
    expect(line(estimate.lines, 'crawl 1').usd).toBeCloseTo((10 / 60) * 0.44, 12);
    expect(line(estimate.lines, 'crawl 1').driver).toContain('billed the 10-minute minimum (1 DPU assumed)');
  });

  it('scales a short crawl with measured DPU-hours up to the 10-minute minimum of its DPUs', () => {
    // Act: 90 s using 0.05 DPU-h, so 2 DPUs
    const estimate = estimateRunCost(usage({ crawls: [{ seconds: 90, dpuHours: 0.05 }] }), SEOUL);

    // Assess: 2 DPU x 10/60 h x $0.44
    expect(line(estimate.lines, 'crawl 1').usd).toBeCloseTo(2 * (10 / 60) * 0.44, 12);
  });

  it('bills a crawl longer than the minimum for the DPU-hours it used', () => {
    // Act: 15 minutes using 0.5 DPU-h
    const estimate = estimateRunCost(usage({ crawls: [{ seconds: 900, dpuHours: 0.5 }] }), SEOUL);

    // Assess
    expect(line(estimate.lines, 'crawl 1').usd).toBeCloseTo(0.5 * 0.44, 12);
  });

  it('prices PUT and LIST at the tier-1 rate, GET at the tier-2 rate and DELETE at nothing', () => {
    // Act
    const estimate = estimateRunCost(usage({ s3: { put: 200, list: 50, get: 1000, delete: 30 } }), SEOUL);

    // Assess: 250 / 1000 x $0.0045 and 1000 / 1000 x $0.00035
    expect(line(estimate.lines, 'PUT and LIST requests').usd).toBeCloseTo(0.25 * 0.0045, 15);
    expect(line(estimate.lines, 'GET requests').usd).toBeCloseTo(0.00035, 15);
  });

  it('prices DynamoDB write and read request units per million', () => {
    // Act
    const estimate = estimateRunCost(usage({ dynamodb: { writeUnits: 5000, readUnits: 10 } }), SEOUL);

    // Assess: 5000 / 1e6 x $0.68 and 10 / 1e6 x $0.1355
    expect(line(estimate.lines, 'write request units').usd).toBeCloseTo(0.0034, 15);
    expect(line(estimate.lines, 'read request units').usd).toBeCloseTo(0.000001355, 15);
  });

  it('leaves out the services whose usage was not measured', () => {
    // Act
    const estimate = estimateRunCost(usage({ stateTransitions: 10 }), SEOUL);

    // Assess
    expect(estimate.lines.map((entry) => entry.service)).toEqual(['Step Functions']);
  });

  it('totals every line', () => {
    // Act
    const estimate = estimateRunCost(usage({ stateTransitions: 1000, crawls: [{ seconds: 1 }] }), SEOUL);

    // Assess: $0.0271 + 1/6 x $0.44
    expect(estimate.usd).toBeCloseTo(0.0271 + 0.44 / 6, 12);
  });
});

describe('costByService', () => {
  it('orders services by cost and keeps each one most expensive line', () => {
    // Prepare
    const estimate = estimateRunCost(
      usage({
        stateTransitions: 100,
        queries: [
          { step: '01_artists', bytesScanned: MB },
          { step: '07_artist_similarity', bytesScanned: 40 * MB },
        ],
        crawls: [{ seconds: 5 }],
      }),
      SEOUL,
    );

    // Act
    const services = costByService(estimate);

    // Assess
    expect(services.map((service) => service.service)).toEqual(['Glue crawler', 'Step Functions', 'Athena']);
    expect(services[2]?.top.item).toBe('07_artist_similarity');
    expect(services[2]?.usd).toBeCloseTo(((50 * MB) / TB) * 5, 15);
  });
});

describe('formatUsd', () => {
  it('shows four significant digits below a dollar', () => {
    expect([formatUsd(0.0733333), formatUsd(0.00271), formatUsd(1.234)]).toEqual(['$0.07333', '$0.00271', '$1.23']);
  });
});

describe('describeCost', () => {
  it('gives the total, then each of the top services with its largest line, then the rest in one line', () => {
    // Prepare
    const estimate = estimateRunCost(
      usage({
        stateTransitions: 100,
        queries: [
          { step: '01_artists', bytesScanned: MB },
          { step: '07_artist_similarity', bytesScanned: 40 * MB },
        ],
        crawls: [{ seconds: 5 }],
        dynamodb: { writeUnits: 10, readUnits: 1 },
      }),
      SEOUL,
    );

    // Act
    const lines = describeCost(estimate, 2);

    // Assess: $0.00271 + $0.07333 + 50 MB of Athena + 10 WRU + 1 RRU
    expect(lines).toEqual([
      `${formatUsd(estimate.usd)} per run (ap-northeast-2 list prices read 2026-12-02, before free tiers)`,
      '  Glue crawler      $0.07333  crawl 1: ran 5.0 s, billed the 10-minute minimum (1 DPU assumed), 0.167 DPU-h',
      '  Step Functions    $0.00271  state transitions: 100 state transitions',
      `  the rest       ${formatUsd(((50 * MB) / TB) * 5 + (10 / 1e6) * 0.68 + (1 / 1e6) * 0.1355).padStart(11)}  Athena, DynamoDB`,
    ]);
  });
});
