// Precision, recall and coverage, computed by hand on small lists.
import { describe, expect, it } from 'vitest';
import { scoreQuality } from '../../../local/quality/metrics.js';

const truth = new Map<string, ReadonlySet<string>>([
  ['a', new Set(['b', 'c', 'x'])], // x is not tracked in the run: it cannot be found
  ['b', new Set(['a'])],
  ['d', new Set(['e'])],
  ['z', new Set(['a'])], // z is not tracked: not judged
]);
const run = { tracked: new Set(['a', 'b', 'c', 'd', 'e']), eligible: new Set(['a', 'b', 'c', 'd']) };

describe('scoreQuality', () => {
  it('counts hits out of min(K, related in the run) for precision, over artists with neighbours', () => {
    const lists = new Map([
      ['a', ['b', 'd']], // 1 hit of min(2, 2)
      ['b', ['c', 'a']], // 1 hit of min(2, 1)
    ]);

    expect(scoreQuality(lists, truth, run, 2).precision).toBeCloseTo((1 / 2 + 1) / 2, 10);
  });

  it('counts hits out of all related in the run for recall, an artist without neighbours as 0', () => {
    const lists = new Map([
      ['a', ['b', 'd']],
      ['b', ['c', 'a']],
    ]);

    expect(scoreQuality(lists, truth, run, 2)).toMatchObject({ recall: (1 / 2 + 1 + 0) / 3, judged: 3 });
  });

  it('looks only at the first K neighbours', () => {
    const lists = new Map([['b', ['c', 'e', 'a']]]);

    expect(scoreQuality(lists, truth, run, 2)).toMatchObject({ precision: 0, recall: 0 });
  });

  it('gives coverage as eligible artists with a neighbour, judged or not', () => {
    const lists = new Map([
      ['c', ['a']],
      ['e', ['d']], // e is not eligible: not counted
    ]);

    expect(scoreQuality(lists, truth, run, 2)).toMatchObject({ coverage: 1 / 4, eligible: 4 });
  });
});
