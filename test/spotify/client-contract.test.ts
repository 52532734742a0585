// Every call the client makes, against the built-in server that refuses what Spotify refuses: a page
// size, batch size or parameter the contract does not allow fails here, before it fails a night
// (as limit=50 on an artist's albums once did: 400 Invalid limit for every artist).
import { afterEach, describe, expect, it } from 'vitest';
import type { SampleCatalog } from '../../local/spotify/catalog.js';
import type { ObservedRequest } from '../../local/spotify/server.js';
import { isRefusal } from '../../tasks/spotify/capabilities.js';
import type { SpotifyClient } from '../../tasks/spotify/client.js';
import { pageSizeFor, SPOTIFY_CONTRACT, type AccessMode, type EndpointName } from '../../tasks/spotify/contract.js';
import { startHarness, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const artistWithMostAlbums = (catalog: SampleCatalog) =>
  [...catalog.albumIdsByArtist].sort(([, a], [, b]) => b.own.length + b.appearsOn.length - (a.own.length + a.appearsOn.length))[0]!;
const longestAlbum = (catalog: SampleCatalog) => [...catalog.albums].sort((a, b) => b.trackIds.length - a.trackIds.length)[0]!;

type Call = (client: SpotifyClient, catalog: SampleCatalog) => Promise<unknown>;

/** One call per client method, with what it must bring back; the extended-only ones are refused for development apps. */
const calls: Record<Exclude<keyof SpotifyClient, 'stats' | 'rateLimit'>, { call: Call; modes: readonly AccessMode[] }> = {
  getArtist: { call: (client, catalog) => client.getArtist(catalog.artists[0]!.id), modes: ['development', 'extended'] },
  getArtistAlbums: { call: (client, catalog) => client.getArtistAlbums(artistWithMostAlbums(catalog)[0]), modes: ['development', 'extended'] },
  getAlbumTracks: { call: (client, catalog) => client.getAlbumTracks(longestAlbum(catalog).id), modes: ['development', 'extended'] },
  searchArtists: { call: (client, catalog) => client.searchArtists(catalog.artists[0]!.name), modes: ['development', 'extended'] },
  getArtists: { call: (client, catalog) => client.getArtists(catalog.artists.map((artist) => artist.id)), modes: ['extended'] },
  getTopTracks: { call: (client, catalog) => client.getTopTracks(catalog.artists[0]!.id), modes: ['extended'] },
  getAudioFeatures: { call: (client, catalog) => client.getAudioFeatures(catalog.tracks.slice(0, 150).map((track) => track.id)), modes: ['extended'] },
};

const cases = Object.entries(calls).flatMap(([method, { call, modes }]) =>
  (['development', 'extended'] as const).map((mode) => ({ method, call, mode, allowed: modes.includes(mode) })),
);

describe('Spotify client against the contract', () => {
  it.each(cases.filter((entry) => entry.allowed))('$method succeeds against the strict server for a $mode app', async ({ call, mode }) => {
    harness = await startHarness({ access: mode, artists: 60 });

    await call(harness.client, harness.catalog);

    expect(harness.server.stats.served).toBe(harness.server.stats.requests);
  });

  it.each(cases.filter((entry) => !entry.allowed))('$method is refused with a 403 the capability probe reads as "not for this app" ($mode)', async ({ call, mode }) => {
    harness = await startHarness({ access: mode });

    const error = await call(harness.client, harness.catalog).catch((caught: unknown) => caught);

    expect(isRefusal(error)).toBe(true);
  });

  it('asks each paged endpoint for the largest page every app accepts, and sends market wherever it is documented', async () => {
    harness = await startHarness({ access: 'extended', artists: 60 });
    const seen: ObservedRequest[] = [];
    harness.server.onRequest((request) => seen.push(request));

    for (const { call } of Object.values(calls)) await call(harness.client, harness.catalog);

    expect(new Set(seen.map((request) => request.endpoint))).toEqual(
      new Set(['artist', 'artist-albums', 'album-tracks', 'search', 'artists-batch', 'artist-top-tracks', 'audio-features-batch']),
    );
    for (const { endpoint, url } of seen) {
      const row = SPOTIFY_CONTRACT[endpoint as EndpointName];
      expect({ endpoint, limit: url.searchParams.get('limit') }).toEqual({ endpoint, limit: row.limit === undefined ? null : String(pageSizeFor(row.name)) });
      expect({ endpoint, market: url.searchParams.get('market') }).toEqual({ endpoint, market: row.market ? 'KR' : null });
    }
  });

  it('pages through an artist with more than ten releases ten at a time', async () => {
    harness = await startHarness();
    const [id, albums] = artistWithMostAlbums(harness.catalog);
    // The default groups leave out compilation: the artist's own best-ofs are not listed.
    const releases = albums.own.filter((albumId) => harness!.catalog.albumById.get(albumId)?.album_type !== 'compilation').length + albums.appearsOn.length;

    const listed = await harness.client.getArtistAlbums(id);

    expect(releases).toBeGreaterThan(10);
    expect(listed.items).toHaveLength(releases);
    expect(harness.server.stats.byEndpoint['artist-albums']).toBe(Math.ceil(releases / 10));
  });

  it('reads batches no larger than the contract allows', async () => {
    harness = await startHarness({ access: 'extended', artists: 120 });

    const found = await harness.client.getArtists(harness.catalog.artists.map((artist) => artist.id));

    expect(found.items).toHaveLength(120);
    expect(harness.server.stats.byEndpoint['artists-batch']).toBe(Math.ceil(120 / 50));
  });
});
