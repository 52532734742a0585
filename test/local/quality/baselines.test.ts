// The baselines the pipeline is measured against: plain genre Jaccard (exact, ties by id) and K
// random artists.
import { describe, expect, it } from 'vitest';
import { genreJaccardNeighbours, randomNeighbours } from '../../../local/quality/baselines.js';

describe('genreJaccardNeighbours', () => {
  const genres = new Map<string, string[]>([
    ['a', ['pop', 'rock']],
    ['b', ['pop', 'rock']],
    ['c', ['pop']],
    ['d', ['rock', 'jazz', 'blues']],
    ['e', ['jazz']],
    ['f', []],
  ]);

  it('ranks by the Jaccard of the genre sets, ties by the smaller id', () => {
    const lists = genreJaccardNeighbours(genres, 3);

    // a: b 1, c 1/2, d 1/4
    expect(lists.get('a')).toEqual(['b', 'c', 'd']);
    // d: e 1/3, then a and b at 1/4 each
    expect(lists.get('d')).toEqual(['e', 'a', 'b']);
  });

  it('gives no list to an artist that shares no genre', () => {
    expect(genreJaccardNeighbours(genres, 3).has('f')).toBe(false);
  });
});

describe('randomNeighbours', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];

  it('picks K other artists, never the artist itself, the same for the same seed', () => {
    const lists = randomNeighbours(ids, 3, 7);

    for (const id of ids) {
      expect(new Set(lists.get(id)).size).toBe(3);
      expect(lists.get(id)).not.toContain(id);
    }
    expect(randomNeighbours(ids, 3, 7)).toEqual(lists);
  });
});
