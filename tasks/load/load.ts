// LoadRawZone: validate and deduplicate what Fetch staged for dt and write the raw zone's dt
// partitions. A re-run replaces the date's files: new parts are written over the old names first,
// then parts left over from a larger earlier load are removed, so readers never see an empty date.
import { toRawRecords } from '../contracts/raw-records.js';
import { stagedArtistSchema, type StagedArtist } from '../contracts/staged-artist.js';
import { NothingToLoad } from '../errors.js';
import { fromJsonGz, toJsonLinesGz } from '../lake/json-lines.js';
import { lakeKeys, RAW_ENTITIES } from '../lake/keys.js';
import { recordInManifest } from '../lake/manifest.js';
import type { Clock, Logger, ObjectStore } from '../ports.js';
import { describeIssues } from '../validation.js';

export interface LoadPorts {
  store: ObjectStore;
  logger: Logger;
  clock: Clock;
  /** Records per raw part file. */
  recordsPerPart?: number;
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
  const { staged, quarantined } = await readStaged(dt, ports);
  if (staged.length === 0) {
    throw new NothingToLoad(`nothing is staged for dt ${dt}: run FetchArtists for this date first`);
  }

  const records = toRawRecords(staged);
  for (const entity of RAW_ENTITIES) {
    await replacePartition(ports.store, entity, dt, records[entity], ports.recordsPerPart ?? 50_000);
  }

  const result: LoadResult = {
    artists: records.artists.length,
    albums: records.albums.length,
    tracks: records.tracks.length,
    audioFeatures: records.audio_features.length,
    quarantined,
  };
  await recordInManifest(ports.store, dt, 'load', { ...result, millis: ports.clock.now().getTime() - started });
  ports.logger.info('raw zone loaded', { dt, ...result });
  return result;
}

async function readStaged(dt: string, ports: LoadPorts): Promise<{ staged: StagedArtist[]; quarantined: number }> {
  const keys = (await ports.store.list(lakeKeys.stagedArtistsPrefix(dt))).filter((key) => key.endsWith('.json.gz'));
  const staged: StagedArtist[] = [];
  let quarantined = 0;
  for (const key of keys) {
    const body = await ports.store.get(key);
    if (body === undefined) continue;
    const parsed = safeParse(body);
    if (parsed.success) {
      staged.push(parsed.data);
      continue;
    }
    // A bad staged object is set aside with the reason, never dropped silently, never fatal.
    quarantined += 1;
    const name = `load-${key.slice(key.lastIndexOf('/') + 1).replace(/\.json\.gz$/, '')}`;
    await ports.store.put(lakeKeys.quarantined(dt, name), JSON.stringify({ key, reason: parsed.reason }, null, 2));
    ports.logger.warn('staged object quarantined', { dt, key, reason: parsed.reason });
  }
  return { staged, quarantined };
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

async function replacePartition(
  store: ObjectStore,
  entity: (typeof RAW_ENTITIES)[number],
  dt: string,
  records: readonly unknown[],
  recordsPerPart: number,
): Promise<void> {
  const written = new Set<string>();
  for (let part = 0; part * recordsPerPart < records.length; part += 1) {
    const key = lakeKeys.rawPart(entity, dt, part);
    await store.put(key, toJsonLinesGz(records.slice(part * recordsPerPart, (part + 1) * recordsPerPart)));
    written.add(key);
  }
  for (const key of await store.list(lakeKeys.rawPartition(entity, dt))) {
    if (!written.has(key)) await store.deletePrefix(key);
  }
}
