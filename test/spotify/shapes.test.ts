// The sample's real-world shapes: giant genres, hub artists, artists without genres or credits, and
// a genre-only variant; the planted groups (the ground truth) stay as the generator made them.
import { describe, expect, it } from 'vitest';
import { createSampleCatalog } from '../../local/spotify/catalog.js';
import { DEFAULT_SHAPES, genreOnlyVariant, shapedSample, withRealWorldShapes } from '../../local/spotify/shapes.js';

const base = createSampleCatalog({ artists: 2000, seed: 11 });
const shaped = withRealWorldShapes(base);

function creditedArtists(catalog: typeof base): Map<string, number> {
  const tracksOf = new Map<string, number>();
  for (const track of catalog.tracks) for (const id of track.artistIds) tracksOf.set(id, (tracksOf.get(id) ?? 0) + 1);
  return tracksOf;
}

describe('withRealWorldShapes', () => {
  it('gives each giant genre to more than 10% of the tracked artists', () => {
    for (const { genre } of DEFAULT_SHAPES.giantGenres) {
      const share = shaped.artists.filter((artist) => artist.genres.includes(genre)).length / shaped.artists.length;
      expect(share, genre).toBeGreaterThan(0.1);
    }
  });

  it('adds hub artists, tracked and not, each credited on a large share of all tracks', () => {
    const before = creditedArtists(base);
    const hubs = [...creditedArtists(shaped)]
      .filter(([id, tracks]) => tracks - (before.get(id) ?? 0) > DEFAULT_SHAPES.hubTrackShare[0] * 0.8 * shaped.tracks.length)
      .map(([id]) => shaped.artistById.get(id));

    expect(hubs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(hubs.map((hub) => hub?.tracked))).toEqual(new Set([true, false]));
  });

  it('leaves some tracked artists without genres and some without any credit, some of those known by genres alone', () => {
    const credited = creditedArtists(shaped);
    const uncredited = shaped.artists.filter((artist) => !credited.has(artist.id));

    expect(shaped.artists.filter((artist) => artist.genres.length === 0).length / shaped.artists.length).toBeGreaterThan(0.1);
    expect(uncredited.length / shaped.artists.length).toBeGreaterThan(0.04);
    expect(uncredited.some((artist) => artist.genres.length > 0)).toBe(true);
  });

  it('keeps the planted groups, and lists every album an artist is on', () => {
    // One check over every credit of every track (over 100,000 of them), naming each one missing.
    const unlisted: string[] = [];
    for (const track of shaped.tracks) {
      for (const id of track.artistIds) {
        const albums = shaped.albumIdsByArtist.get(id);
        if (!albums?.own.includes(track.albumId) && !albums?.appearsOn.includes(track.albumId)) unlisted.push(`${id} on ${track.albumId}`);
      }
    }

    expect(shaped.plantedGroups).toEqual(base.plantedGroups);
    expect(unlisted).toEqual([]);
  });

  it('leaves the catalog it was given as it was', () => {
    const fresh = createSampleCatalog({ artists: 2000, seed: 11 });

    expect(fresh.tracks).toEqual(base.tracks);
    expect(fresh.artists).toEqual(base.artists);
  });
});

describe('genreOnlyVariant', () => {
  it('has the artists and their genres, and no album, track or credit', () => {
    const variant = genreOnlyVariant(shaped);

    expect(variant.artists).toEqual(shaped.artists);
    expect([variant.albums.length, variant.tracks.length, variant.albumIdsByArtist.size]).toEqual([0, 0, 0]);
  });
});

describe('shapedSample', () => {
  it('gives the generator’s catalog unchanged when asked for the plain default', () => {
    expect(shapedSample(base, { variant: 'default', shapes: false })).toBe(base);
  });
});
