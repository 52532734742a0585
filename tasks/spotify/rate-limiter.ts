// Client-side politeness towards Spotify's rate limit: a rolling window whose size Spotify does not
// publish (30 s) and whose count it does not publish either. The limiter paces requests (a token
// bucket with about a second of burst) under a budget of requests per window, caps concurrency,
// and learns from 429s: when one arrives, the requests this client sent in the last window are a
// measurement of the limit, so the budget drops to a safe share of that count, every request waits
// out the Retry-After, and concurrency halves. While no 429 arrives and demand is held back by the
// budget, the budget grows: doubling until the first 429 (the limit is still unknown), 5% after.
import { setTimeout as sleep } from 'node:timers/promises';
import { SpotifyRateLimited } from '../errors.js';

export interface RateLimitSettings {
  /** Budget before any 429 has taught the real limit. */
  initialRequestsPerWindow: number;
  /** Spotify's rolling window. */
  windowMs: number;
  minRequestsPerWindow: number;
  maxRequestsPerWindow: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /** Share of the measured limit to aim for after a 429 (below 1 so the window never quite fills). */
  safety: number;
}

export function defaultRateLimitSettings(): RateLimitSettings {
  return {
    initialRequestsPerWindow: 600,
    windowMs: 30_000,
    minRequestsPerWindow: 30,
    maxRequestsPerWindow: 12_000,
    concurrency: 8,
    safety: 0.9,
  };
}

export interface RateLimiterState {
  requestsPerWindow: number;
  concurrency: number;
  inFlight: number;
  /** True once a 429 has measured the limit. */
  measured: boolean;
  pausedUntil: number;
}


export class AdaptiveRateLimiter {
  private budget: number;
  private concurrency: number;
  private inFlight = 0;
  private measured = false;
  private pausedUntil = 0;
  private tokens = 1;
  private refilledAt: number;
  private lastAdjustAt: number;
  private heldBack = false;
  private readonly sends: number[] = [];
  private sendsHead = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.budget = settings.initialRequestsPerWindow;
    this.concurrency = settings.concurrency;
    this.refilledAt = now();
    this.lastAdjustAt = now();
  }

  get state(): RateLimiterState {
    return {
      requestsPerWindow: this.budget,
      concurrency: this.concurrency,
      inFlight: this.inFlight,
      measured: this.measured,
      pausedUntil: this.pausedUntil,
    };
  }

  /** Starts from a budget learned earlier (by a previous slice), as if a 429 had measured it. */
  assume(requestsPerWindow: number): void {
    this.budget = this.clampBudget(requestsPerWindow);
    this.measured = true;
  }

  /**
   * Waits for a turn (first come, first served). Throws SpotifyRateLimited when the wait for a
   * Retry-After would end after `deadline` (epoch ms). Call release() when the response is in.
   */
  acquire(deadline?: number): Promise<void> {
    const turn = this.queue.then(() => this.waitForTurn(deadline));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  release(): void {
    this.inFlight -= 1;
    this.slotWaiters.shift()?.();
  }

  onSuccess(): void {
    const now = this.now();
    // Before any 429 the limit is unknown: double often (slow start). After, creep up to find headroom.
    if (now - this.lastAdjustAt < this.settings.windowMs / (this.measured ? 3 : 6)) return;
    if (this.heldBack) {
      this.budget = this.clampBudget(this.budget * (this.measured ? 1.05 : 2));
      this.concurrency = Math.min(this.settings.concurrency, this.concurrency + 1);
    }
    this.heldBack = false;
    this.lastAdjustAt = now;
  }

  onRateLimited(retryAfterMs: number): void {
    const now = this.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    const sentInWindow = this.countInWindow(now);
    this.budget = this.clampBudget(Math.min(this.budget, Math.floor(sentInWindow * this.settings.safety)));
    this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
    this.measured = true;
    this.tokens = 0;
    this.heldBack = false;
    this.lastAdjustAt = now;
  }

  private async waitForTurn(deadline: number | undefined): Promise<void> {
    for (;;) {
      if (this.inFlight >= this.concurrency) {
        await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
        continue;
      }
      const now = this.now();
      const rate = this.budget / this.settings.windowMs;
      this.tokens = Math.min(Math.max(1, rate * 1000), this.tokens + (now - this.refilledAt) * rate);
      this.refilledAt = now;
      const inWindow = this.countInWindow(now);
      const windowWait = inWindow >= this.budget ? (this.sends[this.sendsHead + inWindow - this.budget] as number) + this.settings.windowMs - now : 0;
      const paceWait = this.tokens >= 1 ? 0 : (1 - this.tokens) / rate;
      const pauseWait = this.pausedUntil - now;
      const wait = Math.max(pauseWait, paceWait, windowWait, 0);
      if (wait > 0) {
        if (pauseWait > 0 && deadline !== undefined && now + wait > deadline) {
          throw new SpotifyRateLimited(
            `Spotify asked to wait ${Math.ceil(pauseWait / 1000)} s (Retry-After), longer than the time left`,
            Math.ceil(pauseWait / 1000),
          );
        }
        if (pauseWait <= 0) this.heldBack = true;
        await sleep(Math.ceil(wait));
        continue;
      }
      this.tokens -= 1;
      this.inFlight += 1;
      this.sends.push(now);
      return;
    }
  }

  private countInWindow(now: number): number {
    while (this.sendsHead < this.sends.length && (this.sends[this.sendsHead] as number) <= now - this.settings.windowMs) {
      this.sendsHead += 1;
    }
    if (this.sendsHead > 4096) {
      this.sends.splice(0, this.sendsHead);
      this.sendsHead = 0;
    }
    return this.sends.length - this.sendsHead;
  }

  private clampBudget(value: number): number {
    return Math.max(this.settings.minRequestsPerWindow, Math.min(this.settings.maxRequestsPerWindow, Math.floor(value)));
  }
}
