// Load re-validates what Fetch staged: staging may have been written by an older version of the
// fetch task, or edited by hand, and the raw zone must only ever hold records of the catalog's shape.
// Staged objects are Spotify objects (tasks/spotify/schemas.ts) plus the album a track was listed on.
import { z } from 'zod';
import type { StagedArtist } from '../fetch/staged.js';
import { albumSchema, artistSchema, audioFeaturesSchema, trackSchema } from '../spotify/schemas.js';

export const stagedArtistSchema = z.object({
  artist: artistSchema,
  albums: z.array(albumSchema),
  tracks: z.array(trackSchema.extend({ album_id: z.string().min(1) })),
  audioFeatures: z.array(audioFeaturesSchema),
  fetchedAt: z.string(),
}) satisfies z.ZodType<StagedArtist>;
