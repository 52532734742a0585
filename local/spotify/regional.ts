// Regional editions of the sample catalog's releases. Spotify lists a release once per regional
// edition, each under its own album and track ids; a request with `market` gets the one edition
// available there, a request without it gets every edition (the contract's
// regionalCopiesWithoutMarket). A client that forgets `market` therefore counts one release, and
// every collaboration on it, twice or three times. The editions are derived from the catalog, so
// any catalog gets them, and their ids are derived from the original ids, so they are the same on
// every run.
import { createHash } from 'node:crypto';
import type { CatalogAlbum, CatalogTrack, SampleCatalog } from './catalog.js';
import { MARKETS } from './objects.js';

/**
 * The markets that have editions of their own. KR and US have none, so a client asking for either
 * sees the catalog's own ids; ask for JP, DE or BR to meet an edition.
 */
export const EDITION_MARKETS = ['JP', 'DE', 'BR'] as const;

export interface Edition {
  album: CatalogAlbum;
  /** The markets where this edition, and no other of the same release, is available. */
  markets: readonly string[];
}

export interface RegionalCatalog {
  /** A release's editions, the catalog's own first. One edition when the release has no regional copies. */
  editionsOf(album: CatalogAlbum): readonly Edition[];
  /** The edition a request sees: the one for `market`, or every edition when no market is given. */
  visible(album: CatalogAlbum, market: string | null): readonly Edition[];
  /** A catalog or regional album by id, with the markets it is available in. */
  album(id: string): Edition | undefined;
  /** A catalog or regional track by id, with the edition it belongs to. */
  track(id: string): { track: CatalogTrack; edition: Edition } | undefined;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const cache = new WeakMap<SampleCatalog, RegionalCatalog>();

export function regionalCatalog(catalog: SampleCatalog): RegionalCatalog {
  let regional = cache.get(catalog);
  if (regional === undefined) {
    regional = build(catalog);
    cache.set(catalog, regional);
  }
  return regional;
}

/** A 22-character base62 id derived from an original id and a market: stable, and unlike any catalog id. */
export function derivedId(originalId: string, market: string): string {
  const digest = createHash('sha256').update(`${originalId}/${market}`).digest();
  return Array.from(digest.subarray(0, 22), (byte) => BASE62[byte % 62]).join('');
}

/** About a third of releases have one regional edition, about one in nine a second. */
function editionMarketsOf(albumId: string): string[] {
  const hash = createHash('sha256').update(albumId).digest();
  const roll = (hash[0] as number) % 9;
  const first = (hash[1] as number) % EDITION_MARKETS.length;
  if (roll >= 3) return [];
  const count = roll === 0 ? 2 : 1;
  return Array.from({ length: count }, (_, index) => EDITION_MARKETS[(first + index) % EDITION_MARKETS.length] as string);
}

function build(catalog: SampleCatalog): RegionalCatalog {
  const editions = new Map<string, Edition[]>();
  const albums = new Map<string, Edition>();
  const tracks = new Map<string, { track: CatalogTrack; edition: Edition }>();

  const editionsOf = (album: CatalogAlbum): Edition[] => {
    const known = editions.get(album.id);
    if (known !== undefined) return known;
    const regions = editionMarketsOf(album.id);
    const original: Edition = { album, markets: MARKETS.filter((market) => !regions.includes(market)) };
    const copies = regions.map((market): Edition => {
      const copy: CatalogAlbum = { ...album, id: derivedId(album.id, market), trackIds: album.trackIds.map((id) => derivedId(id, market)) };
      const edition: Edition = { album: copy, markets: [market] };
      album.trackIds.forEach((trackId, index) => {
        const track = catalog.trackById.get(trackId);
        const copyTrackId = copy.trackIds[index] as string;
        if (track !== undefined) tracks.set(copyTrackId, { track: { ...track, id: copyTrackId, albumId: copy.id }, edition });
      });
      albums.set(copy.id, edition);
      return edition;
    });
    const all = [original, ...copies];
    editions.set(album.id, all);
    return all;
  };
  // Regional ids are only known once their release's editions are made: make them all up front.
  for (const album of catalog.albums) editionsOf(album);

  return {
    editionsOf,
    visible: (album, market) => {
      const all = editionsOf(album);
      if (market === null) return all;
      const local = all.find((edition) => edition.markets.includes(market));
      // A market the sample was never released in still sees the release, as the catalog's own edition.
      return [local ?? (all[0] as Edition)];
    },
    album: (id) => {
      const found = catalog.albumById.get(id);
      if (found !== undefined) return editionsOf(found)[0];
      return albums.get(id);
    },
    track: (id) => {
      const found = catalog.trackById.get(id);
      if (found === undefined) return tracks.get(id);
      const album = catalog.albumById.get(found.albumId);
      return album === undefined ? undefined : { track: found, edition: editionsOf(album)[0] as Edition };
    },
  };
}
