import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../infra/cli/run-cli.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { itemKeys } from '../../tasks/contracts/result-items.js';
import { readPublishedMarker } from '../../tasks/publish/marker.js';
import { captureOutput, noSleep } from './capture.js';

// DynamoDB has a local engine: the command moves the real marker item, named by --table (no stack read).
let home: string;
let dynamo: LocalDynamoDb;
let results: DynamoDbResultsStore;

async function cli(argv: string[]) {
  const out = captureOutput();
  const err = captureOutput();
  const code = await runCli([...argv, '--table', dynamo.tableName], {
    env: {},
    out: out.write,
    err: err.write,
    clients: () => ({
      sfn: new SFNClient({ region: 'ap-northeast-2' }),
      cloudFormation: new CloudFormationClient({ region: 'ap-northeast-2' }),
      athena: new AthenaClient({ region: 'ap-northeast-2' }),
      dynamodb: dynamo.client,
    }),
    now: () => new Date('2026-11-24T09:30:00.000Z'),
    sleep: noSleep,
  });
  return { code, out: out.lines, err: err.text() };
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'sixpotify-cli-marker-'));
  dynamo = await startLocalDynamoDb(join(home, 'dynamodb'));
  results = new DynamoDbResultsStore(dynamo.client, dynamo.tableName);
});
afterAll(async () => {
  await dynamo.close();
  await rm(home, { recursive: true, force: true });
});
beforeEach(async () => {
  await results.putItems([{ pk: itemKeys.publishedPk, sk: itemKeys.publishedSk, dt: '2099-12-31', artists: 300 }]);
});

describe('npm run ops -- publish-marker', () => {
  it('shows where the published answers are', async () => {
    const { code, out } = await cli(['publish-marker']);

    expect(code).toBe(0);
    expect(out[0]).toBe('Published answers are at dt=2099-12-31: runs of older dates publish nothing.');
  });

  it('only says what it would do without --confirm', async () => {
    const { code, out } = await cli(['publish-marker', '--dt', '2026-11-20']);

    expect(code).toBe(0);
    expect(out.at(-1)).toBe('Nothing changed. To move it: npm run ops -- publish-marker --dt 2026-11-20 --confirm');
    expect((await readPublishedMarker(results))?.dt).toBe('2099-12-31');
  });

  it('moves the marker back with --confirm and says how to publish the date', async () => {
    const { code, out } = await cli(['publish-marker', '--dt', '2026-11-20', '--confirm']);

    expect(code).toBe(0);
    expect(out).toEqual([
      'Moved the published marker back from dt=2099-12-31 to dt=2026-11-20.',
      "Publish that date's answers now: npm run ops -- start --dt 2026-11-20 --watch",
    ]);
    expect((await readPublishedMarker(results))?.dt).toBe('2026-11-20');
  });

  it('refuses to move the marker forward, with the reason', async () => {
    await results.putItems([{ pk: itemKeys.publishedPk, sk: itemKeys.publishedSk, dt: '2026-11-20' }]);

    const { code, err } = await cli(['publish-marker', '--dt', '2026-11-23', '--confirm']);

    expect(code).toBe(1);
    expect(err).toContain('the published marker is at dt=2026-11-20; it can only be moved back');
  });

  it('refuses --confirm without --dt as a usage error', async () => {
    const { code, err } = await cli(['publish-marker', '--confirm']);

    expect(code).toBe(2);
    expect(err).toContain('publish-marker --confirm needs --dt');
  });
});
