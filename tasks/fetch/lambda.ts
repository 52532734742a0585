// Lambda entry for FetchArtists. The Spotify client lives as long as the container, so a warm
// Lambda's next slice keeps its token and the rate limit it learned; the credentials are read from
// Secrets Manager only when a token is needed.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore, awsSpotifyCredentials, awsSpotifyEndpoints } from '../aws/wiring.js';
import { numberEnv, optionalEnv } from '../config.js';
import { ENV } from '../settings/environment.js';
import { createSpotifyClient, DEFAULT_MARKET, type SpotifyClient } from '../spotify/client.js';
import { defaultFetchSettings, handleFetch, type FetchSettings } from './handle.js';

const settings: FetchSettings = {
  ...defaultFetchSettings,
  sliceBudgetMs: numberEnv(ENV.fetchSliceSeconds, defaultFetchSettings.sliceBudgetMs / 1000) * 1000,
  maxFailureRatio: numberEnv(ENV.fetchMaxFailureRatio, defaultFetchSettings.maxFailureRatio),
  slicesPerExecution: numberEnv(ENV.fetchSlicesPerExecution, defaultFetchSettings.slicesPerExecution),
  trackedArtistsKey: optionalEnv(ENV.trackedArtistsKey, defaultFetchSettings.trackedArtistsKey),
};
// What the slice must leave unused of the Lambda's time: in-flight artists, checkpoint and manifest writes.
const SAFETY_MS = 30_000;

let spotify: SpotifyClient | undefined;

export const handler = lambdaEntry(handleFetch, (context) => {
  spotify ??= createSpotifyClient({
    ...awsSpotifyEndpoints(),
    credentials: awsSpotifyCredentials(),
    market: optionalEnv(ENV.spotifyMarket, DEFAULT_MARKET),
  });
  const remaining = context?.getRemainingTimeInMillis() ?? Infinity;
  const sliceBudgetMs = Math.max(0, Math.min(settings.sliceBudgetMs, remaining - settings.finishGraceMs - SAFETY_MS));
  return { store: awsObjectStore(), spotify, logger: awsLogger(), clock: systemClock, settings: { ...settings, sliceBudgetMs } };
});
