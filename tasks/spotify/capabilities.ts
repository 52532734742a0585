// The capability probe, run once at the start of each run: which optional endpoints and fields this
// Spotify app gets. A 2026 development-mode app has no top tracks, batch endpoints, audio features,
// followers or popularity, and some get no genres; an app with extended access gets all of them.
// A refusal (403, or 404 for a removed endpoint) turns the signal off for the run; it never fails it.
import { SpotifyRequestFailed } from '../errors.js';
import type { CallOptions, SpotifyClient } from './client.js';

export interface SpotifyCapabilities {
  genres: boolean;
  followers: boolean;
  popularity: boolean;
  topTracks: boolean;
  audioFeatures: boolean;
  batchArtists: boolean;
  /** The artist the probe asked about. */
  probedWith: string;
  probedAt: string;
  /** Why a signal is off, e.g. { audioFeatures: "403: Forbidden" }. */
  notes: Record<string, string>;
}

export type OptionalEndpoint = 'topTracks' | 'audioFeatures' | 'batchArtists';

/** True when `error` means "this app may not use that endpoint", as opposed to a failure to retry. */
export function isRefusal(error: unknown): error is SpotifyRequestFailed {
  return error instanceof SpotifyRequestFailed && (error.status === 403 || error.status === 404);
}

export async function probeCapabilities(
  client: SpotifyClient,
  artistId: string,
  at: Date,
  options: CallOptions = {},
): Promise<SpotifyCapabilities> {
  const notes: Record<string, string> = {};
  const artist = await client.getArtist(artistId, options);

  const tryEndpoint = async (name: OptionalEndpoint, call: () => Promise<unknown>): Promise<boolean> => {
    try {
      await call();
      return true;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      notes[name] = error.message;
      return false;
    }
  };

  let sampleTrackId: string | undefined;
  const topTracks = await tryEndpoint('topTracks', async () => {
    sampleTrackId = (await client.getTopTracks(artistId, options)).items[0]?.id;
  });
  const batchArtists = await tryEndpoint('batchArtists', () => client.getArtists([artistId], options));
  // Any well-formed id will do: an app allowed audio features gets null for an unknown track, others get 403.
  const audioFeatures = await tryEndpoint('audioFeatures', () => client.getAudioFeatures([sampleTrackId ?? artistId], options));

  const genres = artist.genres !== undefined;
  const followers = artist.followers !== undefined && artist.followers !== null && artist.followers.total !== null;
  const popularity = artist.popularity !== undefined && artist.popularity !== null;
  if (!genres) notes.genres = 'artist objects come without genres';
  if (!followers) notes.followers = 'artist objects come without followers';
  if (!popularity) notes.popularity = 'artist objects come without popularity';

  return { genres, followers, popularity, topTracks, audioFeatures, batchArtists, probedWith: artistId, probedAt: at.toISOString(), notes };
}
