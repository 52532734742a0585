// Real-world shapes for the sample catalog, on top of its planted groups. Real catalogs are not the
// tidy world createSampleCatalog plants: a few giant genres are held by a large share of all artists,
// a few hub artists (producers, ever-present features) are credited across the whole catalog, some
// artists come without genres, some without a single credit (they are known by genre alone), and an
// app without albums sees no credits at all. A similarity step that only works on the tidy world
// fails on these; the quality harness (npm run bench -- quality) measures it on both.
//
// Kept apart from the generator on purpose: createSampleCatalog draws exactly what it drew before,
// and these functions reshape a catalog it returned (the planted groups, the ground truth, stay).
// Every draw comes from a random source of its own, seeded from the catalog's seed.
import type { CatalogAlbum, CatalogArtist, CatalogTrack, SampleCatalog } from './catalog.js';
import { ArtistNamer } from './names.js';
import { createRandom, type Random } from './random.js';

/** default: what the generator gives; genre-only: artists and genres, no album, track or credit. */
export const SAMPLE_VARIANTS = ['default', 'genre-only'] as const;
export type SampleVariant = (typeof SAMPLE_VARIANTS)[number];

export interface RealWorldShapes {
  /** Genres held by a share of all tracked artists, each drawn independently of the planted groups. */
  giantGenres: readonly { genre: string; share: number }[];
  /** Share of tracked artists left without genres (on top of those the generator leaves bare). */
  withoutGenres: number;
  /** Share of tracked artists with no credit at all: no release, featured nowhere (genre-only artists). */
  withoutCredits: number;
  /** Hub artists per 1,000 tracked artists (at least two: one tracked, one an untracked guest). */
  hubsPerThousand: number;
  /** Each hub is credited on this share of all tracks, drawn per hub within the range. */
  hubTrackShare: readonly [number, number];
}

export const DEFAULT_SHAPES: RealWorldShapes = {
  // Measured on real catalogs: the biggest genres are each held by more than 10% of artists.
  giantGenres: [
    { genre: 'pop', share: 0.3 },
    { genre: 'rock', share: 0.18 },
    { genre: 'hip hop', share: 0.12 },
  ],
  withoutGenres: 0.1,
  withoutCredits: 0.08,
  hubsPerThousand: 0.4,
  hubTrackShare: [0.02, 0.08],
};

/** Reshapes a sample catalog with real-world shapes (a new catalog; the one given is not changed). */
export function withRealWorldShapes(catalog: SampleCatalog, shapes: RealWorldShapes = DEFAULT_SHAPES): SampleCatalog {
  const random = createRandom(catalog.seed ^ 0x5ea9e5);
  const artists = catalog.artists.map((artist) => ({ ...artist, genres: reshapedGenres(random, artist.genres, shapes) }));
  const hubCount = Math.max(2, Math.round((artists.length / 1000) * shapes.hubsPerThousand));
  const trackedHubs = random.sample(artists, Math.floor(hubCount / 2));
  const guestHubs = newGuests(random, catalog, hubCount - trackedHubs.length);
  const hubIds = new Set([...trackedHubs, ...guestHubs].map((hub) => hub.id));
  const silent = new Set(artists.filter((artist) => !hubIds.has(artist.id) && random.chance(shapes.withoutCredits)).map((a) => a.id));

  const albums = catalog.albums.filter((album) => !album.artistIds.some((id) => silent.has(id)));
  const keptAlbums = new Set(albums.map((album) => album.id));
  let tracks = catalog.tracks
    .filter((track) => keptAlbums.has(track.albumId))
    .map((track) => (track.artistIds.some((id) => silent.has(id)) ? { ...track, artistIds: track.artistIds.filter((id) => !silent.has(id)) } : track));
  for (const hub of [...trackedHubs, ...guestHubs]) {
    const share = shapes.hubTrackShare[0] + random.next() * (shapes.hubTrackShare[1] - shapes.hubTrackShare[0]);
    tracks = tracks.map((track) =>
      random.chance(share) && !track.artistIds.includes(hub.id) ? { ...track, artistIds: [...track.artistIds, hub.id] } : track,
    );
  }
  return reindexed(catalog, { artists, guests: [...catalog.guests, ...guestHubs], albums, tracks });
}

/** The catalog an app without albums sees: every artist known by its genres alone. */
export function genreOnlyVariant(catalog: SampleCatalog): SampleCatalog {
  return reindexed(catalog, { artists: catalog.artists, guests: catalog.guests, albums: [], tracks: [] });
}

/** A sample catalog in a variant, with or without the real-world shapes. */
export function shapedSample(catalog: SampleCatalog, options: { variant?: SampleVariant; shapes?: boolean }): SampleCatalog {
  const shaped = (options.shapes ?? true) ? withRealWorldShapes(catalog) : catalog;
  return (options.variant ?? 'default') === 'genre-only' ? genreOnlyVariant(shaped) : shaped;
}

function reshapedGenres(random: Random, genres: readonly string[], shapes: RealWorldShapes): string[] {
  const reshaped = new Set(genres);
  for (const { genre, share } of shapes.giantGenres) if (random.chance(share)) reshaped.add(genre);
  if (random.chance(shapes.withoutGenres)) return [];
  return [...reshaped].sort();
}

function newGuests(random: Random, catalog: SampleCatalog, count: number): CatalogArtist[] {
  const namer = new ArtistNamer(random);
  const guests: CatalogArtist[] = [];
  while (guests.length < count) {
    const id = random.spotifyId();
    if (catalog.artistById.has(id)) continue;
    guests.push({ id, name: namer.next(), genres: [], followers: 0, popularity: 0, group: null, tracked: false });
  }
  return guests;
}

/**
 * The catalog with new artists, albums and tracks and its lookups rebuilt. Each artist's album
 * lists keep the generator's order; albums an artist newly appears on (a hub's) come after.
 */
function reindexed(
  catalog: SampleCatalog,
  parts: { artists: CatalogArtist[]; guests: CatalogArtist[]; albums: CatalogAlbum[]; tracks: CatalogTrack[] },
): SampleCatalog {
  const artistById = new Map(catalog.artistById);
  for (const artist of [...parts.artists, ...parts.guests]) artistById.set(artist.id, artist);
  const albumById = new Map(parts.albums.map((album) => [album.id, album]));
  const trackById = new Map(parts.tracks.map((track) => [track.id, track]));
  const own = new Map<string, Set<string>>();
  const appearsOn = new Map<string, Set<string>>();
  const add = (lists: Map<string, Set<string>>, artistId: string, albumId: string) =>
    lists.set(artistId, (lists.get(artistId) ?? new Set()).add(albumId));
  for (const album of parts.albums) for (const id of album.artistIds) add(own, id, album.id);
  for (const track of parts.tracks) {
    const album = albumById.get(track.albumId);
    for (const id of track.artistIds) if (album !== undefined && !album.artistIds.includes(id)) add(appearsOn, id, album.id);
  }
  const albumIdsByArtist = new Map<string, { own: string[]; appearsOn: string[] }>();
  for (const id of new Set([...own.keys(), ...appearsOn.keys()])) {
    const before = catalog.albumIdsByArtist.get(id);
    albumIdsByArtist.set(id, {
      own: inOrder(before?.own ?? [], own.get(id)),
      appearsOn: inOrder(before?.appearsOn ?? [], appearsOn.get(id)),
    });
  }
  return { ...catalog, ...parts, artistById, albumById, trackById, albumIdsByArtist };
}

/** The ids of `now`, those listed `before` first in that order, then the rest. */
function inOrder(before: readonly string[], now: ReadonlySet<string> | undefined): string[] {
  if (now === undefined) return [];
  const kept = before.filter((id) => now.has(id));
  const listed = new Set(kept);
  return [...kept, ...[...now].filter((id) => !listed.has(id))];
}
