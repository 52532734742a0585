// The local run measures what it would use on AWS and files it, priced, in the run manifest.
// One small run of the real pipeline (the ASL on aws-local-stepfunctions, DuckDB, dynalite, the
// folder lake), then each measure checked against what the run demonstrably did.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostMeter, recordRunCost, type RunCost } from '../../local/cost-meter.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { runStateMachine, type ExecutionOutcome } from '../../local/runner.js';
import { SQL_DIR, startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { estimateRunCost } from '../../tasks/cost/estimate.js';
import { priceTableFor } from '../../tasks/cost/prices.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import { listQuerySteps } from '../../tasks/query/steps.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dt = '2026-11-21';

describe('the cost of a local run', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;
  let outcome: ExecutionOutcome;
  let recorded: RunCost;
  const retries: string[] = [];

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: 20 } });
    const meter = new CostMeter(runtime);
    outcome = await runStateMachine(meter.bindings(runtime.bindings), { dt }, {
      onEvent: (event) => {
        if (event.type === 'StateRetried') retries.push(event.state ?? '');
        meter.onEvent(event);
      },
    });
    recorded = await recordRunCost(runtime.store, dt, meter.finish());
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  it('files the usage and its estimate in the run manifest', async () => {
    const manifest = await readManifest(runtime.store, dt);

    expect(outcome.status).toBe('SUCCEEDED');
    expect(manifest.cost).toEqual(JSON.parse(JSON.stringify(recorded)));
  });

  it('counts every state entered and every retry as a transition', () => {
    expect(recorded.usage.stateTransitions).toBe(outcome.stateTransitions + retries.length);
  });

  it('times each task function, with one Fetch, one Load and one Publish', () => {
    const byTask = Object.fromEntries(recorded.usage.lambda.map((task) => [task.task, task]));

    expect(Object.keys(byTask).sort()).toEqual(['AudioNeighbours', 'Crawl', 'Fetch', 'Load', 'Publish', 'Query', 'ResolveRunDate', 'RunLease']);
    expect([byTask.Fetch?.invocations, byTask.Load?.invocations, byTask.Publish?.invocations]).toEqual([1, 1, 1]);
    for (const task of recorded.usage.lambda) expect(task.billedMillis, task.task).toBeGreaterThan(0);
  });

  it('reports the bytes every SQL step scanned, from the steps that read the lake', async () => {
    const steps = await listQuerySteps(SQL_DIR);

    expect(recorded.usage.queries.map((query) => query.step)).toEqual(steps);
    for (const query of recorded.usage.queries) expect(query.bytesScanned, query.step).toBeGreaterThan(0);
  });

  it('reports the one crawl with its duration', () => {
    expect(recorded.usage.crawls).toHaveLength(1);
    expect(recorded.usage.crawls[0]?.seconds).toBeGreaterThanOrEqual(0);
  });

  it('counts the S3 requests of the run, a PUT for every object it wrote at least', async () => {
    const written = (await runtime.store.list('')).length;

    expect(recorded.usage.s3?.put).toBeGreaterThanOrEqual(written - 1);
    expect(recorded.usage.s3?.get).toBeGreaterThan(0);
  });

  it('counts at least one DynamoDB write request unit per item Publish wrote', async () => {
    const manifest = await readManifest(runtime.store, dt);
    const itemsWritten = (manifest.publish as { itemsWritten: number }).itemsWritten;

    // Each item is at least one unit (1 KB); the published marker is one more.
    expect(recorded.usage.dynamodb?.writeUnits).toBeGreaterThanOrEqual(itemsWritten + 1);
  });

  it('prices the usage with the Seoul table', () => {
    expect(recorded.estimate).toEqual(estimateRunCost(recorded.usage, priceTableFor('ap-northeast-2')));
  });
});

describe('CostMeter on its own', () => {
  it('learns the run date from the first state output that carries it, so a failed run is filed too', async () => {
    // Prepare
    const temp = await makeTempDir();
    const client = new DynamoDBClient({ region: 'local', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const meter = new CostMeter({ store: new FolderObjectStore(temp.path), dynamo: { client } });

    // Act
    meter.onEvent({ type: 'StateExited', state: 'ResolveRunDate', output: { run: { dt: '2026-11-22' } }, timestamp: 0 });
    meter.onEvent({ type: 'StateExited', state: 'FetchArtists', output: { run: { dt: 'other' } }, timestamp: 1 });

    // Assess
    expect(meter.runDate).toBe('2026-11-22');
    client.destroy();
    await temp.remove();
  });

  it('counts a retried state as one more transition', async () => {
    // Prepare
    const temp = await makeTempDir();
    const client = new DynamoDBClient({ region: 'local', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const meter = new CostMeter({ store: new FolderObjectStore(temp.path), dynamo: { client } });

    // Act
    meter.onEvent({ type: 'StateEntered', state: 'FetchArtists', timestamp: 0 });
    meter.onEvent({ type: 'StateRetried', state: 'FetchArtists', timestamp: 1 });
    meter.onEvent({ type: 'StateExited', state: 'FetchArtists', timestamp: 2 });

    // Assess
    expect(meter.finish().stateTransitions).toBe(2);
    client.destroy();
    await temp.remove();
  });
});
