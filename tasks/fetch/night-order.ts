// Which artists a night fetches first. A night that cannot fetch every tracked artist (a first
// night on a large tracked set, or one cut short) must not leave the next night to start again
// from the top of the list and never reach its end: the next night takes the artists fetched
// longest ago first, artists never fetched before all, in the tracked list's order otherwise.
import type { FetchCheckpoint } from './checkpoint.js';
import type { TrackedArtist } from '../contracts/tracked-artists.js';

function idOf(entry: TrackedArtist, checkpoint: Pick<FetchCheckpoint, 'resolvedNames'>): string | undefined {
  return entry.kind === 'id' ? entry.id : checkpoint.resolvedNames[entry.name]?.id;
}

/** The entries, longest since fetched first; a stable sort, so equals keep the tracked order. */
export function longestUnfetchedFirst(
  entries: readonly TrackedArtist[],
  checkpoint: Pick<FetchCheckpoint, 'resolvedNames' | 'lastFetched'>,
): TrackedArtist[] {
  const lastFetched = checkpoint.lastFetched ?? {};
  // '' sorts before every date: never fetched comes first.
  const when = (entry: TrackedArtist) => {
    const id = idOf(entry, checkpoint);
    return id === undefined ? '' : (lastFetched[id] ?? '');
  };
  return entries
    .map((entry, index) => ({ entry, index, when: when(entry) }))
    .sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : a.index - b.index))
    .map(({ entry }) => entry);
}

/** Marks the staged artists as fetched on dt, and forgets artists no longer tracked so the map stays the size of the list. */
export function markFetched(checkpoint: FetchCheckpoint, tracked: readonly TrackedArtist[], staged: ReadonlySet<string>, dt: string): void {
  const previous = checkpoint.lastFetched ?? {};
  const next: Record<string, string> = {};
  for (const entry of tracked) {
    const id = idOf(entry, checkpoint);
    if (id === undefined) continue;
    const date = staged.has(id) ? dt : previous[id];
    if (date !== undefined) next[id] = date;
  }
  checkpoint.lastFetched = next;
}
