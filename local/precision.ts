// Quality of the similarity, measured against planted groups of similar artists (the synthetic
// catalog plants them): for each grouped artist with at least one neighbour, the share of its top K
// neighbours that are in its group, out of the most it could get, min(K, group size - 1), so a group
// of 4 can score 1 with K = 10. Artists without any neighbour have no signal to judge and are
// counted apart (coverage), not as zeros.

export interface SimilarityRow {
  artist_id: string;
  neighbour_id: string;
  rank: number;
}

export interface PrecisionAtK {
  k: number;
  /** Mean precision over the evaluated artists; 0 when none could be evaluated. */
  precision: number;
  /** Grouped artists with at least one neighbour. */
  evaluated: number;
  /** All artists in planted groups of two or more. */
  grouped: number;
}

export function precisionAtK(
  rows: readonly SimilarityRow[],
  plantedGroups: readonly (readonly string[])[],
  k = 10,
): PrecisionAtK {
  const groupOf = new Map<string, ReadonlySet<string>>();
  for (const group of plantedGroups) {
    if (group.length < 2) continue;
    const members = new Set(group);
    for (const id of group) groupOf.set(id, members);
  }
  const neighbours = new Map<string, string[]>();
  for (const row of [...rows].sort((a, b) => a.rank - b.rank)) {
    if (row.rank > k) continue;
    const list = neighbours.get(row.artist_id) ?? [];
    list.push(row.neighbour_id);
    neighbours.set(row.artist_id, list);
  }
  let total = 0;
  let evaluated = 0;
  for (const [artistId, members] of groupOf) {
    const list = neighbours.get(artistId);
    if (list === undefined || list.length === 0) continue;
    const hits = list.filter((id) => id !== artistId && members.has(id)).length;
    total += hits / Math.min(k, members.size - 1);
    evaluated += 1;
  }
  return { k, precision: evaluated === 0 ? 0 : total / evaluated, evaluated, grouped: groupOf.size };
}
