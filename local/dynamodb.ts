// The local chatbot store: dynalite (a DynamoDB-compatible server on LevelDB) on 127.0.0.1, with its
// data on disk, reached through the same @aws-sdk/client-dynamodb client the Lambdas use.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export const LOCAL_RESULTS_TABLE = 'sixpotify-results';

export interface LocalDynamoDb {
  client: DynamoDBClient;
  tableName: string;
  endpoint: string;
  close(): Promise<void>;
}

/** Starts dynalite over `dataDir` (created if needed) and makes sure the results table exists. */
export async function startLocalDynamoDb(dataDir: string): Promise<LocalDynamoDb> {
  await mkdir(dataDir, { recursive: true });
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ready());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // dynalite accepts any credentials; fixed ones keep the SDK from searching the environment.
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  await ensureResultsTable(client, LOCAL_RESULTS_TABLE);
  return {
    client,
    tableName: LOCAL_RESULTS_TABLE,
    endpoint,
    close: async () => {
      client.destroy();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

/** The same key schema CDK gives the table: pk/sk strings, on-demand. */
async function ensureResultsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if ((await tableStatus(client, tableName)) === undefined) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  }
  // Writes to a table still CREATING fail with ResourceNotFoundException, as on DynamoDB.
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await tableStatus(client, tableName)) === 'ACTIVE') return;
    await sleep(10);
  }
  throw new Error(`local table ${tableName} did not become ACTIVE`);
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
