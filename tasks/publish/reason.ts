// A short, human reason for each neighbour, so the chatbot can say why two artists are similar and
// on which signals the score rests.
import type { Neighbour } from './export-row.js';

export function reasonFor(neighbour: Neighbour): string {
  const parts: string[] = [];
  const tracks = neighbour.shared_tracks ?? 0;
  const collaborators = neighbour.shared_collaborators ?? 0;
  const genres = neighbour.shared_genres ?? [];
  if (tracks > 0) parts.push(`credited together on ${tracks} track${tracks === 1 ? '' : 's'}`);
  if (collaborators > 0) parts.push(`${collaborators} shared collaborator${collaborators === 1 ? '' : 's'}`);
  if (genres.length > 0) parts.push(`shared genres: ${genres.slice(0, 3).join(', ')}`);
  if (neighbour.audio_score !== null && neighbour.audio_score !== undefined) parts.push('similar audio profile');
  // The signals the score used: a pair scored on genres alone says so, so the chatbot never implies more.
  const used = neighbour.signals ?? [];
  const evidence = parts.length > 0 ? parts.join('; ') : 'nothing shared';
  return used.length > 0 ? `${evidence} (scored on ${used.join(', ')})` : evidence;
}
