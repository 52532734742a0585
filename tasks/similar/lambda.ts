// Lambda entry for the chatbot's lookup. The Spotify client lives as long as the container, so a
// warm Lambda keeps its token.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore, awsResultsStore, awsSpotifyCredentials, awsSpotifyEndpoints } from '../aws/wiring.js';
import { optionalEnv } from '../config.js';
import { SETTINGS_DEFAULTS } from '../settings/defaults.js';
import { ENV } from '../settings/environment.js';
import { resultTtlDaysFromEnv, timeZoneFromEnv } from '../settings/from-env.js';
import { createSpotifyClient, DEFAULT_MARKET, type SpotifyClient } from '../spotify/client.js';
import { handleSimilar } from './handle.js';

const ttlDays = resultTtlDaysFromEnv();
const timeZone = timeZoneFromEnv();
const trackedArtistsKey = optionalEnv(ENV.trackedArtistsKey, SETTINGS_DEFAULTS.trackedArtistsKey);
let spotify: SpotifyClient | undefined;

export const handler = lambdaEntry(handleSimilar, () => {
  spotify ??= createSpotifyClient({
    ...awsSpotifyEndpoints(),
    credentials: awsSpotifyCredentials(),
    market: optionalEnv(ENV.spotifyMarket, DEFAULT_MARKET),
  });
  return {
    results: awsResultsStore(),
    store: awsObjectStore(),
    spotify,
    clock: systemClock,
    logger: awsLogger(),
    ttlDays,
    timeZone,
    trackedArtistsKey,
  };
});
