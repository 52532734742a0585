// The reference the audio-neighbours kernel is measured against: a plain exact brute force over
// Float64Arrays, each pair once (its distance offered to both points), rows dealt round-robin to
// worker threads, every pair's sqrt taken and every list kept sorted by insertion. No tiling, no
// gate: what a careful engineer writes first. Its answer is compared with the kernel's in the bench.
//
// Imports nothing but node:worker_threads, so it is its own worker script.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const MARKER = 'sixpotify-bench-brute-force';

export interface ReferenceLists {
  k: number;
  counts: Int32Array<ArrayBuffer>;
  indexes: Int32Array<ArrayBuffer>;
  distances: Float64Array<ArrayBuffer>;
}

interface Job {
  marker: typeof MARKER;
  vectors: Float64Array;
  k: number;
  worker: number;
  workers: number;
}

export async function bruteForceNeighbours(vectors: Float64Array, k: number, workers: number): Promise<ReferenceLists> {
  const shared = new Float64Array(new SharedArrayBuffer(vectors.byteLength));
  shared.set(vectors);
  const partials = await Promise.all(
    Array.from({ length: workers }, (_, worker) => run({ marker: MARKER, vectors: shared, k, worker, workers })),
  );
  const points = vectors.length / 6;
  const merged: ReferenceLists = {
    k,
    counts: new Int32Array(points),
    indexes: new Int32Array(points * k),
    distances: new Float64Array(points * k),
  };
  for (let point = 0; point < points; point += 1) {
    for (const partial of partials) {
      for (let slot = 0; slot < (partial.counts[point] as number); slot += 1) {
        insert(merged, point, partial.indexes[point * k + slot] as number, partial.distances[point * k + slot] as number);
      }
    }
  }
  return merged;
}

function insert(lists: ReferenceLists, point: number, neighbour: number, distance: number): void {
  const { k, counts, indexes, distances } = lists;
  const base = point * k;
  let count = counts[point] as number;
  if (count === k) {
    const worst = distances[base + k - 1] as number;
    if (distance > worst || (distance === worst && neighbour > (indexes[base + k - 1] as number))) return;
    count -= 1;
  }
  let slot = base + count;
  while (slot > base) {
    const before = distances[slot - 1] as number;
    if (before < distance || (before === distance && (indexes[slot - 1] as number) < neighbour)) break;
    distances[slot] = before;
    indexes[slot] = indexes[slot - 1] as number;
    slot -= 1;
  }
  distances[slot] = distance;
  indexes[slot] = neighbour;
  counts[point] = count + 1;
}

function computeRows(job: Job): ReferenceLists {
  const { vectors, k } = job;
  const points = vectors.length / 6;
  const lists: ReferenceLists = {
    k,
    counts: new Int32Array(points),
    indexes: new Int32Array(points * k),
    distances: new Float64Array(points * k),
  };
  for (let i = job.worker; i < points; i += job.workers) {
    for (let j = i + 1; j < points; j += 1) {
      let sum = 0;
      for (let d = 0; d < 6; d += 1) {
        const difference = (vectors[i * 6 + d] as number) - (vectors[j * 6 + d] as number);
        sum += difference * difference;
      }
      const distance = Math.sqrt(sum);
      insert(lists, i, j, distance);
      insert(lists, j, i, distance);
    }
  }
  return lists;
}

function run(job: Job): Promise<ReferenceLists> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const job = isMainThread ? undefined : (workerData as Partial<Job> | undefined);
if (job?.marker === MARKER && parentPort !== null) {
  const lists = computeRows(job as Job);
  parentPort.postMessage(lists, [lists.counts.buffer, lists.indexes.buffer, lists.distances.buffer]);
}
