import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SpotifyAuthFailed,
  SpotifyMalformedResponse,
  SpotifyQuotaExceeded,
  SpotifyRateLimited,
  SpotifyRequestFailed,
  SpotifyUnavailable,
} from '../../tasks/errors.js';
import type { CatalogAlbum } from '../../local/spotify/catalog.js';
import { startHarness, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const firstArtist = (h: Harness) => h.catalog.artists[0]!.id;
const longestAlbum = (h: Harness): CatalogAlbum => [...h.catalog.albums].sort((a, b) => b.trackIds.length - a.trackIds.length)[0]!;

describe('Spotify client: tokens', () => {
  it('fetches one client-credentials token and reuses it', async () => {
    harness = await startHarness();
    const [a, b, c] = harness.catalog.artists;

    await Promise.all([a!, b!, c!].map((artist) => harness!.client.getArtist(artist.id)));

    expect(harness.server.stats.tokenRequests).toBe(1);
    expect(harness.server.stats.served).toBe(3);
  });

  it('refreshes the token before it expires, so no request meets a 401', async () => {
    harness = await startHarness({ simulator: { tokenTtlSeconds: 1 }, client: { tokenRefreshMarginMs: 500 } });
    await harness.client.getArtist(firstArtist(harness));

    await sleep(600);
    await harness.client.getArtist(firstArtist(harness));

    expect(harness.server.stats.tokenRequests).toBe(2);
    expect(harness.server.stats.unauthorized).toBe(0);
  });

  it('gets a new token and retries once when the API answers 401', async () => {
    harness = await startHarness();
    await harness.client.getArtist(firstArtist(harness));
    harness.server.revokeTokens();

    const artist = await harness.client.getArtist(firstArtist(harness));

    expect(artist.id).toBe(firstArtist(harness));
    expect(harness.server.stats.unauthorized).toBe(1);
    expect(harness.server.stats.tokenRequests).toBe(2);
  });

  it('retries the token POST when the accounts service answers 503', async () => {
    harness = await startHarness({ simulator: { tokenFailures: 2 } });

    const artist = await harness.client.getArtist(firstArtist(harness));

    expect(artist.id).toBe(firstArtist(harness));
    expect(harness.server.stats.tokenRequests).toBe(3);
  });

  it('fails with SpotifyAuthFailed, without retrying, when the credentials are refused', async () => {
    harness = await startHarness({ simulator: { credentials: { clientId: 'other', clientSecret: 'other' } } });

    await expect(harness.client.getArtist(firstArtist(harness))).rejects.toBeInstanceOf(SpotifyAuthFailed);
    expect(harness.server.stats.tokenRequests).toBe(1);
    expect(harness.server.stats.requests).toBe(0);
  });
});

describe('Spotify client: rate limits', () => {
  it('waits out Retry-After on a 429 and then gets every answer', async () => {
    harness = await startHarness({ simulator: { rateLimit: { requests: 3, windowMs: 1000 } }, client: { rateLimit: { windowMs: 1000, minRequestsPerWindow: 1 } } });
    const ids = harness.catalog.artists.slice(0, 5).map((artist) => artist.id);

    const artists = await Promise.all(ids.map((id) => harness!.client.getArtist(id)));

    expect(artists.map((artist) => artist.id)).toEqual(ids);
    expect(harness.server.stats.rateLimited).toBeGreaterThan(0);
    expect(harness.client.stats().rateLimited).toBe(harness.server.stats.rateLimited);
  });

  it('lowers its request budget to what the window allowed after a 429', async () => {
    harness = await startHarness({ simulator: { rateLimit: { requests: 3, windowMs: 1000 } }, client: { rateLimit: { windowMs: 1000, minRequestsPerWindow: 1 } } });
    const ids = harness.catalog.artists.slice(0, 5).map((artist) => artist.id);

    await Promise.all(ids.map((id) => harness!.client.getArtist(id)));

    expect(harness.client.rateLimit.state.measured).toBe(true);
    expect(harness.client.rateLimit.state.requestsPerWindow).toBeLessThanOrEqual(5);
  });

  it('throws SpotifyRateLimited instead of waiting past the deadline', async () => {
    harness = await startHarness({ simulator: { rateLimit: { requests: 1, windowMs: 10_000 } } });
    await harness.client.getArtist(firstArtist(harness));

    const waiting = harness.client.getArtist(firstArtist(harness), { deadline: Date.now() + 500 });

    await expect(waiting).rejects.toBeInstanceOf(SpotifyRateLimited);
    await expect(waiting).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
  });

  it('throws SpotifyRateLimited when Retry-After is longer than the client waits', async () => {
    harness = await startHarness({ simulator: { rateLimit: { requests: 1, windowMs: 10_000 } }, client: { maxRetryAfterSeconds: 2 } });
    await harness.client.getArtist(firstArtist(harness));

    await expect(harness.client.getArtist(firstArtist(harness))).rejects.toBeInstanceOf(SpotifyRateLimited);
  });

  it('stops at a quota 429 without retrying it', async () => {
    harness = await startHarness({ simulator: { quota: { afterRequests: 1 } } });
    await harness.client.getArtist(firstArtist(harness));

    await expect(harness.client.getArtist(firstArtist(harness))).rejects.toBeInstanceOf(SpotifyQuotaExceeded);
    expect(harness.server.stats.quotaRejected).toBe(1);
  });

  it('fails calls at once, without reaching Spotify, for a while after a quota 429', async () => {
    harness = await startHarness({ simulator: { quota: { afterRequests: 0 } } });
    await expect(harness.client.getArtist(firstArtist(harness))).rejects.toBeInstanceOf(SpotifyQuotaExceeded);

    const calls = harness.catalog.artists.slice(1, 6).map((artist) => harness!.client.getArtist(artist.id));

    for (const call of calls) await expect(call).rejects.toBeInstanceOf(SpotifyQuotaExceeded);
    expect(harness.server.stats.requests).toBe(1);
  });
});

describe('Spotify client: transient failures', () => {
  it('retries a burst of 5xx with backoff and succeeds', async () => {
    harness = await startHarness({ simulator: { serverErrors: { count: 3, status: 502 } } });

    const artist = await harness.client.getArtist(firstArtist(harness));

    expect(artist.id).toBe(firstArtist(harness));
    expect(harness.server.stats.serverErrors).toBe(3);
    expect(harness.client.stats().retries).toBe(3);
  });

  it('gives up with SpotifyUnavailable when 5xx outlast the attempts', async () => {
    harness = await startHarness({ simulator: { serverErrors: { count: 100 } }, client: { attempts: 3 } });

    await expect(harness.client.getArtist(firstArtist(harness))).rejects.toBeInstanceOf(SpotifyUnavailable);
    expect(harness.server.stats.requests).toBe(3);
  });

  it('times out a slow response and succeeds on the retry', async () => {
    harness = await startHarness({ simulator: { slow: { delayMs: 2_000, count: 1 } }, client: { requestTimeoutMs: 200 } });

    const artist = await harness.client.getArtist(firstArtist(harness));

    expect(artist.id).toBe(firstArtist(harness));
    expect(harness.client.stats().timeouts).toBe(1);
  });

  it('gives up with SpotifyUnavailable when every response is too slow', async () => {
    harness = await startHarness({ simulator: { slow: { delayMs: 1_000 } }, client: { requestTimeoutMs: 100, attempts: 2 } });

    await expect(harness.client.getArtist(firstArtist(harness))).rejects.toBeInstanceOf(SpotifyUnavailable);
    expect(harness.client.stats().timeouts).toBe(2);
  });
});

describe('Spotify client: responses', () => {
  it('follows next links through every page', async () => {
    harness = await startHarness({ simulator: { pageSize: 7 } });
    const album = longestAlbum(harness);

    const tracks = await harness.client.getAlbumTracks(album.id);

    expect(tracks.items.map((track) => track.id)).toEqual(album.trackIds);
    expect(harness.server.stats.byEndpoint['album-tracks']).toBe(Math.ceil(album.trackIds.length / 7));
  });

  it('lists an artist’s albums, singles and appearances on others’ albums', async () => {
    harness = await startHarness();
    const [id, albums] = [...harness.catalog.albumIdsByArtist].find(([, found]) => found.appearsOn.length > 0)!;

    const listed = await harness.client.getArtistAlbums(id);

    expect(listed.items.map((album) => album.id).sort()).toEqual([...albums.own, ...albums.appearsOn].sort());
    expect(listed.items.filter((album) => album.album_group === 'appears_on')).toHaveLength(albums.appearsOn.length);
  });

  it('raises SpotifyMalformedResponse, with the body, when a response is not JSON', async () => {
    harness = await startHarness();
    harness.server.simulate({ malformed: [firstArtist(harness)] });

    const error = await harness.client.getArtist(firstArtist(harness)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SpotifyMalformedResponse);
    expect((error as SpotifyMalformedResponse).body).toContain(firstArtist(harness));
  });

  it('rejects list items with missing required fields and keeps the rest', async () => {
    harness = await startHarness();
    const album = longestAlbum(harness);
    harness.server.simulate({ missingFields: { [album.trackIds[1]!]: ['name', 'duration_ms'] } });

    const tracks = await harness.client.getAlbumTracks(album.id);

    expect(tracks.items).toHaveLength(album.trackIds.length - 1);
    expect(tracks.rejected).toHaveLength(1);
    expect(tracks.rejected[0]!.issues.join(' ')).toMatch(/name/);
  });

  it('accepts an artist without genres, followers or popularity', async () => {
    harness = await startHarness({ simulator: { access: 'development', genres: false } });

    const artist = await harness.client.getArtist(firstArtist(harness));

    expect(artist).toEqual({ id: firstArtist(harness), name: harness.catalog.artists[0]!.name, uri: `spotify:artist:${firstArtist(harness)}` });
  });

  it('reports a 403 on audio features for a development-mode app as SpotifyRequestFailed', async () => {
    harness = await startHarness({ access: 'development' });

    const error = await harness.client.getAudioFeatures([harness.catalog.tracks[0]!.id]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SpotifyRequestFailed);
    expect((error as SpotifyRequestFailed).status).toBe(403);
  });

  it('reads audio features in batches of 100 for an extended-access app', async () => {
    harness = await startHarness({ access: 'extended', artists: 40 });
    const ids = harness.catalog.tracks.slice(0, 150).map((track) => track.id);

    const features = await harness.client.getAudioFeatures(ids);

    expect(features.items.map((item) => item.id)).toEqual(ids);
    expect(harness.server.stats.byEndpoint['audio-features-batch']).toBe(2);
  });

  it('finds a Korean artist by name with a search of limit 10', async () => {
    harness = await startHarness({ artists: 60 });
    const korean = harness.catalog.artists.find((artist) => /\p{Script=Hangul}/u.test(artist.name))!;

    const found = await harness.client.searchArtists(korean.name.normalize('NFD'));

    expect(found.items[0]?.id).toBe(korean.id);
    expect(found.items.length).toBeLessThanOrEqual(10);
  });
});
