// The chatbot's table layout (single table, string keys pk/sk):
//   ARTIST#<id>  PROFILE      name, genres, top tracks
//   ARTIST#<id>  SIMILAR      ranked neighbours with score, signals and reason
//   NAME#<key>   ARTIST#<id>  lookup by normalised name (several artists may share a name)
//   NAME#~<key>  ARTIST#<id>  lookup by the name without accents ("bjornnunez" for Björn Núñez), only
//                             where that differs; read when the exact key finds nothing. An exact key
//                             never starts with "~" unless the whole name is punctuation, and a folded
//                             key always holds a letter or digit, so the two never meet.
//   PIPELINE     PUBLISHED    the newest dt published, so an older re-run never overwrites it
// Every item carries the dt it came from and an expiry (epoch seconds) for DynamoDB TTL.
import { foldedNameKey, normaliseName } from '../names.js';
import type { ResultItem } from '../ports.js';
import type { ExportRow } from './export-row.js';
import { reasonFor } from './reason.js';

export const itemKeys = {
  artist: (artistId: string) => `ARTIST#${artistId}`,
  name: (name: string) => `NAME#${normaliseName(name)}`,
  foldedName: (name: string) => `NAME#~${foldedNameKey(name)}`,
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
    ...nameItems(row.artist_id, row.name, stamp),
  ];
}

/** The name lookups of one artist: the exact key, and the accent-folded key where it differs. */
export function nameItems(artistId: string, name: string, stamp: { dt: string; expiresAt: number }): ResultItem[] {
  const sk = itemKeys.artist(artistId);
  const item = { sk, artistId, name, ...stamp };
  const folded = foldedNameKey(name) === normaliseName(name) ? [] : [{ pk: itemKeys.foldedName(name), ...item }];
  return [{ pk: itemKeys.name(name), ...item }, ...folded];
}
