// Which catalog `npm start` runs on, from its flags and the environment: the built-in sample by
// default; with --live, Spotify (or a Spotify-compatible endpoint: a proxy, a recorded-traffic
// server) with the client credentials from the environment or .env.
import { spotifyEndpointsFromEnv } from '../tasks/spotify/endpoints.js';
import type { CatalogSource } from './runtime.js';

export interface SourceFlags {
  artists?: string;
  access?: string;
  live?: boolean;
}

export function chooseSource(values: SourceFlags, env: NodeJS.ProcessEnv): CatalogSource {
  if (values.live === true) {
    const clientId = env.SPOTIFY_CLIENT_ID;
    const clientSecret = env.SPOTIFY_CLIENT_SECRET;
    if (!clientId || !clientSecret) {
      throw new Error('--live needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in the environment or .env');
    }
    return { kind: 'spotify', clientId, clientSecret, endpoints: spotifyEndpointsFromEnv(env) };
  }
  const access = values.access ?? 'development';
  if (access !== 'development' && access !== 'extended') {
    throw new Error(`--access '${access}' is not known: use development or extended`);
  }
  const artists = values.artists === undefined ? undefined : Number(values.artists);
  if (artists !== undefined && !(Number.isInteger(artists) && artists > 0)) {
    throw new Error(`--artists '${values.artists}' is not a positive whole number`);
  }
  return { kind: 'sample', artists, access };
}
