// LoadRawZone: validate and deduplicate what Fetch staged for dt and write the raw zone's dt
// partitions. A re-run replaces the date's files: new parts are written over the old names first,
// then parts left over from a larger earlier load are removed, so readers never see an empty date.
// Staged objects are read, checked and folded into the raw records a few dozen at a time (bounded
// concurrency), never all held at once; raw parts are compressed and written a few at a time.
import { forEachBounded } from '../concurrency.js';
import { NothingToLoad } from '../errors.js';
import { stagedArtistSchema, type StagedArtist } from '../contracts/staged-artist.js';
import { fromJsonGz, jsonLinesGz } from '../lake/json-lines.js';
import { lakeKeys, RAW_ENTITIES } from '../lake/keys.js';
import { recordInManifest } from '../lake/manifest.js';
import type { Clock, Logger, ObjectStore } from '../ports.js';
import { RawRecordSet } from './raw-records.js';
import { describeIssues } from '../validation.js';

/** Staged objects read at once: enough to hide S3's latency; each is a few kilobytes. */
export const DEFAULT_LOAD_CONCURRENCY = 32;
/**
 * Raw parts compressed and written at once. A part is megabytes of text and libuv's thread pool
 * compresses four things at a time: more in flight would only hold more memory.
 */
export const RAW_PARTS_IN_FLIGHT = 4;

export interface LoadPorts {
  store: ObjectStore;
  logger: Logger;
  clock: Clock;
  /** Records per raw part file. */
  recordsPerPart?: number;
  /** Staged objects read at once (default DEFAULT_LOAD_CONCURRENCY). */
  concurrency?: number;
}

export interface LoadResult {
  artists: number;
  albums: number;
  tracks: number;
  audioFeatures: number;
  quarantined: number;
}

export async function runLoad(dt: string, ports: LoadPorts): Promise<LoadResult> {
  const started = ports.clock.now().getTime();
  const concurrency = ports.concurrency ?? DEFAULT_LOAD_CONCURRENCY;
  const { records, loaded, quarantined } = await readStaged(dt, ports, concurrency);
  if (loaded === 0) {
    throw new NothingToLoad(`nothing is staged for dt ${dt}: run FetchArtists for this date first`);
  }

  await replacePartitions(ports.store, dt, records, ports.recordsPerPart ?? 50_000);

  const result: LoadResult = {
    artists: records.count('artists'),
    albums: records.count('albums'),
    tracks: records.count('tracks'),
    audioFeatures: records.count('audio_features'),
    quarantined,
  };
  await recordInManifest(ports.store, dt, 'load', { ...result, millis: ports.clock.now().getTime() - started });
  ports.logger.info('raw zone loaded', { dt, ...result });
  return result;
}

async function readStaged(
  dt: string,
  ports: LoadPorts,
  concurrency: number,
): Promise<{ records: RawRecordSet; loaded: number; quarantined: number }> {
  const keys = (await ports.store.list(lakeKeys.stagedArtistsPrefix(dt))).filter((key) => key.endsWith('.json.gz'));
  const records = new RawRecordSet();
  let loaded = 0;
  let quarantined = 0;
  await forEachBounded(keys, concurrency, async (key, order) => {
    const body = await ports.store.get(key);
    if (body === undefined) return;
    const parsed = safeParse(body);
    if (parsed.success) {
      records.add(parsed.data, order);
      loaded += 1;
      return;
    }
    // A bad staged object is set aside with the reason, never dropped silently, never fatal.
    quarantined += 1;
    const name = `load-${key.slice(key.lastIndexOf('/') + 1).replace(/\.json\.gz$/, '')}`;
    await ports.store.put(lakeKeys.quarantined(dt, name), JSON.stringify({ key, reason: parsed.reason }, null, 2));
    ports.logger.warn('staged object quarantined', { dt, key, reason: parsed.reason });
  });
  return { records, loaded, quarantined };
}

function safeParse(body: Uint8Array): { success: true; data: StagedArtist } | { success: false; reason: string } {
  let json: unknown;
  try {
    json = fromJsonGz(body);
  } catch (error) {
    return { success: false, reason: `not gzipped JSON: ${(error as Error).message}` };
  }
  const result = stagedArtistSchema.safeParse(json);
  if (result.success) return { success: true, data: result.data };
  return { success: false, reason: describeIssues(result.error).join('; ') };
}

async function replacePartitions(
  store: ObjectStore,
  dt: string,
  records: RawRecordSet,
  recordsPerPart: number,
): Promise<void> {
  const parts: { key: string; lines: string[] }[] = [];
  for (const entity of RAW_ENTITIES) {
    const lines = records.sortedLines(entity);
    for (let part = 0; part * recordsPerPart < lines.length; part += 1) {
      parts.push({ key: lakeKeys.rawPart(entity, dt, part), lines: lines.slice(part * recordsPerPart, (part + 1) * recordsPerPart) });
    }
  }
  const written = new Set(parts.map((part) => part.key));
  await forEachBounded(parts, RAW_PARTS_IN_FLIGHT, async (part) => {
    await store.put(part.key, await jsonLinesGz(part.lines));
  });
  // Only once every new part is in place: leftovers of a larger earlier load of this date go.
  await Promise.all(RAW_ENTITIES.map((entity) => removeLeftovers(store, lakeKeys.rawPartition(entity, dt), written)));
}

async function removeLeftovers(store: ObjectStore, partition: string, written: ReadonlySet<string>): Promise<void> {
  for (const key of await store.list(partition)) {
    if (!written.has(key)) await store.deletePrefix(key);
  }
}
