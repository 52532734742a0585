// The built-in sample catalog: a deterministic, synthetic music world with planted groups of
// similar artists. Group members collaborate with each other (and with shared guest artists), draw
// their genres from the group's pool and sound alike (audio features around a group centroid), so a
// similarity step that works must recover the groups from any one of the three signals.
import type { StagedAudioFeatures } from '../../tasks/fetch/staged.js';
import { ArtistNamer, albumName, nearDuplicateOf, trackName } from './names.js';
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
  album_type: 'album' | 'single';
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
  /** Groups of tracked artist ids planted to be similar; some tracked artists belong to none. */
  plantedGroups: string[][];
  albums: CatalogAlbum[];
  tracks: CatalogTrack[];
  artistById: Map<string, CatalogArtist>;
  albumById: Map<string, CatalogAlbum>;
  trackById: Map<string, CatalogTrack>;
  /** Album ids per artist, own albums first, then albums the artist only appears on. */
  albumIdsByArtist: Map<string, { own: string[]; appearsOn: string[] }>;
}

export interface SampleCatalogOptions {
  artists?: number;
  seed?: number;
  access?: AccessLevel;
}

export const DEFAULT_SAMPLE_SEED = 2026;
export const DEFAULT_SAMPLE_ARTISTS = 300;

const GENRES = [
  'k-pop', 'k-indie', 'korean r&b', 'k-rap', 'trot', 'k-rock', 'j-pop', 'city pop', 'indie folk', 'chamber pop',
  'dream pop', 'shoegaze', 'post-punk', 'synthwave', 'darkwave', 'deep house', 'tech house', 'uk garage', 'drum and bass',
  'trap', 'boom bap', 'neo soul', 'contemporary r&b', 'jazz fusion', 'bossa nova', 'flamenco', 'reggaeton', 'afrobeats',
  'highlife', 'bluegrass', 'americana', 'outlaw country', 'metalcore', 'doom metal', 'emo', 'pop punk', 'hyperpop',
  'bedroom pop', 'lo-fi beats', 'ambient', 'modern classical', 'chanson', 'schlager', 'mandopop', 'cantopop',
];

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

  const artists: CatalogArtist[] = [];
  const centroids = new Map<string, AudioFeatures>();
  for (let index = 0; index < count; index += 1) {
    const group = groups.groupOf[index] ?? null;
    const artist = makeArtist(random, ids(), namer.next(), group, group === null ? [] : (groupPools[group] ?? []), true);
    artists.push(artist);
    centroids.set(artist.id, nearCentroid(random, group === null ? randomCentroid(random) : groupCentroids[group]));
  }
  plantNearDuplicateNames(random, artists);

  // Guests belong to a group too: two members crediting the same guest is the shared-collaborator signal.
  const guests: CatalogArtist[] = [];
  for (let index = 0; index < Math.max(1, Math.round(count * 0.2)); index += 1) {
    const group = groups.members.length > 0 && random.chance(0.85) ? random.int(0, groups.members.length - 1) : null;
    const guest = makeArtist(random, ids(), namer.next(), group, group === null ? [] : (groupPools[group] ?? []), false);
    guests.push(guest);
    centroids.set(guest.id, nearCentroid(random, group === null ? randomCentroid(random) : groupCentroids[group]));
  }

  const everyone = [...artists, ...guests];
  const byGroup = groups.members.map((members) => members.map((index) => artists[index] as CatalogArtist));
  for (const guest of guests) if (guest.group !== null) byGroup[guest.group]?.push(guest);

  const albums: CatalogAlbum[] = [];
  const tracks: CatalogTrack[] = [];
  for (const artist of everyone) {
    const albumCount = artist.tracked ? random.int(1, 4) : random.int(0, 1);
    for (let albumIndex = 0; albumIndex < albumCount; albumIndex += 1) {
      const album = makeAlbum(random, ids(), artist, albumIndex, tracks.length === 0 && albums.length === 0);
      albums.push(album);
      for (let trackIndex = 0; trackIndex < album.trackIds.length; trackIndex += 1) {
        const credits = [artist.id, ...featuredArtists(random, artist, byGroup, everyone)];
        const track = makeTrack(random, album.trackIds[trackIndex] as string, album.id, trackIndex, credits, centroids);
        tracks.push(track);
      }
    }
  }

  return indexCatalog({
    seed,
    access: options.access ?? 'development',
    artists,
    guests,
    plantedGroups: groups.members.map((members) => members.map((index) => (artists[index] as CatalogArtist).id)),
    albums,
    tracks,
  });
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

function makeAlbum(random: Random, id: string, artist: CatalogArtist, index: number, long: boolean): CatalogAlbum {
  const single = random.chance(0.55);
  // The first album of a catalog is long enough to need more than one page at Spotify's limit of 50.
  const trackCount = long ? 55 : single ? random.int(1, 2) : random.int(6, 12);
  const year = random.int(2005, 2026);
  const precision = random.chance(0.8) ? 'day' : random.chance(0.5) ? 'month' : 'year';
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return {
    id,
    name: albumName(random, index),
    album_type: single && !long ? 'single' : 'album',
    release_date: precision === 'day' ? `${year}-${month}-${day}` : precision === 'month' ? `${year}-${month}` : `${year}`,
    release_date_precision: precision,
    artistIds: [artist.id],
    trackIds: Array.from({ length: trackCount }, () => random.spotifyId()),
  };
}

/** Featured artists: mostly from the main artist's group, sometimes anyone (noise across groups). */
function featuredArtists(
  random: Random,
  artist: CatalogArtist,
  byGroup: CatalogArtist[][],
  everyone: readonly CatalogArtist[],
): string[] {
  const roll = random.next();
  const count = roll < 0.45 ? 0 : roll < 0.8 ? 1 : roll < 0.95 ? 2 : 3;
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
  const artistById = new Map([...data.artists, ...data.guests].map((artist) => [artist.id, artist]));
  const albumById = new Map(data.albums.map((album) => [album.id, album]));
  const trackById = new Map(data.tracks.map((track) => [track.id, track]));
  const albumIdsByArtist = new Map<string, { own: string[]; appearsOn: string[] }>();
  const entry = (id: string) => {
    let value = albumIdsByArtist.get(id);
    if (value === undefined) {
      value = { own: [], appearsOn: [] };
      albumIdsByArtist.set(id, value);
    }
    return value;
  };
  for (const album of data.albums) for (const id of album.artistIds) entry(id).own.push(album.id);
  for (const track of data.tracks) {
    const album = albumById.get(track.albumId);
    for (const id of track.artistIds) {
      if (album === undefined || album.artistIds.includes(id)) continue;
      const albums = entry(id);
      if (!albums.appearsOn.includes(album.id)) albums.appearsOn.push(album.id);
    }
  }
  return { ...data, artistById, albumById, trackById, albumIdsByArtist };
}
