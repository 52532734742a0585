// The synthetic sample catalog (local/spotify/catalog.ts) as the raw zone an app of a given kind
// would get: genres only when the app is given them, audio features only with extended access.
import type { SampleCatalog } from '../../local/spotify/catalog.js';
import type { RawFixture } from './raw-fixture.js';

export function catalogAsRaw(
  catalog: SampleCatalog,
  dt: string,
  options: { genres: boolean; audio: boolean },
): RawFixture {
  const fetchedAt = `${dt}T01:00:00Z`;
  const tracked = catalog.artists;
  const albumIds = new Set<string>();
  for (const artist of tracked) {
    const albums = catalog.albumIdsByArtist.get(artist.id);
    for (const id of [...(albums?.own ?? []), ...(albums?.appearsOn ?? [])]) albumIds.add(id);
  }
  const albums = [...albumIds].sort().map((id) => catalog.albumById.get(id)!);
  const tracks = albums.flatMap((album) => album.trackIds.map((id) => catalog.trackById.get(id)!));
  const nameOf = (id: string) => catalog.artistById.get(id)?.name ?? id;
  return {
    plantedGroups: catalog.plantedGroups,
    artistIds: tracked.map((artist) => artist.id),
    records: {
      artists: tracked.map((artist) => ({
        id: artist.id,
        name: artist.name,
        genres: options.genres ? artist.genres : [],
        followers: null,
        popularity: null,
        uri: `spotify:artist:${artist.id}`,
        fetched_at: fetchedAt,
      })),
      albums: albums.map((album) => ({
        id: album.id,
        name: album.name,
        album_type: album.album_type,
        release_date: album.release_date,
        release_date_precision: album.release_date_precision,
        total_tracks: album.trackIds.length,
        artist_ids: album.artistIds,
        fetched_at: fetchedAt,
      })),
      tracks: tracks.map((track) => ({
        id: track.id,
        name: track.name,
        album_id: track.albumId,
        disc_number: track.disc_number,
        track_number: track.track_number,
        duration_ms: track.duration_ms,
        explicit: track.explicit,
        artist_ids: track.artistIds,
        artist_names: track.artistIds.map(nameOf),
        fetched_at: fetchedAt,
      })),
      audio_features: options.audio
        ? tracks.map((track) => ({ id: track.id, ...track.audioFeatures, fetched_at: fetchedAt }))
        : [],
    },
  };
}
