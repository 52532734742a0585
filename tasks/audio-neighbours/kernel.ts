// The exact K nearest neighbours of every point by Euclidean distance over six dimensions, all
// pairs, each pair computed once and offered to both of its points, split over worker threads.
//
// Order, as sql/07_artist_similarity.sql defines it: by distance, then by the smaller index (the
// caller sorts points by id, so index order is id order). The distance is the SQL's expression
// term for term: sqrt((a0-b0)*(a0-b0) + ... + (a5-b5)*(a5-b5)) summed left to right in doubles, so
// the same inputs give bit-identical distances, and therefore the same ties, on every runtime.
//
// This file imports nothing but node:worker_threads: it is its own worker script (in a Lambda
// bundle, the bundle is), which Node can load without a TypeScript loader.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export const DIMENSIONS = 6;

/** Below this many pairs per worker, starting a thread costs more than it saves. */
const DEFAULT_MIN_PAIRS_PER_WORKER = 2_000_000;

/** Rows of the pair triangle handled together, so their neighbour tiles stay in cache. */
const ROW_BLOCK = 32;
const COLUMN_TILE = 2048;

export interface NeighbourLists {
  k: number;
  /** Neighbours found per point (min(k, points - 1)). */
  counts: Int32Array<ArrayBuffer>;
  /** points x k neighbour indexes, nearest first; unused slots are -1. */
  indexes: Int32Array<ArrayBuffer>;
  /** points x k distances, aligned with indexes. */
  distances: Float64Array<ArrayBuffer>;
}

export interface NeighbourOptions {
  k: number;
  /** Threads to compute on at most, the calling thread included; 1 computes on the calling thread alone. */
  workers: number;
  /** Fewer pairs than this per worker use fewer workers (tests set 0 to force the worker path). */
  minPairsPerWorker?: number;
}

/**
 * K nearest neighbours of each of the points in `vectors` (points x 6 values, row-major).
 * A worker's failure rejects the whole call: a partial answer is never returned.
 */
export async function nearestNeighbours(vectors: Float64Array, options: NeighbourOptions): Promise<NeighbourLists> {
  const points = pointCount(vectors);
  const k = checkedK(options.k);
  const pairs = (points * (points - 1)) / 2;
  const minPairs = options.minPairsPerWorker ?? DEFAULT_MIN_PAIRS_PER_WORKER;
  const workers = Math.max(1, Math.min(Math.floor(options.workers), minPairs === 0 ? points : Math.floor(pairs / minPairs)));
  if (workers <= 1) return nearestInRows(vectors, k, 0, points);

  // One shared copy of the vectors for every thread; each computes its own lists, merged here. The
  // calling thread takes the first range itself: one thread fewer to start and to hold in memory.
  const shared = new Float64Array(new SharedArrayBuffer(vectors.byteLength));
  shared.set(vectors);
  const [[firstStart, firstEnd], ...others] = balancedRowRanges(points, workers) as [[number, number], ...[number, number][]];
  const inWorkers = Promise.all(others.map(([start, end]) => inWorker({ marker: WORKER_MARKER, vectors: shared, k, start, end })));
  // Settled before the computation below blocks this thread, so a worker's failure is never unhandled.
  const settled = inWorkers.then(
    (lists) => ({ lists }),
    (error: unknown) => ({ error }),
  );
  const own = nearestInRows(shared, k, firstStart, firstEnd);
  const outcome = await settled;
  if ('error' in outcome) throw outcome.error;
  return mergeNeighbourLists([own, ...outcome.lists], points, k);
}

/**
 * The lists every point gets from the pairs (i, j), i in [rowStart, rowEnd), j > i: each pair's
 * distance is computed once and offered to both points. Over all rows, the exact answer.
 */
export function nearestInRows(vectors: Float64Array, k: number, rowStart: number, rowEnd: number): NeighbourLists {
  const points = pointCount(vectors);
  const lists = emptyLists(points, k);
  const { counts, indexes, distances } = lists;
  // A point's cheap gate on squared sums: any sum above it gives a distance strictly above the
  // point's current k-th, so the exact comparison (sqrt, then index) only runs near the boundary.
  const gates = new Float64Array(points).fill(Infinity);

  const offer = (point: number, neighbour: number, sum: number): void => {
    const distance = Math.sqrt(sum);
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
    if (count + 1 === k) gates[point] = gateFor(distances[base + k - 1] as number);
  };

  // The inner loop only collects the pairs that pass a gate; offering them afterwards keeps calls
  // out of it, so the engine can keep its loads and bounds in registers. The gates it reads may be
  // a little stale (looser), never tighter: the exact comparison happens in the offer.
  const passed = new Int32Array(COLUMN_TILE);
  const passedSums = new Float64Array(COLUMN_TILE);
  for (let blockStart = rowStart; blockStart < rowEnd; blockStart += ROW_BLOCK) {
    const blockEnd = Math.min(blockStart + ROW_BLOCK, rowEnd);
    for (let tileStart = blockStart + 1; tileStart < points; tileStart += COLUMN_TILE) {
      const tileEnd = Math.min(tileStart + COLUMN_TILE, points);
      for (let i = blockStart; i < blockEnd; i += 1) {
        const a = i * DIMENSIONS;
        const a0 = vectors[a] as number;
        const a1 = vectors[a + 1] as number;
        const a2 = vectors[a + 2] as number;
        const a3 = vectors[a + 3] as number;
        const a4 = vectors[a + 4] as number;
        const a5 = vectors[a + 5] as number;
        const gate = gates[i] as number;
        let count = 0;
        for (let j = Math.max(tileStart, i + 1); j < tileEnd; j += 1) {
          const b = j * DIMENSIONS;
          const e0 = a0 - (vectors[b] as number);
          const e1 = a1 - (vectors[b + 1] as number);
          // Left to right, as the SQL sums; (a - b)² and (b - a)² are the same double. Adding a
          // square never lowers a rounded sum, so a partial sum above both gates rejects the pair.
          let sum = e0 * e0 + e1 * e1;
          const neighbourGate = gates[j] as number;
          if (sum > gate && sum > neighbourGate) continue;
          const e2 = a2 - (vectors[b + 2] as number);
          const e3 = a3 - (vectors[b + 3] as number);
          const e4 = a4 - (vectors[b + 4] as number);
          const e5 = a5 - (vectors[b + 5] as number);
          sum = sum + e2 * e2 + e3 * e3 + e4 * e4 + e5 * e5;
          if (sum > gate && sum > neighbourGate) continue;
          passed[count] = j;
          passedSums[count] = sum;
          count += 1;
        }
        for (let c = 0; c < count; c += 1) {
          const j = passed[c] as number;
          const sum = passedSums[c] as number;
          if (sum <= (gates[i] as number)) offer(i, j, sum);
          if (sum <= (gates[j] as number)) offer(j, i, sum);
        }
      }
    }
  }
  return lists;
}

/** Each point's k best over several partial lists, by (distance, index). */
export function mergeNeighbourLists(partials: readonly NeighbourLists[], points: number, k: number): NeighbourLists {
  const merged = emptyLists(points, k);
  const cursors = new Int32Array(partials.length);
  for (let point = 0; point < points; point += 1) {
    const base = point * k;
    cursors.fill(0);
    let count = 0;
    while (count < k) {
      let best = -1;
      for (let p = 0; p < partials.length; p += 1) {
        const list = partials[p] as NeighbourLists;
        const cursor = cursors[p] as number;
        if (cursor >= (list.counts[point] as number)) continue;
        if (best === -1) {
          best = p;
          continue;
        }
        const bestList = partials[best] as NeighbourLists;
        const bestSlot = base + (cursors[best] as number);
        const distance = list.distances[base + cursor] as number;
        const bestDistance = bestList.distances[bestSlot] as number;
        if (
          distance < bestDistance ||
          (distance === bestDistance && (list.indexes[base + cursor] as number) < (bestList.indexes[bestSlot] as number))
        ) {
          best = p;
        }
      }
      if (best === -1) break;
      const from = partials[best] as NeighbourLists;
      const slot = base + (cursors[best] as number);
      merged.indexes[base + count] = from.indexes[slot] as number;
      merged.distances[base + count] = from.distances[slot] as number;
      cursors[best] = (cursors[best] as number) + 1;
      count += 1;
    }
    merged.counts[point] = count;
  }
  return merged;
}

/**
 * Contiguous row ranges with about the same number of pairs each (row i has points - 1 - i), so
 * every worker finishes at about the same time.
 */
export function balancedRowRanges(points: number, parts: number): [number, number][] {
  const total = (points * (points - 1)) / 2;
  const ranges: [number, number][] = [];
  let start = 0;
  let done = 0;
  for (let part = 1; part <= parts && start < points; part += 1) {
    const target = (total * part) / parts;
    let end = start;
    while (end < points && (part === parts || done < target)) {
      done += points - 1 - end;
      end += 1;
    }
    if (end > start) ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

/**
 * The squared-sum gate for a k-th distance `worst`: a sum above it has a correctly rounded sqrt
 * strictly above `worst` (the 1e-12 margin dwarfs every rounding step), so it can neither beat nor
 * tie it. The floor keeps tiny distances, whose squares underflow, on the exact path.
 */
function gateFor(worst: number): number {
  if (worst === 0) return 0;
  return Math.max(worst * worst * (1 + 1e-12), 1e-300);
}

function emptyLists(points: number, k: number): NeighbourLists {
  return {
    k,
    counts: new Int32Array(points),
    indexes: new Int32Array(points * k).fill(-1),
    distances: new Float64Array(points * k).fill(Infinity),
  };
}

function pointCount(vectors: Float64Array): number {
  if (vectors.length % DIMENSIONS !== 0) {
    throw new RangeError(`expected ${DIMENSIONS} values per point, got ${vectors.length} values in all`);
  }
  return vectors.length / DIMENSIONS;
}

function checkedK(k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k is ${k}: it must be a whole number of at least 1`);
  return k;
}

/** Tells this module, loaded as a worker's script, that it has rows to compute. */
export const WORKER_MARKER = 'sixpotify-audio-neighbours';

export interface WorkerJob {
  marker: typeof WORKER_MARKER;
  vectors: Float64Array;
  k: number;
  start: number;
  end: number;
}

function inWorker(job: WorkerJob): Promise<NeighbourLists> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    let settled = false;
    worker.once('message', (lists: NeighbourLists) => {
      settled = true;
      resolve(lists);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the audio-neighbours worker for rows ${job.start}-${job.end} exited with code ${code} before answering`));
    });
  });
}

// Worker side: this module (or the Lambda bundle holding it) loaded with a job computes its rows.
const job = isMainThread ? undefined : (workerData as Partial<WorkerJob> | undefined);
if (job?.marker === WORKER_MARKER && parentPort !== null) {
  const lists = nearestInRows(job.vectors as Float64Array, job.k as number, job.start as number, job.end as number);
  parentPort.postMessage(lists, [lists.counts.buffer, lists.indexes.buffer, lists.distances.buffer]);
}
