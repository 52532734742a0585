// The built-in Spotify-compatible HTTP server: the client-credentials token endpoint and the Web API
// routes the pipeline uses, on 127.0.0.1 and a random port, serving a SampleCatalog. The production
// ky client talks to it unchanged, so every simulated condition exercises the real client code.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SampleCatalog } from './catalog.js';
import { SPOTIFY_ERRORS } from '../../tasks/spotify/contract.js';
import { identify, route } from './routes.js';
import { emptyStats, Simulator, type SimulatorOptions, type SpotifyServerStats } from './simulator.js';

export type { SimulatorOptions, SpotifyServerStats } from './simulator.js';

export interface SpotifyServer {
  /** e.g. http://127.0.0.1:PORT/v1 */
  apiBaseUrl: string;
  /** e.g. http://127.0.0.1:PORT/api/token */
  tokenUrl: string;
  stats: SpotifyServerStats;
  /** Changes the simulated conditions from now on. */
  simulate(changes: Partial<SimulatorOptions>): void;
  /** Invalidates every token handed out so far (the next API call gets 401). */
  revokeTokens(): void;
  /** Calls `listener` with every API request as it arrives (tests check what a client sent). */
  onRequest(listener: (request: ObservedRequest) => void): void;
  close(): Promise<void>;
}

export interface ObservedRequest {
  /** The contract's endpoint name, or 'unknown'. */
  endpoint: string;
  url: URL;
}

export async function startSpotifyServer(catalog: SampleCatalog, options: SimulatorOptions = {}): Promise<SpotifyServer> {
  const simulator = new Simulator(options);
  const stats = emptyStats();
  const tokens = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const listeners: ((request: ObservedRequest) => void)[] = [];
  let apiBase = '';

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (response.destroyed) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(text);
  };

  const later = (delayMs: number, action: () => void) => {
    if (delayMs <= 0) return action();
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
  };

  const handleToken = async (request: IncomingMessage, response: ServerResponse) => {
    stats.tokenRequests += 1;
    const form = new URLSearchParams(await readBody(request));
    if (simulator.failTokenRequest()) return send(response, 503, { error: 'server_error', error_description: 'Service unavailable' });
    if (form.get('grant_type') !== 'client_credentials') {
      return send(response, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
    }
    const client = basicCredentials(request.headers.authorization);
    const expected = simulator.options.credentials;
    const valid =
      client !== undefined &&
      client.clientId !== '' &&
      client.clientSecret !== '' &&
      (expected === undefined || (client.clientId === expected.clientId && client.clientSecret === expected.clientSecret));
    if (!valid) return send(response, 400, { error: 'invalid_client', error_description: 'Invalid client' });
    const token = randomBytes(24).toString('base64url');
    const ttl = simulator.options.tokenTtlSeconds ?? 3600;
    tokens.set(token, Date.now() + ttl * 1000);
    send(response, 200, { access_token: token, token_type: 'Bearer', expires_in: ttl });
  };

  const handleApi = (request: IncomingMessage, response: ServerResponse, url: URL) => {
    stats.requests += 1;
    const segments = url.pathname.slice('/v1/'.length).split('/').filter((segment) => segment !== '').map(decodeURIComponent);
    const { endpoint, ids } = identify(segments, url.searchParams);
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
    for (const listener of listeners) listener({ endpoint, url });

    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : tokens.get(token);
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      stats.unauthorized += 1;
      const refusal = token === undefined ? SPOTIFY_ERRORS.noToken : expiresAt === undefined ? SPOTIFY_ERRORS.invalidToken : SPOTIFY_ERRORS.expiredToken;
      return send(response, refusal.status, refusal.body);
    }

    const fault = simulator.faultFor(ids, Date.now());
    if (fault?.kind === 'quota') {
      stats.quotaRejected += 1;
      return send(response, SPOTIFY_ERRORS.quotaExceeded.status, SPOTIFY_ERRORS.quotaExceeded.body);
    }
    if (fault?.kind === 'rate-limited') {
      stats.rateLimited += 1;
      return send(response, SPOTIFY_ERRORS.rateLimited.status, SPOTIFY_ERRORS.rateLimited.body, { 'retry-after': String(fault.retryAfterSeconds) });
    }

    const delay = simulator.delayFor(ids);
    if (delay > 0) stats.slowed += 1;
    later(delay, () => {
      if (fault?.kind === 'server-error') {
        stats.serverErrors += 1;
        return send(response, fault.status, { error: { status: fault.status, message: 'Service unavailable' } });
      }
      if (request.method !== 'GET') return send(response, 405, { error: { status: 405, message: 'Method not allowed' } });
      const answer = route(segments, url.searchParams, {
        catalog,
        pageSize: simulator.options.pageSize ?? 50,
        presentation: {
          access: simulator.options.access ?? catalog.access,
          genres: simulator.options.genres ?? true,
          apiBase,
          missingFields: simulator.options.missingFields ?? {},
        },
      });
      if (answer.status === 200 && simulator.isMalformed(ids)) {
        stats.malformed += 1;
        stats.served += 1;
        // A body cut off mid-object, as a proxy that drops the connection might deliver it.
        const text = JSON.stringify(answer.body);
        return send(response, 200, text.slice(0, Math.ceil(text.length / 2)));
      }
      if (answer.status < 300) stats.served += 1;
      send(response, answer.status, answer.body);
    });
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/token' && request.method === 'POST') {
      handleToken(request, response).catch(() => send(response, 500, { error: 'server_error' }));
    } else if (url.pathname.startsWith('/v1/')) {
      handleApi(request, response, url);
    } else {
      send(response, SPOTIFY_ERRORS.unknownPath.status, SPOTIFY_ERRORS.unknownPath.body);
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  apiBase = `http://127.0.0.1:${port}/v1`;

  return {
    apiBaseUrl: apiBase,
    tokenUrl: `http://127.0.0.1:${port}/api/token`,
    stats,
    simulate: (changes) => simulator.update(changes),
    revokeTokens: () => tokens.clear(),
    onRequest: (listener) => listeners.push(listener),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const encoded = /^Basic (.+)$/.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
