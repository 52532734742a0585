// Human-readable zod issues, shared by every place that validates outside data (Spotify responses,
// staged objects, the publish export), so all of them name the bad field the same way.
import type { z } from 'zod';

/** e.g. "artists.0.name: expected string, received undefined". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
