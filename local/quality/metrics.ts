// Quality of neighbour lists against a ground truth, the same way for the pipeline and for every
// baseline, so the numbers sit side by side:
//   precision@K  per judged artist with at least one neighbour: related artists among its first K
//                neighbours, out of the most it could get, min(K, its related artists in the run) (for
//                related lists of K or more, plain precision@K); averaged.
//   recall@K     per judged artist: related artists among its first K neighbours, out of all its
//                related artists in the run; an artist without neighbours counts 0; averaged.
//   coverage     tracked artists with at least one neighbour, out of those that could have one (that
//                share a genre, a credit or a collaborator with another tracked artist, or have audio
//                features as another does): judged or not, as the chatbot meets them.
// A judged artist is one the ground truth relates to at least one other tracked artist of the run.
import type { GroundTruth } from './ground-truth.js';

/** Artist id -> neighbour ids, best first. */
export type NeighbourLists = ReadonlyMap<string, readonly string[]>;

export interface QualityScores {
  k: number;
  precision: number;
  recall: number;
  coverage: number;
  /** Judged artists: in the ground truth, tracked, with a related artist tracked too. */
  judged: number;
  /** Artists that could have a neighbour (the coverage's denominator). */
  eligible: number;
}

export function scoreQuality(
  lists: NeighbourLists,
  truth: GroundTruth,
  run: { tracked: ReadonlySet<string>; eligible: ReadonlySet<string> },
  k: number,
): QualityScores {
  let precisionSum = 0;
  let withNeighbours = 0;
  let recallSum = 0;
  let judged = 0;
  for (const [artistId, related] of truth) {
    if (!run.tracked.has(artistId)) continue;
    const relevant = [...related].filter((id) => id !== artistId && run.tracked.has(id));
    if (relevant.length === 0) continue;
    judged += 1;
    const top = (lists.get(artistId) ?? []).slice(0, k);
    const hits = top.filter((id) => related.has(id)).length;
    recallSum += hits / relevant.length;
    if (top.length === 0) continue;
    withNeighbours += 1;
    precisionSum += hits / Math.min(k, relevant.length);
  }
  const covered = [...run.eligible].filter((id) => (lists.get(id)?.length ?? 0) > 0).length;
  return {
    k,
    precision: withNeighbours === 0 ? 0 : precisionSum / withNeighbours,
    recall: judged === 0 ? 0 : recallSum / judged,
    coverage: run.eligible.size === 0 ? 0 : covered / run.eligible.size,
    judged,
    eligible: run.eligible.size,
  };
}
