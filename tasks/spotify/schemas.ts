// zod schemas of the Spotify Web API objects the pipeline reads. Each keeps only the fields the
// pipeline uses (zod strips the rest), and marks optional what the 2026 API may leave out for an
// app: genres, followers, popularity. Envelopes (paging, batch wrappers) are checked separately
// from their items, so one bad item is quarantined without losing its page.
import { z } from 'zod';

export const artistRefSchema = z.object({ id: z.string().min(1), name: z.string() });

export const artistSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  genres: z.array(z.string()).optional(),
  followers: z.object({ total: z.number().nullable() }).nullable().optional(),
  popularity: z.number().nullable().optional(),
  uri: z.string(),
});
export type SpotifyArtist = z.infer<typeof artistSchema>;

export const albumSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  album_type: z.string(),
  album_group: z.string().optional(),
  release_date: z.string(),
  release_date_precision: z.string(),
  total_tracks: z.number().int().nonnegative(),
  artists: z.array(artistRefSchema),
});
export type SpotifyAlbum = z.infer<typeof albumSchema>;

/** A track as listed by GET /albums/{id}/tracks: every credited artist, no album. */
export const trackSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  disc_number: z.number().int(),
  track_number: z.number().int(),
  duration_ms: z.number().int().nonnegative(),
  explicit: z.boolean(),
  artists: z.array(artistRefSchema).min(1),
});
export type SpotifyTrack = z.infer<typeof trackSchema>;

/** A full track (top tracks): the simplified track plus its (simplified) album, staged with it. */
export const fullTrackSchema = trackSchema.extend({ album: albumSchema });
export type SpotifyFullTrack = z.infer<typeof fullTrackSchema>;

export const audioFeaturesSchema = z.object({
  id: z.string().min(1),
  danceability: z.number(),
  energy: z.number(),
  loudness: z.number(),
  speechiness: z.number(),
  acousticness: z.number(),
  instrumentalness: z.number(),
});
export type SpotifyAudioFeatures = z.infer<typeof audioFeaturesSchema>;

export const pagingSchema = z.object({
  items: z.array(z.unknown()),
  next: z.string().nullable(),
  total: z.number().int().optional(),
});

export const searchArtistsSchema = z.object({ artists: pagingSchema });
export const artistsBatchSchema = z.object({ artists: z.array(z.unknown()) });
export const topTracksSchema = z.object({ tracks: z.array(z.unknown()) });
export const audioFeaturesBatchSchema = z.object({ audio_features: z.array(z.unknown()) });

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});

/** The API's error body; `reason` distinguishes a quota 429 from a plain rate limit. */
export const apiErrorSchema = z.object({
  error: z.object({ status: z.number().optional(), message: z.string().optional(), reason: z.string().optional() }),
});
