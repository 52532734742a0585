// What earlier nights already put in the raw zone: the tracks of albums fetched before (so tonight
// asks Spotify only for new albums) and audio features of tracks seen before. Read from the most
// recent earlier dt partition, which holds everything that night's tracked artists had, and, when
// the last nights could not fetch everyone, from the partitions of the dates the tracked artists
// were last fetched on (at most MAX_HISTORY_DATES, newest first; the newest copy of an album wins):
// an artist fetched three nights ago costs its listing, not its albums again. An album counts as
// known only when the lake has all of its total_tracks, otherwise it is fetched again.
import { rawTrackReadSchema, stagedTrackFromRaw } from '../contracts/raw-records.js';
import type { StagedAudioFeatures, StagedTrack } from '../contracts/staged-artist.js';
import { fromJsonLines } from '../lake/json-lines.js';
import { lakeKeys, type RawEntity } from '../lake/keys.js';
import type { ObjectStore } from '../ports.js';
import { audioFeaturesSchema } from '../spotify/schemas.js';

export interface LakeHistory {
  /** The album's tracks, when the lake holds all `totalTracks` of them. */
  tracksOf(albumId: string, totalTracks: number): StagedTrack[] | undefined;
  featuresOf(trackId: string): StagedAudioFeatures | undefined;
}

// Raw audio-feature records are the API objects as fetched, plus fetched_at (dropped when read back).
const rawFeaturesSchema = audioFeaturesSchema;

export const emptyHistory: LakeHistory = { tracksOf: () => undefined, featuresOf: () => undefined };

/** Raw partitions read at most: the memory a night spends on history stays bounded however long the backlog. */
export const MAX_HISTORY_DATES = 7;

export async function readLakeHistory(
  store: ObjectStore,
  dt: string,
  options: { audio: boolean; fetchedOn?: readonly string[] },
): Promise<LakeHistory> {
  const trackDates = await earlierDates(store, 'tracks', dt, options.fetchedOn ?? []);
  if (trackDates.length === 0) return emptyHistory;
  const byAlbum = new Map<string, StagedTrack[]>();
  for (const date of trackDates) {
    const albums = await readTracks(store, date);
    for (const [albumId, tracks] of albums) if (!byAlbum.has(albumId)) byAlbum.set(albumId, tracks);
  }

  const features = new Map<string, StagedAudioFeatures>();
  const featureDates = options.audio ? await earlierDates(store, 'audio_features', dt, options.fetchedOn ?? []) : [];
  for (const date of featureDates) {
    for (const record of await readPartition(store, 'audio_features', date)) {
      const parsed = rawFeaturesSchema.safeParse(record);
      if (parsed.success && !features.has(parsed.data.id)) features.set(parsed.data.id, parsed.data);
    }
  }

  return {
    tracksOf: (albumId, totalTracks) => {
      const tracks = byAlbum.get(albumId);
      return tracks !== undefined && tracks.length >= totalTracks ? tracks : undefined;
    },
    featuresOf: (trackId) => features.get(trackId),
  };
}

/** One partition's tracks by album, in track order. */
async function readTracks(store: ObjectStore, date: string): Promise<Map<string, StagedTrack[]>> {
  const byAlbum = new Map<string, StagedTrack[]>();
  for (const record of await readPartition(store, 'tracks', date)) {
    const parsed = rawTrackReadSchema.safeParse(record);
    // A raw row the lake cannot vouch for is simply not reused: the album is fetched again.
    if (!parsed.success) continue;
    const row = parsed.data;
    const track = stagedTrackFromRaw(row);
    const tracks = byAlbum.get(row.album_id) ?? [];
    tracks.push(track);
    byAlbum.set(row.album_id, tracks);
  }
  for (const tracks of byAlbum.values()) tracks.sort((a, b) => a.disc_number - b.disc_number || a.track_number - b.track_number);
  return byAlbum;
}

/** The latest earlier partition, and those of the dates tracked artists were last fetched on, newest first. */
async function earlierDates(store: ObjectStore, entity: RawEntity, dt: string, fetchedOn: readonly string[]): Promise<string[]> {
  const available = new Set(
    (await store.list(lakeKeys.rawEntityRoot(entity)))
      .map((key) => /\/dt=(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1])
      .filter((date): date is string => date !== undefined && date < dt),
  );
  const latest = [...available].sort().at(-1);
  const wanted = new Set([...(latest === undefined ? [] : [latest]), ...fetchedOn.filter((date) => available.has(date))]);
  return [...wanted].sort().reverse().slice(0, MAX_HISTORY_DATES);
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
