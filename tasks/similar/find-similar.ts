// "Which artists are similar to X?": the chatbot's read path, by artist id or by name. A plain
// function over the ResultsStore so the Lambda, the local CLI and any other host share it.
import type { z } from 'zod';
import { itemKeys, type Neighbour, type topTrackSchema } from '../contracts/result-items.js';
import { foldedNameKey } from '../names.js';
import type { ResultItem, ResultsStore } from '../ports.js';
import { SPOTIFY_ID } from '../spotify/ids.js';

export type SimilarNeighbour = Neighbour;

export interface SimilarAnswer {
  artistId: string;
  name: string;
  dt: string;
  /** False for a profile the chatbot added (from Spotify) that no nightly run has published yet. */
  published: boolean;
  genres: string[];
  topTracks: z.infer<typeof topTrackSchema>[];
  neighbours: SimilarNeighbour[];
}

/**
 * Every artist matching the query (names are not unique), each with its neighbours. By id, else by
 * the exact name key; only when that finds nothing, by the name without accents ("Bjorn Nunez" finds
 * Björn Núñez), looking in both the folded keys and the exact keys of names that had no accents.
 */
export async function findSimilar(query: string, results: ResultsStore): Promise<SimilarAnswer[]> {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  const ids = new Set<string>();
  if (SPOTIFY_ID.test(trimmed)) ids.add(trimmed);
  await addArtistIds(ids, results, itemKeys.name(trimmed));
  if (ids.size === 0) {
    await addArtistIds(ids, results, itemKeys.foldedName(trimmed));
    const plain = itemKeys.name(foldedNameKey(trimmed));
    if (plain !== itemKeys.name(trimmed)) await addArtistIds(ids, results, plain);
  }
  const answers: SimilarAnswer[] = [];
  for (const id of [...ids].sort()) {
    const items = await results.query(itemKeys.artist(id));
    const answer = toAnswer(id, items);
    if (answer) answers.push(answer);
  }
  return answers;
}

async function addArtistIds(ids: Set<string>, results: ResultsStore, pk: string): Promise<void> {
  for (const item of await results.query(pk)) {
    if (typeof item.artistId === 'string') ids.add(item.artistId);
  }
}

function toAnswer(artistId: string, items: ResultItem[]): SimilarAnswer | undefined {
  const profile = items.find((item) => item.sk === itemKeys.profileSk);
  const similar = items.find((item) => item.sk === itemKeys.similarSk);
  if (!profile && !similar) return undefined;
  const source = profile ?? similar;
  return {
    artistId,
    name: String(source?.name ?? artistId),
    dt: String(source?.dt ?? ''),
    published: profile?.source !== 'chatbot',
    genres: (profile?.genres as string[] | undefined) ?? [],
    topTracks: (profile?.topTracks as SimilarAnswer['topTracks'] | undefined) ?? [],
    neighbours: (similar?.neighbours as SimilarNeighbour[] | undefined) ?? [],
  };
}
