// Reads shared by the artists of one slice: artist objects in batches of 50 when the app may use
// GET /artists?ids=, and album track listings fetched once however many collaborators list the album.
import { isRefusal } from '../spotify/capabilities.js';
import type { SpotifyCapabilities } from '../spotify/capabilities.js';
import type { CallOptions, SpotifyClient, Validated } from '../spotify/client.js';
import type { SpotifyArtist, SpotifyTrack } from '../spotify/schemas.js';
import type { TrackedArtist } from '../contracts/tracked-artists.js';

/** With batch access, one GET /artists?ids= serves the next 50 queued artists; otherwise one GET per artist. */
export function artistLoader(
  spotify: SpotifyClient,
  capabilities: SpotifyCapabilities,
  queue: readonly TrackedArtist[],
  call: CallOptions,
  onRefused: (reason: string) => void,
): (id: string) => Promise<SpotifyArtist> {
  const pending = new Map<string, Promise<SpotifyArtist | undefined>>();
  return async (id) => {
    if (capabilities.batchArtists) {
      if (!pending.has(id)) {
        const ids = [id, ...queue.flatMap((entry) => (entry.kind === 'id' && entry.id !== id && !pending.has(entry.id) ? [entry.id] : []))].slice(0, 50);
        const batch = spotify.getArtists(ids, call).then((found) => new Map(found.items.map((artist) => [artist.id, artist])));
        for (const batchId of ids) {
          const one = batch.then((found) => found.get(batchId));
          // Slots never awaited (the slice stopped first) must not surface as unhandled rejections.
          one.catch(() => undefined);
          pending.set(batchId, one);
        }
      }
      try {
        const found = await pending.get(id);
        pending.delete(id);
        // Missing or invalid in the batch: ask for it alone, which fails or quarantines with a reason.
        if (found !== undefined) return found;
      } catch (error) {
        pending.delete(id);
        if (!isRefusal(error)) throw error;
        onRefused(error.message);
      }
    }
    return spotify.getArtist(id, call);
  };
}

export function sharedAlbumTracks(
  spotify: SpotifyClient,
  call: CallOptions,
  onFetched: () => void,
): (albumId: string) => Promise<Validated<SpotifyTrack>> {
  const listings = new Map<string, Promise<Validated<SpotifyTrack>>>();
  return (albumId) => {
    let listing = listings.get(albumId);
    if (listing === undefined) {
      listing = spotify.getAlbumTracks(albumId, call);
      listings.set(albumId, listing);
      listing.then(onFetched, () => {
        // A failed listing is not cached: the next artist that needs the album asks again.
        listings.delete(albumId);
      });
    }
    return listing;
  };
}
