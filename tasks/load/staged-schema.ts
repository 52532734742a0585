// Load re-validates what Fetch staged: staging may have been written by an older version of the
// fetch task, or edited by hand, and the raw zone must only ever hold records of the catalog's shape.
import { z } from 'zod';
import type { StagedArtist } from '../fetch/staged.js';

const artistRef = z.object({ id: z.string().min(1), name: z.string() });

export const stagedArtistSchema = z.object({
  artist: z.object({
    id: z.string().min(1),
    name: z.string(),
    genres: z.array(z.string()).optional(),
    followers: z.object({ total: z.number().nullable() }).nullable().optional(),
    popularity: z.number().nullable().optional(),
    uri: z.string(),
  }),
  albums: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      album_type: z.string(),
      release_date: z.string(),
      release_date_precision: z.string(),
      total_tracks: z.number().int(),
      artists: z.array(artistRef),
    }),
  ),
  tracks: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      album_id: z.string().min(1),
      disc_number: z.number().int(),
      track_number: z.number().int(),
      duration_ms: z.number().int(),
      explicit: z.boolean(),
      artists: z.array(artistRef).min(1),
    }),
  ),
  audioFeatures: z.array(
    z.object({
      id: z.string().min(1),
      danceability: z.number(),
      energy: z.number(),
      loudness: z.number(),
      speechiness: z.number(),
      acousticness: z.number(),
      instrumentalness: z.number(),
    }),
  ),
  fetchedAt: z.string(),
}) satisfies z.ZodType<StagedArtist>;
