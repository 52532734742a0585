// FindAudioNeighbours: each artist's K nearest artists by audio features, exact over all pairs,
// written to the curated table artist_audio_neighbours, which sql/07_artist_similarity.sql joins
// instead of comparing all N x N pairs itself. Reads the feature export of sql/06, runs the kernel
// (each pair once, over worker threads), then replaces the date's partition.
import { lakeKeys } from '../lake/keys.js';
import { recordInManifest } from '../lake/manifest.js';
import type { Clock, Logger, ObjectStore } from '../ports.js';
import { readFeatureExport, toFeatureVectors } from './features.js';
import { nearestNeighbours } from './kernel.js';
import { gzipLines, neighbourLines } from './table-file.js';

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

export async function runAudioNeighbours(dt: string, ports: AudioNeighboursPorts): Promise<AudioNeighboursResult> {
  const started = ports.clock.now().getTime();
  const { ids, vectors } = toFeatureVectors(await readFeatureExport(dt, ports.store));

  const kernelStarted = performance.now();
  const lists = await nearestNeighbours(vectors, { k: ports.k, workers: ports.workers });
  const kernelMillis = Math.round(performance.now() - kernelStarted);
  const neighbours = lists.counts.reduce((sum, count) => sum + count, 0);

  // Everything is computed before the date's partition is touched; a re-run replaces it whole.
  const body = neighbours === 0 ? undefined : await gzipLines(neighbourLines(ids, lists));
  const deleted = await ports.store.deletePrefix(lakeKeys.curatedPartition(AUDIO_NEIGHBOURS_TABLE, dt));
  if (body !== undefined) await ports.store.put(lakeKeys.curatedJsonPart(AUDIO_NEIGHBOURS_TABLE, dt), body);

  const result: AudioNeighboursResult = {
    artists: ids.length,
    neighbours,
    kernelMillis,
    millis: ports.clock.now().getTime() - started,
  };
  await recordInManifest(ports.store, dt, 'audioNeighbours', { ...result, k: ports.k, workers: ports.workers, replacedObjects: deleted });
  ports.logger.info('audio neighbours found', { dt, ...result, workers: ports.workers });
  return result;
}
