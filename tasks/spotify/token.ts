// Client-credentials access tokens: fetched once, shared by concurrent callers, refreshed shortly
// before they expire (so no request is sent with a token about to lapse), and dropped when the API
// says 401. The token POST is retried on 429/5xx/timeouts with jittered backoff: ky does not retry
// POST by default, and a nightly run must not fail on one hiccup of the accounts service.
import ky, { HTTPError, isHTTPError } from 'ky';
import { SpotifyAuthFailed, SpotifyUnavailable } from '../errors.js';
import { describeIssues } from '../validation.js';
import { tokenSchema } from './schemas.js';

export interface SpotifyCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenProviderConfig {
  tokenUrl: string;
  credentials: () => Promise<SpotifyCredentials>;
  timeoutMs: number;
  /** Attempts of the token POST in all. */
  attempts: number;
  /** First retry delay; doubles per retry, with full jitter. */
  backoffBaseMs: number;
  /** Refresh this long before expiry (at most half the token's lifetime). */
  refreshMarginMs: number;
  now?: () => number;
}

export interface TokenProvider {
  get(): Promise<string>;
  /** Forgets `token` if it is still the cached one (after a 401), so the next get() fetches anew. */
  invalidate(token: string): void;
  readonly requests: number;
}

export function createTokenProvider(config: TokenProviderConfig): TokenProvider {
  const now = config.now ?? Date.now;
  let cached: { token: Promise<string>; refreshAt: number } | undefined;
  let requests = 0;
  let current: string | undefined;

  const http = ky.create({
    timeout: config.timeoutMs,
    retry: {
      limit: config.attempts - 1,
      methods: ['post'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      retryOnTimeout: true,
      delay: (attempt) => config.backoffBaseMs * 2 ** (attempt - 1),
      jitter: true,
      backoffLimit: 30_000,
    },
    hooks: {
      beforeRequest: [
        () => {
          requests += 1;
        },
      ],
    },
  });

  const fetchToken = async (): Promise<{ token: string; lifetimeMs: number }> => {
    const { clientId, clientSecret } = await config.credentials();
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    let body: unknown;
    try {
      body = await http
        .post(config.tokenUrl, {
          headers: { authorization: `Basic ${basic}` },
          body: new URLSearchParams({ grant_type: 'client_credentials' }),
        })
        .json();
    } catch (error) {
      if (isHTTPError(error) && error.response.status >= 400 && error.response.status < 500 && error.response.status !== 408 && error.response.status !== 429) {
        // Never echo the request: it carries the secret. Spotify's error code is safe to show.
        throw new SpotifyAuthFailed(
          `Spotify refused the client credentials (${error.response.status} ${describeTokenError(error)}): check the client id and secret`,
        );
      }
      throw new SpotifyUnavailable(`could not get a Spotify access token from ${config.tokenUrl}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const parsed = tokenSchema.safeParse(body);
    if (!parsed.success) {
      throw new SpotifyUnavailable(`the token endpoint answered without a usable token: ${describeIssues(parsed.error).join('; ')}`);
    }
    return { token: parsed.data.access_token, lifetimeMs: parsed.data.expires_in * 1000 };
  };

  return {
    get requests() {
      return requests;
    },
    get: () => {
      if (cached === undefined || now() >= cached.refreshAt) {
        const started = now();
        const entry = {
          refreshAt: Infinity,
          token: fetchToken().then(({ token, lifetimeMs }) => {
            entry.refreshAt = started + lifetimeMs - Math.min(config.refreshMarginMs, lifetimeMs / 2);
            current = token;
            return token;
          }),
        };
        cached = entry;
        // A failed fetch must not be served from the cache: the next call tries again.
        entry.token.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.token;
    },
    invalidate: (token) => {
      if (current === token) {
        cached = undefined;
        current = undefined;
      }
    },
  };
}

function describeTokenError(error: HTTPError): string {
  const data = error.data;
  if (typeof data === 'object' && data !== null && 'error' in data) return String((data as { error: unknown }).error);
  return error.response.statusText;
}
