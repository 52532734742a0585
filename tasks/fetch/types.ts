// The FetchArtists task's ports and its result, shared by the slice and its helpers.
import type { Clock, Logger, ObjectStore } from '../ports.js';
import type { SpotifyClient } from '../spotify/client.js';
import type { FetchSettings } from './settings.js';

export interface FetchPorts {
  store: ObjectStore;
  spotify: SpotifyClient;
  logger: Logger;
  clock: Clock;
  settings: FetchSettings;
}

/** Small on purpose: it is the state's output, which the state machine keeps in its 256 KiB of data. */
export interface FetchResult {
  /** The state machine goes on to load: every artist is staged or failed, or this night's slices are used up. */
  done: boolean;
  /** Every tracked artist is staged or failed for good; false for a night that ended at its slice bound. */
  complete: boolean;
  /** Slices run for this date (in this execution), so the state machine can bound its loop. */
  slice: number;
  artistsStaged: number;
  artistsFailed: number;
  artistsRemaining: number;
}
