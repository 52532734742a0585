// Small staged-artist fixtures for Load and Publish tests.
import type { StagedArtist } from '../../tasks/contracts/staged-artist.js';

export function stagedArtist(id: string, name: string, options: { collaborator?: { id: string; name: string }; genres?: string[]; fetchedAt?: string } = {}): StagedArtist {
  const credits = [{ id, name }, ...(options.collaborator ? [options.collaborator] : [])];
  return {
    artist: { id, name, genres: options.genres, uri: `spotify:artist:${id}` },
    albums: [
      { id: `album-${id}`, name: `${name} LP`, album_type: 'album', release_date: '2025-05-01', release_date_precision: 'day', total_tracks: 1, artists: [{ id, name }] },
      { id: 'album-shared', name: 'Together', album_type: 'single', release_date: '2025', release_date_precision: 'year', total_tracks: 1, artists: credits },
    ],
    tracks: [
      { id: `track-${id}`, name: `${name} song`, album_id: `album-${id}`, disc_number: 1, track_number: 1, duration_ms: 200_000, explicit: false, artists: [{ id, name }] },
      { id: 'track-shared', name: 'Duet', album_id: 'album-shared', disc_number: 1, track_number: 1, duration_ms: 180_000, explicit: false, artists: credits },
    ],
    audioFeatures: [],
    fetchedAt: options.fetchedAt ?? '2026-11-23T00:00:00.000Z',
  };
}
