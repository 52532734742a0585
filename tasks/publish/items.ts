// One export row -> the chatbot's items for that artist (layout and keys: tasks/contracts/result-items.ts).
import { nameItems, profileItem, similarItem } from '../contracts/result-items.js';
import type { ResultItem } from '../ports.js';
import type { ExportRow } from './export-row.js';
import { reasonFor } from './reason.js';

export function itemsForArtist(row: ExportRow, dt: string, expiresAt: number): ResultItem[] {
  const stamp = { dt, expiresAt };
  const neighbours = [...(row.neighbours ?? [])]
    .sort((a, b) => a.rank - b.rank)
    .map((neighbour) => ({
      id: neighbour.artist_id,
      name: neighbour.name ?? null,
      rank: neighbour.rank,
      score: Math.round(neighbour.score * 10_000) / 10_000,
      signals: neighbour.signals ?? [],
      reason: reasonFor(neighbour),
    }));
  const topTracks = (row.top_tracks ?? []).map((track) => ({ id: track.track_id, name: track.name }));
  return [
    profileItem({ artistId: row.artist_id, name: row.name, genres: row.genres ?? [], topTracks }, stamp),
    similarItem(row.artist_id, row.name, neighbours, stamp),
    ...nameItems(row.artist_id, row.name, stamp),
  ];
}
