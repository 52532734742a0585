// The fetch against heavy-tailed discographies: the built-in server serving the realistic sample
// catalog at the contract's page size for artist albums (10 since 2026-02), the production client,
// a folder lake.
import { afterEach, describe, expect, it } from 'vitest';
import { createSampleCatalog, type CatalogAlbum, type CatalogArtist, type SampleCatalog } from '../../local/spotify/catalog.js';
import { defaultAlbumGroupCaps } from '../../tasks/fetch/album-groups.js';
import { defaultFetchSettings } from '../../tasks/fetch/settings.js';
import { pageSizeFor } from '../../tasks/spotify/contract.js';
import { startFetchHarness, type FetchHarness } from './fetch-harness.js';

const catalog = createSampleCatalog({ artists: 300, blankNames: true });
const PAGE = pageSizeFor('artist-albums');

let harness: FetchHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The artist's releases per album group, as GET /artists/{id}/albums groups them. */
function groupsOf(sample: SampleCatalog, artist: CatalogArtist): Record<string, CatalogAlbum[]> {
  const albums = sample.albumIdsByArtist.get(artist.id) ?? { own: [], appearsOn: [] };
  const byId = (id: string) => sample.albumById.get(id)!;
  const own = albums.own.map(byId);
  return {
    album: own.filter((album) => album.album_type === 'album'),
    single: own.filter((album) => album.album_type === 'single'),
    compilation: own.filter((album) => album.album_type === 'compilation'),
    appears_on: albums.appearsOn.map(byId),
  };
}

const releasesOf = (artist: CatalogArtist) => {
  const groups = groupsOf(catalog, artist);
  return groups.album!.length + groups.single!.length + groups.appears_on!.length;
};
const prolific = [...catalog.artists].sort((a, b) => releasesOf(b) - releasesOf(a))[0]!;
const ordinary = catalog.artists.find((artist) => releasesOf(artist) > 0 && releasesOf(artist) <= PAGE)!;
const busy = catalog.artists.find((artist) => releasesOf(artist) > 2 * PAGE && releasesOf(artist) <= defaultFetchSettings.listAlbumsTogetherUpTo)!;

describe('FetchArtists: heavy-tailed discographies', () => {
  it('reads at most each group’s cap of a prolific artist’s releases, the newest of each group', async () => {
    harness = await startFetchHarness({ catalog, tracked: () => [prolific.id] });

    await harness.fetch();

    const staged = [...(await harness.staged()).values()][0]!;
    const stagedIds = new Set(staged.albums.map((album) => album.id));
    const groups = groupsOf(catalog, prolific);
    expect(releasesOf(prolific)).toBeGreaterThan(100);
    for (const group of ['album', 'single'] as const) {
      const read = groups[group]!.filter((album) => stagedIds.has(album.id));
      const unread = groups[group]!.filter((album) => !stagedIds.has(album.id));
      expect(read).toHaveLength(Math.min(groups[group]!.length, defaultAlbumGroupCaps[group]!.read));
      const oldestRead = read.map((album) => album.release_date).sort()[0]!;
      expect(unread.every((album) => album.release_date <= oldestRead)).toBe(true);
    }
    expect(groups.appears_on!.filter((album) => stagedIds.has(album.id)).length).toBeLessThanOrEqual(defaultAlbumGroupCaps.appears_on!.read);
  });

  it('lists a prolific artist group by group, one page of ten per request, up to each group’s listing cap', async () => {
    harness = await startFetchHarness({ catalog, tracked: () => [prolific.id] });

    await harness.fetch();

    const groups = groupsOf(catalog, prolific);
    const perGroup = (['album', 'single', 'appears_on'] as const).map((group) =>
      Math.max(1, Math.ceil(Math.min(groups[group]!.length, defaultAlbumGroupCaps[group]!.list) / PAGE)),
    );
    // The first page of all groups together, then each group on its own; the capability probe lists nothing.
    expect(harness.server.stats.byEndpoint['artist-albums']).toBe(1 + perGroup.reduce((sum, pages) => sum + pages, 0));
  });

  it('reads no compilation, of the artist’s own or of Various Artists', async () => {
    harness = await startFetchHarness({ catalog, tracked: () => [prolific.id] });

    await harness.fetch();

    const staged = [...(await harness.staged()).values()][0]!;
    expect(groupsOf(catalog, prolific).compilation!.length + groupsOf(catalog, prolific).appears_on!.filter((album) => album.album_type === 'compilation').length).toBeGreaterThan(0);
    expect(staged.albums.filter((album) => album.album_type === 'compilation')).toEqual([]);
  });

  it('lists an ordinary artist’s releases in one request', async () => {
    harness = await startFetchHarness({ catalog, tracked: () => [ordinary.id] });

    await harness.fetch();

    expect(harness.server.stats.byEndpoint['artist-albums']).toBe(1);
    expect((await harness.fetchSection()).totals).toMatchObject({ albumsListed: releasesOf(ordinary) });
  });

  it('lists an artist with a few pages of releases in one go, reading on from where the first page ended', async () => {
    harness = await startFetchHarness({ catalog, tracked: () => [busy.id] });

    await harness.fetch();

    expect(harness.server.stats.byEndpoint['artist-albums']).toBe(Math.ceil(releasesOf(busy) / PAGE));
    // Spotify lists appearances last: the newest one is read only if the listing went on to the end.
    const newestAppearance = groupsOf(catalog, busy).appears_on!.find((album) => album.album_type !== 'compilation')!;
    const staged = [...(await harness.staged()).values()][0]!;
    expect(staged.albums.map((album) => album.id)).toContain(newestAppearance.id);
  });
});
