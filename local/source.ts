// Which catalog a local command works on, from its flags and the environment: the built-in sample by
// default; with --live, Spotify (or a Spotify-compatible endpoint: a proxy, a recorded-traffic
// server) with the client credentials from the environment or .env. And the Spotify client for it:
// the run (local/runtime.ts) and the chatbot lookup (local/lookup-ports.ts) connect the same way.
import { optionalEnv } from '../tasks/config.js';
import { ENV } from '../tasks/settings/environment.js';
import { createSpotifyClient, DEFAULT_MARKET, SPOTIFY_API_BASE_URL, SPOTIFY_TOKEN_URL, type SpotifyClient } from '../tasks/spotify/client.js';
import { spotifyEndpointsFromEnv, type SpotifyEndpoints } from '../tasks/spotify/endpoints.js';
import { dataSetKind, type DataSetKind, type DataSetOptions } from './data-set.js';
import { createSampleCatalog, type SampleCatalog } from './spotify/catalog.js';
import { startSpotifyServer, type SpotifyServer } from './spotify/server.js';

export type CatalogSource =
  | { kind: 'sample'; artists?: number; seed?: number; access?: 'development' | 'extended' }
  | { kind: 'spotify'; clientId: string; clientSecret: string; endpoints?: SpotifyEndpoints };

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

export interface SpotifyConnection {
  spotify: SpotifyClient;
  /** The sample catalog the built-in server serves; undefined for Spotify itself. */
  catalog?: SampleCatalog;
  server?: SpotifyServer;
  close(): Promise<void>;
}

/**
 * The production Spotify client for a source: for the sample, talking to the built-in server, started
 * here on the catalog (`catalog` when the caller generated it already); otherwise to Spotify's endpoints.
 */
export async function connectSpotify(source: CatalogSource, catalog?: SampleCatalog): Promise<SpotifyConnection> {
  const market = optionalEnv(ENV.spotifyMarket, DEFAULT_MARKET);
  if (source.kind === 'spotify') {
    const { clientId, clientSecret } = source;
    const endpoints = source.endpoints ?? { apiBaseUrl: SPOTIFY_API_BASE_URL, tokenUrl: SPOTIFY_TOKEN_URL };
    const spotify = createSpotifyClient({ ...endpoints, credentials: async () => ({ clientId, clientSecret }), market });
    return { spotify, close: async () => undefined };
  }
  const served = catalog ?? createSampleCatalog({ artists: source.artists, seed: source.seed, access: source.access });
  const server = await startSpotifyServer(served, { access: source.access });
  const spotify = createSpotifyClient({
    apiBaseUrl: server.apiBaseUrl,
    tokenUrl: server.tokenUrl,
    credentials: async () => ({ clientId: 'sample', clientSecret: 'sample' }),
    // The built-in server has no real limit: start at full speed there instead of Spotify's polite pace.
    rateLimit: { initialRequestsPerWindow: 60_000, maxRequestsPerWindow: 60_000 },
    market,
  });
  return { spotify, catalog: served, server, close: () => server.close() };
}
