// The raw zone's records, both ways, in one place: staged API objects -> raw-zone records with exactly
// the columns of tasks/lake/tables.ts, deduplicated by id (albums and tracks shared by collaborating
// artists are staged once per artist), written by the load; and raw track records -> staged tracks,
// read back by the fetch to reuse what earlier nights already put in the lake.
import { z } from 'zod';
import type { RawEntity } from '../lake/keys.js';
import type { StagedArtist, StagedTrack } from './staged-artist.js';

/** A raw track record (`raw/tracks/`), as toRawRecords writes it. */
export const rawTrackSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  album_id: z.string().min(1),
  disc_number: z.number().int(),
  track_number: z.number().int(),
  duration_ms: z.number().int(),
  explicit: z.boolean(),
  artist_ids: z.array(z.string()).min(1),
  artist_names: z.array(z.string()),
  fetched_at: z.string(),
});
export type RawTrack = z.infer<typeof rawTrackSchema>;

export type RawRecord = Record<string, unknown> & { id: string; fetched_at: string };
export type RawRecords = Record<RawEntity, RawRecord[]>;

export function toRawRecords(staged: readonly StagedArtist[]): RawRecords {
  const artists = new Map<string, RawRecord>();
  const albums = new Map<string, RawRecord>();
  const tracks = new Map<string, RawRecord>();
  const audio = new Map<string, RawRecord>();

  for (const { artist, albums: stagedAlbums, tracks: stagedTracks, audioFeatures, fetchedAt } of staged) {
    keepLatest(artists, {
      id: artist.id,
      name: artist.name,
      genres: artist.genres ?? [],
      followers: artist.followers?.total ?? null,
      popularity: artist.popularity ?? null,
      uri: artist.uri,
      fetched_at: fetchedAt,
    });
    for (const album of stagedAlbums) {
      keepLatest(albums, {
        id: album.id,
        name: album.name,
        album_type: album.album_type,
        release_date: album.release_date,
        release_date_precision: album.release_date_precision,
        total_tracks: album.total_tracks,
        artist_ids: album.artists.map((credit) => credit.id),
        fetched_at: fetchedAt,
      });
    }
    for (const track of stagedTracks) {
      keepLatest(tracks, rawTrack(track, fetchedAt));
    }
    for (const features of audioFeatures) {
      keepLatest(audio, { ...features, fetched_at: fetchedAt });
    }
  }

  return {
    artists: sortedById(artists),
    albums: sortedById(albums),
    tracks: sortedById(tracks),
    audio_features: sortedById(audio),
  };
}

function rawTrack(track: StagedTrack, fetchedAt: string): RawTrack {
  return {
    id: track.id,
    name: track.name,
    album_id: track.album_id,
    disc_number: track.disc_number,
    track_number: track.track_number,
    duration_ms: track.duration_ms,
    explicit: track.explicit,
    artist_ids: track.artists.map((credit) => credit.id),
    artist_names: track.artists.map((credit) => credit.name),
    fetched_at: fetchedAt,
  };
}

/** What reading a raw track back needs: older rows may lack fetched_at, and it is not part of a staged track. */
export const rawTrackReadSchema = rawTrackSchema.omit({ fetched_at: true });

/** A raw track record read back as the staged track it was written from. */
export function stagedTrackFromRaw(row: z.infer<typeof rawTrackReadSchema>): StagedTrack {
  return {
    id: row.id,
    name: row.name,
    album_id: row.album_id,
    disc_number: row.disc_number,
    track_number: row.track_number,
    duration_ms: row.duration_ms,
    explicit: row.explicit,
    artists: row.artist_ids.map((id, index) => ({ id, name: row.artist_names[index] ?? '' })),
  };
}

function keepLatest(records: Map<string, RawRecord>, record: RawRecord): void {
  const existing = records.get(record.id);
  if (existing === undefined || existing.fetched_at < record.fetched_at) records.set(record.id, record);
}

// Sorted output makes the raw zone byte-for-byte reproducible apart from fetched_at.
function sortedById(records: Map<string, RawRecord>): RawRecord[] {
  return [...records.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
