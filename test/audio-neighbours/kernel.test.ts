// The audio-neighbours kernel against the plainest brute force there is: for each point, every
// other point's distance, sorted by (distance, index), the first K kept. Random data with
// duplicated vectors and coarse values, so many distances tie exactly (0 and otherwise).
import { describe, expect, it } from 'vitest';
import {
  balancedRowRanges,
  DIMENSIONS,
  nearestNeighbours,
  type NeighbourLists,
} from '../../tasks/audio-neighbours/kernel.js';

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Points whose values come from a few levels, a quarter of them copies of earlier points. */
function pointsWithTies(points: number, seed: number): Float64Array {
  const next = random(seed);
  const vectors = new Float64Array(points * DIMENSIONS);
  for (let point = 0; point < points; point += 1) {
    if (point > 0 && next() < 0.25) {
      const copied = Math.floor(next() * point);
      vectors.copyWithin(point * DIMENSIONS, copied * DIMENSIONS, (copied + 1) * DIMENSIONS);
      continue;
    }
    for (let d = 0; d < DIMENSIONS; d += 1) vectors[point * DIMENSIONS + d] = Math.floor(next() * 5) / 4;
  }
  return vectors;
}

/** Points with nine-decimal values, like artist_features. */
function finePoints(points: number, seed: number): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: points * DIMENSIONS }, () => Math.round(next() * 1e9) / 1e9);
}

interface Neighbour {
  index: number;
  distance: number;
}

function bruteForce(vectors: Float64Array, k: number): Neighbour[][] {
  const points = vectors.length / DIMENSIONS;
  const distances = new Float64Array(points);
  const answer: Neighbour[][] = [];
  for (let i = 0; i < points; i += 1) {
    for (let j = 0; j < points; j += 1) {
      let sum = 0;
      for (let d = 0; d < DIMENSIONS; d += 1) {
        const difference = (vectors[i * DIMENSIONS + d] as number) - (vectors[j * DIMENSIONS + d] as number);
        sum += difference * difference;
      }
      distances[j] = Math.sqrt(sum);
    }
    const others = Array.from({ length: points }, (_, j) => j).filter((j) => j !== i);
    others.sort((x, y) => (distances[x] as number) - (distances[y] as number) || x - y);
    answer.push(others.slice(0, k).map((index) => ({ index, distance: distances[index] as number })));
  }
  return answer;
}

function asNeighbours(lists: NeighbourLists): Neighbour[][] {
  const points = lists.counts.length;
  return Array.from({ length: points }, (_, point) =>
    Array.from({ length: lists.counts[point] as number }, (_, slot) => ({
      index: lists.indexes[point * lists.k + slot] as number,
      distance: lists.distances[point * lists.k + slot] as number,
    })),
  );
}

function tiedPairs(expected: Neighbour[][]): number {
  return expected.flat().filter((neighbour, index, all) => index > 0 && all[index - 1]?.distance === neighbour.distance).length;
}

describe('nearestNeighbours', () => {
  it('returns exactly the brute force neighbours, ties by index, on one thread', async () => {
    const vectors = pointsWithTies(700, 1);
    const expected = bruteForce(vectors, 10);

    const found = await nearestNeighbours(vectors, { k: 10, workers: 1 });

    expect(tiedPairs(expected)).toBeGreaterThan(1000);
    expect(asNeighbours(found)).toEqual(expected);
  });

  it('returns exactly the brute force neighbours, ties by index, split over worker threads', async () => {
    const vectors = pointsWithTies(700, 2);
    const expected = bruteForce(vectors, 10);

    const found = await nearestNeighbours(vectors, { k: 10, workers: 3, minPairsPerWorker: 0 });

    expect(asNeighbours(found)).toEqual(expected);
  });

  it('returns exactly the brute force neighbours on nine-decimal values, across tile boundaries', async () => {
    const vectors = finePoints(2100, 3);
    const expected = bruteForce(vectors, 5);

    const found = await nearestNeighbours(vectors, { k: 5, workers: 2, minPairsPerWorker: 0 });

    expect(asNeighbours(found)).toEqual(expected);
  });

  it('gives every point all the others when there are no more than K of them', async () => {
    const vectors = pointsWithTies(4, 4);

    const found = await nearestNeighbours(vectors, { k: 10, workers: 2, minPairsPerWorker: 0 });

    expect(asNeighbours(found)).toEqual(bruteForce(vectors, 10));
    expect([...found.counts]).toEqual([3, 3, 3, 3]);
  });

  it('answers no points with no lists', async () => {
    const found = await nearestNeighbours(new Float64Array(0), { k: 10, workers: 2 });

    expect(found.counts).toHaveLength(0);
  });

  it('refuses vectors that are not six values per point', async () => {
    await expect(nearestNeighbours(new Float64Array(7), { k: 10, workers: 1 })).rejects.toThrow(/6 values per point/);
  });
});

describe('balancedRowRanges', () => {
  it('covers every row once, in order, with about the same number of pairs per range', () => {
    const ranges = balancedRowRanges(10_000, 3);
    const pairs = ranges.map(([start, end]) => {
      let count = 0;
      for (let row = start; row < end; row += 1) count += 10_000 - 1 - row;
      return count;
    });

    expect(ranges[0]?.[0]).toBe(0);
    expect(ranges.at(-1)?.[1]).toBe(10_000);
    ranges.slice(1).forEach(([start], index) => expect(start).toBe(ranges[index]?.[1]));
    expect(Math.max(...pairs) / Math.min(...pairs)).toBeLessThan(1.01);
  });
});
