// The fetch checkpoint (runs/<dt>/fetch-checkpoint.json): what earlier slices of this date learned,
// so the next slice, a redrive or a re-run resumes instead of starting over. Which artists are done
// is not kept here: the staged objects themselves say it (an artist is done once its object is in
// staging), so a slice cut off between writing an artist and writing the checkpoint loses nothing.
import { lakeKeys } from '../lake/keys.js';
import type { ObjectStore } from '../ports.js';
import type { SpotifyCapabilities } from '../spotify/capabilities.js';

export const fetchCheckpointKey = (dt: string) => `${lakeKeys.runPrefix(dt)}fetch-checkpoint.json`;

export interface FailedArtist {
  /** The artist id, when known (a name that could not be resolved has none). */
  id?: string;
  name?: string;
  reason: string;
  /** Worth another attempt in a later slice (Spotify was unavailable), until maxAttemptsPerArtist. */
  transient: boolean;
  attempts: number;
  /** Lake key of the quarantined response, for a malformed one. */
  quarantine?: string;
}

export type StopReason = 'done' | 'budget' | 'slice-limit' | 'quota' | 'rate-limited' | 'auth' | 'error';

export interface SliceRecord {
  slice: number;
  startedAt: string;
  millis: number;
  staged: number;
  failed: number;
  requests: number;
  stoppedBy: StopReason;
}

export interface FetchTotals {
  requests: number;
  rateLimited: number;
  retries: number;
  albumsFetched: number;
  /** Releases listed, and those left unread by the per-group caps. */
  albumsListed: number;
  albumsSkipped: number;
  albumsFromLake: number;
  tracksFromLake: number;
  audioFeaturesFromLake: number;
  quarantinedItems: number;
}

export interface FetchCheckpoint {
  dt: string;
  /** The execution the slice count belongs to (a new execution for the same date counts afresh). */
  execution?: string;
  slice: number;
  /** name as listed -> the artist search found for it. */
  resolvedNames: Record<string, { id: string; name: string; match: 'exact' | 'top-result' }>;
  /** artist id (or `name:<name>`) -> why it failed. */
  failed: Record<string, FailedArtist>;
  capabilities?: SpotifyCapabilities;
  /** Spotify asked (Retry-After) not to call before this time. */
  notBefore?: string;
  /** The request budget per rate window the client had learned, so a cold Lambda starts there. */
  requestsPerWindow?: number;
  /**
   * Tracked artist id -> the latest date it was staged, carried over from the previous date's
   * checkpoint and updated after every slice: a night that could not fetch everyone leaves the
   * next night to fetch the artists fetched longest ago (never fetched first). Absent until the
   * date's first slice has read the previous date's.
   */
  lastFetched?: Record<string, string>;
  totals: FetchTotals;
  slices: SliceRecord[];
}

export function emptyCheckpoint(dt: string): FetchCheckpoint {
  return {
    dt,
    slice: 0,
    resolvedNames: {},
    failed: {},
    totals: {
      requests: 0,
      rateLimited: 0,
      retries: 0,
      albumsFetched: 0,
      albumsListed: 0,
      albumsSkipped: 0,
      albumsFromLake: 0,
      tracksFromLake: 0,
      audioFeaturesFromLake: 0,
      quarantinedItems: 0,
    },
    slices: [],
  };
}

export async function readCheckpoint(store: ObjectStore, dt: string): Promise<FetchCheckpoint> {
  const body = await store.get(fetchCheckpointKey(dt));
  if (body === undefined) return emptyCheckpoint(dt);
  const saved = JSON.parse(Buffer.from(body).toString('utf8')) as Partial<FetchCheckpoint>;
  const empty = emptyCheckpoint(dt);
  return { ...empty, ...saved, totals: { ...empty.totals, ...saved.totals } };
}

export async function writeCheckpoint(store: ObjectStore, checkpoint: FetchCheckpoint): Promise<void> {
  await store.put(fetchCheckpointKey(checkpoint.dt), JSON.stringify(checkpoint, null, 1));
}

/** The checkpoint of the most recent earlier date that has one: what the last night learned and fetched. */
export async function readEarlierCheckpoint(store: ObjectStore, dt: string): Promise<FetchCheckpoint | undefined> {
  const earlier = (await store.list('runs/'))
    .map((key) => /^runs\/(\d{4}-\d{2}-\d{2})\/fetch-checkpoint\.json$/.exec(key)?.[1])
    .filter((date): date is string => date !== undefined && date < dt)
    .sort()
    .at(-1);
  return earlier === undefined ? undefined : readCheckpoint(store, earlier);
}
