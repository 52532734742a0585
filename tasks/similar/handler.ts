// Lambda entry for the chatbot's lookup. Accepts {"query": "<name or id>"} from a direct invoke, or
// ?q=<name or id> from a Function URL or API Gateway.
import { systemClock } from '../aws/clock.js';
import { awsLogger, awsObjectStore, awsResultsStore, awsSpotifyCredentials, awsSpotifyEndpoints } from '../aws/wiring.js';
import { numberEnv, optionalEnv } from '../config.js';
import { lakeKeys } from '../lake/keys.js';
import { createSpotifyClient, DEFAULT_MARKET, type SpotifyClient } from '../spotify/client.js';
import { lookupSimilar } from './lookup.js';

const ttlDays = numberEnv('RESULT_TTL_DAYS', 30);
const trackedArtistsKey = optionalEnv('TRACKED_ARTISTS_KEY', lakeKeys.trackedArtists);
let spotify: SpotifyClient | undefined;

export const handler = async (event: { query?: unknown; queryStringParameters?: { q?: string } | null }) => {
  const query = typeof event.query === 'string' ? event.query : (event.queryStringParameters?.q ?? '');
  if (query.trim() === '') return { status: 'bad_request', answers: [], message: 'give an artist name or id as "query" (or ?q=)' };
  spotify ??= createSpotifyClient({
    ...awsSpotifyEndpoints(),
    credentials: awsSpotifyCredentials(),
    market: optionalEnv('SPOTIFY_MARKET', DEFAULT_MARKET),
  });
  return lookupSimilar(query, {
    results: awsResultsStore(),
    store: awsObjectStore(),
    spotify,
    clock: systemClock,
    logger: awsLogger(),
    ttlDays,
    trackedArtistsKey,
  });
};
