// The chatbot's table layout (single table, string keys pk/sk):
//   ARTIST#<id>  PROFILE      name, genres, top tracks
//   ARTIST#<id>  SIMILAR      ranked neighbours with score, signals and reason
//   NAME#<key>   ARTIST#<id>  lookup by normalised name (several artists may share a name)
//   PIPELINE     PUBLISHED    the newest dt published, so an older re-run never overwrites it
// Every item carries the dt it came from and an expiry (epoch seconds) for DynamoDB TTL.
import { normaliseName } from '../names.js';
import type { ResultItem } from '../ports.js';
import type { ExportRow } from './export-row.js';
import { reasonFor } from './reason.js';

export const itemKeys = {
  artist: (artistId: string) => `ARTIST#${artistId}`,
  name: (name: string) => `NAME#${normaliseName(name)}`,
  profileSk: 'PROFILE',
  similarSk: 'SIMILAR',
  publishedPk: 'PIPELINE',
  publishedSk: 'PUBLISHED',
} as const;

/** Expiry is derived from dt, not the wall clock, so re-running a date writes identical items. */
export function expiryFor(dt: string, ttlDays: number): number {
  return Math.floor(Date.parse(`${dt}T00:00:00Z`) / 1000) + Math.round(ttlDays * 86_400);
}

export function itemsForArtist(row: ExportRow, dt: string, expiresAt: number): ResultItem[] {
  const pk = itemKeys.artist(row.artist_id);
  const stamp = { dt, expiresAt };
  return [
    {
      pk,
      sk: itemKeys.profileSk,
      artistId: row.artist_id,
      name: row.name,
      genres: row.genres ?? [],
      topTracks: (row.top_tracks ?? []).map((track) => ({ id: track.track_id, name: track.name })),
      ...stamp,
    },
    {
      pk,
      sk: itemKeys.similarSk,
      artistId: row.artist_id,
      name: row.name,
      neighbours: [...(row.neighbours ?? [])]
        .sort((a, b) => a.rank - b.rank)
        .map((neighbour) => ({
          id: neighbour.artist_id,
          name: neighbour.name ?? null,
          rank: neighbour.rank,
          score: Math.round(neighbour.score * 10_000) / 10_000,
          signals: neighbour.signals ?? [],
          reason: reasonFor(neighbour),
        })),
      ...stamp,
    },
    { pk: itemKeys.name(row.name), sk: pk, artistId: row.artist_id, name: row.name, ...stamp },
  ];
}
