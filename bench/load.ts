// `npm run bench -- load [sizes...] [--access development|extended] [--rounds N]`: LoadRawZone's
// throughput (staged artists per second) on the folder lake, for sample catalogs of 2,000 and
// 10,000 tracked artists by default, beside a plain reference measured in the same run: the same
// reads (get, gunzip, JSON.parse, as many at once) and the same writes (the same raw parts, gzipped
// and put) with no validation, no deduplication and no serialisation of records. The ratio is what
// LoadRawZone's own work costs over the engine's I/O.
import { FolderObjectStore } from '../local/folder-object-store.js';
import { createSampleCatalog, type AccessLevel } from '../local/spotify/catalog.js';
import { forEachBounded } from '../tasks/concurrency.js';
import { fromJsonGz, fromJsonLines, jsonLinesGz } from '../tasks/lake/json-lines.js';
import { lakeKeys } from '../tasks/lake/keys.js';
import { DEFAULT_LOAD_CONCURRENCY, RAW_PARTS_IN_FLIGHT, runLoad } from '../tasks/load/load.js';
import { stagedArtists, writeStaged } from './fixtures/staged-catalog.js';
import { bestOf, cpuTime, perSecond, quietLogger, ratio, roundsFrom, timed, wallTime, withTempDir } from './fixtures/timing.js';

const DT = '2026-01-01';
const args = process.argv.slice(2);
const accessIndex = args.indexOf('--access');
const access = (accessIndex === -1 ? 'development' : args[accessIndex + 1]) as AccessLevel;
const rounds = roundsFrom(args, 2);
const sizes = args.filter((arg, index) => /^\d+$/.test(arg) && args[index - 1] !== '--rounds').map(Number);
const clock = { now: () => new Date() };

async function measure(artists: number, root: string) {
  const catalog = createSampleCatalog({ artists, access });
  const store = new FolderObjectStore(root);
  await writeStaged(store, DT, stagedArtists(catalog, `${DT}T01:00:00Z`, { audio: access === 'extended' }));

  // A first, untimed load warms the file cache and gives the reference the raw parts to write.
  const loaded = await runLoad(DT, { store, logger: quietLogger, clock });
  const parts = await Promise.all(
    (await store.list('raw/')).map(async (key) => ({
      key: `reference/${key}`,
      lines: fromJsonLines((await store.get(key)) ?? new Uint8Array(), true).map((record) => JSON.stringify(record)),
    })),
  );
  const staged = await store.list(lakeKeys.stagedArtistsPrefix(DT));

  const best = await bestOf(rounds, {
    reference: () =>
      timed(async () => {
        await forEachBounded(staged, DEFAULT_LOAD_CONCURRENCY, async (key) => {
          fromJsonGz((await store.get(key)) ?? new Uint8Array());
        });
        await forEachBounded(parts, RAW_PARTS_IN_FLIGHT, async (part) => store.put(part.key, await jsonLinesGz(part.lines)));
      }),
    ours: () => timed(() => runLoad(DT, { store, logger: quietLogger, clock })),
  });
  return { records: loaded.artists + loaded.albums + loaded.tracks + loaded.audioFeatures, ...best };
}

console.log(
  `LoadRawZone benchmark: folder lake, ${access} access, ${DEFAULT_LOAD_CONCURRENCY} reads and ${RAW_PARTS_IN_FLIGHT} part writes in flight, best of ${rounds} round(s)`,
);
console.log('reference: the same reads and writes in a plain loop, without validation, deduplication or serialisation');
console.log('ratio: LoadRawZone / reference, in wall time and in CPU time (all threads)\n');
console.log('artists  raw records |      LoadRawZone: wall  artists/s      CPU |       reference: wall  artists/s      CPU | ratio wall   CPU');
for (const artists of sizes.length > 0 ? sizes : [2_000, 10_000]) {
  const { records, ours, reference } = await withTempDir('sixpotify-bench-load-', (root) => measure(artists, root));
  console.log(
    `${String(artists).padStart(7)}  ${String(records).padStart(11)} |` +
      `             ${wallTime(ours.wall)} ${perSecond(artists, ours.wall)} ${cpuTime(ours.cpu)} |` +
      `             ${wallTime(reference.wall)} ${perSecond(artists, reference.wall)} ${cpuTime(reference.cpu)} |` +
      `      ${ratio(ours.wall / reference.wall)} ${ratio(ours.cpu / reference.cpu)}`,
  );
}
