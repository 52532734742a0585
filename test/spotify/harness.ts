// The real client against the real built-in server, configured for fast tests: no pacing until a
// 429 teaches a limit, and millisecond backoff. Each test passes the conditions it simulates.
import { createSampleCatalog, type AccessLevel, type SampleCatalog } from '../../local/spotify/catalog.js';
import { startSpotifyServer, type SimulatorOptions, type SpotifyServer } from '../../local/spotify/server.js';
import { createSpotifyClient, type SpotifyClient, type SpotifyClientConfig } from '../../tasks/spotify/client.js';
import { pageSizeFor } from '../../tasks/spotify/contract.js';
import { defaultFetchSettings } from '../../tasks/fetch/settings.js';

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

/**
 * Requests of GET /artists/{id}/albums the fetch makes for an artist at the contract's page size, with
 * the default settings (tasks/fetch/album-groups.ts): one page of album, single and appears_on
 * together; the rest of that list when it is short; otherwise each group on its own up to its cap.
 */
export function artistAlbumPages(catalog: SampleCatalog, artistId: string): number {
  const page = pageSizeFor('artist-albums');
  const albums = catalog.albumIdsByArtist.get(artistId) ?? { own: [], appearsOn: [] };
  const own = (type: string) => albums.own.filter((id) => catalog.albumById.get(id)?.album_type === type).length;
  const groups = { album: own('album'), single: own('single'), appears_on: albums.appearsOn.length };
  const total = groups.album + groups.single + groups.appears_on;
  if (total <= page) return 1;
  if (total <= defaultFetchSettings.listAlbumsTogetherUpTo) return Math.ceil(total / page);
  const caps = defaultFetchSettings.albumGroups;
  return 1 + (['album', 'single', 'appears_on'] as const).reduce((sum, group) => sum + Math.max(1, Math.ceil(Math.min(groups[group], caps[group]?.list ?? 0) / page)), 0);
}

/** The same, summed over every tracked artist. */
export function allArtistAlbumPages(catalog: SampleCatalog): number {
  return catalog.artists.reduce((sum, artist) => sum + artistAlbumPages(catalog, artist.id), 0);
}

/** GET on the server's API with a fresh token, for tests that must see the raw answer. */
export async function authorisedGet(server: SpotifyServer): Promise<(path: string, query?: Record<string, string>) => Promise<{ status: number; body: unknown }>> {
  const answer = await fetch(server.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${TEST_CREDENTIALS.clientId}:${TEST_CREDENTIALS.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const token = ((await answer.json()) as { access_token: string }).access_token;
  return async (path, query = {}) => {
    const search = new URLSearchParams(query).toString();
    const response = await fetch(`${server.apiBaseUrl}${path}${search === '' ? '' : `?${search}`}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  };
}
