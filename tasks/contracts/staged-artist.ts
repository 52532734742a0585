// What FetchArtists stages per artist (`staging/dt=<dt>/artists/<id>.json.gz`) and LoadRawZone reads,
// declared once: the fetch writes this shape, the load re-validates it (staging may have been written
// by an older fetch or edited by hand, and the raw zone must only ever hold records of the catalog's
// shape). Staged objects are Spotify objects (tasks/spotify/schemas.ts) plus the album a track was listed on.
import { z } from 'zod';
import { albumSchema, artistRefSchema, artistSchema, audioFeaturesSchema, trackSchema } from '../spotify/schemas.js';

/** A track, with the album whose track listing contained it. */
export const stagedTrackSchema = trackSchema.extend({ album_id: z.string().min(1) });

export const stagedArtistSchema = z.object({
  artist: artistSchema,
  albums: z.array(albumSchema),
  tracks: z.array(stagedTrackSchema),
  /** Empty unless this app can read audio features. */
  audioFeatures: z.array(audioFeaturesSchema),
  fetchedAt: z.string(),
});

export type ArtistRef = z.infer<typeof artistRefSchema>;
export type StagedArtist = z.infer<typeof stagedArtistSchema>;
export type StagedArtistObject = StagedArtist['artist'];
export type StagedAlbum = z.infer<typeof albumSchema>;
export type StagedTrack = z.infer<typeof stagedTrackSchema>;
export type StagedAudioFeatures = z.infer<typeof audioFeaturesSchema>;
