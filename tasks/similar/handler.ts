// Lambda entry for the chatbot's lookup. Accepts {"query": "<name or id>"} from a direct invoke, or
// ?q=<name or id> from a Function URL or API Gateway.
import { systemClock } from '../aws/clock.js';
import { awsLogger, awsObjectStore, awsResultsStore, awsSpotifyCredentials, awsSpotifyEndpoints } from '../aws/wiring.js';
import { numberEnv, optionalEnv } from '../config.js';
import { SETTINGS_DEFAULTS } from '../settings/defaults.js';
import { ENV } from '../settings/environment.js';
import { createSpotifyClient, DEFAULT_MARKET, type SpotifyClient } from '../spotify/client.js';
import { lookupSimilar } from './lookup.js';

const ttlDays = numberEnv(ENV.resultTtlDays, SETTINGS_DEFAULTS.resultTtlDays);
const timeZone = optionalEnv(ENV.timeZone, SETTINGS_DEFAULTS.timeZone);
const trackedArtistsKey = optionalEnv(ENV.trackedArtistsKey, SETTINGS_DEFAULTS.trackedArtistsKey);
let spotify: SpotifyClient | undefined;

export const handler = async (event: { query?: unknown; queryStringParameters?: { q?: string } | null }) => {
  const query = typeof event.query === 'string' ? event.query : (event.queryStringParameters?.q ?? '');
  if (query.trim() === '') return { status: 'bad_request', answers: [], message: 'give an artist name or id as "query" (or ?q=)' };
  spotify ??= createSpotifyClient({
    ...awsSpotifyEndpoints(),
    credentials: awsSpotifyCredentials(),
    market: optionalEnv(ENV.spotifyMarket, DEFAULT_MARKET),
  });
  return lookupSimilar(query, {
    results: awsResultsStore(),
    store: awsObjectStore(),
    spotify,
    clock: systemClock,
    logger: awsLogger(),
    ttlDays,
    timeZone,
    trackedArtistsKey,
  });
};
