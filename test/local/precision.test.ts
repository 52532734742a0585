import { describe, expect, it } from 'vitest';
import { precisionAtK } from '../../local/precision.js';

const row = (artist_id: string, neighbour_id: string, rank: number) => ({ artist_id, neighbour_id, rank });

describe('precisionAtK', () => {
  it('is 1 when every artist’s neighbours are its group', () => {
    const rows = [row('a', 'b', 1), row('b', 'a', 1), row('c', 'd', 1), row('d', 'c', 1)];

    expect(precisionAtK(rows, [['a', 'b'], ['c', 'd']], 10)).toEqual({ k: 10, precision: 1, evaluated: 4, grouped: 4 });
  });

  it('divides by what a small group can reach, not by K', () => {
    const rows = [row('a', 'b', 1), row('a', 'x', 2), row('a', 'c', 3)];

    expect(precisionAtK(rows, [['a', 'b', 'c']], 10).precision).toBe(1);
  });

  it('counts only the first K neighbours', () => {
    const rows = [row('a', 'x', 1), row('a', 'b', 2)];

    expect(precisionAtK(rows, [['a', 'b']], 1).precision).toBe(0);
  });

  it('leaves grouped artists without any neighbour out of the mean, and says how many were evaluated', () => {
    const rows = [row('a', 'b', 1)];

    expect(precisionAtK(rows, [['a', 'b', 'c']], 10)).toEqual({ k: 10, precision: 0.5, evaluated: 1, grouped: 3 });
  });

  it('is 0 with nothing to evaluate', () => {
    expect(precisionAtK([], [['a', 'b']]).precision).toBe(0);
  });
});
