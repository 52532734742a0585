// Staged API objects -> raw-zone records with exactly the columns of tasks/lake/tables.ts, deduplicated
// by id (albums and tracks shared by collaborating artists are staged once per artist).
//
// Staged objects arrive one at a time and in any order (Load reads them concurrently), and only the
// winning record per id is kept, already serialised as its JSON line: memory grows with the raw zone,
// not with what was staged. The winner does not depend on arrival order: the latest fetched_at wins,
// and between equal fetched_at the object that comes first in staging key order, as a sequential read
// in key order would keep. So the same staging always gives the same raw zone, byte for byte.
import type { StagedArtist } from '../fetch/staged.js';
import { RAW_ENTITIES, type RawEntity } from '../lake/keys.js';

export type RawRecord = Record<string, unknown> & { id: string; fetched_at: string };

interface Kept {
  fetchedAt: string;
  /** The staged object's position in key order. */
  order: number;
  line: string;
}

export class RawRecordSet {
  private readonly kept = Object.fromEntries(RAW_ENTITIES.map((entity) => [entity, new Map<string, Kept>()])) as Record<
    RawEntity,
    Map<string, Kept>
  >;

  /** Adds the records of one staged object; `order` is its position among the staged keys. */
  add(staged: StagedArtist, order: number): void {
    const { artist, fetchedAt } = staged;
    this.offer('artists', artist.id, fetchedAt, order, () => ({
      id: artist.id,
      name: artist.name,
      genres: artist.genres ?? [],
      followers: artist.followers?.total ?? null,
      popularity: artist.popularity ?? null,
      uri: artist.uri,
      fetched_at: fetchedAt,
    }));
    for (const album of staged.albums) {
      this.offer('albums', album.id, fetchedAt, order, () => ({
        id: album.id,
        name: album.name,
        album_type: album.album_type,
        release_date: album.release_date,
        release_date_precision: album.release_date_precision,
        total_tracks: album.total_tracks,
        artist_ids: album.artists.map((credit) => credit.id),
        fetched_at: fetchedAt,
      }));
    }
    for (const track of staged.tracks) {
      this.offer('tracks', track.id, fetchedAt, order, () => ({
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
      }));
    }
    for (const features of staged.audioFeatures) {
      this.offer('audio_features', features.id, fetchedAt, order, () => ({ ...features, fetched_at: fetchedAt }));
    }
  }

  count(entity: RawEntity): number {
    return this.kept[entity].size;
  }

  /** One JSON line per record, sorted by id: the raw zone is reproducible apart from fetched_at. */
  sortedLines(entity: RawEntity): string[] {
    const records = this.kept[entity];
    return [...records.keys()].sort().map((id) => (records.get(id) as Kept).line);
  }

  private offer(entity: RawEntity, id: string, fetchedAt: string, order: number, record: () => RawRecord): void {
    const records = this.kept[entity];
    const existing = records.get(id);
    const wins =
      existing === undefined ||
      existing.fetchedAt < fetchedAt ||
      (existing.fetchedAt === fetchedAt && order < existing.order);
    // The record is built only when it wins: most albums and tracks are staged several times.
    if (wins) records.set(id, { fetchedAt, order, line: JSON.stringify(record()) });
  }
}
