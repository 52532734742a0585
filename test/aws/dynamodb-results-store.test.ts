// dynalite never leaves items unprocessed, so the retry of UnprocessedItems is driven with
// aws-sdk-client-mock; everything else about this adapter is tested against dynalite.
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';

const items = Array.from({ length: 30 }, (_, index) => ({ pk: `ARTIST#${index}`, sk: 'PROFILE', name: `Artist ${index}` }));

describe('DynamoDbResultsStore.putItems', () => {
  it('writes in batches of 25 and retries the items DynamoDB left unprocessed', async () => {
    // Prepare: the first batch comes back with two items unprocessed.
    const dynamo = mockClient(DynamoDBClient);
    let calls = 0;
    dynamo.on(BatchWriteItemCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => {
      calls += 1;
      const requests = input.RequestItems.results ?? [];
      return calls === 1 ? { UnprocessedItems: { results: requests.slice(0, 2) } } : {};
    });
    const sleeps: number[] = [];
    const store = new DynamoDbResultsStore(new DynamoDBClient({}), 'results', async (ms) => void sleeps.push(ms));

    // Act
    const written = await store.putItems(items);

    // Assess
    const batchSizes = dynamo.commandCalls(BatchWriteItemCommand).map((call) => call.args[0].input.RequestItems?.results?.length);
    expect(written).toBe(30);
    expect(batchSizes).toEqual([25, 2, 5]);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up with a clear error when items stay unprocessed', async () => {
    const dynamo = mockClient(DynamoDBClient);
    dynamo.on(BatchWriteItemCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => ({
      UnprocessedItems: { results: input.RequestItems.results },
    }));
    const store = new DynamoDbResultsStore(new DynamoDBClient({}), 'results', async () => undefined);

    await expect(store.putItems(items.slice(0, 3))).rejects.toThrow('DynamoDB left 3 items unprocessed after 8 attempts');
  });
});
