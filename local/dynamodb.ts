// The local chatbot store: dynalite (a DynamoDB-compatible server on LevelDB) on 127.0.0.1, with its
// data on disk, reached through the same @aws-sdk/client-dynamodb client the Lambdas use.
// LevelDB lets one process open the data folder, so one process serves it at a time, saying so in
// the home's dynamodb.lock with its endpoint: a lookup during a run reads through the run's
// endpoint; a lookup or a run that finds another lookup serving waits for it to end (a second).
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
import { DynamoDbResultsStore } from '../tasks/aws/dynamodb-results-store.js';
import { acquireLock, describeHolder, LockHeld } from './lock-file.js';
import type { HomeLayout } from './paths.js';

export const LOCAL_RESULTS_TABLE = 'sixpotify-results';

export interface LocalDynamoDb {
  client: DynamoDBClient;
  tableName: string;
  endpoint: string;
  close(): Promise<void>;
}

/**
 * What a process does with the home's local DynamoDB: `run` writes (npm start); `lookup` reads (npm run similar)
 * and writes only the profile of an artist it had to look up on Spotify, as the chatbot Lambda does.
 */
export type LocalDynamoDbRole = 'run' | 'lookup';

/** Another process served the home's local DynamoDB for longer than this process would wait. */
export class LocalDynamoDbBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalDynamoDbBusy';
  }
}

const WAIT_FOR_SERVER_MS = 15_000;

/**
 * The home's local DynamoDB for this process: served here (dynalite over the home's data folder)
 * when no other process serves it; during a run, a lookup shares the run's endpoint instead; any
 * other holder (a lookup, a run starting up) is waited for, up to `waitMs`.
 */
export async function openLocalDynamoDb(
  layout: Pick<HomeLayout, 'dynamodb' | 'dynamodbLock'>,
  role: LocalDynamoDbRole,
  waitMs = WAIT_FOR_SERVER_MS,
): Promise<LocalDynamoDb> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const lock = await acquireLock(layout.dynamodbLock, role);
      try {
        const served = await startLocalDynamoDb(layout.dynamodb);
        await lock.update({ endpoint: served.endpoint });
        return {
          ...served,
          close: async () => {
            await served.close();
            await lock.release();
          },
        };
      } catch (error) {
        await lock.release();
        throw error;
      }
    } catch (error) {
      if (!(error instanceof LockHeld)) throw error;
      const { holder } = error;
      if (role === 'lookup' && holder.role === 'run' && holder.endpoint !== undefined) return connectLocalDynamoDb(holder.endpoint);
      if (Date.now() >= deadline) {
        throw new LocalDynamoDbBusy(
          `the local DynamoDB in ${layout.dynamodb} is in use by ${describeHolder(holder)} and was not freed within ` +
            `${Math.round(waitMs / 1000)} s; try again when it ends`,
        );
      }
      await sleep(100);
    }
  }
}

/**
 * Runs `read` against the home's results as a lookup. A run that ends while the lookup reads
 * through its endpoint closes that endpoint: the lookup then opens the data itself and reads again, once.
 */
export async function readLocalResults<T>(
  layout: Pick<HomeLayout, 'dynamodb' | 'dynamodbLock'>,
  read: (results: DynamoDbResultsStore) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const dynamo = await openLocalDynamoDb(layout, 'lookup');
    try {
      return await read(new DynamoDbResultsStore(dynamo.client, dynamo.tableName));
    } catch (error) {
      if (attempt >= 2 || !isConnectionLost(error)) throw error;
    } finally {
      await dynamo.close();
    }
  }
}

function isConnectionLost(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE';
}

/** A client for a local DynamoDB another process serves; closing it leaves that server running. */
function connectLocalDynamoDb(endpoint: string): LocalDynamoDb {
  const client = localClient(endpoint);
  return {
    client,
    tableName: LOCAL_RESULTS_TABLE,
    endpoint,
    close: async () => {
      client.destroy();
    },
  };
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
  const connected = connectLocalDynamoDb(`http://127.0.0.1:${port}`);
  await ensureResultsTable(connected.client, LOCAL_RESULTS_TABLE);
  return {
    ...connected,
    close: async () => {
      await connected.close();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

function localClient(endpoint: string): DynamoDBClient {
  // dynalite accepts any credentials; fixed ones keep the SDK from searching the environment.
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
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
