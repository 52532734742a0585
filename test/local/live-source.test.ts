// `npm start -- --live` on a Spotify-compatible endpoint: the source the flags and the environment
// choose, and a whole local run against the built-in server named only by SPOTIFY_API_URL and
// SPOTIFY_TOKEN_URL, as a proxy or a recorded-traffic server would be (issue 8, item 8).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateMachine, type ExecutionOutcome } from '../../local/runner.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { chooseSource } from '../../local/source.js';
import { createSampleCatalog } from '../../local/spotify/catalog.js';
import { startSpotifyServer, type SpotifyServer } from '../../local/spotify/server.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { SPOTIFY_API_BASE_URL, SPOTIFY_TOKEN_URL } from '../../tasks/spotify/client.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const ARTISTS = 12;
const credentials = { SPOTIFY_CLIENT_ID: 'live-id', SPOTIFY_CLIENT_SECRET: 'live-secret' };

describe('the --live source', () => {
  it("fetches from Spotify's own endpoints when no variable names another", () => {
    const source = chooseSource({ live: true }, credentials);

    expect(source).toEqual({
      kind: 'spotify',
      clientId: 'live-id',
      clientSecret: 'live-secret',
      endpoints: { apiBaseUrl: SPOTIFY_API_BASE_URL, tokenUrl: SPOTIFY_TOKEN_URL },
    });
  });

  it('fetches from the endpoints named by SPOTIFY_API_URL and SPOTIFY_TOKEN_URL', () => {
    const env = { ...credentials, SPOTIFY_API_URL: 'http://127.0.0.1:9000/v1', SPOTIFY_TOKEN_URL: 'http://127.0.0.1:9000/api/token' };

    const source = chooseSource({ live: true }, env);

    expect(source.kind === 'spotify' ? source.endpoints : undefined).toEqual({
      apiBaseUrl: 'http://127.0.0.1:9000/v1',
      tokenUrl: 'http://127.0.0.1:9000/api/token',
    });
  });

  it('refuses an endpoint that is not an http(s) URL before anything starts, naming the variable', () => {
    const choose = () => chooseSource({ live: true }, { ...credentials, SPOTIFY_TOKEN_URL: 'accounts.spotify.com/api/token' });

    expect(choose).toThrow(/^SPOTIFY_TOKEN_URL is 'accounts.spotify.com\/api\/token', not an http\(s\) URL/);
  });

  it('ignores the endpoint variables without --live: the sample has its own server', () => {
    const source = chooseSource({}, { ...credentials, SPOTIFY_API_URL: 'not a url' });

    expect(source).toEqual({ kind: 'sample', artists: undefined, access: 'development' });
  });
});

describe('a --live run against a Spotify-compatible server', () => {
  const dt = '2026-11-21';
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: SpotifyServer;
  let runtime: LocalRuntime;
  let outcome: ExecutionOutcome;

  beforeAll(async () => {
    temp = await makeTempDir();
    const catalog = createSampleCatalog({ artists: ARTISTS });
    // The server accepts only these credentials, so the run proves they travel with the endpoints.
    server = await startSpotifyServer(catalog, { credentials: { clientId: 'live-id', clientSecret: 'live-secret' } });
    const source = chooseSource(
      { live: true },
      { ...credentials, SPOTIFY_API_URL: server.apiBaseUrl, SPOTIFY_TOKEN_URL: server.tokenUrl },
    );
    runtime = await startLocalRuntime({ home: join(temp.path, 'live'), source });
    await runtime.store.put(lakeKeys.trackedArtists, JSON.stringify(catalog.artists.map((artist) => artist.id)));
    outcome = await runStateMachine(runtime.bindings, { dt });
  });

  afterAll(async () => {
    await runtime.close();
    await server.close();
    await temp.remove();
  });

  it('succeeds', () => {
    expect({ status: outcome.status, error: outcome.error }).toEqual({ status: 'SUCCEEDED', error: undefined });
  });

  it('gets its token from SPOTIFY_TOKEN_URL and every artist from SPOTIFY_API_URL', () => {
    expect(server.stats.tokenRequests).toBeGreaterThanOrEqual(1);
    expect(server.stats.byEndpoint.artist).toBeGreaterThanOrEqual(ARTISTS);
  });

  it('starts no server of its own', () => {
    expect(runtime.spotifyServer).toBeUndefined();
  });
});
