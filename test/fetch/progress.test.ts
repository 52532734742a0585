import { describe, expect, it } from 'vitest';
import { fetchProgress } from '../../tasks/fetch/progress.js';

const slices = (...staged: number[]) => staged.map((count) => ({ staged: count }));

describe('fetch progress', () => {
  it('says how many artists are complete and how many nights the rest needs at the measured rate', () => {
    const progress = fetchProgress({ tracked: 5000, staged: 1840, failed: 0, remaining: 3160, slices: slices(160, 150, 170, 150, 160, 150, 160, 150, 140, 150, 150, 150), slicesPerExecution: 12 });

    expect(progress.text).toBe('1,840 of 5,000 artists complete; about 2 more nights at the measured rate (1,840 artists a night)');
    expect(progress).toMatchObject({ complete: false, artistsPerNight: 1840, nightsLeft: 2 });
  });

  it('extrapolates a night still under way from its slices so far', () => {
    const progress = fetchProgress({ tracked: 1000, staged: 200, failed: 0, remaining: 800, slices: slices(100, 100), slicesPerExecution: 4 });

    expect(progress).toMatchObject({ artistsPerNight: 400, nightsLeft: 2 });
  });

  it('names artists failed for good, which no night will complete', () => {
    const progress = fetchProgress({ tracked: 300, staged: 297, failed: 3, remaining: 0, slices: slices(297), slicesPerExecution: 12 });

    expect(progress.text).toBe('297 of 300 artists complete, 3 failed');
    expect(progress).toMatchObject({ complete: true, nightsLeft: 0 });
  });

  it('gives no estimate before any artist was completed', () => {
    const progress = fetchProgress({ tracked: 10, staged: 0, failed: 0, remaining: 10, slices: slices(0), slicesPerExecution: 12 });

    expect(progress.text).toBe('0 of 10 artists complete; no artist completed yet, so no estimate of the nights left');
    expect(progress.nightsLeft).toBeNull();
  });

  it('says one more night in the singular', () => {
    const progress = fetchProgress({ tracked: 30, staged: 20, failed: 0, remaining: 10, slices: slices(10, 10), slicesPerExecution: 2 });

    expect(progress.text).toBe('20 of 30 artists complete; about 1 more night at the measured rate (20 artists a night)');
  });
});
