// The built-in sample catalog: a deterministic, synthetic music world with planted groups of
// similar artists. Group members collaborate with each other (and with shared guest artists), draw
// their genres from the group's pool and sound alike (audio features around a group centroid), so a
// similarity step that works must recover the groups from any one of the three signals.
// It has the shapes real data has, because the fetch must cope with them: heavy-tailed discographies
// (discography.ts: most artists a handful of releases, some hundreds), best-ofs and Various Artists
// compilations that re-release tracks under new ids, posse cuts and a charity single credited to
// many artists, a 300-character name, genres with punctuation and, on request, artists whose name is
// empty or only whitespace.
import type { StagedAudioFeatures } from '../../tasks/contracts/staged-artist.js';
import { planReleases, plantProlific, releaseCount, type PlannedRelease, type ReleaseType } from './discography.js';
import { ArtistNamer, BLANK_NAMES, albumName, nameOfLength, nearDuplicateOf, trackName } from './names.js';
import { createRandom, type Random } from './random.js';

export type AccessLevel = 'development' | 'extended';

/** The six features the audio signal uses, as the staged objects carry them (without the track id). */
export type AudioFeatures = Omit<StagedAudioFeatures, 'id'>;

export interface CatalogArtist {
  id: string;
  name: string;
  genres: string[];
  followers: number;
  popularity: number;
  /** Index into plantedGroups, or null for an artist planted in no group. */
  group: number | null;
  /** False for guest artists: credited on tracks but not in the tracked set. */
  tracked: boolean;
}

export interface CatalogAlbum {
  id: string;
  name: string;
  album_type: ReleaseType;
  release_date: string;
  release_date_precision: 'year' | 'month' | 'day';
  artistIds: string[];
  trackIds: string[];
}

export interface CatalogTrack {
  id: string;
  name: string;
  albumId: string;
  disc_number: number;
  track_number: number;
  duration_ms: number;
  explicit: boolean;
  popularity: number;
  /** Credited artists, main artist first. */
  artistIds: string[];
  audioFeatures: AudioFeatures;
}

export interface SampleCatalog {
  seed: number;
  /** The access level a server for this catalog simulates unless told otherwise. */
  access: AccessLevel;
  /** The tracked set, in a stable order. */
  artists: CatalogArtist[];
  /** Untracked artists who appear as collaborators (shared collaborators are a similarity signal). */
  guests: CatalogArtist[];
  /** The album artist of compilations of many artists, as on Spotify; untracked, in no group. */
  variousArtists: CatalogArtist;
  /** Groups of tracked artist ids planted to be similar; some tracked artists belong to none. */
  plantedGroups: string[][];
  albums: CatalogAlbum[];
  tracks: CatalogTrack[];
  artistById: Map<string, CatalogArtist>;
  albumById: Map<string, CatalogAlbum>;
  trackById: Map<string, CatalogTrack>;
  /**
   * Album ids per artist: its own releases (album, single and compilation groups) and the albums it
   * only appears on, each newest first.
   */
  albumIdsByArtist: Map<string, { own: string[]; appearsOn: string[] }>;
}

export interface SampleCatalogOptions {
  artists?: number;
  seed?: number;
  access?: AccessLevel;
  /**
   * Give two tracked artists an empty and a whitespace-only name, as some catalogue entries have. On
   * by default from BLANK_NAMES_FROM artists: 00_quarantine sets them aside instead of failing the night,
   * and below that size two bad artists would pass the share of bad artists a night tolerates.
   */
  blankNames?: boolean;
}

export const DEFAULT_SAMPLE_SEED = 2026;
export const DEFAULT_SAMPLE_ARTISTS = 300;

// Genre names as Spotify spells them: ampersands, hyphens, apostrophes, slashes and spaces included.
const GENRES = [
  'k-pop', 'k-indie', 'korean r&b', 'k-rap', 'trot', 'k-rock', 'j-pop', 'city pop', 'indie folk', 'chamber pop',
  'dream pop', 'shoegaze', 'post-punk', 'synthwave', 'darkwave', 'deep house', 'tech house', 'uk garage', "drum'n'bass",
  'trap', 'boom bap', 'neo soul', 'r&b', 'jazz fusion', 'bossa nova', 'flamenco', 'reggaeton', 'afrobeats',
  'hip hop/rap', 'bluegrass', 'americana', "children's music", 'metalcore', 'doom metal', 'emo', 'pop punk', 'hyperpop',
  'rock & roll', 'lo-fi beats', 'ambient', 'modern classical', 'chanson', 'singer-songwriter', 'mandopop', 'c-pop',
];

/** Spotify's own id for "Various Artists", the album artist of multi-artist compilations. */
const VARIOUS_ARTISTS_ID = '0LyfQWJT6nXafLPZqxe9Of';

const FEATURES: (keyof AudioFeatures)[] = ['danceability', 'energy', 'loudness', 'speechiness', 'acousticness', 'instrumentalness'];

export function createSampleCatalog(options: SampleCatalogOptions = {}): SampleCatalog {
  const seed = options.seed ?? DEFAULT_SAMPLE_SEED;
  const count = options.artists ?? DEFAULT_SAMPLE_ARTISTS;
  if (!Number.isInteger(count) || count < 1) throw new Error(`artists must be a positive integer, got ${count}`);
  const random = createRandom(seed);
  const ids = uniqueIds(random);
  const namer = new ArtistNamer(random);

  const groups = plantGroups(random, count);
  const groupPools = groups.members.map(() => random.sample(GENRES, random.int(3, 4)));
  const groupCentroids = groups.members.map(() => randomCentroid(random));
  const prolific = plantProlific(random, count);

  const artists: CatalogArtist[] = [];
  const centroids = new Map<string, AudioFeatures>();
  for (let index = 0; index < count; index += 1) {
    const group = groups.groupOf[index] ?? null;
    const artist = makeArtist(random, ids(), namer.next(), group, group === null ? [] : (groupPools[group] ?? []), true);
    artists.push(artist);
    centroids.set(artist.id, nearCentroid(random, group === null ? randomCentroid(random) : groupCentroids[group]));
  }
  plantNearDuplicateNames(random, artists);
  plantOddNames(random, artists, options.blankNames ?? artists.length >= BLANK_NAMES_FROM);
  plantShowcaseNames(artists);

  // Guests belong to a group too: two members crediting the same guest is the shared-collaborator signal.
  const guests: CatalogArtist[] = [];
  for (let index = 0; index < Math.max(1, Math.round(count * 0.2)); index += 1) {
    const group = groups.members.length > 0 && random.chance(0.85) ? random.int(0, groups.members.length - 1) : null;
    const guest = makeArtist(random, ids(), namer.next(), group, group === null ? [] : (groupPools[group] ?? []), false);
    guests.push(guest);
    centroids.set(guest.id, nearCentroid(random, group === null ? randomCentroid(random) : groupCentroids[group]));
  }
  const variousArtists: CatalogArtist = { id: VARIOUS_ARTISTS_ID, name: 'Various Artists', genres: [], followers: 0, popularity: 0, group: null, tracked: false };

  const everyone = [...artists, ...guests];
  const byGroup = groups.members.map((members) => members.map((index) => artists[index] as CatalogArtist));
  for (const guest of guests) if (guest.group !== null) byGroup[guest.group]?.push(guest);

  const world: World = { random, ids, albums: [], tracks: [], centroids, byGroup, everyone };
  everyone.forEach((artist, index) => {
    const releases = artist.tracked ? planReleases(random, releaseCount(random, prolific.has(index))) : planReleases(random, random.int(0, 1));
    addDiscography(world, artist, releases);
  });
  addVariousArtistsCompilations(world, variousArtists, Math.max(1, Math.round(count / 15)));
  if (count >= 50) addCharitySingle(world, artists);

  return indexCatalog({
    seed,
    access: options.access ?? 'development',
    artists,
    guests,
    variousArtists,
    plantedGroups: groups.members.map((members) => members.map((index) => (artists[index] as CatalogArtist).id)),
    albums: world.albums,
    tracks: world.tracks,
  });
}

/** What the generators below add to, with the draws and lookups they share. */
interface World {
  random: Random;
  ids: () => string;
  albums: CatalogAlbum[];
  tracks: CatalogTrack[];
  centroids: Map<string, AudioFeatures>;
  byGroup: CatalogArtist[][];
  everyone: readonly CatalogArtist[];
}

/** An artist's albums and singles, then its best-ofs, which re-release its earlier tracks under new ids. */
function addDiscography(world: World, artist: CatalogArtist, releases: readonly PlannedRelease[]): void {
  const { random } = world;
  const originals: CatalogTrack[] = [];
  releases.forEach((release, index) => {
    if (release.type === 'compilation') return;
    // The first album of a catalog is long enough to need more than one page at Spotify's limit of 50.
    const long = world.albums.length === 0;
    const trackCount = long ? 55 : release.type === 'album' ? random.int(8, 14) : random.int(1, 3);
    const album = makeAlbum(world, artist, index, long ? { ...release, type: 'album' } : release, trackCount);
    album.trackIds.forEach((trackId, trackIndex) => {
      // Album tracks are mostly the artist alone; singles carry the features (the usual 'feat.' single).
      const solo = release.type === 'album' ? 0.55 : 0.35;
      const credits = [artist.id, ...featuredArtists(random, artist, world.byGroup, world.everyone, solo)];
      const track = makeTrack(random, trackId, album.id, trackIndex, credits, world.centroids);
      world.tracks.push(track);
      originals.push(track);
    });
  });
  releases.forEach((release, index) => {
    if (release.type !== 'compilation' || originals.length === 0) return;
    const picked = random.sample(originals, random.int(10, 18));
    const album = makeAlbum(world, artist, index, release, picked.length);
    picked.forEach((original, trackIndex) => world.tracks.push(reRelease(original, album, trackIndex)));
  });
}

/** Compilations of many artists: album artist Various Artists, every artist on it sees it as appears_on. */
function addVariousArtistsCompilations(world: World, variousArtists: CatalogArtist, count: number): void {
  const { random } = world;
  const compilations = new Set(world.albums.filter((album) => album.album_type === 'compilation').map((album) => album.id));
  const originals = world.tracks.filter((track) => !compilations.has(track.albumId));
  if (originals.length === 0) return;
  for (let index = 0; index < count; index += 1) {
    const picked = random.sampleFew(originals, random.int(12, 20));
    const release: PlannedRelease = { type: 'compilation', release_date: `${random.int(2000, 2026)}`, release_date_precision: 'year' };
    const album = makeAlbum(world, variousArtists, index, release, picked.length);
    picked.forEach((original, trackIndex) => world.tracks.push(reRelease(original, album, trackIndex)));
  }
}

/** One single credited to twenty artists from every corner of the catalog, as charity singles are. */
function addCharitySingle(world: World, artists: readonly CatalogArtist[]): void {
  const { random } = world;
  const performers = random.sample(artists, 20);
  const main = performers[0] as CatalogArtist;
  const release: PlannedRelease = { type: 'single', release_date: '2020-04-17', release_date_precision: 'day' };
  const album = makeAlbum(world, main, 0, release, 1);
  world.tracks.push(makeTrack(random, album.trackIds[0] as string, album.id, 0, performers.map((artist) => artist.id), world.centroids));
}

function reRelease(original: CatalogTrack, album: CatalogAlbum, index: number): CatalogTrack {
  return { ...original, id: album.trackIds[index] as string, albumId: album.id, disc_number: 1, track_number: index + 1 };
}

/** Ids never repeat within a catalog, as on Spotify. */
function uniqueIds(random: Random): () => string {
  const seen = new Set<string>();
  return () => {
    for (;;) {
      const id = random.spotifyId();
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}

/** About 85% of artists go into groups of 3 to 12; the rest belong to none. */
function plantGroups(random: Random, count: number): { members: number[][]; groupOf: (number | undefined)[] } {
  const order = random.sample(
    Array.from({ length: count }, (_, index) => index),
    count,
  );
  const grouped = count < 6 ? count : Math.round(count * 0.85);
  const members: number[][] = [];
  let cursor = 0;
  while (cursor < grouped) {
    const size = Math.min(random.int(3, 12), grouped - cursor);
    const group = order.slice(cursor, cursor + size);
    cursor += size;
    // A leftover of one or two joins the previous group rather than forming a group too small to recover.
    if (group.length < 3 && members.length > 0) members[members.length - 1]?.push(...group);
    else members.push(group);
  }
  const groupOf: (number | undefined)[] = new Array(count);
  members.forEach((group, groupIndex) => group.forEach((index) => (groupOf[index] = groupIndex)));
  return { members, groupOf };
}

function makeArtist(
  random: Random,
  id: string,
  name: string,
  group: number | null,
  pool: readonly string[],
  tracked: boolean,
): CatalogArtist {
  const genreCount = random.chance(0.08) ? 0 : random.int(1, 3);
  const genres = new Set<string>();
  for (let i = 0; i < genreCount; i += 1) {
    genres.add(group !== null && random.chance(0.85) ? random.pick(pool) : random.pick(GENRES));
  }
  return {
    id,
    name,
    genres: [...genres].sort(),
    followers: Math.round(10 ** random.int(2, 7) * random.next()),
    popularity: random.int(0, 100),
    group,
    tracked,
  };
}

/** A few tracked artists get the name of another tracked artist with different case or spacing. */
function plantNearDuplicateNames(random: Random, artists: CatalogArtist[]): void {
  if (artists.length < 4) return;
  const pairs = Math.max(1, Math.floor(artists.length / 100));
  for (let pair = 0; pair < pairs; pair += 1) {
    const original = artists[random.int(0, artists.length - 1)] as CatalogArtist;
    const copy = artists[random.int(0, artists.length - 1)] as CatalogArtist;
    if (copy !== original) copy.name = nearDuplicateOf(original.name, random);
  }
}

/** One tracked artist with a 300-character name; with blankNames, one with an empty and one with a whitespace-only name. */
/**
 * Names the README's examples use, given to the first grouped artists with an ordinary name: without
 * drawing from the random stream, so they stay put whatever else the generator learns.
 */
export const SHOWCASE_NAMES = ['Neon Harbor', 'Björn Núñez'] as const;

function plantShowcaseNames(artists: CatalogArtist[]): void {
  const ordinary = artists.filter((artist) => artist.group !== null && artist.name.trim() !== '' && artist.name.length <= 40);
  SHOWCASE_NAMES.forEach((name, index) => {
    const artist = ordinary[index];
    if (artist !== undefined) artist.name = name;
  });
}

/** The smallest sample that gets blank names by default: two of 100 is 2%, under the 5% a night tolerates. */
export const BLANK_NAMES_FROM = 100;

function plantOddNames(random: Random, artists: CatalogArtist[], blankNames: boolean): void {
  // Drawn whatever the option, so the option changes those names and nothing else of the catalog.
  const [long, ...blank] = random.sample(artists, 1 + BLANK_NAMES.length);
  const longName = nameOfLength(random, 300);
  if (long !== undefined && artists.length >= 10) long.name = longName;
  if (!blankNames) return;
  blank.forEach((artist, index) => (artist.name = BLANK_NAMES[index] as string));
}

function randomCentroid(random: Random): AudioFeatures {
  return {
    danceability: 0.1 + random.next() * 0.8,
    energy: 0.1 + random.next() * 0.8,
    loudness: -20 + random.next() * 17,
    speechiness: 0.03 + random.next() * 0.5,
    acousticness: random.next() * 0.9,
    instrumentalness: random.next() * 0.8,
  };
}

function nearCentroid(random: Random, centroid: AudioFeatures | undefined, spread = 0.04): AudioFeatures {
  const base = centroid ?? randomCentroid(random);
  const result = { ...base };
  for (const feature of FEATURES) {
    result[feature] = feature === 'loudness' ? clamp(base.loudness + random.gaussian(spread * 20), -60, 0) : clamp(base[feature] + random.gaussian(spread), 0, 1);
  }
  return result;
}

function makeAlbum(world: World, artist: CatalogArtist, index: number, release: PlannedRelease, trackCount: number): CatalogAlbum {
  const { random } = world;
  const album: CatalogAlbum = {
    id: world.ids(),
    name: release.type === 'compilation' ? `${random.pick(['Greatest Hits', 'The Best Of', 'Anthology', 'Essentials'])} ${index + 1}` : albumName(random, index),
    album_type: release.type,
    release_date: release.release_date,
    release_date_precision: release.release_date_precision,
    artistIds: [artist.id],
    // Unique like every id of the catalog: at 50,000 artists (1.8 million tracks) raw draws repeat.
    trackIds: Array.from({ length: trackCount }, () => world.ids()),
  };
  world.albums.push(album);
  return album;
}

/** Featured artists: mostly from the main artist's group, sometimes anyone (noise across groups). */
function featuredArtists(
  random: Random,
  artist: CatalogArtist,
  byGroup: CatalogArtist[][],
  everyone: readonly CatalogArtist[],
  solo: number,
): string[] {
  if (random.chance(solo)) return [];
  const roll = random.next();
  // A posse cut now and then: the artist's whole circle on one track.
  const count = roll < 0.64 ? 1 : roll < 0.9 ? 2 : roll < 0.985 ? 3 : random.int(6, 14);
  const featured = new Set<string>();
  const mates = artist.group === null ? [] : (byGroup[artist.group] ?? []).filter((mate) => mate.id !== artist.id);
  for (let i = 0; i < count; i += 1) {
    const inGroup = mates.length > 0 && random.chance(0.85);
    const pick = inGroup ? random.pick(mates) : random.pick(everyone);
    if (pick.id !== artist.id) featured.add(pick.id);
  }
  return [...featured];
}

function makeTrack(
  random: Random,
  id: string,
  albumId: string,
  index: number,
  artistIds: string[],
  centroids: Map<string, AudioFeatures>,
): CatalogTrack {
  return {
    id,
    name: trackName(random),
    albumId,
    disc_number: 1,
    track_number: index + 1,
    duration_ms: random.int(95_000, 330_000),
    explicit: random.chance(0.15),
    popularity: random.int(0, 100),
    artistIds,
    audioFeatures: roundFeatures(nearCentroid(random, centroids.get(artistIds[0] as string), 0.06)),
  };
}

function roundFeatures(features: AudioFeatures): AudioFeatures {
  const result = { ...features };
  for (const feature of FEATURES) result[feature] = Math.round(features[feature] * 1000) / 1000;
  return result;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

type CatalogData = Omit<SampleCatalog, 'artistById' | 'albumById' | 'trackById' | 'albumIdsByArtist'>;

function indexCatalog(data: CatalogData): SampleCatalog {
  const artistById = new Map([...data.artists, ...data.guests, data.variousArtists].map((artist) => [artist.id, artist]));
  const albumById = new Map(data.albums.map((album) => [album.id, album]));
  const trackById = new Map(data.tracks.map((track) => [track.id, track]));
  const own = new Map<string, string[]>();
  const appearsOn = new Map<string, Set<string>>();
  for (const album of data.albums) {
    for (const id of album.artistIds) {
      const albums = own.get(id) ?? [];
      albums.push(album.id);
      own.set(id, albums);
    }
  }
  for (const track of data.tracks) {
    const album = albumById.get(track.albumId);
    if (album === undefined) continue;
    for (const id of track.artistIds) {
      if (album.artistIds.includes(id)) continue;
      const albums = appearsOn.get(id) ?? new Set<string>();
      albums.add(album.id);
      appearsOn.set(id, albums);
    }
  }
  const albumIdsByArtist = new Map<string, { own: string[]; appearsOn: string[] }>();
  for (const id of new Set([...own.keys(), ...appearsOn.keys()])) {
    albumIdsByArtist.set(id, {
      own: sortByGroupThenNewest(own.get(id) ?? [], albumById),
      appearsOn: sortByGroupThenNewest([...(appearsOn.get(id) ?? [])], albumById, 'appears_on'),
    });
  }
  return { ...data, artistById, albumById, trackById, albumIdsByArtist };
}

/**
 * The order GET /artists/{id}/albums lists releases in: by album group (album, single,
 * compilation, appears_on), newest first within a group. Spotify documents no order and offers no
 * sort; this is what clients observe (https://github.com/spotify/web-api/issues/1002,
 * https://github.com/spotify/web-api/issues/1431), so a client wanting the newest releases of
 * every group must sort itself.
 */
export const ARTIST_ALBUM_GROUP_ORDER = ['album', 'single', 'compilation', 'appears_on'] as const;

function sortByGroupThenNewest(ids: string[], albumById: Map<string, CatalogAlbum>, group?: 'appears_on'): string[] {
  const rank = (album: CatalogAlbum) => ARTIST_ALBUM_GROUP_ORDER.indexOf(group ?? album.album_type);
  return ids
    .map((id) => albumById.get(id) as CatalogAlbum)
    .sort((a, b) => rank(a) - rank(b) || (a.release_date < b.release_date ? 1 : a.release_date > b.release_date ? -1 : a.id < b.id ? -1 : 1))
    .map((album) => album.id);
}
