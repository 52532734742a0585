// What the built-in server can be told to simulate, and the bookkeeping that decides, request by
// request, whether a simulated condition applies: a rolling-window rate limit (429 + Retry-After in
// seconds), a quota 429, bursts of 5xx, slow responses and malformed bodies.
import type { AccessLevel } from './catalog.js';

export interface SimulatorOptions {
  /** A 2026 development-mode app or extended access: what each may call and receive is the contract's (tasks/spotify/contract.ts). Default: the catalog's. */
  access?: AccessLevel;
  /** False simulates an app that receives no artist genres. Default true. */
  genres?: boolean;
  /** Credentials the token endpoint accepts; by default any non-empty client id and secret. */
  credentials?: { clientId: string; clientSecret: string };
  /** Lifetime of an access token. Default 3600 s, as Spotify. */
  tokenTtlSeconds?: number;
  /** The next n token requests answer 503. */
  tokenFailures?: number;
  /** At most `requests` API requests in any rolling `windowMs` (Spotify's window is 30 s); more get 429 with Retry-After. */
  rateLimit?: { requests: number; windowMs: number };
  /** Every API request after the first `afterRequests` gets a quota 429 (reason QUOTA_EXCEEDED). */
  quota?: { afterRequests: number };
  /**
   * A burst of `count` 5xx answers after `afterRequests` matching requests; with `every`, the burst
   * repeats every `every` matching requests. `ids` limits it to requests naming those ids.
   */
  serverErrors?: { count: number; status?: number; afterRequests?: number; every?: number; ids?: string[] };
  /** Delay responses by `delayMs` (the first `count` matching requests, or all). */
  slow?: { delayMs: number; count?: number; ids?: string[] };
  /** Requests naming these ids get a 200 whose body is not valid JSON. */
  malformed?: string[];
  /** id -> fields removed from that object wherever it is served. */
  missingFields?: Record<string, string[]>;
  /** Largest page served, whatever limit the client asks for. Default 50. */
  pageSize?: number;
}

export interface SpotifyServerStats {
  /** API requests received (token requests not included). */
  requests: number;
  tokenRequests: number;
  /** API requests answered 2xx. */
  served: number;
  rateLimited: number;
  quotaRejected: number;
  serverErrors: number;
  unauthorized: number;
  slowed: number;
  malformed: number;
  /** API requests per endpoint name (artist, artist-albums, album-tracks, search, ...). */
  byEndpoint: Record<string, number>;
}

export type Fault =
  | { kind: 'quota' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: number };

export function emptyStats(): SpotifyServerStats {
  return {
    requests: 0,
    tokenRequests: 0,
    served: 0,
    rateLimited: 0,
    quotaRejected: 0,
    serverErrors: 0,
    unauthorized: 0,
    slowed: 0,
    malformed: 0,
    byEndpoint: {},
  };
}

export class Simulator {
  options: SimulatorOptions;
  private accepted: number[] = [];
  private acceptedHead = 0;
  private apiRequests = 0;
  private errorCandidates = 0;
  private slowServed = 0;
  private tokenFailuresLeft: number;

  constructor(options: SimulatorOptions) {
    this.options = options;
    this.tokenFailuresLeft = options.tokenFailures ?? 0;
  }

  /** Changes conditions mid-test; the counters of bursts, slow responses and token failures restart. */
  update(changes: Partial<SimulatorOptions>): void {
    this.options = { ...this.options, ...changes };
    this.errorCandidates = 0;
    this.slowServed = 0;
    if ('tokenFailures' in changes) this.tokenFailuresLeft = changes.tokenFailures ?? 0;
  }

  failTokenRequest(): boolean {
    if (this.tokenFailuresLeft <= 0) return false;
    this.tokenFailuresLeft -= 1;
    return true;
  }

  /** The fault, if any, this API request meets; requests turned away by the rate limit are not counted against it. */
  faultFor(ids: readonly string[], now: number): Fault | undefined {
    this.apiRequests += 1;
    const { quota, rateLimit, serverErrors } = this.options;
    if (quota !== undefined && this.apiRequests > quota.afterRequests) return { kind: 'quota' };
    if (rateLimit !== undefined) {
      const retryAfterMs = this.admit(rateLimit, now);
      if (retryAfterMs !== undefined) return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    if (serverErrors !== undefined && targets(serverErrors.ids, ids)) {
      this.errorCandidates += 1;
      const since = this.errorCandidates - 1 - (serverErrors.afterRequests ?? 0);
      const inBurst = since >= 0 && (serverErrors.every === undefined ? since < serverErrors.count : since % serverErrors.every < serverErrors.count);
      if (inBurst) return { kind: 'server-error', status: serverErrors.status ?? 503 };
    }
    return undefined;
  }

  delayFor(ids: readonly string[]): number {
    const { slow } = this.options;
    if (slow === undefined || !targets(slow.ids, ids)) return 0;
    if (this.slowServed >= (slow.count ?? Infinity)) return 0;
    this.slowServed += 1;
    return slow.delayMs;
  }

  isMalformed(ids: readonly string[]): boolean {
    const malformed = this.options.malformed ?? [];
    return ids.some((id) => malformed.includes(id));
  }

  /** Rolling window: undefined when admitted, else how long until the oldest request leaves the window. */
  private admit(limit: { requests: number; windowMs: number }, now: number): number | undefined {
    while (this.acceptedHead < this.accepted.length && (this.accepted[this.acceptedHead] as number) <= now - limit.windowMs) {
      this.acceptedHead += 1;
    }
    if (this.acceptedHead > 10_000) {
      this.accepted = this.accepted.slice(this.acceptedHead);
      this.acceptedHead = 0;
    }
    const inWindow = this.accepted.length - this.acceptedHead;
    if (inWindow >= limit.requests) {
      const oldest = this.accepted[this.acceptedHead + inWindow - limit.requests] as number;
      return oldest + limit.windowMs - now;
    }
    this.accepted.push(now);
    return undefined;
  }
}

function targets(only: readonly string[] | undefined, ids: readonly string[]): boolean {
  return only === undefined || ids.some((id) => only.includes(id));
}
