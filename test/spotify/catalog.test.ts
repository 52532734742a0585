import { describe, expect, it } from 'vitest';
import { ARTIST_ALBUM_GROUP_ORDER, createSampleCatalog, type SampleCatalog, BLANK_NAMES_FROM } from '../../local/spotify/catalog.js';
import { normaliseName } from '../../tasks/names.js';

const catalog = createSampleCatalog({ blankNames: true });
const FEATURES = ['danceability', 'energy', 'loudness', 'speechiness', 'acousticness', 'instrumentalness'] as const;

function groupOf(sample: SampleCatalog): Map<string, number> {
  const groups = new Map<string, number>();
  sample.plantedGroups.forEach((members, index) => members.forEach((id) => groups.set(id, index)));
  return groups;
}

describe('sample catalog', () => {
  it('has 300 tracked artists by default', () => {
    expect(catalog.artists).toHaveLength(300);
    expect(catalog.seed).toBe(2026);
  });

  it('is the same catalog for the same seed', () => {
    const again = createSampleCatalog({ blankNames: true });

    expect(JSON.stringify([again.artists, again.albums, again.tracks])).toBe(JSON.stringify([catalog.artists, catalog.albums, catalog.tracks]));
  });

  it('is a different catalog for another seed', () => {
    const other = createSampleCatalog({ seed: 7, blankNames: true });

    expect(other.artists[0]!.id).not.toBe(catalog.artists[0]!.id);
  });

  it('uses unique 22-character base62 ids, as Spotify does', () => {
    const ids = [...catalog.artists, ...catalog.guests, ...catalog.albums, ...catalog.tracks].map((entity) => entity.id);

    expect(ids.every((id) => /^[0-9A-Za-z]{22}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names artists in Hangul, with accents, at length, and twice apart from case or spacing', () => {
    const names = catalog.artists.map((artist) => artist.name);
    const byKey = new Map<string, string[]>();
    for (const name of names) byKey.set(normaliseName(name), [...(byKey.get(normaliseName(name)) ?? []), name]);

    expect(names.some((name) => /\p{Script=Hangul}/u.test(name))).toBe(true);
    expect(names.some((name) => /[À-ž]/.test(name))).toBe(true);
    expect(names.some((name) => name.length > 60)).toBe(true);
    expect([...byKey.values()].some((spellings) => spellings.length > 1 && new Set(spellings).size > 1)).toBe(true);
  });

  it('plants groups of three or more tracked artists and leaves some artists in none', () => {
    const tracked = new Set(catalog.artists.map((artist) => artist.id));
    const grouped = catalog.plantedGroups.flat();

    expect(catalog.plantedGroups.every((group) => group.length >= 3)).toBe(true);
    expect(grouped.every((id) => tracked.has(id))).toBe(true);
    expect(grouped.length).toBeLessThan(catalog.artists.length);
  });

  it('credits tracks to several artists, mostly within a planted group', () => {
    const groups = groupOf(catalog);
    let within = 0;
    let across = 0;
    for (const track of catalog.tracks) {
      const [main, ...featured] = track.artistIds;
      for (const other of featured) {
        if (!groups.has(main!) || !groups.has(other)) continue;
        if (groups.get(main!) === groups.get(other)) within += 1;
        else across += 1;
      }
    }

    expect(catalog.tracks.some((track) => track.artistIds.length >= 3)).toBe(true);
    expect(within / (within + across)).toBeGreaterThan(0.75);
    expect(across).toBeGreaterThan(0);
  });

  it('draws genres mostly from the group’s pool', () => {
    const jaccard = (a: string[], b: string[]) => {
      const union = new Set([...a, ...b]).size;
      return union === 0 ? 0 : a.filter((genre) => b.includes(genre)).length / union;
    };
    const genres = new Map(catalog.artists.map((artist) => [artist.id, artist.genres]));
    const mean = (pairs: [string, string][]) => pairs.reduce((sum, [a, b]) => sum + jaccard(genres.get(a)!, genres.get(b)!), 0) / pairs.length;
    const withinPairs = catalog.plantedGroups.flatMap((group) => group.slice(1).map((id): [string, string] => [group[0]!, id]));
    const acrossPairs = catalog.plantedGroups.slice(1).map((group, index): [string, string] => [catalog.plantedGroups[index]![0]!, group[0]!]);

    expect(mean(withinPairs)).toBeGreaterThan(mean(acrossPairs) * 2);
  });

  it('gives group members audio features near their group’s centroid', () => {
    const byMain = new Map<string, number[][]>();
    for (const track of catalog.tracks) {
      const vector = FEATURES.map((feature) => (feature === 'loudness' ? track.audioFeatures.loudness / 60 + 1 : track.audioFeatures[feature]));
      byMain.set(track.artistIds[0]!, [...(byMain.get(track.artistIds[0]!) ?? []), vector]);
    }
    const average = (vectors: number[][]) => FEATURES.map((_, index) => vectors.reduce((sum, vector) => sum + vector[index]!, 0) / vectors.length);
    const artistMean = new Map([...byMain].map(([id, vectors]) => [id, average(vectors)]));
    const centroids = catalog.plantedGroups.map((group) => average(group.flatMap((id) => (artistMean.has(id) ? [artistMean.get(id)!] : []))));
    const distance = (a: number[], b: number[]) => Math.hypot(...a.map((value, index) => value - b[index]!));
    let nearestOwn = 0;
    let members = 0;
    catalog.plantedGroups.forEach((group, groupIndex) => {
      for (const id of group) {
        const mean = artistMean.get(id);
        if (mean === undefined) continue;
        members += 1;
        const nearest = centroids.reduce((best, centroid, index) => (distance(mean, centroid) < distance(mean, centroids[best]!) ? index : best), 0);
        if (nearest === groupIndex) nearestOwn += 1;
      }
    });

    expect(nearestOwn / members).toBeGreaterThan(0.8);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => createSampleCatalog({ artists: 0 })).toThrow(/positive integer/);
  });
});

function releasesOf(sample: SampleCatalog, artistId: string): { own: number; appearsOn: number } {
  const albums = sample.albumIdsByArtist.get(artistId);
  return { own: albums?.own.length ?? 0, appearsOn: albums?.appearsOn.length ?? 0 };
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

describe('sample catalog: the shapes of real data', () => {
  it('gives most artists a handful of their own releases', () => {
    const own = catalog.artists.map((artist) => releasesOf(catalog, artist.id).own);

    expect(percentile(own, 0.5)).toBeGreaterThanOrEqual(1);
    expect(percentile(own, 0.5)).toBeLessThanOrEqual(5);
    expect(own.every((count) => count >= 1)).toBe(true);
  });

  it('gives about one artist in a hundred hundreds of releases, appearances included', () => {
    const all = catalog.artists.map((artist) => releasesOf(catalog, artist.id)).map(({ own, appearsOn }) => own + appearsOn);

    expect(all.filter((count) => count >= 100).length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...catalog.artists.map((artist) => releasesOf(catalog, artist.id).own))).toBeGreaterThanOrEqual(100);
  });

  it('keeps the tail heavy in larger samples too', () => {
    const large = createSampleCatalog({ artists: 1000 });
    const own = large.artists.map((artist) => releasesOf(large, artist.id).own);

    expect(percentile(own, 0.5)).toBeLessThanOrEqual(5);
    expect(own.filter((count) => count >= 100).length).toBeGreaterThanOrEqual(8);
  });

  it('has best-ofs of an artist’s own tracks and Various Artists compilations that tracked artists appear on', () => {
    const various = catalog.albums.filter((album) => album.artistIds[0] === catalog.variousArtists.id);
    const bestOfs = catalog.albums.filter((album) => album.album_type === 'compilation' && album.artistIds[0] !== catalog.variousArtists.id);
    const appearances = catalog.artists.flatMap((artist) => catalog.albumIdsByArtist.get(artist.id)?.appearsOn ?? []);

    expect(various.length).toBeGreaterThan(0);
    expect(various.every((album) => album.album_type === 'compilation')).toBe(true);
    expect(bestOfs.length).toBeGreaterThan(0);
    expect(appearances.some((id) => various.some((album) => album.id === id))).toBe(true);
  });

  it('re-releases tracks on compilations under new ids with the credits they had', () => {
    const compilations = new Set(catalog.albums.filter((album) => album.album_type === 'compilation').map((album) => album.id));
    const key = (track: SampleCatalog['tracks'][number]) => `${track.name}|${track.duration_ms}|${track.artistIds.join(',')}`;
    const originals = new Map(catalog.tracks.filter((track) => !compilations.has(track.albumId)).map((track) => [key(track), track.id]));
    const reReleased = catalog.tracks.filter((track) => compilations.has(track.albumId));

    expect(reReleased.length).toBeGreaterThan(0);
    expect(reReleased.every((track) => originals.has(key(track)) && originals.get(key(track)) !== track.id)).toBe(true);
  });

  it('credits some tracks to many artists: posse cuts and a charity single of twenty', () => {
    const credits = catalog.tracks.map((track) => track.artistIds.length);

    expect(credits.filter((count) => count >= 6).length).toBeGreaterThan(5);
    expect(Math.max(...credits)).toBe(20);
  });

  it('names one artist with exactly 300 characters', () => {
    expect(catalog.artists.filter((artist) => artist.name.length === 300)).toHaveLength(1);
  });

  it('with blankNames, names one artist with nothing and one with whitespace only, and changes nothing else', () => {
    const plain = createSampleCatalog({ blankNames: false });
    const blank = catalog.artists.filter((artist) => artist.name.trim() === '');
    const renamed = catalog.artists.filter((artist, index) => artist.name !== plain.artists[index]!.name);

    expect(blank.map((artist) => artist.name).sort()).toEqual(['', '   ']);
    expect(renamed).toEqual(blank);
    expect(plain.artists.some((artist) => artist.name.trim() === '')).toBe(false);
    expect(JSON.stringify(plain.tracks)).toBe(JSON.stringify(catalog.tracks));
  });

  it('plants blank names by default in a sample large enough for the night to set them aside', () => {
    const blankIn = (artists: number) => createSampleCatalog({ artists }).artists.filter((artist) => artist.name.trim() === '').length;

    expect(blankIn(BLANK_NAMES_FROM)).toBe(2);
    expect(blankIn(BLANK_NAMES_FROM - 1)).toBe(0);
  });

  it('spells genres with ampersands, hyphens, apostrophes and slashes', () => {
    const genres = new Set(catalog.artists.flatMap((artist) => artist.genres));

    for (const mark of ['&', '-', "'", '/']) expect([...genres].some((genre) => genre.includes(mark))).toBe(true);
  });

  it('orders each artist’s releases as Spotify lists them: by album group, newest first within a group', () => {
    for (const [artistId, albums] of catalog.albumIdsByArtist) {
      const listed = [
        ...albums.own.map((id) => ({ group: catalog.albumById.get(id)!.album_type as string, date: catalog.albumById.get(id)!.release_date })),
        ...albums.appearsOn.map((id) => ({ group: 'appears_on', date: catalog.albumById.get(id)!.release_date })),
      ];
      for (let index = 1; index < listed.length; index += 1) {
        const [before, after] = [listed[index - 1]!, listed[index]!];
        const order = ARTIST_ALBUM_GROUP_ORDER.indexOf(before.group as never) - ARTIST_ALBUM_GROUP_ORDER.indexOf(after.group as never);
        expect(order < 0 || (order === 0 && before.date >= after.date), `releases of ${artistId}`).toBe(true);
      }
    }
  });
});
