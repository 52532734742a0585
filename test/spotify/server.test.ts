// The built-in server's own contract, asked directly over HTTP where the client would hide it.
import { afterEach, describe, expect, it } from 'vitest';
import { createSampleCatalog } from '../../local/spotify/catalog.js';
import { startSpotifyServer, type SimulatorOptions, type SpotifyServer } from '../../local/spotify/server.js';

const catalog = createSampleCatalog({ artists: 20 });
let server: SpotifyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<{ server: SpotifyServer; get(path: string): Promise<Response> }> {
  server = await startSpotifyServer(catalog, options);
  const token = await fetch(server.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('id:secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const base = server.apiBaseUrl;
  return { server, get: (path) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${access_token}` } }) };
}

describe('built-in Spotify server', () => {
  it('listens on 127.0.0.1 with Spotify’s paths', async () => {
    const started = await start();

    expect(started.server.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(started.server.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/token$/);
  });

  it('refuses a request without a bearer token', async () => {
    const { server: running } = await start();

    const response = await fetch(`${running.apiBaseUrl}/artists/${catalog.artists[0]!.id}`);

    expect(response.status).toBe(401);
  });

  it('refuses a search limit above 10 for a development-mode app, as Spotify does since 2026-02', async () => {
    const { get } = await start({ access: 'development' });

    const response = await get(`/search?q=a&type=artist&limit=20`);

    expect(response.status).toBe(400);
  });

  it('answers a rate-limited request with 429 and Retry-After in whole seconds', async () => {
    const { get } = await start({ rateLimit: { requests: 1, windowMs: 5_000 } });
    await get(`/artists/${catalog.artists[0]!.id}`);

    const response = await get(`/artists/${catalog.artists[0]!.id}`);

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^[1-5]$/);
  });

  it('answers a quota 429 with reason QUOTA_EXCEEDED', async () => {
    const { get } = await start({ quota: { afterRequests: 0 } });

    const response = await get(`/artists/${catalog.artists[0]!.id}`);

    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ error: { status: 429, message: 'Too many requests', reason: 'QUOTA_EXCEEDED' } });
  });

  it('answers 404 for an unknown artist and 400 for an id that is not base62', async () => {
    const { get } = await start();

    expect((await get('/artists/0000000000000000000000')).status).toBe(404);
    expect((await get('/artists/not-an-id')).status).toBe(400);
  });
});
