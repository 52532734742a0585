// Where the Spotify client sends its requests: Spotify's own API and token endpoint unless the
// operator points it elsewhere (a proxy, a recorded-traffic server, the built-in simulator) with
// SPOTIFY_API_URL and SPOTIFY_TOKEN_URL. Read the same way by `npm start -- --live` and by the fetch
// and lookup Lambdas (CDK sets the variables from optional context keys).
import { ConfigurationError } from '../errors.js';
import { ENV } from '../settings/environment.js';
import { SPOTIFY_API_BASE_URL, SPOTIFY_TOKEN_URL } from './client.js';

export interface SpotifyEndpoints {
  apiBaseUrl: string;
  tokenUrl: string;
}

/** True for an absolute http: or https: URL, the only kind the client can call. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/** The endpoints named by the environment, each defaulting to Spotify's own; a malformed one names its variable. */
export function spotifyEndpointsFromEnv(env: NodeJS.ProcessEnv = process.env): SpotifyEndpoints {
  return {
    apiBaseUrl: endpoint(env, ENV.spotifyApiUrl, SPOTIFY_API_BASE_URL),
    tokenUrl: endpoint(env, ENV.spotifyTokenUrl, SPOTIFY_TOKEN_URL),
  };
}

function endpoint(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim() ?? '';
  if (value === '') return fallback;
  if (!isHttpUrl(value)) {
    throw new ConfigurationError(`${name} is '${value}', not an http(s) URL: use e.g. ${fallback}, or unset it for Spotify's own`);
  }
  return value;
}
