// Run leases on DynamoDB, in the results table (the chatbot never reads these keys):
//   RUN#<dt>  LEASE  holder (execution ARN), acquiredAt, expiresAt (epoch seconds: the table's TTL attribute)
// A lease is taken with a conditional put, so of two executions for one dt exactly one wins; an
// expired lease (its run timed out or was stopped) can be taken over. DynamoDB's TTL deletes it later.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { RunLease, RunLeases } from '../ports.js';

export const runLeaseKey = (dt: string) => ({ pk: { S: `RUN#${dt}` }, sk: { S: 'LEASE' } });

export class DynamoDbRunLeases implements RunLeases {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async acquire(lease: RunLease, now: Date): Promise<RunLease> {
    // A lease released between our refused put and our read is gone: one more try takes it.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: {
              ...runLeaseKey(lease.dt),
              dt: { S: lease.dt },
              holder: { S: lease.holder },
              acquiredAt: { S: lease.acquiredAt },
              expiresAt: { N: String(epochSeconds(lease.expiresAt)) },
            },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now OR holder = :holder',
            ExpressionAttributeValues: { ':now': { N: String(epochSeconds(now.toISOString())) }, ':holder': { S: lease.holder } },
          }),
        );
        return lease;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const current = await this.read(lease.dt);
        if (current !== undefined || attempt >= 2) return current ?? lease;
      }
    }
  }

  async release(dt: string, holder: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: runLeaseKey(dt),
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': { S: holder } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async read(dt: string): Promise<RunLease | undefined> {
    const { Item: item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: runLeaseKey(dt), ConsistentRead: true }));
    if (item === undefined) return undefined;
    return {
      dt,
      holder: item.holder?.S ?? 'an unknown execution',
      acquiredAt: item.acquiredAt?.S ?? 'an unknown time',
      expiresAt: new Date(Number(item.expiresAt?.N ?? 0) * 1000).toISOString(),
    };
  }
}

function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
