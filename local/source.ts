// Which catalog `npm start` runs on, from its flags and the environment: the built-in sample by
// default; with --live, Spotify (or a Spotify-compatible endpoint: a proxy, a recorded-traffic
// server) with the client credentials from the environment or .env.
import { spotifyEndpointsFromEnv } from '../tasks/spotify/endpoints.js';
import { dataSetKind, type DataSetKind, type DataSetOptions } from './data-set.js';
import type { CatalogSource } from './runtime.js';

export function catalogSource(kind: DataSetKind, env: NodeJS.ProcessEnv): CatalogSource {
  if (kind.kind === 'live') {
    const clientId = env.SPOTIFY_CLIENT_ID;
    const clientSecret = env.SPOTIFY_CLIENT_SECRET;
    if (!clientId || !clientSecret) {
      throw new Error('--live needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in the environment or .env');
    }
    return { kind: 'spotify', clientId, clientSecret, endpoints: spotifyEndpointsFromEnv(env) };
  }
  return { kind: 'sample', artists: kind.artists, access: kind.access };
}

/** The source the command-line options choose (validated as `npm start` validates them). */
export function chooseSource(options: DataSetOptions, env: NodeJS.ProcessEnv): CatalogSource {
  return catalogSource(dataSetKind(options), env);
}
