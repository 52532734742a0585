// The sample catalog's random source: sampleFew draws a few of many items without shuffling them all,
// and leaves the draws where a whole shuffle would, so nothing drawn after it changes.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../local/spotify/random.js';

const items = Array.from({ length: 1000 }, (_, index) => index);

describe('sampleFew', () => {
  it('draws the asked number of distinct items of the list', () => {
    const picked = createRandom(7).sampleFew(items, 20);

    expect(picked).toHaveLength(20);
    expect(new Set(picked).size).toBe(20);
    expect(picked.every((item) => items.includes(item))).toBe(true);
  });

  it('draws the same items for the same seed', () => {
    expect(createRandom(7).sampleFew(items, 20)).toEqual(createRandom(7).sampleFew(items, 20));
  });

  it('draws every item when asked for more than there are', () => {
    expect(createRandom(7).sampleFew([1, 2, 3], 5).sort()).toEqual([1, 2, 3]);
  });

  it('leaves the draws where sample() leaves them, for any length', () => {
    for (const [length, count] of [[1000, 20], [3, 5], [3, 3], [1, 1], [0, 2]] as const) {
      const list = items.slice(0, length);
      const few = createRandom(11);
      const all = createRandom(11);

      few.sampleFew(list, count);
      all.sample(list, count);

      expect(few.next(), `${length} items, ${count} drawn`).toBe(all.next());
    }
  });

  it('reaches every item, the last ones too', () => {
    const random = createRandom(3);
    const seen = new Set<number>();

    for (let round = 0; round < 400; round += 1) for (const item of random.sampleFew(items.slice(0, 50), 2)) seen.add(item);

    expect(seen.size).toBe(50);
  });
});
