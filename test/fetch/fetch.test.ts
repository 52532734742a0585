import { afterEach, describe, expect, it } from 'vitest';
import { InvalidRunDate, InvalidTaskInput, SpotifyQuotaExceeded, SpotifyRateLimited, TooManyArtistsFailed } from '../../tasks/errors.js';
import { handleFetch } from '../../tasks/fetch/handle.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { runLoad } from '../../tasks/load/load.js';
import { stagedArtistSchema } from '../../tasks/contracts/staged-artist.js';
import { normaliseName } from '../../tasks/names.js';
import { allArtistAlbumPages, artistAlbumPages } from '../spotify/harness.js';
import { DT, startFetchHarness, type FetchHarness } from './fetch-harness.js';

let harness: FetchHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ownAlbumTrack = (h: FetchHarness, artistIndex: number) => {
  const artist = h.catalog.artists[artistIndex]!;
  const albumId = h.catalog.albumIdsByArtist.get(artist.id)!.own[0]!;
  return { artist, trackId: h.catalog.albumById.get(albumId)!.trackIds[0]! };
};

describe('FetchArtists: a slice', () => {
  it('stages every tracked artist, with albums and multi-artist tracks, in the shape Load reads', async () => {
    harness = await startFetchHarness();

    const result = await harness.fetch();

    expect(result).toEqual({ done: true, complete: true, slice: 1, artistsStaged: 24, artistsFailed: 0, artistsRemaining: 0 });
    const staged = await harness.staged();
    expect([...staged.keys()].sort()).toEqual(harness.catalog.artists.map((artist) => artist.id).sort());
    for (const artist of staged.values()) expect(stagedArtistSchema.safeParse(artist).success).toBe(true);
    expect([...staged.values()].some((artist) => artist.tracks.some((track) => track.artists.length > 1))).toBe(true);
  });

  it('rejects an input without a valid dt', async () => {
    harness = await startFetchHarness();

    await expect(handleFetch({ dt: '2026-13-01' }, harness.ports())).rejects.toBeInstanceOf(InvalidRunDate);
    await expect(handleFetch('2026-05-10', harness.ports())).rejects.toBeInstanceOf(InvalidTaskInput);
  });

  it('records what a development-mode app may read in the run manifest, and stages no audio features', async () => {
    harness = await startFetchHarness({ access: 'development' });

    await harness.fetch();

    expect(await harness.capabilities()).toMatchObject({ genres: true, topTracks: false, audioFeatures: false, batchArtists: false });
    expect([...(await harness.staged()).values()].every((artist) => artist.audioFeatures.length === 0)).toBe(true);
  });

  it('stages audio features of the artist’s own tracks for an extended-access app', async () => {
    harness = await startFetchHarness({ access: 'extended' });

    await harness.fetch();

    const [id, artist] = [...(await harness.staged()).entries()][0]!;
    const credited = new Set(artist.tracks.filter((track) => track.artists.some((credit) => credit.id === id)).map((track) => track.id));
    expect(artist.audioFeatures.map((features) => features.id).sort()).toEqual([...credited].sort());
    expect(artist.artist.followers?.total).toEqual(expect.any(Number));
  });

  it('reads artist objects in batches of 50 when the app may', async () => {
    harness = await startFetchHarness({ access: 'extended', artists: 60 });

    await harness.fetch({ concurrency: 2 });

    // One batch for the probe, then 50 + 10 for the artists.
    expect(harness.server.stats.byEndpoint['artists-batch']).toBe(3);
    expect(harness.server.stats.byEndpoint['artist']).toBe(1);
  });

  it('counts slices per execution when the state machine passes its execution id', async () => {
    harness = await startFetchHarness();

    const first = await handleFetch({ dt: DT, execution: 'a' }, harness.ports());
    const again = await handleFetch({ dt: DT, execution: 'a' }, harness.ports());
    const other = await handleFetch({ dt: DT, execution: 'b' }, harness.ports());

    expect([first.slice, again.slice, other.slice]).toEqual([1, 2, 1]);
  });
});

describe('FetchArtists: resuming', () => {
  it('stops at maxArtistsPerSlice and resumes from the checkpoint without fetching an artist twice', async () => {
    harness = await startFetchHarness();

    const results = await harness.fetchUntilDone({ maxArtistsPerSlice: 5, concurrency: 1 });

    expect(results.map((result) => result.artistsRemaining)).toEqual([19, 14, 9, 4, 0]);
    expect(results.at(-1)).toMatchObject({ done: true, slice: 5, artistsStaged: 24 });
    // The probe reads one artist; every other artist is read once, its albums 10 to a page.
    expect(harness.server.stats.byEndpoint['artist']).toBe(25);
    expect(harness.server.stats.byEndpoint['artist-albums']).toBe(allArtistAlbumPages(harness.catalog));
  });

  it('ends a slice when its time budget is spent, and the next slices finish the work', async () => {
    harness = await startFetchHarness({ artists: 6 });

    const first = await harness.fetch({ sliceBudgetMs: 0 });
    const rest = await harness.fetchUntilDone({ sliceBudgetMs: 0 });

    expect(first).toMatchObject({ done: false, artistsStaged: 1, artistsRemaining: 5 });
    expect((await harness.fetchSection()).stoppedBy).toBe('done');
    expect((await harness.checkpoint()).slices[0]!.stoppedBy).toBe('budget');
    expect(rest.at(-1)).toMatchObject({ done: true, artistsStaged: 6, slice: 6 });
  });

  it('fails the slice with SpotifyQuotaExceeded on a quota 429, keeps what was staged, and resumes after a redrive', async () => {
    // A cooldown of 0: the redrive below comes at once, where a real one comes after the quota resets.
    harness = await startFetchHarness({ simulator: { quota: { afterRequests: 60 } }, client: { quotaCooldownMs: 0 }, settings: { concurrency: 2 } });

    await expect(harness.fetch()).rejects.toBeInstanceOf(SpotifyQuotaExceeded);
    const stagedBefore = (await harness.staged()).size;
    expect(stagedBefore).toBeGreaterThan(0);
    expect(stagedBefore).toBeLessThan(24);
    expect(await harness.fetchSection()).toMatchObject({ stoppedBy: 'quota', artistsStaged: stagedBefore, done: false });

    harness.server.simulate({ quota: undefined });
    const redrive = await harness.fetch();

    expect(redrive).toMatchObject({ done: true, artistsStaged: 24, artistsFailed: 0 });
  });

  it('ends the slice with done=false when Retry-After outlasts the time left, and waits it out in the next slice', async () => {
    harness = await startFetchHarness({
      artists: 6,
      simulator: { rateLimit: { requests: 12, windowMs: 1_000 } },
      client: { rateLimit: { windowMs: 1_000, minRequestsPerWindow: 1 } },
    });

    const first = await harness.fetch({ sliceBudgetMs: 300, finishGraceMs: 0 });
    const notBefore = (await harness.checkpoint()).notBefore;
    const rest = await harness.fetchUntilDone({ sliceBudgetMs: 10_000 });

    expect(first.done).toBe(false);
    expect(notBefore).toEqual(expect.any(String));
    expect(rest.at(-1)).toMatchObject({ done: true, artistsStaged: 6, artistsFailed: 0 });
    expect((await harness.checkpoint()).notBefore).toBeUndefined();
  });

  it('fails with SpotifyRateLimited, rather than looping, when the wait Spotify asked for ends after the next slice', async () => {
    harness = await startFetchHarness({
      artists: 6,
      simulator: { rateLimit: { requests: 12, windowMs: 20_000 } },
      client: { rateLimit: { windowMs: 20_000, minRequestsPerWindow: 1 } },
    });
    const first = await harness.fetch({ sliceBudgetMs: 300, finishGraceMs: 0 });
    const requests = harness.server.stats.requests;

    await expect(harness.fetch({ sliceBudgetMs: 300, finishGraceMs: 0 })).rejects.toBeInstanceOf(SpotifyRateLimited);
    expect(first.done).toBe(false);
    expect(harness.server.stats.requests).toBe(requests);
  });

  it('retries an artist that failed transiently in a later slice', async () => {
    harness = await startFetchHarness({ artists: 6, client: { attempts: 2 } });
    const flaky = harness.catalog.artists[2]!.id;
    harness.server.simulate({ serverErrors: { count: 1_000, ids: [flaky] } });

    const first = await harness.fetch();
    harness.server.simulate({ serverErrors: undefined });
    const second = await harness.fetch();

    expect(first).toMatchObject({ done: false, artistsStaged: 5, artistsFailed: 0, artistsRemaining: 1 });
    expect((await harness.fetchSection()).retryingLater).toEqual([]);
    expect(second).toMatchObject({ done: true, artistsStaged: 6, artistsFailed: 0 });
  });

  it('gives up on an artist that stays unavailable after maxAttemptsPerArtist slices', async () => {
    harness = await startFetchHarness({ artists: 6, client: { attempts: 2 }, settings: { maxFailureRatio: 0.5 } });
    const flaky = harness.catalog.artists[2]!.id;
    harness.server.simulate({ serverErrors: { count: 1_000, ids: [flaky] } });

    const results = await harness.fetchUntilDone({ maxAttemptsPerArtist: 2 });

    expect(results.map((result) => result.done)).toEqual([false, true]);
    expect(results.at(-1)).toMatchObject({ artistsStaged: 5, artistsFailed: 1 });
  });
});

describe('FetchArtists: bad data', () => {
  it('probes capabilities with the next artist when the first one is malformed', async () => {
    harness = await startFetchHarness();
    harness.server.simulate({ malformed: [harness.catalog.artists[0]!.id] });

    const result = await harness.fetch();

    expect(result).toMatchObject({ done: true, artistsStaged: 23, artistsFailed: 1 });
    expect(await harness.capabilities()).toMatchObject({ probedWith: harness.catalog.artists[1]!.id });
  });

  it('quarantines a malformed artist response, fails only that artist and lists it in the manifest with the reason', async () => {
    harness = await startFetchHarness();
    const broken = harness.catalog.artists[3]!.id;
    harness.server.simulate({ malformed: [broken] });

    const result = await harness.fetch();

    expect(result).toMatchObject({ done: true, artistsStaged: 23, artistsFailed: 1 });
    const quarantined = JSON.parse(Buffer.from((await harness.store.get(lakeKeys.quarantined(DT, `fetch-${broken}`)))!).toString('utf8'));
    expect(quarantined).toMatchObject({ artistId: broken, malformedResponse: { issues: ['body is not valid JSON'] } });
    expect((await harness.fetchSection()).failed).toEqual([expect.objectContaining({ artist: broken, reason: expect.stringMatching(/not JSON/) })]);
    expect(harness.logger.lines.some((line) => line.level === 'warn' && line.attributes?.artist === broken)).toBe(true);
  });

  it('quarantines a track with missing fields and stages the rest of the artist', async () => {
    harness = await startFetchHarness();
    const { artist, trackId } = ownAlbumTrack(harness, 0);
    harness.server.simulate({ missingFields: { [trackId]: ['artists'] } });

    await harness.fetch();

    const staged = (await harness.staged()).get(artist.id)!;
    expect(staged.tracks.some((track) => track.id === trackId)).toBe(false);
    expect(staged.tracks.length).toBeGreaterThan(0);
    const quarantined = JSON.parse(Buffer.from((await harness.store.get(lakeKeys.quarantined(DT, `fetch-${artist.id}`)))!).toString('utf8'));
    expect(quarantined.rejectedItems).toEqual([expect.objectContaining({ value: expect.objectContaining({ id: trackId }), issues: [expect.stringMatching(/^artists/)] })]);
  });

  it('stages artists whose name is empty or only whitespace, the name as Spotify gives it', async () => {
    harness = await startFetchHarness();
    const blank = harness.catalog.artists.filter((artist) => artist.name.trim() === '');

    await harness.fetch();

    const staged = await harness.staged();
    expect(blank.map((artist) => staged.get(artist.id)?.artist.name).sort()).toEqual(['', '   ']);
  });

  it('stages an artist without genres when the app gets none', async () => {
    harness = await startFetchHarness({ simulator: { genres: false } });

    await harness.fetch();

    expect(await harness.capabilities()).toMatchObject({ genres: false });
    expect([...(await harness.staged()).values()].every((artist) => artist.artist.genres === undefined)).toBe(true);
  });

  it('fails the run with TooManyArtistsFailed past the failure ratio, after listing the failures', async () => {
    harness = await startFetchHarness({ settings: { maxFailureRatio: 0.1 } });
    const broken = harness.catalog.artists.slice(1, 6).map((artist) => artist.id);
    harness.server.simulate({ malformed: broken });

    await expect(harness.fetch()).rejects.toBeInstanceOf(TooManyArtistsFailed);
    expect((await harness.fetchSection()).failed).toHaveLength(5);
    expect((await harness.staged()).size).toBe(19);
  });

  it('turns an optional signal off when Spotify refuses it mid-run, without failing anyone', async () => {
    harness = await startFetchHarness({ access: 'extended' });
    await harness.fetch({ maxArtistsPerSlice: 4 });
    harness.server.simulate({ access: 'development' });

    const result = await harness.fetch();

    expect(result).toMatchObject({ done: true, artistsStaged: 24, artistsFailed: 0 });
    expect(await harness.capabilities()).toMatchObject({ audioFeatures: false, topTracks: false, batchArtists: false, notes: { audioFeatures: expect.stringMatching(/answered 403/) } });
  });
});

describe('FetchArtists: names', () => {
  it('resolves names by search, preferring the exact normalised match, in Korean too', async () => {
    const korean = (catalog: { artists: { name: string }[] }) => catalog.artists.find((artist) => /\p{Script=Hangul}/u.test(artist.name))!;
    harness = await startFetchHarness({
      artists: 60,
      tracked: (catalog) => [{ name: korean(catalog).name.normalize('NFD') }, `  ${catalog.artists[1]!.name.toUpperCase()} `],
    });

    const result = await harness.fetch();

    expect(result).toMatchObject({ done: true, artistsStaged: 2 });
    const names = [...(await harness.staged()).values()].map((artist) => normaliseName(artist.artist.name)).sort();
    expect(names).toEqual([normaliseName(korean(harness.catalog).name), normaliseName(harness.catalog.artists[1]!.name)].sort());
    expect((await harness.fetchSection()).namesResolved).toEqual([expect.objectContaining({ match: 'exact' }), expect.objectContaining({ match: 'exact' })]);
  });

  it('takes Spotify’s best match, and says so, when no result matches the name exactly', async () => {
    const long = (catalog: { artists: { name: string }[] }) => catalog.artists.find((artist) => artist.name.length > 60)!;
    harness = await startFetchHarness({ artists: 100, tracked: (catalog) => [long(catalog).name.slice(0, 40)] });

    const result = await harness.fetch();

    expect(result).toMatchObject({ done: true, artistsStaged: 1 });
    expect((await harness.fetchSection()).namesResolved).toEqual([expect.objectContaining({ match: 'top-result', matched: long(harness.catalog).name })]);
    expect(harness.logger.lines.some((line) => line.level === 'warn' && /no exact match/.test(line.message))).toBe(true);
  });

  it('fetches an artist listed both by id and by name once', async () => {
    harness = await startFetchHarness({ tracked: (catalog) => [catalog.artists[0]!.id, catalog.artists[0]!.name] });

    const result = await harness.fetch();

    expect(result).toMatchObject({ done: true, artistsStaged: 1, artistsFailed: 0 });
    expect(harness.server.stats.byEndpoint['artist-albums']).toBe(artistAlbumPages(harness.catalog, harness.catalog.artists[0]!.id));
  });

  it('fails a name no artist matches, with the reason', async () => {
    harness = await startFetchHarness({ tracked: (catalog) => [catalog.artists[0]!.id, 'Nobody By This Name Zzyzx'], settings: { maxFailureRatio: 0.5 } });

    const result = await harness.fetch();

    expect(result).toMatchObject({ done: true, artistsStaged: 1, artistsFailed: 1 });
    expect((await harness.fetchSection()).failed).toEqual([
      expect.objectContaining({ artist: 'name:Nobody By This Name Zzyzx', reason: 'no Spotify artist matches this name' }),
    ]);
  });
});

describe('FetchArtists: incremental', () => {
  it('takes known albums’ tracks from the lake, so a steady-state night costs an artist read and its album pages per artist', async () => {
    harness = await startFetchHarness();
    await harness.fetch(undefined, '2026-05-09');
    await runLoad('2026-05-09', { store: harness.store, logger: harness.logger, clock: { now: () => new Date() } });
    const firstNight = await harness.staged('2026-05-09');
    const before = { ...harness.server.stats.byEndpoint };

    await harness.fetch(undefined, DT);

    const requests = (endpoint: string) => (harness!.server.stats.byEndpoint[endpoint] ?? 0) - (before[endpoint] ?? 0);
    expect(requests('album-tracks')).toBe(0);
    // The artist and its album pages (10 to a page), plus the probe's read of one artist at the start of the run.
    expect(requests('artist-albums')).toBe(allArtistAlbumPages(harness.catalog));
    expect(requests('artist')).toBe(24 + 1);
    const secondNight = await harness.staged(DT);
    for (const [id, artist] of secondNight) {
      expect(artist.tracks.map((track) => track.id).sort()).toEqual(firstNight.get(id)!.tracks.map((track) => track.id).sort());
    }
    expect(await harness.fetchSection()).toMatchObject({ totals: { albumsFetched: 0 } });
  });

  it('fetches an album again when the lake holds only part of its tracks', async () => {
    harness = await startFetchHarness({ artists: 6 });
    await harness.fetch(undefined, '2026-05-09');
    await runLoad('2026-05-09', { store: harness.store, logger: harness.logger, clock: { now: () => new Date() } });
    const { fromJsonLines, toJsonLinesGz } = await import('../../tasks/lake/json-lines.js');
    const partKey = (await harness.store.list(lakeKeys.rawPartition('tracks', '2026-05-09')))[0]!;
    const rows = fromJsonLines((await harness.store.get(partKey))!, true) as { id: string }[];
    await harness.store.put(partKey, toJsonLinesGz(rows.slice(1)));

    await harness.fetch(undefined, DT);

    expect((await harness.fetchSection()).totals).toMatchObject({ albumsFetched: 1 });
    const tracks = [...(await harness.staged(DT)).values()].flatMap((artist) => artist.tracks.map((track) => track.id));
    expect(tracks).toContain(rows[0]!.id);
  });
});
