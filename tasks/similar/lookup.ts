// The chatbot's entry point (what the original `top_tracks` Lambda did, on today's API): answer
// "artists similar to X" from DynamoDB; for an artist never seen, look it up on Spotify, store its
// profile, answer with what is known, and add it to the tracked set so the next nightly run fetches it.
import { expiryFor, nameItems, profileItem } from '../contracts/result-items.js';
import { trackedArtistSources } from '../contracts/tracked-artists.js';
import { lakeKeys } from '../lake/keys.js';
import { normaliseName } from '../names.js';
import type { Clock, Logger, ObjectStore, ResultsStore } from '../ports.js';
import { todayIn } from '../run-date.js';
import type { SpotifyClient } from '../spotify/client.js';
import { SPOTIFY_ID } from '../spotify/ids.js';
import type { SpotifyArtist } from '../spotify/schemas.js';
import { findSimilar, type SimilarAnswer } from './find-similar.js';
import { namesakeLines } from './namesakes.js';

export interface LookupPorts {
  results: ResultsStore;
  store: ObjectStore;
  spotify: Pick<SpotifyClient, 'getArtist' | 'searchArtists'>;
  clock: Clock;
  logger: Logger;
  ttlDays: number;
  /** The configured time zone: an added profile is dated today there, as the nightly run dates its results. */
  timeZone: string;
  trackedArtistsKey?: string;
}

export type LookupResponse =
  | { status: 'known'; answers: SimilarAnswer[]; message?: string }
  | { status: 'added'; answers: SimilarAnswer[]; message: string }
  | { status: 'not_found'; answers: []; message: string };

export async function lookupSimilar(query: string, ports: LookupPorts): Promise<LookupResponse> {
  const known = await findSimilar(query, ports.results);
  if (known.length > 0) return knownAnswer(query, known);

  const artist = await findOnSpotify(query.trim(), ports);
  if (artist === undefined) {
    return { status: 'not_found', answers: [], message: `Spotify knows no artist matching "${query.trim()}"` };
  }
  // Spotify may spell the name differently ("아이유" finds "IU"): we may know the artist after all.
  const byId = await findSimilar(artist.id, ports.results);
  if (byId.length > 0) return knownAnswer(query, byId);

  const dt = todayIn(ports.timeZone, ports.clock.now());
  await rememberArtist(artist, dt, ports);
  ports.logger.info('unseen artist added to the tracked set', { artistId: artist.id });
  return {
    status: 'added',
    answers: [{ artistId: artist.id, name: artist.name, dt, published: false, genres: artist.genres ?? [], topTracks: [], neighbours: [] }],
    message: `${artist.name} is now tracked; similar artists will be available after the next nightly run`,
  };
}

/** Several artists share the name: the message says so and what tells them apart. */
function knownAnswer(query: string, answers: SimilarAnswer[]): LookupResponse {
  const namesakes = namesakeLines(query, answers);
  return namesakes.length === 0 ? { status: 'known', answers } : { status: 'known', answers, message: namesakes.join('\n') };
}

async function findOnSpotify(query: string, ports: LookupPorts): Promise<SpotifyArtist | undefined> {
  if (query === '') return undefined;
  if (SPOTIFY_ID.test(query)) {
    try {
      return await ports.spotify.getArtist(query);
    } catch (error) {
      ports.logger.warn('artist id not found on Spotify', { query, error: (error as Error).message });
    }
  }
  const { items } = await ports.spotify.searchArtists(query);
  const wanted = normaliseName(query);
  return items.find((candidate) => normaliseName(candidate.name) === wanted) ?? items[0];
}

/** Stores the profile and name lookup, and adds one file per artist to the tracked-set folder. */
async function rememberArtist(artist: SpotifyArtist, dt: string, ports: LookupPorts): Promise<void> {
  const expiresAt = expiryFor(dt, ports.ttlDays);
  const stamp = { dt, expiresAt };
  await ports.results.putItems([
    profileItem({ artistId: artist.id, name: artist.name, genres: artist.genres ?? [], topTracks: [] }, stamp, 'chatbot'),
    ...nameItems(artist.id, artist.name, stamp),
  ]);
  // One object per artist: concurrent lookups never rewrite (and lose) each other's additions.
  const folder = trackedArtistSources(ports.trackedArtistsKey ?? lakeKeys.trackedArtists).additionsPrefix;
  await ports.store.put(`${folder}chatbot-${artist.id}.json`, JSON.stringify([{ id: artist.id, name: artist.name }]));
}
