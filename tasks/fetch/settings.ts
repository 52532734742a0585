// How one FetchArtists slice behaves. The defaults suit the Lambda (900 s timeout): start artists
// for 12 minutes, then give in-flight artists up to a minute to finish and write the checkpoint.
import { lakeKeys } from '../lake/keys.js';
import { TIMING_BUDGET } from '../timing/budget.js';
import { defaultAlbumGroupCaps, type AlbumGroupCaps } from './album-groups.js';

export interface FetchSettings {
  /** How long a slice keeps starting artists. */
  sliceBudgetMs: number;
  /** Extra time in-flight artists get after the budget; no wait (Retry-After, backoff) may reach past it. */
  finishGraceMs: number;
  /** Artists fetched at once; the client's limiter still caps requests in flight and their rate. */
  concurrency: number;
  /** The run fails (TooManyArtistsFailed) once more than this share of tracked artists failed for good. */
  maxFailureRatio: number;
  /** Attempts per artist, across slices, when Spotify stays unavailable for it (5xx, timeouts). */
  maxAttemptsPerArtist: number;
  /** Stop starting artists after this many in one slice; undefined means no limit but time. */
  maxArtistsPerSlice?: number;
  /**
   * Slices one execution (a night) runs at most. The slice that reaches it ends the fetch as done
   * but not complete: what is staged is loaded and published, and the next night fetches the
   * artists not fetched yet first. Must stay below the state machine's own bound on the fetch loop
   * (IsFetchDone), which is only the backstop for a fetch that never says done.
   */
  slicesPerExecution: number;
  /** Per album group, how many of an artist's releases are listed and how many of the newest are read (album-groups.ts says why). */
  albumGroups: AlbumGroupCaps;
  /** An artist with at most this many releases in those groups has them all listed in one go, not group by group. */
  listAlbumsTogetherUpTo: number;
  /** Also read top tracks when the app may (they add the artist's best-known tracks on other albums). */
  useTopTracks: boolean;
  /** Take the tracks of albums already in the lake from the lake instead of asking Spotify again. */
  incremental: boolean;
  /** Lake key of the tracked-artist list (its .csv form and folder are read too). */
  trackedArtistsKey: string;
}

export const defaultFetchSettings: FetchSettings = {
  sliceBudgetMs: 12 * 60_000,
  finishGraceMs: 60_000,
  concurrency: 6,
  maxFailureRatio: 0.1,
  maxAttemptsPerArtist: 3,
  maxArtistsPerSlice: undefined,
  // 12 slices of 12 minutes (plus their grace): about three hours of fetching a night. The timing budget sizes the state machine's timeout and IsFetchDone's bound for this many slices.
  slicesPerExecution: TIMING_BUDGET.fetch.slicesPerExecution,
  albumGroups: defaultAlbumGroupCaps,
  // Four pages of ten: never more requests than listing the three groups on their own would take.
  listAlbumsTogetherUpTo: 40,
  useTopTracks: true,
  incremental: true,
  trackedArtistsKey: lakeKeys.trackedArtists,
};
