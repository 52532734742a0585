// The chatbot's table layout (single table, string keys pk/sk), written by PublishResults and by the
// chatbot lookup, read by the lookup:
//   ARTIST#<id>  PROFILE      name, genres, top tracks
//   ARTIST#<id>  SIMILAR      ranked neighbours with score, signals and reason
//   NAME#<key>   ARTIST#<id>  lookup by normalised name (several artists may share a name)
//   NAME#~<key>  ARTIST#<id>  lookup by the name without accents ("bjornnunez" for Björn Núñez), only
//                             where that differs; read when the exact key finds nothing. An exact key
//                             never starts with "~" unless the whole name is punctuation, and a folded
//                             key always holds a letter or digit, so the two never meet.
//   PIPELINE     PUBLISHED    the newest dt published, so an older re-run never overwrites it
// Every item carries the dt it came from and an expiry (epoch seconds) for DynamoDB TTL.
import { z } from 'zod';
import { foldedNameKey, normaliseName } from '../names.js';
import type { ResultItem } from '../ports.js';

export const itemKeys = {
  artist: (artistId: string) => `ARTIST#${artistId}`,
  name: (name: string) => `NAME#${normaliseName(name)}`,
  foldedName: (name: string) => `NAME#~${foldedNameKey(name)}`,
  profileSk: 'PROFILE',
  similarSk: 'SIMILAR',
  publishedPk: 'PIPELINE',
  publishedSk: 'PUBLISHED',
} as const;

const stampSchema = z.object({ dt: z.string(), expiresAt: z.number().int() });
export type ItemStamp = z.infer<typeof stampSchema>;

export const topTrackSchema = z.object({ id: z.string(), name: z.string() });

/** ARTIST#<id> PROFILE; `source: 'chatbot'` marks a profile the lookup added before any nightly run. */
export const profileItemSchema = stampSchema.extend({
  pk: z.string(),
  sk: z.literal(itemKeys.profileSk),
  artistId: z.string(),
  name: z.string(),
  genres: z.array(z.string()),
  topTracks: z.array(topTrackSchema),
  source: z.literal('chatbot').optional(),
});
export type ProfileItem = z.infer<typeof profileItemSchema>;

export const neighbourSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  rank: z.number(),
  score: z.number(),
  signals: z.array(z.string()),
  reason: z.string(),
});
export type Neighbour = z.infer<typeof neighbourSchema>;

/** ARTIST#<id> SIMILAR: the ranked neighbours. */
export const similarItemSchema = stampSchema.extend({
  pk: z.string(),
  sk: z.literal(itemKeys.similarSk),
  artistId: z.string(),
  name: z.string(),
  neighbours: z.array(neighbourSchema),
});
export type SimilarItem = z.infer<typeof similarItemSchema>;

/** NAME#<key> ARTIST#<id> (and NAME#~<key>): one artist a name leads to. */
export const nameItemSchema = stampSchema.extend({ pk: z.string(), sk: z.string(), artistId: z.string(), name: z.string() });
export type NameItem = z.infer<typeof nameItemSchema>;

/** Expiry is derived from dt, not the wall clock, so re-running a date writes identical items. */
export function expiryFor(dt: string, ttlDays: number): number {
  return Math.floor(Date.parse(`${dt}T00:00:00Z`) / 1000) + Math.round(ttlDays * 86_400);
}

export function profileItem(
  artist: { artistId: string; name: string; genres: string[]; topTracks: z.infer<typeof topTrackSchema>[] },
  stamp: ItemStamp,
  source?: 'chatbot',
): ProfileItem & ResultItem {
  return {
    pk: itemKeys.artist(artist.artistId),
    sk: itemKeys.profileSk,
    ...artist,
    ...stamp,
    ...(source === undefined ? {} : { source }),
  };
}

export function similarItem(artistId: string, name: string, neighbours: Neighbour[], stamp: ItemStamp): SimilarItem & ResultItem {
  return { pk: itemKeys.artist(artistId), sk: itemKeys.similarSk, artistId, name, neighbours, ...stamp };
}

/** The name lookups of one artist: the exact key, and the accent-folded key where it differs. */
export function nameItems(artistId: string, name: string, stamp: ItemStamp): (NameItem & ResultItem)[] {
  const sk = itemKeys.artist(artistId);
  const item = { sk, artistId, name, ...stamp };
  const folded = foldedNameKey(name) === normaliseName(name) ? [] : [{ pk: itemKeys.foldedName(name), ...item }];
  return [{ pk: itemKeys.name(name), ...item }, ...folded];
}
