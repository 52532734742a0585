// One writer per local home, many readers, with real processes: a second `npm start` stops and says
// who holds the home, a lock left by a dead process is cleared, and `npm run similar` answers during
// a run and beside another lookup, never with dynalite's "Database is closed".
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDynamoDbBusy, openLocalDynamoDb } from '../../local/dynamodb.js';
import { acquireLock, LockHeld } from '../../local/lock-file.js';
import { homeLayout } from '../../local/paths.js';
import { LocalRunInProgress, acquireRunLock } from '../../local/run-lock.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { itemsForArtist } from '../../tasks/publish/items.js';
import { deadPid, runScript, startHolder, type Holder } from '../helpers/processes.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
const holders: Holder[] = [];

async function hold(...args: string[]): Promise<Holder> {
  const holder = await startHolder(...args);
  holders.push(holder);
  return holder;
}

/** Publishes IU and one neighbour into the home's local DynamoDB and records it as the last run. */
async function publishSample(): Promise<void> {
  const dynamo = await openLocalDynamoDb(homeLayout(home), 'run');
  const row = {
    artist_id: '3HqSLMAZ3g3d5poNaI7GOU',
    name: 'IU',
    genres: ['k-pop'],
    neighbours: [{ artist_id: '6HvZYsbFfjnjFrWF950C9d', name: 'NewJeans', rank: 1, score: 0.8, signals: ['collaboration'], shared_tracks: 2 }],
  };
  await new DynamoDbResultsStore(dynamo.client, dynamo.tableName).putItems(itemsForArtist(row, '2026-11-20', 2_000_000_000));
  await dynamo.close();
  await writeFile(join(temp.path, 'last-run.json'), JSON.stringify({ home, dt: '2026-11-20', status: 'SUCCEEDED' }));
}

beforeEach(async () => {
  temp = await makeTempDir();
  home = join(temp.path, 'sample');
});
afterEach(async () => {
  for (const holder of holders.splice(0)) await holder.stop();
  await temp.remove();
});

describe('lock files', () => {
  it('refuse a second holder and name the live process that holds the lock', async () => {
    // Prepare
    const path = join(temp.path, 'x.lock');
    const holder = await hold('lock', path, 'run');

    // Act
    const taking = acquireLock(path, 'run');

    // Assess
    await expect(taking).rejects.toThrow(LockHeld);
    await expect(taking).rejects.toThrow(new RegExp(`^x\\.lock is held by pid ${holder.pid} \\(test/helpers/hold-home\\.ts lock .*\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`));
  });

  it('clear a lock left by a process that is gone, and take it', async () => {
    // Prepare
    const path = join(temp.path, 'x.lock');
    await writeFile(path, JSON.stringify({ pid: await deadPid(), since: '2026-11-20T01:00:00.000Z', command: 'npm start', role: 'run' }));

    // Act
    const lock = await acquireLock(path, 'run');

    // Assess
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid, role: 'run' });
    await lock.release();
  });

  it('remove the file when its holder releases it', async () => {
    // Prepare
    const path = join(temp.path, 'x.lock');
    const lock = await acquireLock(path, 'run');

    // Act
    await lock.release();

    // Assess
    expect(existsSync(path)).toBe(false);
  });
});

describe('npm start on a home another run holds', () => {
  it('stops at once with LocalRunInProgress, who holds the home and since when', async () => {
    // Prepare
    const run = await hold('run', home);

    // Act
    const taking = acquireRunLock(homeLayout(home));

    // Assess
    await expect(taking).rejects.toThrow(LocalRunInProgress);
    await expect(taking).rejects.toThrow(new RegExp(`^another run is writing ${home}: pid ${run.pid} \\(.*\\) since .*; \`npm run similar\``));
  });

  it('refuses as a process, with one clear line, and writes nothing to the lake', async () => {
    // Prepare
    const sampleHome = join(temp.path, 'sample-20');
    const run = await hold('run', sampleHome);

    // Act
    const second = await runScript('local/start.ts', ['--artists', '20'], { SIXPOTIFY_HOME: temp.path });

    // Assess
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`^✗ LocalRunInProgress: another run is writing ${sampleHome}: pid ${run.pid} \\(.*\\) since `));
    expect(second.stderr).not.toMatch(/usage/);
    expect(existsSync(join(sampleHome, 'lake'))).toBe(false);
  });
});

describe('npm run similar', () => {
  it('answers during a run, through the DynamoDB the run serves', async () => {
    // Prepare
    await publishSample();
    await hold('run', home);

    // Act
    const lookup = await runScript('local/similar.ts', ['IU'], { SIXPOTIFY_HOME: temp.path });

    // Assess
    // Only the line naming the data set read: no error.
    expect(lookup.stderr).toMatch(/^data set: sample \([^\n]*\n$/);
    expect(lookup.code).toBe(0);
    expect(lookup.stdout).toMatch(/^IU \(3HqSLMAZ3g3d5poNaI7GOU\), published for dt=2026-11-20\n.*\n\s+1\. NewJeans\s+0\.800/);
  });

  it('answers two lookups at once', async () => {
    // Prepare
    await publishSample();

    // Act
    const lookups = await Promise.all([1, 2].map(() => runScript('local/similar.ts', ['IU'], { SIXPOTIFY_HOME: temp.path })));

    // Assess
    const dataSetLine = expect.stringMatching(/^data set: sample \([^\n]*\n$/);
    expect(lookups.map((lookup) => [lookup.code, lookup.stderr])).toEqual([[0, dataSetLine], [0, dataSetLine]]);
    for (const lookup of lookups) expect(lookup.stdout).toContain('1. NewJeans');
  });

  it('says who keeps the local DynamoDB busy when it does not free up', async () => {
    // Prepare
    const lookup = await hold('lock', homeLayout(home).dynamodbLock, 'lookup');

    // Act
    const opening = openLocalDynamoDb(homeLayout(home), 'lookup', 300);

    // Assess
    await expect(opening).rejects.toThrow(LocalDynamoDbBusy);
    await expect(opening).rejects.toThrow(new RegExp(`is in use by pid ${lookup.pid} \\(.*\\) since .* and was not freed within 0 s; try again when it ends$`));
  });
});
