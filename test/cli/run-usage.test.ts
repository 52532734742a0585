// What an execution used, read from its history: the same figures a local run measures.
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { executionHistory, taskFunctionsByState, usageFromHistory } from '../../infra/cli/run-usage.js';
import { estimateRunCost } from '../../tasks/cost/estimate.js';
import { priceTableFor } from '../../tasks/cost/prices.js';
import { executionArn } from './capture.js';
import { HISTORY, HISTORY_COST_SEOUL } from './history-fixture.js';

const sfn = mockClient(SFNClient);

afterEach(() => {
  sfn.reset();
});

describe('taskFunctionsByState', () => {
  it('maps each Task state of the deployed definition to the function it invokes, Map states included', () => {
    const byState = taskFunctionsByState();

    expect([byState.get('FetchArtists'), byState.get('GetQueryStatus'), byState.get('StartCrawler'), byState.get('NotifyFailure')]).toEqual([
      'Fetch',
      'Query',
      'Crawl',
      undefined,
    ]);
  });
});

describe('usageFromHistory', () => {
  it('counts the states entered plus each retry as transitions', () => {
    expect(usageFromHistory(HISTORY).stateTransitions).toBe(7);
  });

  it('times each Lambda invocation from its start to its end, a failed attempt included, under its task', () => {
    expect(usageFromHistory(HISTORY).lambda).toEqual([
      { task: 'ResolveRunDate', invocations: 1, billedMillis: 100 },
      { task: 'Fetch', invocations: 2, billedMillis: 2500 },
      { task: 'Crawl', invocations: 1, billedMillis: 50 },
      { task: 'Query', invocations: 1, billedMillis: 40 },
      { task: 'Publish', invocations: 1, billedMillis: 1000 },
    ]);
  });

  it('reads the bytes scanned and the crawl DPU-hours from the outputs of the states that saw them finish', () => {
    const usage = usageFromHistory(HISTORY);

    expect(usage.queries).toEqual([{ step: '07_artist_similarity', bytesScanned: 25 * 1024 ** 2 }]);
    expect(usage.crawls).toEqual([{ seconds: 90, dpuHours: 0.05 }]);
  });

  it('counts DynamoDB at its lower bound, a write unit per item published plus the marker, and no S3', () => {
    const usage = usageFromHistory(HISTORY);

    expect(usage.dynamodb).toEqual({ writeUnits: 100, readUnits: 1 });
    expect(usage.s3).toBeUndefined();
  });

  it('prices to the hand-worked Seoul cost of the run', () => {
    expect(estimateRunCost(usageFromHistory(HISTORY), priceTableFor('ap-northeast-2')).usd).toBeCloseTo(HISTORY_COST_SEOUL, 12);
  });
});

describe('executionHistory', () => {
  it('reads every page, with the states outputs', async () => {
    // Prepare
    const arn = executionArn('dt-2026-11-23-x');
    sfn.on(GetExecutionHistoryCommand, { executionArn: arn, nextToken: undefined }).resolves({ events: HISTORY.slice(0, 10), nextToken: 'p2' });
    sfn.on(GetExecutionHistoryCommand, { executionArn: arn, nextToken: 'p2' }).resolves({ events: HISTORY.slice(10) });

    // Act
    const events = await executionHistory(new SFNClient({ region: 'ap-northeast-2' }), arn);

    // Assess
    expect(events).toEqual(HISTORY);
    expect(sfn.commandCalls(GetExecutionHistoryCommand).every((call) => call.args[0].input.includeExecutionData === true)).toBe(true);
  });
});
