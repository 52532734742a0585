// The chatbot's store on DynamoDB. Both runtimes use this adapter: AWS DynamoDB in Lambda, and the
// same client pointed at dynalite on 127.0.0.1 locally.
import {
  BatchWriteItemCommand,
  GetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as wait } from 'node:timers/promises';
import { forEachBounded } from '../concurrency.js';
import type { ResultItem, ResultsStore } from '../ports.js';
import { fromAttributeMap, toAttributeMap } from './dynamodb-codec.js';

const BATCH_SIZE = 25; // BatchWriteItem's limit
const MAX_ATTEMPTS = 8;
/**
 * BatchWriteItem calls in flight at once. One call waits a network round trip; several keep the table
 * busy. Kept small: on-demand tables absorb it, and throttled items come back as UnprocessedItems,
 * which each batch retries with backoff on its own.
 */
export const DEFAULT_WRITE_CONCURRENCY = 8;

export interface DynamoDbResultsStoreOptions {
  /** BatchWriteItem calls in flight at once (default DEFAULT_WRITE_CONCURRENCY). */
  concurrency?: number;
  /** Waits between retries of UnprocessedItems; tests replace it. */
  sleep?: (ms: number) => Promise<unknown>;
}

export class DynamoDbResultsStore implements ResultsStore {
  private readonly concurrency: number;
  private readonly sleep: (ms: number) => Promise<unknown>;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    options: DynamoDbResultsStoreOptions = {},
  ) {
    this.concurrency = options.concurrency ?? DEFAULT_WRITE_CONCURRENCY;
    this.sleep = options.sleep ?? ((ms) => wait(ms));
  }

  async putItems(items: readonly ResultItem[]): Promise<number> {
    const batches: ResultItem[][] = [];
    for (let start = 0; start < items.length; start += BATCH_SIZE) batches.push(items.slice(start, start + BATCH_SIZE));
    await forEachBounded(batches, this.concurrency, (batch) =>
      this.writeBatch(batch.map((item) => ({ PutRequest: { Item: toAttributeMap(item) } }))),
    );
    return items.length;
  }

  async get(pk: string, sk: string): Promise<ResultItem | undefined> {
    const response = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }),
    );
    return response.Item ? (fromAttributeMap(response.Item) as ResultItem) : undefined;
  }

  async query(pk: string): Promise<ResultItem[]> {
    const items: ResultItem[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(response.Items ?? []).map((item) => fromAttributeMap(item) as ResultItem));
      startKey = response.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  /** Writes one batch, retrying UnprocessedItems with jittered exponential backoff. */
  private async writeBatch(requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > MAX_ATTEMPTS) {
        throw new Error(`DynamoDB left ${pending.length} items unprocessed after ${MAX_ATTEMPTS} attempts`);
      }
      const response = await this.client.send(
        new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = response.UnprocessedItems?.[this.tableName] ?? [];
      if (pending.length > 0) await this.sleep(Math.random() * Math.min(5_000, 50 * 2 ** attempt));
    }
  }
}
