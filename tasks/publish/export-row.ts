// The publish export (exports/artist_profiles/dt=<dt>/), written by the last SQL step: one JSON row
// per tracked artist with its profile and ranked neighbours. Validated before anything is written.
import { z } from 'zod';

const score = z.number().nullable().optional();

export const neighbourSchema = z.object({
  artist_id: z.string().min(1),
  name: z.string().nullable().optional(),
  rank: z.number().int(),
  score: z.number(),
  signals: z.array(z.string()).nullable().optional(),
  collaboration_score: score,
  genre_score: score,
  audio_score: score,
  shared_tracks: z.number().nullable().optional(),
  shared_collaborators: z.number().nullable().optional(),
  shared_genres: z.array(z.string()).nullable().optional(),
  /** Each signal's part of the score (the parts add up to it); null where the signal is absent. */
  collaboration_part: score,
  genre_part: score,
  audio_part: score,
});

export const exportRowSchema = z.object({
  artist_id: z.string().min(1),
  name: z.string(),
  genres: z.array(z.string()).nullable().optional(),
  top_tracks: z.array(z.object({ track_id: z.string(), name: z.string() })).nullable().optional(),
  neighbours: z.array(neighbourSchema).nullable().optional(),
});

export type ExportRow = z.infer<typeof exportRowSchema>;
export type Neighbour = z.infer<typeof neighbourSchema>;
