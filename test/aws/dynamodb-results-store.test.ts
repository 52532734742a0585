// dynalite never leaves items unprocessed, so the retry of UnprocessedItems is driven with
// aws-sdk-client-mock; everything else about this adapter is tested against dynalite.
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';

const items = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ pk: `ARTIST#${index}`, sk: 'PROFILE', name: `Artist ${index}` }));

type BatchInput = { RequestItems: Record<string, { PutRequest: { Item: { pk: { S: string } } } }[]> };
const keysOf = (input: BatchInput) => (input.RequestItems.results ?? []).map((request) => request.PutRequest.Item.pk.S);

const dynamo = mockClient(DynamoDBClient);
afterEach(() => {
  dynamo.reset();
});

describe('DynamoDbResultsStore.putItems', () => {
  it('writes in batches of 25 and retries the items DynamoDB left unprocessed', async () => {
    // Prepare: the first batch comes back once with two items unprocessed.
    let throttled = false;
    dynamo.on(BatchWriteItemCommand).callsFake((input: BatchInput) => {
      const requests = input.RequestItems.results ?? [];
      if (throttled || keysOf(input)[0] !== 'ARTIST#0') return {};
      throttled = true;
      return { UnprocessedItems: { results: requests.slice(0, 2) } };
    });
    const sleeps: number[] = [];
    const store = new DynamoDbResultsStore(new DynamoDBClient({}), 'results', { sleep: async (ms) => void sleeps.push(ms) });

    // Act
    const written = await store.putItems(items(30));

    // Assess: the two unprocessed items went again, in a batch of their own, after one backoff.
    const batches = dynamo.commandCalls(BatchWriteItemCommand).map((call) => keysOf(call.args[0].input as BatchInput));
    expect(written).toBe(30);
    expect(batches.map((batch) => batch.length).sort((a, b) => a - b)).toEqual([2, 5, 25]);
    expect(batches.find((batch) => batch.length === 2)).toEqual(['ARTIST#0', 'ARTIST#1']);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up with a clear error when items stay unprocessed', async () => {
    dynamo.on(BatchWriteItemCommand).callsFake((input: BatchInput) => ({
      UnprocessedItems: { results: input.RequestItems.results },
    }));
    const store = new DynamoDbResultsStore(new DynamoDBClient({}), 'results', { sleep: async () => undefined });

    await expect(store.putItems(items(3))).rejects.toThrow('DynamoDB left 3 items unprocessed after 8 attempts');
  });

  it('keeps no more BatchWriteItem calls in flight than its concurrency', async () => {
    // Prepare: each call takes a few milliseconds, long enough for the others to pile up.
    let inFlight = 0;
    let most = 0;
    dynamo.on(BatchWriteItemCommand).callsFake(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await sleep(5);
      inFlight -= 1;
      return {};
    });
    const store = new DynamoDbResultsStore(new DynamoDBClient({}), 'results', { concurrency: 3 });

    // Act
    await store.putItems(items(25 * 10));

    // Assess
    expect({ calls: dynamo.commandCalls(BatchWriteItemCommand).length, most }).toEqual({ calls: 10, most: 3 });
  });

  it('sends every item exactly once when batches are in flight together', async () => {
    // Prepare
    dynamo.on(BatchWriteItemCommand).resolves({});
    const store = new DynamoDbResultsStore(new DynamoDBClient({}), 'results', { concurrency: 4 });

    // Act
    await store.putItems(items(260));

    // Assess
    const sent = dynamo.commandCalls(BatchWriteItemCommand).flatMap((call) => keysOf(call.args[0].input as BatchInput));
    expect(sent.sort()).toEqual(items(260).map((item) => item.pk).sort());
  });

  it('stops starting batches after one fails, and reports that failure', async () => {
    // Prepare: the second call is refused outright.
    let calls = 0;
    dynamo.on(BatchWriteItemCommand).callsFake(async () => {
      calls += 1;
      if (calls === 2) throw Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' });
      await sleep(2);
      return {};
    });
    const store = new DynamoDbResultsStore(new DynamoDBClient({}), 'results', { concurrency: 2 });

    // Act
    const writing = store.putItems(items(25 * 20));

    // Assess
    await expect(writing).rejects.toThrow('Requested resource not found');
    expect(dynamo.commandCalls(BatchWriteItemCommand).length).toBeLessThan(20);
  });
});
