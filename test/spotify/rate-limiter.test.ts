import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { SpotifyRateLimited } from '../../tasks/errors.js';
import { AdaptiveRateLimiter, defaultRateLimitSettings, type RateLimitSettings } from '../../tasks/spotify/rate-limiter.js';

const settings = (overrides: Partial<RateLimitSettings> = {}): RateLimitSettings => ({
  ...defaultRateLimitSettings(),
  initialRequestsPerWindow: 100_000,
  maxRequestsPerWindow: 100_000,
  minRequestsPerWindow: 1,
  ...overrides,
});

describe('adaptive rate limiter', () => {
  it('never lets more requests run at once than the concurrency limit', async () => {
    const limiter = new AdaptiveRateLimiter(settings({ concurrency: 2 }));
    let running = 0;
    let most = 0;

    await Promise.all(
      Array.from({ length: 6 }, async () => {
        await limiter.acquire();
        running += 1;
        most = Math.max(most, running);
        await sleep(5);
        running -= 1;
        limiter.release();
      }),
    );

    expect(most).toBe(2);
  });

  it('measures the limit from its own requests in the window when a 429 arrives', async () => {
    const limiter = new AdaptiveRateLimiter(settings({ safety: 0.9 }));
    for (let i = 0; i < 20; i += 1) {
      await limiter.acquire();
      limiter.release();
    }

    limiter.onRateLimited(0);

    expect(limiter.state).toMatchObject({ measured: true, requestsPerWindow: 18 });
  });

  it('halves concurrency after a 429', () => {
    const limiter = new AdaptiveRateLimiter(settings({ concurrency: 8 }));

    limiter.onRateLimited(0);

    expect(limiter.state.concurrency).toBe(4);
  });

  it('holds every caller back until Retry-After has passed', async () => {
    // A floor as high as the budget keeps this test about the pause, not about pacing.
    const limiter = new AdaptiveRateLimiter(settings({ minRequestsPerWindow: 100_000 }));
    limiter.onRateLimited(300);

    const tooSoon = limiter.acquire(Date.now() + 50);

    await expect(tooSoon).rejects.toBeInstanceOf(SpotifyRateLimited);
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });

  it('starts from a budget learned earlier', () => {
    const limiter = new AdaptiveRateLimiter(settings());

    limiter.assume(450);

    expect(limiter.state).toMatchObject({ measured: true, requestsPerWindow: 450 });
  });
});
