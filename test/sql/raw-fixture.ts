// A small raw zone with planted groups of similar artists, written exactly as LoadRawZone writes it
// (gzipped JSON Lines with the columns of tasks/lake/tables.ts). Within a group, artists are credited
// together in a ring (each with the next), share an untracked producer and, when genres are on,
// share two group genres; a few tracks cross groups and every artist carries a common genre, so the
// SQL has noise to see through. Everything is derived from indexes: the same options give the same lake.
import { toJsonLinesGz } from '../../tasks/lake/json-lines.js';
import { lakeKeys, type RawEntity } from '../../tasks/lake/keys.js';
import type { ObjectStore } from '../../tasks/ports.js';

export interface RawFixtureOptions {
  dt: string;
  groups?: number;
  groupSize?: number;
  /** Tracked artists planted in no group, with solo tracks only. */
  loners?: number;
  genres?: boolean;
  audio?: boolean;
}

export interface RawFixture {
  records: Record<RawEntity, Record<string, unknown>[]>;
  plantedGroups: string[][];
  artistIds: string[];
}

export function buildRawFixture(options: RawFixtureOptions): RawFixture {
  const groups = options.groups ?? 4;
  const groupSize = options.groupSize ?? 5;
  const loners = options.loners ?? 3;
  const fetchedAt = `${options.dt}T01:00:00Z`;
  const plantedGroups = Array.from({ length: groups }, (_, group) =>
    Array.from({ length: groupSize }, (_, member) => `g${group}m${member}`),
  );
  const lonerIds = Array.from({ length: loners }, (_, index) => `solo${index}`);
  const artistIds = [...plantedGroups.flat(), ...lonerIds];
  const nameOf = (id: string) => (id.startsWith('prod') ? `Producer ${id.slice(4)}` : `Artist ${id.toUpperCase()}`);

  const artists = artistIds.map((id) => {
    const group = groupOf(id);
    const genres = options.genres && group !== undefined ? [`genre-${group}-a`, `genre-${group}-b`, 'pop'] : [];
    return { id, name: nameOf(id), genres, followers: null, popularity: null, uri: `spotify:artist:${id}`, fetched_at: fetchedAt };
  });

  const albums: Record<string, unknown>[] = [];
  const tracks: Record<string, unknown>[] = [];
  const addTrack = (albumId: string, id: string, credited: string[], number: number) =>
    tracks.push({
      id,
      name: `Song ${id}`,
      album_id: albumId,
      disc_number: 1,
      track_number: number,
      duration_ms: 180_000 + number,
      explicit: false,
      artist_ids: credited,
      artist_names: credited.map(nameOf),
      fetched_at: fetchedAt,
    });

  for (const id of artistIds) {
    const albumId = `al-${id}`;
    albums.push({
      id: albumId,
      name: `Album of ${id}`,
      album_type: 'album',
      release_date: '2024-05-01',
      release_date_precision: 'day',
      total_tracks: 4,
      artist_ids: [id],
      fetched_at: fetchedAt,
    });
    addTrack(albumId, `t-${id}-solo1`, [id], 1);
    addTrack(albumId, `t-${id}-solo2`, [id], 2);
    const group = groupOf(id);
    if (group === undefined) continue;
    const members = plantedGroups[group] as string[];
    const next = members[(members.indexOf(id) + 1) % members.length] as string;
    addTrack(albumId, `t-${id}-with-${next}`, [id, next], 3);
    addTrack(albumId, `t-${id}-produced`, [id, `prod${group}`], 4);
  }
  // Noise: one collaboration across each pair of neighbouring groups.
  for (let group = 0; group + 1 < groups; group += 1) {
    const left = (plantedGroups[group] as string[])[0] as string;
    const right = (plantedGroups[group + 1] as string[])[groupSize - 1] as string;
    addTrack(`al-${left}`, `t-cross-${left}-${right}`, [left, right], 5);
  }

  const audio_features = options.audio
    ? tracks.map((track) => {
        const owner = (track.artist_ids as string[])[0] as string;
        const group = groupOf(owner);
        const base = group === undefined ? 0.5 + 0.07 * Number(owner.slice(4)) : 0.1 + 0.2 * group;
        const wobble = (index: number) => ((String(track.id).length + index) % 5) * 0.01;
        return {
          id: track.id,
          danceability: base + wobble(1),
          energy: 1 - base + wobble(2),
          loudness: -30 + 20 * base + wobble(3),
          speechiness: base / 2 + wobble(4),
          acousticness: 1 - base / 2 + wobble(5),
          instrumentalness: base + wobble(6),
          fetched_at: fetchedAt,
        };
      })
    : [];

  return { records: { artists, albums, tracks, audio_features }, plantedGroups, artistIds };
}

/** Writes the fixture's raw zone for its date; entities with no records get no files, as for an app without audio features. */
export async function writeRawFixture(store: ObjectStore, dt: string, fixture: RawFixture): Promise<void> {
  for (const [entity, records] of Object.entries(fixture.records) as [RawEntity, Record<string, unknown>[]][]) {
    await store.deletePrefix(lakeKeys.rawPartition(entity, dt));
    if (records.length > 0) await store.put(lakeKeys.rawPart(entity, dt, 0), toJsonLinesGz(records));
  }
}

function groupOf(id: string): number | undefined {
  const match = /^g(\d+)m\d+$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
