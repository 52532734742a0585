// The run lease on dynalite, through the same DynamoDB adapter the Lambda uses: one execution per dt,
// renewed by its holder, taken over once expired, given back only by its holder.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { DynamoDbRunLeases, runLeaseKey } from '../../tasks/aws/dynamodb-run-leases.js';
import { InvalidRunDate, InvalidTaskInput, RunAlreadyInProgress } from '../../tasks/errors.js';
import { handleRunLease } from '../../tasks/run-lease/handle.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const FIRST = 'arn:aws:states:eu-west-1:123456789012:execution:sixpotify:first';
const SECOND = 'arn:aws:states:eu-west-1:123456789012:execution:sixpotify:second';
const LEASE_SECONDS = 4 * 3600 + 900;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dynamo: LocalDynamoDb;
let now: Date;
let dt: string;
let dates = 0;

const lease = (action: 'acquire' | 'release', execution: string) =>
  handleRunLease(
    { action, dt, execution },
    { leases: new DynamoDbRunLeases(dynamo.client, dynamo.tableName), clock: { now: () => now }, logger: new RecordingLogger(), leaseSeconds: LEASE_SECONDS },
  );

async function holderOf(date: string): Promise<string | undefined> {
  const { Item: item } = await dynamo.client.send(new GetItemCommand({ TableName: dynamo.tableName, Key: runLeaseKey(date), ConsistentRead: true }));
  return item?.holder?.S;
}

beforeAll(async () => {
  temp = await makeTempDir();
  dynamo = await startLocalDynamoDb(join(temp.path, 'dynamodb'));
});
afterAll(async () => {
  await dynamo.close();
  await temp.remove();
});
beforeEach(() => {
  // Each test its own date, so leases never meet across tests.
  dates += 1;
  dt = `2026-11-${String(dates).padStart(2, '0')}`;
  now = new Date('2026-11-30T01:00:00Z');
});

describe('AcquireRunLease', () => {
  it('takes the lease of a date nobody runs, until the state machine timeout and a margin', async () => {
    // Act
    const taken = await lease('acquire', FIRST);

    // Assess
    expect(taken).toEqual({ dt, holder: FIRST, expiresAt: '2026-11-30T05:15:00.000Z' });
    expect(await holderOf(dt)).toBe(FIRST);
  });

  it('refuses a second execution for the same date with RunAlreadyInProgress naming the holder', async () => {
    // Prepare
    await lease('acquire', FIRST);
    now = new Date('2026-11-30T02:00:00Z');

    // Act
    const second = lease('acquire', SECOND);

    // Assess
    await expect(second).rejects.toThrow(RunAlreadyInProgress);
    await expect(second).rejects.toThrow(`dt ${dt} is already being run by ${FIRST} (since 2026-11-30T01:00:00.000Z); this execution stopped before touching the date`);
    expect(await holderOf(dt)).toBe(FIRST);
  });

  it('gives the same execution its lease again, as a retry or a redrive needs', async () => {
    // Prepare
    await lease('acquire', FIRST);

    // Act
    const again = await lease('acquire', FIRST);

    // Assess
    expect(again).toMatchObject({ holder: FIRST });
  });

  it('takes over a lease that has expired (its run was stopped or timed out)', async () => {
    // Prepare
    await lease('acquire', FIRST);
    now = new Date('2026-11-30T05:15:00Z');

    // Act
    const taken = await lease('acquire', SECOND);

    // Assess
    expect(taken).toMatchObject({ holder: SECOND });
    expect(await holderOf(dt)).toBe(SECOND);
  });

  it('leaves another date free', async () => {
    // Prepare
    await lease('acquire', FIRST);
    dt = `${dt.slice(0, 8)}28`;

    // Act
    const other = await lease('acquire', SECOND);

    // Assess
    expect(other).toMatchObject({ holder: SECOND });
  });
});

describe('ReleaseRunLease', () => {
  it('gives the holder’s lease back, so the next execution for the date can run', async () => {
    // Prepare
    await lease('acquire', FIRST);

    // Act
    const released = await lease('release', FIRST);
    const next = await lease('acquire', SECOND);

    // Assess
    expect(released).toEqual({ dt, released: true });
    expect(next).toMatchObject({ holder: SECOND });
  });

  it('never gives back another execution’s lease', async () => {
    // Prepare
    await lease('acquire', FIRST);

    // Act
    const released = await lease('release', SECOND);

    // Assess
    expect(released).toEqual({ dt, released: false });
    expect(await holderOf(dt)).toBe(FIRST);
  });
});

describe('handleRunLease', () => {
  it('refuses input without an execution with InvalidTaskInput', async () => {
    // Act
    const handling = handleRunLease({ action: 'acquire', dt: '2026-11-20' }, { leases: new DynamoDbRunLeases(dynamo.client, dynamo.tableName), clock: { now: () => now }, logger: new RecordingLogger(), leaseSeconds: 1 });

    // Assess
    await expect(handling).rejects.toThrow(InvalidTaskInput);
  });

  it('refuses a malformed dt with InvalidRunDate', async () => {
    // Act
    const handling = handleRunLease({ action: 'acquire', dt: '2026-13-01', execution: FIRST }, { leases: new DynamoDbRunLeases(dynamo.client, dynamo.tableName), clock: { now: () => now }, logger: new RecordingLogger(), leaseSeconds: 1 });

    // Assess
    await expect(handling).rejects.toThrow(InvalidRunDate);
  });
});
