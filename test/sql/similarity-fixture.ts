// A raw zone written to order for the similarity step: each artist with the genres it is given,
// each track with the artists it credits (the first is the album's artist); an artist credited on
// nothing has no album at all. Written exactly as LoadRawZone writes it (raw-fixture.ts).
import type { RawFixture } from '../../local/fixtures/raw-fixture.js';

export interface FixtureArtist {
  id: string;
  genres?: string[];
}

export interface FixtureTrack {
  id: string;
  credits: string[];
}

export function similarityFixture(dt: string, artists: FixtureArtist[], tracks: FixtureTrack[] = []): RawFixture {
  const fetchedAt = `${dt}T01:00:00Z`;
  const name = (id: string) => `Artist ${id}`;
  const owners = [...new Set(tracks.map((track) => track.credits[0] as string))];
  return {
    plantedGroups: [],
    artistIds: artists.map((artist) => artist.id),
    records: {
      artists: artists.map((artist) => ({
        id: artist.id,
        name: name(artist.id),
        genres: artist.genres ?? [],
        followers: null,
        popularity: null,
        uri: `spotify:artist:${artist.id}`,
        fetched_at: fetchedAt,
      })),
      albums: owners.map((owner) => ({
        id: `al-${owner}`,
        name: `Album of ${owner}`,
        album_type: 'album',
        release_date: '2024-05-01',
        release_date_precision: 'day',
        total_tracks: tracks.filter((track) => track.credits[0] === owner).length,
        artist_ids: [owner],
        fetched_at: fetchedAt,
      })),
      tracks: tracks.map((track, index) => ({
        id: track.id,
        name: `Song ${track.id}`,
        album_id: `al-${track.credits[0]}`,
        disc_number: 1,
        track_number: index + 1,
        duration_ms: 180_000,
        explicit: false,
        artist_ids: track.credits,
        artist_names: track.credits.map(name),
        fetched_at: fetchedAt,
      })),
      audio_features: [],
    },
  };
}
