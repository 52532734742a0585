// FindAudioNeighbours: each artist's K nearest artists by audio features, exact over all pairs,
// written to the curated table artist_audio_neighbours, which sql/07_artist_similarity.sql joins
// instead of comparing all N x N pairs itself. Reads the feature export of sql/06, runs the kernel
// (each pair once, over worker threads), then replaces the date's partition.
import { toJsonLinesGz } from '../lake/json-lines.js';
import { lakeKeys } from '../lake/keys.js';
import { recordInManifest } from '../lake/manifest.js';
import type { Clock, Logger, ObjectStore } from '../ports.js';
import { readFeatureExport, toFeatureVectors } from './features.js';
import { nearestNeighbours, type NeighbourLists } from './kernel.js';

export const AUDIO_NEIGHBOURS_TABLE = 'artist_audio_neighbours';

export interface AudioNeighboursPorts {
  store: ObjectStore;
  logger: Logger;
  clock: Clock;
  /** Neighbours kept per artist: the similarity K, so 07 gets as many audio candidates as it keeps. */
  k: number;
  /** Worker threads for the kernel: the vCPUs the runtime has. */
  workers: number;
}

export interface AudioNeighboursResult {
  artists: number;
  neighbours: number;
  kernelMillis: number;
  millis: number;
}

/** One row of artist_audio_neighbours (tasks/lake/tables.ts). */
export interface AudioNeighbourRow {
  artist_id: string;
  neighbour_id: string;
  rank: number;
  distance: number;
}

export async function runAudioNeighbours(dt: string, ports: AudioNeighboursPorts): Promise<AudioNeighboursResult> {
  const started = ports.clock.now().getTime();
  const { ids, vectors } = toFeatureVectors(await readFeatureExport(dt, ports.store));

  const kernelStarted = performance.now();
  const lists = await nearestNeighbours(vectors, { k: ports.k, workers: ports.workers });
  const kernelMillis = Math.round(performance.now() - kernelStarted);
  const rows = neighbourRows(ids, lists);

  // Everything is computed before the date's partition is touched; a re-run replaces it whole.
  const body = rows.length === 0 ? undefined : toJsonLinesGz(rows);
  const deleted = await ports.store.deletePrefix(lakeKeys.curatedPartition(AUDIO_NEIGHBOURS_TABLE, dt));
  if (body !== undefined) await ports.store.put(lakeKeys.curatedJsonPart(AUDIO_NEIGHBOURS_TABLE, dt), body);

  const result: AudioNeighboursResult = {
    artists: ids.length,
    neighbours: rows.length,
    kernelMillis,
    millis: ports.clock.now().getTime() - started,
  };
  await recordInManifest(ports.store, dt, 'audioNeighbours', { ...result, k: ports.k, workers: ports.workers, replacedObjects: deleted });
  ports.logger.info('audio neighbours found', { dt, ...result, workers: ports.workers });
  return result;
}

export function neighbourRows(ids: readonly string[], lists: NeighbourLists): AudioNeighbourRow[] {
  const rows: AudioNeighbourRow[] = [];
  ids.forEach((artistId, point) => {
    const count = lists.counts[point] as number;
    for (let slot = 0; slot < count; slot += 1) {
      const neighbour = lists.indexes[point * lists.k + slot] as number;
      rows.push({
        artist_id: artistId,
        neighbour_id: ids[neighbour] as string,
        rank: slot + 1,
        distance: lists.distances[point * lists.k + slot] as number,
      });
    }
  });
  return rows;
}
