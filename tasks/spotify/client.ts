// The Spotify Web API client the pipeline uses in production and locally (against the built-in
// server): ky for transport and timeouts, a shared client-credentials token, an adaptive rate
// limiter, retries with jittered exponential backoff for 5xx, timeouts and network errors, Retry-
// After honoured on 429, and a quota 429 (reason QUOTA_EXCEEDED) never retried. Every response is
// validated with zod; a list's bad items come back as `rejected` so the caller can quarantine them.
import { setTimeout as sleep } from 'node:timers/promises';
import ky, { isNetworkError, isTimeoutError } from 'ky';
import type { z } from 'zod';
import {
  ConfigurationError,
  SpotifyAuthFailed,
  SpotifyMalformedResponse,
  SpotifyQuotaExceeded,
  SpotifyRateLimited,
  SpotifyRequestFailed,
  SpotifyUnavailable,
} from '../errors.js';
import { idsPerRequest, pageSizeFor, SPOTIFY_CONTRACT, type EndpointName } from './contract.js';
import { AdaptiveRateLimiter, defaultRateLimitSettings, type RateLimiterState, type RateLimitSettings } from './rate-limiter.js';
import {
  albumSchema,
  apiErrorSchema,
  artistSchema,
  artistsBatchSchema,
  audioFeaturesBatchSchema,
  audioFeaturesSchema,
  fullTrackSchema,
  pagingSchema,
  searchArtistsSchema,
  topTracksSchema,
  trackSchema,
  type SpotifyAlbum,
  type SpotifyArtist,
  type SpotifyAudioFeatures,
  type SpotifyFullTrack,
  type SpotifyTrack,
} from './schemas.js';
import { createTokenProvider, type SpotifyCredentials } from './token.js';
import { describeIssues } from '../validation.js';
import { withoutUndefined } from '../without-undefined.js';

export type { SpotifyCredentials } from './token.js';

export const SPOTIFY_API_BASE_URL = 'https://api.spotify.com/v1';
export const SPOTIFY_TOKEN_URL = 'https://accounts.spotify.com/api/token';
/** The chatbot's listeners are in Korea (the nightly schedule runs in Asia/Seoul): list what they can play. */
export const DEFAULT_MARKET = 'KR';

export interface SpotifyClientConfig {
  /** Default https://api.spotify.com/v1. */
  apiBaseUrl?: string;
  /** Default https://accounts.spotify.com/api/token. */
  tokenUrl?: string;
  /** Read lazily (Secrets Manager on AWS, the environment locally); called again when a token is needed. */
  credentials: () => Promise<SpotifyCredentials>;
  /** Per request, token POST included. */
  requestTimeoutMs?: number;
  /** Attempts per request for 5xx, timeouts and network errors (the token POST too). */
  attempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this ends the call with SpotifyRateLimited instead of waiting. */
  maxRetryAfterSeconds?: number;
  /** 429s waited out per request before giving up with SpotifyUnavailable. */
  maxRateLimitedRetries?: number;
  tokenRefreshMarginMs?: number;
  /**
   * After a quota 429, every call fails at once with SpotifyQuotaExceeded for this long, without
   * reaching Spotify: requests already queued must not hammer an exhausted quota.
   */
  quotaCooldownMs?: number;
  /**
   * ISO 3166-1 alpha-2 country sent as `market` wherever the contract documents one: without it,
   * an artist's albums list every regional copy of a release under its own id.
   */
  market?: string;
  rateLimit?: Partial<RateLimitSettings>;
}

export function defaultSpotifyClientConfig(): Required<Omit<SpotifyClientConfig, 'credentials' | 'rateLimit'>> & {
  rateLimit: RateLimitSettings;
} {
  return {
    apiBaseUrl: SPOTIFY_API_BASE_URL,
    tokenUrl: SPOTIFY_TOKEN_URL,
    requestTimeoutMs: 10_000,
    attempts: 5,
    backoffBaseMs: 500,
    backoffMaxMs: 20_000,
    maxRetryAfterSeconds: 120,
    maxRateLimitedRetries: 20,
    tokenRefreshMarginMs: 60_000,
    quotaCooldownMs: 60_000,
    market: DEFAULT_MARKET,
    rateLimit: defaultRateLimitSettings(),
  };
}

/** Until `deadline` (epoch ms): a Retry-After or backoff that would end later throws instead of waiting. */
export interface CallOptions {
  deadline?: number;
}

export interface RejectedItem {
  url: string;
  index: number;
  value: unknown;
  issues: string[];
}

/** A list response after validation: the good items, and the bad ones with why. */
export interface Validated<T> {
  items: T[];
  rejected: RejectedItem[];
  /** For a paged list: how many items the list holds, as its first page said (more than read when cut short by maxItems). */
  total?: number;
}

export interface SpotifyClientStats {
  /** API requests sent (retries included, token requests not). */
  requests: number;
  retries: number;
  rateLimited: number;
  quotaExceeded: number;
  serverErrors: number;
  timeouts: number;
  networkErrors: number;
  tokenRequests: number;
}

export interface SpotifyClient {
  getArtist(id: string, options?: CallOptions): Promise<SpotifyArtist>;
  /** GET /artists?ids= in batches of the contract's maximum (extended access only). Unknown ids are left out. */
  getArtists(ids: readonly string[], options?: CallOptions): Promise<Validated<SpotifyArtist>>;
  /**
   * Pages of GET /artists/{id}/albums in the configured market; includeGroups defaults to
   * album,single,appears_on. Starts at offset (default 0); with maxItems, paging stops after the
   * page that reaches that many items (maxItems 1: one page).
   */
  getArtistAlbums(id: string, options?: CallOptions & { includeGroups?: string; offset?: number; maxItems?: number }): Promise<Validated<SpotifyAlbum>>;
  /** Every page of GET /albums/{id}/tracks. */
  getAlbumTracks(albumId: string, options?: CallOptions): Promise<Validated<SpotifyTrack>>;
  /** GET /artists/{id}/top-tracks (extended access only). */
  getTopTracks(id: string, options?: CallOptions): Promise<Validated<SpotifyFullTrack>>;
  /** GET /audio-features?ids= in batches of the contract's maximum (extended access only). Tracks without features are left out. */
  getAudioFeatures(trackIds: readonly string[], options?: CallOptions): Promise<Validated<SpotifyAudioFeatures>>;
  /** GET /search?type=artist: one page of the contract's page size, best match first. */
  searchArtists(query: string, options?: CallOptions): Promise<Validated<SpotifyArtist>>;
  stats(): SpotifyClientStats;
  readonly rateLimit: { readonly state: RateLimiterState; assume(requestsPerWindow: number): void };
}


export function createSpotifyClient(config: SpotifyClientConfig): SpotifyClient {
  const defaults = defaultSpotifyClientConfig();
  const settings = { ...defaults, ...withoutUndefined(config), rateLimit: { ...defaults.rateLimit, ...config.rateLimit } };
  if (!/^[A-Z]{2}$/.test(settings.market)) {
    throw new ConfigurationError(`Spotify market '${settings.market}' is not an ISO 3166-1 alpha-2 country code: use e.g. KR or US`);
  }
  const apiBase = settings.apiBaseUrl.replace(/\/+$/, '');
  const apiOrigin = new URL(apiBase).origin;
  const limiter = new AdaptiveRateLimiter(settings.rateLimit);
  const tokens = createTokenProvider({
    tokenUrl: settings.tokenUrl,
    credentials: config.credentials,
    timeoutMs: settings.requestTimeoutMs,
    attempts: settings.attempts,
    backoffBaseMs: settings.backoffBaseMs,
    refreshMarginMs: settings.tokenRefreshMarginMs,
  });
  const api = ky.create({ baseUrl: `${apiBase}/`, timeout: settings.requestTimeoutMs, retry: 0, throwHttpErrors: false });
  const stats = { requests: 0, retries: 0, rateLimited: 0, quotaExceeded: 0, serverErrors: 0, timeouts: 0, networkErrors: 0 };
  let quotaExceededAt: number | undefined;
  const quotaCoolingDown = () => quotaExceededAt !== undefined && Date.now() - quotaExceededAt < settings.quotaCooldownMs;

  /** Jittered exponential backoff ("full jitter"), never past the caller's deadline. */
  const backOff = async (failures: number, what: string, options: CallOptions, cause: unknown) => {
    const ceiling = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (failures - 1));
    const delay = Math.random() * ceiling;
    if (options.deadline !== undefined && Date.now() + delay > options.deadline) {
      throw new SpotifyUnavailable(`${what} kept failing and the time left is up`, { cause });
    }
    stats.retries += 1;
    await sleep(delay);
  };

  const getJson = async (target: string, searchParams: Record<string, string> | undefined, options: CallOptions) => {
    const what = `GET ${describeTarget(target, apiBase)}`;
    let failures = 0;
    let waits = 0;
    let reauthorised = false;
    for (;;) {
      await limiter.acquire(options.deadline);
      let token: string;
      try {
        if (quotaCoolingDown()) {
          throw new SpotifyQuotaExceeded(`${what} not sent: Spotify said the app's quota is exceeded less than ${settings.quotaCooldownMs / 1000} s ago`);
        }
        // Taken after the wait for a turn, which can be long (Retry-After), so the token is fresh.
        token = await tokens.get();
      } catch (error) {
        limiter.release();
        throw error;
      }
      stats.requests += 1;
      let response: Response;
      try {
        response = await api.get(target, { searchParams, headers: { authorization: `Bearer ${token}` } });
      } catch (error) {
        limiter.release();
        if (!isTimeoutError(error) && !isNetworkError(error)) throw error;
        if (isTimeoutError(error)) stats.timeouts += 1;
        else stats.networkErrors += 1;
        failures += 1;
        const reason = isTimeoutError(error) ? `timed out after ${settings.requestTimeoutMs} ms` : 'failed on the network';
        if (failures >= settings.attempts) throw new SpotifyUnavailable(`${what} ${reason} ${failures} times`, { cause: error });
        await backOff(failures, what, options, error);
        continue;
      }
      limiter.release();
      const url = response.url;

      if (response.ok) {
        limiter.onSuccess();
        const text = await response.text();
        try {
          return { url, body: JSON.parse(text) as unknown };
        } catch (error) {
          throw new SpotifyMalformedResponse(`${what} answered 200 with a body that is not JSON`, { url, body: text, issues: ['body is not valid JSON'] }, { cause: error });
        }
      }

      const error = await readError(response);
      if (response.status === 401 && !reauthorised) {
        // The token expired or was revoked early: get a new one, once.
        tokens.invalidate(token);
        reauthorised = true;
        continue;
      }
      if (response.status === 401) throw new SpotifyAuthFailed(`${what} was refused with a fresh token (401 ${error.message})`);
      if (response.status === 429) {
        if (error.reason === 'QUOTA_EXCEEDED') {
          stats.quotaExceeded += 1;
          quotaExceededAt = Date.now();
          throw new SpotifyQuotaExceeded(`${what}: Spotify says the app's quota is exceeded (429 QUOTA_EXCEEDED); stop and resume after it resets, retrying only makes it worse`);
        }
        stats.rateLimited += 1;
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? 1000;
        limiter.onRateLimited(retryAfterMs);
        const seconds = Math.ceil(retryAfterMs / 1000);
        if (seconds > settings.maxRetryAfterSeconds) {
          throw new SpotifyRateLimited(`${what}: Spotify asked to wait ${seconds} s (Retry-After), more than the ${settings.maxRetryAfterSeconds} s this client waits`, seconds);
        }
        waits += 1;
        if (waits > settings.maxRateLimitedRetries) throw new SpotifyUnavailable(`${what} was still rate limited after ${waits - 1} waits`);
        stats.retries += 1;
        // The next acquire() waits out the Retry-After for every request, or throws past the deadline.
        continue;
      }
      if (response.status >= 500 || response.status === 408) {
        stats.serverErrors += 1;
        failures += 1;
        if (failures >= settings.attempts) throw new SpotifyUnavailable(`${what} answered ${response.status} ${failures} times`);
        await backOff(failures, what, options, undefined);
        continue;
      }
      throw new SpotifyRequestFailed(`${what} answered ${response.status}: ${error.message}`, response.status);
    }
  };

  const envelope = <S extends z.ZodType>(schema: S, url: string, body: unknown): z.infer<S> => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issues = describeIssues(parsed.error);
    throw new SpotifyMalformedResponse(`GET ${describeTarget(url, apiBase)} answered an unexpected shape: ${issues.slice(0, 3).join('; ')}`, {
      url,
      body: JSON.stringify(body),
      issues,
    });
  };

  const items = <T>(schema: z.ZodType<T>, url: string, values: readonly unknown[], offset = 0): Validated<T> => {
    const result: Validated<T> = { items: [], rejected: [] };
    values.forEach((value, index) => {
      // Batch endpoints answer null for unknown ids: nothing to keep, nothing wrong.
      if (value === null) return;
      const parsed = schema.safeParse(value);
      if (parsed.success) result.items.push(parsed.data);
      else result.rejected.push({ url, index: offset + index, value, issues: describeIssues(parsed.error) });
    });
    return result;
  };

  /** The query the contract asks for: `market` wherever it is documented, and the largest page every app accepts. */
  const query = (endpoint: EndpointName, params: Record<string, string> = {}): Record<string, string> => ({
    ...params,
    ...(SPOTIFY_CONTRACT[endpoint].limit === undefined ? {} : { limit: String(pageSizeFor(endpoint)) }),
    ...(SPOTIFY_CONTRACT[endpoint].market ? { market: settings.market } : {}),
  });

  /** A next link is followed as given, but never without the market: later pages would list regional copies. */
  const keepMarket = (endpoint: EndpointName, next: string): string => {
    if (!SPOTIFY_CONTRACT[endpoint].market || !URL.canParse(next)) return next;
    const url = new URL(next);
    if (url.searchParams.has('market')) return next;
    url.searchParams.set('market', settings.market);
    return url.toString();
  };

  const allPages = async <T>(endpoint: EndpointName, path: string, params: Record<string, string>, schema: z.ZodType<T>, options: CallOptions & { maxItems?: number }) => {
    const result: Validated<T> = { items: [], rejected: [] };
    const seen = new Set<string>();
    let target: string | null = path;
    let searchParams: Record<string, string> | undefined = query(endpoint, params);
    while (target !== null) {
      const { url, body } = await getJson(target, searchParams, options);
      const page = envelope(pagingSchema, url, body);
      const part = items(schema, url, page.items, result.items.length + result.rejected.length);
      result.items.push(...part.items);
      result.rejected.push(...part.rejected);
      result.total ??= page.total;
      seen.add(url);
      target = page.next === null || result.items.length + result.rejected.length >= (options.maxItems ?? Infinity) ? null : keepMarket(endpoint, page.next);
      searchParams = undefined;
      if (target !== null && (new URL(target).origin !== apiOrigin || seen.has(target))) {
        // Never send the bearer token to another host, and never loop on a page already read.
        throw new SpotifyMalformedResponse(`GET ${describeTarget(url, apiBase)} gave a next page that cannot be followed: ${target}`, {
          url,
          body: JSON.stringify(body),
          issues: ['next is not a new page of the same API'],
        });
      }
    }
    return result;
  };

  const inBatches = async <T>(ids: readonly string[], size: number, fetchBatch: (batch: string[]) => Promise<Validated<T>>) => {
    const result: Validated<T> = { items: [], rejected: [] };
    for (let start = 0; start < ids.length; start += size) {
      const part = await fetchBatch(ids.slice(start, start + size));
      result.items.push(...part.items);
      result.rejected.push(...part.rejected);
    }
    return result;
  };

  const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

  return {
    async getArtist(id, options = {}) {
      const { url, body } = await getJson(path('artists', id), query('artist'), options);
      return envelope(artistSchema, url, body);
    },
    getArtists: (ids, options = {}) =>
      inBatches(ids, idsPerRequest('artists-batch'), async (batch) => {
        const { url, body } = await getJson('artists', query('artists-batch', { ids: batch.join(',') }), options);
        return items(artistSchema, url, envelope(artistsBatchSchema, url, body).artists);
      }),
    getArtistAlbums: (id, options = {}) =>
      allPages(
        'artist-albums',
        path('artists', id, 'albums'),
        { include_groups: options.includeGroups ?? 'album,single,appears_on', ...(options.offset === undefined ? {} : { offset: String(options.offset) }) },
        albumSchema,
        options,
      ),
    getAlbumTracks: (albumId, options = {}) => allPages('album-tracks', path('albums', albumId, 'tracks'), {}, trackSchema, options),
    async getTopTracks(id, options = {}) {
      const { url, body } = await getJson(path('artists', id, 'top-tracks'), query('artist-top-tracks'), options);
      return items(fullTrackSchema, url, envelope(topTracksSchema, url, body).tracks);
    },
    getAudioFeatures: (trackIds, options = {}) =>
      inBatches(trackIds, idsPerRequest('audio-features-batch'), async (batch) => {
        const { url, body } = await getJson('audio-features', query('audio-features-batch', { ids: batch.join(',') }), options);
        return items(audioFeaturesSchema, url, envelope(audioFeaturesBatchSchema, url, body).audio_features);
      }),
    async searchArtists(text, options = {}) {
      // One page: the largest a development-mode app may ask for since 2026-02.
      const { url, body } = await getJson('search', query('search', { q: text, type: 'artist' }), options);
      return items(artistSchema, url, envelope(searchArtistsSchema, url, body).artists.items);
    },
    stats: () => ({ ...stats, tokenRequests: tokens.requests }),
    rateLimit: {
      get state() {
        return limiter.state;
      },
      assume: (requestsPerWindow) => limiter.assume(requestsPerWindow),
    },
  };
}

async function readError(response: Response): Promise<{ message: string; reason?: string }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { message: parsed.data.error.message ?? response.statusText, reason: parsed.data.error.reason };
  } catch {
    // Not JSON: fall through to the status text.
  }
  return { message: text.trim() === '' ? response.statusText : text.slice(0, 200) };
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function describeTarget(target: string, apiBase: string): string {
  if (!target.startsWith('http')) return `/${new URL(apiBase).pathname.replace(/^\/+|\/+$/g, '')}/${target}`;
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}
