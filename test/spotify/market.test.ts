// Regional editions: without `market`, Spotify lists one release once per regional edition, each
// under its own ids, so a client that forgets `market` counts a release, and every collaboration
// on it, more than once. The built-in server does the same; the client always sends its market.
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogAlbum, SampleCatalog } from '../../local/spotify/catalog.js';
import { derivedId, regionalCatalog } from '../../local/spotify/regional.js';
import { ConfigurationError } from '../../tasks/errors.js';
import { createSpotifyClient } from '../../tasks/spotify/client.js';
import { authorisedGet, startHarness, testClientConfig, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** An artist with an own release that has a regional edition (for `market`, when given), that release and its editions' ids. */
function artistWithEditions(catalog: SampleCatalog, market?: string): { artistId: string; album: CatalogAlbum; editionIds: string[] } {
  const regional = regionalCatalog(catalog);
  for (const artist of catalog.artists) {
    for (const albumId of catalog.albumIdsByArtist.get(artist.id)?.own ?? []) {
      const album = catalog.albumById.get(albumId)!;
      const editions = regional.editionsOf(album);
      const copies = editions.slice(1);
      if (copies.length > 0 && (market === undefined || copies.some((edition) => edition.markets.includes(market)))) {
        return { artistId: artist.id, album, editionIds: editions.map((edition) => edition.album.id) };
      }
    }
  }
  throw new Error('the sample catalog has no release with regional editions');
}

interface Page {
  items: { id: string; name: string }[];
  next: string | null;
}

async function everyAlbum(get: Awaited<ReturnType<typeof authorisedGet>>, artistId: string, query: Record<string, string>) {
  const items: Page['items'] = [];
  for (let offset = 0; ; offset += 10) {
    const page = (await get(`/artists/${artistId}/albums`, { ...query, limit: '10', offset: String(offset) })).body as Page;
    items.push(...page.items);
    if (page.next === null) return items;
  }
}

describe('market', () => {
  it('lists every regional edition of a release, each under its own id, when market is absent', async () => {
    harness = await startHarness();
    const { artistId, album, editionIds } = artistWithEditions(harness.catalog);
    const get = await authorisedGet(harness.server);

    const withMarket = await everyAlbum(get, artistId, { market: 'KR' });
    const withoutMarket = await everyAlbum(get, artistId, {});

    const editionsIn = (items: Page['items']) => items.filter((item) => editionIds.includes(item.id));
    expect(editionsIn(withMarket).map((item) => item.id)).toEqual([album.id]);
    expect(editionsIn(withoutMarket).map((item) => item.id)).toEqual(editionIds);
    expect(new Set(editionsIn(withoutMarket).map((item) => item.name))).toEqual(new Set([album.name]));
    expect(withoutMarket.length).toBeGreaterThan(withMarket.length);
  });

  it('serves an edition’s tracks under their own ids with the same credits, so a forgotten market counts a collaboration twice', async () => {
    harness = await startHarness();
    const { album } = artistWithEditions(harness.catalog);
    const edition = regionalCatalog(harness.catalog).editionsOf(album)[1]!;
    const get = await authorisedGet(harness.server);

    const original = (await get(`/albums/${album.id}/tracks`, { market: 'KR', limit: '50' })).body as { items: { id: string; artists: { id: string }[] }[] };
    const copy = (await get(`/albums/${edition.album.id}/tracks`, { limit: '50' })).body as typeof original;

    expect(copy.items.map((track) => track.artists)).toEqual(original.items.map((track) => track.artists));
    expect(copy.items.map((track) => track.id)).not.toContain(original.items[0]!.id);
  });

  it('lists each release once, under the catalog’s id, because the client always sends its market', async () => {
    harness = await startHarness();
    const { artistId } = artistWithEditions(harness.catalog);
    const albums = harness.catalog.albumIdsByArtist.get(artistId)!;

    const listed = await harness.client.getArtistAlbums(artistId);

    expect(listed.items.map((item) => item.id).sort()).toEqual([...albums.own, ...albums.appearsOn].sort());
  });

  it('sends the configured market: a client for Japan lists the Japanese edition', async () => {
    harness = await startHarness();
    const { artistId, editionIds } = artistWithEditions(harness.catalog, 'JP');
    const client = createSpotifyClient(testClientConfig(harness.server, { market: 'JP' }));

    const listed = await client.getArtistAlbums(artistId);

    expect(listed.items.map((item) => item.id).filter((id) => editionIds.includes(id))).toEqual([derivedId(editionIds[0]!, 'JP')]);
  });

  it('refuses a market that is not an ISO 3166-1 alpha-2 code', async () => {
    harness = await startHarness();

    expect(() => createSpotifyClient(testClientConfig(harness!.server, { market: 'Korea' }))).toThrow(ConfigurationError);
  });
});
