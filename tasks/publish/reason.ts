// A short, human reason for each neighbour, so the chatbot can say why two artists are similar.
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
  return parts.length > 0 ? parts.join('; ') : `signals: ${(neighbour.signals ?? []).join(', ') || 'none'}`;
}
