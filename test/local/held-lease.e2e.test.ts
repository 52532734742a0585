// Two executions for one dt, on the local runner and dynalite: while one holds the date's lease, a
// second execution of the real ASL file ends at AcquireRunLease with RunAlreadyInProgress, alerts,
// touches neither the lake nor the other's lease.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateMachine, type ExecutionOutcome } from '../../local/runner.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { DynamoDbRunLeases, runLeaseKey } from '../../tasks/aws/dynamodb-run-leases.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dt = '2026-11-20';
const FIRST = 'arn:aws:states:local:000000000000:execution:sixpotify-pipeline:first';

describe('local pipeline, a second execution for a date another one runs', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let outcome: ExecutionOutcome;

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: 20 } });
    const now = new Date();
    await new DynamoDbRunLeases(runtime.dynamo.client, runtime.dynamo.tableName).acquire(
      { dt, holder: FIRST, acquiredAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString() },
      now,
    );
    outcome = await runStateMachine(runtime.bindings, { dt });
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('fails with RunAlreadyInProgress naming the execution that holds the date', () => {
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('RunAlreadyInProgress');
    expect(String(outcome.cause)).toContain(`dt ${dt} is already being run by ${FIRST}`);
  });

  it('stops at AcquireRunLease, through NotifyFailure, before fetching anything', () => {
    expect(outcome.states).toEqual(['ResolveRunDate', 'AcquireRunLease', 'NotifyFailure', 'IsRunDateKnown', 'ReleaseRunLeaseOnFailure', 'PipelineFailed']);
    expect(runtime.alerts).toEqual([expect.objectContaining({ Message: expect.objectContaining({ error: 'RunAlreadyInProgress' }) })]);
  });

  it('leaves the other execution its lease and the lake untouched', async () => {
    const { Item: item } = await runtime.dynamo.client.send(new GetItemCommand({ TableName: runtime.dynamo.tableName, Key: runLeaseKey(dt) }));
    expect(item?.holder?.S).toBe(FIRST);
    expect(await runtime.store.list('raw/')).toEqual([]);
    expect(await runtime.store.list('staging/')).toEqual([]);
  });
});
