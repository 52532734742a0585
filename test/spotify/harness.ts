// The real client against the real built-in server, configured for fast tests: no pacing until a
// 429 teaches a limit, and millisecond backoff. Each test passes the conditions it simulates.
import { createSampleCatalog, type AccessLevel, type SampleCatalog } from '../../local/spotify/catalog.js';
import { startSpotifyServer, type SimulatorOptions, type SpotifyServer } from '../../local/spotify/server.js';
import { createSpotifyClient, type SpotifyClient, type SpotifyClientConfig } from '../../tasks/spotify/client.js';

export interface Harness {
  catalog: SampleCatalog;
  server: SpotifyServer;
  client: SpotifyClient;
  close(): Promise<void>;
}

export const TEST_CREDENTIALS = { clientId: 'test-client', clientSecret: 'test-secret' };

export function testClientConfig(server: SpotifyServer, overrides: Partial<SpotifyClientConfig> = {}): SpotifyClientConfig {
  return {
    apiBaseUrl: server.apiBaseUrl,
    tokenUrl: server.tokenUrl,
    credentials: async () => TEST_CREDENTIALS,
    backoffBaseMs: 5,
    requestTimeoutMs: 5_000,
    ...overrides,
    rateLimit: { initialRequestsPerWindow: 100_000, maxRequestsPerWindow: 100_000, ...overrides.rateLimit },
  };
}

export async function startHarness(
  options: {
    artists?: number;
    access?: AccessLevel;
    simulator?: SimulatorOptions;
    client?: Partial<SpotifyClientConfig>;
    catalog?: SampleCatalog;
  } = {},
): Promise<Harness> {
  // Blank names on: the fetch must stage an artist whatever its name (the curated checks decide what is publishable).
  const catalog = options.catalog ?? createSampleCatalog({ artists: options.artists ?? 24, access: options.access ?? 'development', blankNames: true });
  const server = await startSpotifyServer(catalog, options.simulator ?? {});
  const client = createSpotifyClient(testClientConfig(server, options.client));
  return { catalog, server, client, close: () => server.close() };
}
