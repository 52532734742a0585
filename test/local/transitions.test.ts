// The summary's transitions line names the loops that make a run's transitions grow.
import { describe, expect, it } from 'vitest';
import { describeTransitions } from '../../local/transitions.js';

describe('describeTransitions', () => {
  it('names the SQL steps started and polled, the crawler polls and the fetch slices', () => {
    const byState = { StartQuery: 11, GetQueryStatus: 15, WaitForQuery: 15, StartCrawler: 1, GetCrawlerStatus: 2, FetchArtists: 1 };

    expect(describeTransitions(94, byState)).toBe('94 (SQL steps: 11 started, 15 polls; crawler: 1 started, 2 polls; fetch: 1 slice)');
  });

  it('leaves out a loop the run never entered', () => {
    expect(describeTransitions(9, { FetchArtists: 2, NotifyFailure: 1 })).toBe('9 (fetch: 2 slices)');
  });

  it('gives the total alone when the states were not counted', () => {
    expect(describeTransitions(94, undefined)).toBe('94');
  });
});
