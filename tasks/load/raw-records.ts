// The raw zone's records for one load, deduplicated by id as staged objects arrive (albums and tracks
// shared by collaborating artists are staged once per artist). The mapping itself is the contract's
// (tasks/contracts/raw-records.ts); this keeps only the winning record per id, already serialised as
// its JSON line, so memory grows with the raw zone, not with what was staged.
//
// Staged objects arrive in any order (Load reads them concurrently). The winner does not depend on
// arrival order: the latest fetched_at wins, and between equal fetched_at the object that comes first
// in staging key order, as a sequential read in key order would keep. So the same staging always gives
// the same raw zone, byte for byte.
import { rawRecordsOf } from '../contracts/raw-records.js';
import type { StagedArtist } from '../contracts/staged-artist.js';
import { RAW_ENTITIES, type RawEntity } from '../lake/keys.js';

interface Kept {
  fetchedAt: string;
  /** The staged object's position in key order. */
  order: number;
  line: string;
}

export class RawRecordSet {
  private readonly kept = Object.fromEntries(RAW_ENTITIES.map((entity) => [entity, new Map<string, Kept>()])) as Record<
    RawEntity,
    Map<string, Kept>
  >;

  /** Adds the records of one staged object; `order` is its position among the staged keys. */
  add(staged: StagedArtist, order: number): void {
    for (const { entity, id, build } of rawRecordsOf(staged)) {
      const records = this.kept[entity];
      const existing = records.get(id);
      const wins =
        existing === undefined ||
        existing.fetchedAt < staged.fetchedAt ||
        (existing.fetchedAt === staged.fetchedAt && order < existing.order);
      // The record is built only when it wins: most albums and tracks are staged several times.
      if (wins) records.set(id, { fetchedAt: staged.fetchedAt, order, line: JSON.stringify(build()) });
    }
  }

  count(entity: RawEntity): number {
    return this.kept[entity].size;
  }

  /** One JSON line per record, sorted by id: the raw zone is reproducible apart from fetched_at. */
  sortedLines(entity: RawEntity): string[] {
    const records = this.kept[entity];
    return [...records.keys()].sort().map((id) => (records.get(id) as Kept).line);
  }
}
