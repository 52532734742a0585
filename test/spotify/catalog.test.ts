import { describe, expect, it } from 'vitest';
import { createSampleCatalog, type SampleCatalog } from '../../local/spotify/catalog.js';
import { normaliseName } from '../../tasks/names.js';

const catalog = createSampleCatalog();
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
    const again = createSampleCatalog();

    expect(JSON.stringify([again.artists, again.albums, again.tracks])).toBe(JSON.stringify([catalog.artists, catalog.albums, catalog.tracks]));
  });

  it('is a different catalog for another seed', () => {
    const other = createSampleCatalog({ seed: 7 });

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
