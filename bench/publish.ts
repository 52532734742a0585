// `npm run bench -- publish [sizes...] [--rounds N] [--concurrency N] [--latency MS]`: PublishResults'
// throughput (DynamoDB items written per second) on dynalite, for sample catalogs of 2,000 and 10,000
// tracked artists by default, beside two plain references measured in the same run on the same
// dynalite: a sequential loop of BatchWriteItem calls over the same items (attribute maps built
// beforehand, no validation, no reading of the export), and the same loop with as many calls in
// flight as Publish keeps (what the engine itself can take). Each measurement writes into a fresh dynalite.
//
// dynalite runs in this process and answers without a network in between, so calls in flight gain
// little here; DynamoDB is a round trip away. A second table adds that round trip to every call
// (--latency, default 15 ms: a BatchWriteItem of 25 items within a region), which is where keeping
// several calls in flight pays.
import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalDynamoDb } from '../local/dynamodb.js';
import { FolderObjectStore } from '../local/folder-object-store.js';
import { createSampleCatalog } from '../local/spotify/catalog.js';
import { toAttributeMap } from '../tasks/aws/dynamodb-codec.js';
import { DEFAULT_WRITE_CONCURRENCY, DynamoDbResultsStore } from '../tasks/aws/dynamodb-results-store.js';
import { forEachBounded } from '../tasks/concurrency.js';
import { expiryFor } from '../tasks/contracts/result-items.js';
import { itemsForArtist } from '../tasks/publish/items.js';
import { runPublish } from '../tasks/publish/publish.js';
import { SETTINGS_DEFAULTS } from '../tasks/settings/defaults.js';
import { exportRows, writeExport } from './fixtures/export-rows.js';
import { bestOf, cpuTime, perSecond, quietLogger, ratio, roundsFrom, timed, wallTime, withTempDir, type Timing } from './fixtures/timing.js';

const DT = '2026-01-01';
const TTL_DAYS = SETTINGS_DEFAULTS.resultTtlDays;
const args = process.argv.slice(2);
const concurrencyIndex = args.indexOf('--concurrency');
const concurrency = concurrencyIndex === -1 ? DEFAULT_WRITE_CONCURRENCY : Number(args[concurrencyIndex + 1]);
const rounds = roundsFrom(args, 2);
const latencyIndex = args.indexOf('--latency');
const latencies = latencyIndex === -1 ? [0, 15] : [Number(args[latencyIndex + 1])];
const sizes = args
  .filter((arg, index) => /^\d+$/.test(arg) && !['--rounds', '--concurrency', '--latency'].includes(args[index - 1] ?? ''))
  .map(Number);
const clock = { now: () => new Date() };

/** Runs `write` against a fresh dynalite, `latency` ms away, timing only the writes. */
async function onFreshTable(
  root: string,
  name: string,
  latency: number,
  write: (dynamo: Awaited<ReturnType<typeof startLocalDynamoDb>>) => Promise<unknown>,
): Promise<Timing> {
  const dynamo = await startLocalDynamoDb(`${root}/${name}-${Math.random().toString(36).slice(2)}`);
  if (latency > 0) {
    dynamo.client.middlewareStack.add((next) => async (args) => (await sleep(latency), next(args)), { step: 'finalizeRequest', name: 'benchLatency' });
  }
  try {
    return await timed(() => write(dynamo));
  } finally {
    await dynamo.close();
  }
}

async function plainLoop(dynamo: Awaited<ReturnType<typeof startLocalDynamoDb>>, batches: WriteRequest[][], inFlight: number): Promise<void> {
  await forEachBounded(batches, inFlight, async (batch) => {
    for (let pending = batch; pending.length > 0; ) {
      const response = await dynamo.client.send(new BatchWriteItemCommand({ RequestItems: { [dynamo.tableName]: pending } }));
      pending = response.UnprocessedItems?.[dynamo.tableName] ?? [];
    }
  });
}

async function measure(artists: number, latency: number, root: string) {
  const rows = exportRows(createSampleCatalog({ artists }));
  const store = new FolderObjectStore(`${root}/lake`);
  await writeExport(store, DT, rows);
  const items = rows.flatMap((row) => itemsForArtist(row, DT, expiryFor(DT, TTL_DAYS)));
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < items.length; start += 25) {
    batches.push(items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: toAttributeMap(item) } })));
  }

  // Untimed: the first writes of a process pay for JIT warm-up of the SDK client and dynalite.
  await onFreshTable(root, 'warm-up', 0, (dynamo) => plainLoop(dynamo, batches.slice(0, 100), concurrency));
  const best = await bestOf(rounds, {
    sequential: () => onFreshTable(root, 'sequential', latency, (dynamo) => plainLoop(dynamo, batches, 1)),
    inFlight: () => onFreshTable(root, 'in-flight', latency, (dynamo) => plainLoop(dynamo, batches, concurrency)),
    ours: () =>
      onFreshTable(root, 'publish', latency, (dynamo) =>
        runPublish(DT, {
          store,
          results: new DynamoDbResultsStore(dynamo.client, dynamo.tableName, { concurrency }),
          logger: quietLogger,
          clock,
          ttlDays: TTL_DAYS,
        }),
      ),
  });
  return { items: items.length, ...best };
}

console.log(`PublishResults benchmark: dynalite on 127.0.0.1, ${concurrency} BatchWriteItem calls in flight, best of ${rounds} round(s)`);
console.log('references: the same items as plain BatchWriteItem calls, one at a time (sequential) and with as many in flight (ceiling)');
console.log('ratio: PublishResults items/s over each reference items/s');
for (const latency of latencies) {
  console.log(latency === 0 ? '\ndynalite as it is, in this process:' : `\nwith ${latency} ms added to every call, as a network round trip would:`);
  console.log('artists   items |  PublishResults: wall     items/s      CPU |  sequential: wall    items/s |     ceiling: wall    items/s | vs sequential  vs ceiling');
  for (const artists of sizes.length > 0 ? sizes : [2_000, 10_000]) {
    const { items, ours, sequential, inFlight } = await withTempDir('sixpotify-bench-publish-', (root) => measure(artists, latency, root));
    console.log(
      `${String(artists).padStart(7)} ${String(items).padStart(7)} |` +
        `          ${wallTime(ours.wall)} ${perSecond(items, ours.wall)}  ${cpuTime(ours.cpu)} |` +
        `      ${wallTime(sequential.wall)} ${perSecond(items, sequential.wall)} |` +
        `      ${wallTime(inFlight.wall)} ${perSecond(items, inFlight.wall)} |` +
        `         ${ratio(sequential.wall / ours.wall)}       ${ratio(inFlight.wall / ours.wall)}`,
    );
  }
}
