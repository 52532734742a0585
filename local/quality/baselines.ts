// Baselines computed on a run's own data, so the pipeline is judged against what anyone could do
// with the same input: K random tracked artists, and plain genre Jaccard (every artist sharing a
// genre, exact, ties broken by the smaller id).
import { createRandom } from '../spotify/random.js';
import type { NeighbourLists } from './metrics.js';

export function randomNeighbours(artistIds: readonly string[], k: number, seed: number): NeighbourLists {
  const random = createRandom(seed);
  const lists = new Map<string, string[]>();
  if (artistIds.length < 2) return lists;
  for (const artistId of artistIds) {
    const picked = new Set<string>();
    const wanted = Math.min(k, artistIds.length - 1);
    while (picked.size < wanted) {
      const candidate = artistIds[random.int(0, artistIds.length - 1)] as string;
      if (candidate !== artistId) picked.add(candidate);
    }
    lists.set(artistId, [...picked]);
  }
  return lists;
}

/** The K artists with the highest Jaccard of genre sets, among all that share a genre. */
export function genreJaccardNeighbours(genresById: ReadonlyMap<string, readonly string[]>, k: number): NeighbourLists {
  const ids = [...genresById.keys()].sort();
  const sets = ids.map((id) => new Set(genresById.get(id)));
  const holders = new Map<string, number[]>();
  sets.forEach((genres, index) => {
    for (const genre of genres) {
      const list = holders.get(genre) ?? [];
      list.push(index);
      holders.set(genre, list);
    }
  });
  const shared = new Int32Array(ids.length);
  const lists = new Map<string, string[]>();
  sets.forEach((genres, index) => {
    const touched: number[] = [];
    for (const genre of genres) {
      for (const other of holders.get(genre) ?? []) {
        if (other === index) continue;
        if (shared[other] === 0) touched.push(other);
        shared[other] = (shared[other] as number) + 1;
      }
    }
    const scored = touched.map((other) => {
      const overlap = shared[other] as number;
      shared[other] = 0;
      return { other, jaccard: overlap / (genres.size + (sets[other] as Set<string>).size - overlap) };
    });
    // ids are sorted, so a smaller index is a smaller id.
    scored.sort((a, b) => b.jaccard - a.jaccard || a.other - b.other);
    if (scored.length > 0) lists.set(ids[index] as string, scored.slice(0, k).map((entry) => ids[entry.other] as string));
  });
  return lists;
}
