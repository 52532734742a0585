// What earlier nights already put in the raw zone: the tracks of albums fetched before (so tonight
// asks Spotify only for new albums) and audio features of tracks seen before. Read from the most
// recent earlier dt partition, which holds everything that night's tracked artists had: an album
// counts as known only when the lake has all of its total_tracks, otherwise it is fetched again.
import { z } from 'zod';
import { fromJsonLines } from '../lake/json-lines.js';
import { lakeKeys, type RawEntity } from '../lake/keys.js';
import type { ObjectStore } from '../ports.js';
import { audioFeaturesSchema } from '../spotify/schemas.js';
import type { StagedAudioFeatures, StagedTrack } from './staged.js';

export interface LakeHistory {
  /** The earlier date read, if any. */
  fromDt?: string;
  /** The album's tracks, when the lake holds all `totalTracks` of them. */
  tracksOf(albumId: string, totalTracks: number): StagedTrack[] | undefined;
  featuresOf(trackId: string): StagedAudioFeatures | undefined;
}

const rawTrackSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  album_id: z.string().min(1),
  disc_number: z.number().int(),
  track_number: z.number().int(),
  duration_ms: z.number().int(),
  explicit: z.boolean(),
  artist_ids: z.array(z.string()).min(1),
  artist_names: z.array(z.string()),
});

// Raw audio-feature records are the API objects as fetched, plus fetched_at.
const rawFeaturesSchema = audioFeaturesSchema;

export const emptyHistory: LakeHistory = { tracksOf: () => undefined, featuresOf: () => undefined };

export async function readLakeHistory(store: ObjectStore, dt: string, options: { audio: boolean }): Promise<LakeHistory> {
  const tracksDt = await latestEarlierDate(store, 'tracks', dt);
  if (tracksDt === undefined) return emptyHistory;
  const byAlbum = new Map<string, StagedTrack[]>();
  for (const record of await readPartition(store, 'tracks', tracksDt)) {
    const parsed = rawTrackSchema.safeParse(record);
    // A raw row the lake cannot vouch for is simply not reused: the album is fetched again.
    if (!parsed.success) continue;
    const row = parsed.data;
    const track: StagedTrack = {
      id: row.id,
      name: row.name,
      album_id: row.album_id,
      disc_number: row.disc_number,
      track_number: row.track_number,
      duration_ms: row.duration_ms,
      explicit: row.explicit,
      artists: row.artist_ids.map((id, index) => ({ id, name: row.artist_names[index] ?? '' })),
    };
    const tracks = byAlbum.get(row.album_id) ?? [];
    tracks.push(track);
    byAlbum.set(row.album_id, tracks);
  }
  for (const tracks of byAlbum.values()) tracks.sort((a, b) => a.disc_number - b.disc_number || a.track_number - b.track_number);

  const features = new Map<string, StagedAudioFeatures>();
  const featuresDt = options.audio ? await latestEarlierDate(store, 'audio_features', dt) : undefined;
  if (featuresDt !== undefined) {
    for (const record of await readPartition(store, 'audio_features', featuresDt)) {
      const parsed = rawFeaturesSchema.safeParse(record);
      if (parsed.success) features.set(parsed.data.id, parsed.data);
    }
  }

  return {
    fromDt: tracksDt,
    tracksOf: (albumId, totalTracks) => {
      const tracks = byAlbum.get(albumId);
      return tracks !== undefined && tracks.length >= totalTracks ? tracks : undefined;
    },
    featuresOf: (trackId) => features.get(trackId),
  };
}

async function latestEarlierDate(store: ObjectStore, entity: RawEntity, dt: string): Promise<string | undefined> {
  const dates = (await store.list(lakeKeys.rawEntityRoot(entity)))
    .map((key) => /\/dt=(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1])
    .filter((date): date is string => date !== undefined && date < dt);
  return dates.sort().at(-1);
}

async function readPartition(store: ObjectStore, entity: RawEntity, dt: string): Promise<unknown[]> {
  const keys = (await store.list(lakeKeys.rawPartition(entity, dt))).filter((key) => key.endsWith('.json.gz'));
  const records: unknown[] = [];
  for (const key of keys) {
    const body = await store.get(key);
    if (body !== undefined) records.push(...fromJsonLines(body, true));
  }
  return records;
}
