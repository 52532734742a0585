// The waits between polls (tasks/timing/polling.ts): they grow with the time a job has run, within the
// policy's least and longest wait, and a local runner's scale shortens them without changing their count.
import { describe, expect, it } from 'vitest';
import { pollsWithin, pollTiming, suggestWaitSeconds } from '../../tasks/timing/polling.js';

const policy = { minWaitSeconds: 2, maxWaitSeconds: 60, growth: 1, timeScale: 1 };

describe('suggestWaitSeconds', () => {
  it('waits the least at first', () => {
    expect(suggestWaitSeconds(0, policy)).toBe(2);
  });

  it('waits as long again as the job has run, in whole seconds', () => {
    expect(suggestWaitSeconds(16.4, policy)).toBe(16);
  });

  it('never waits longer than the longest wait', () => {
    expect(suggestWaitSeconds(3600, policy)).toBe(60);
  });

  it('reads elapsed time as longer by the local scale, so a local run polls as often as a run that long on AWS', () => {
    expect(suggestWaitSeconds(0.8, { ...policy, timeScale: 0.05 })).toBe(suggestWaitSeconds(16, policy));
  });

  it('caps a local wait at the longest wait in real seconds, so a slow local step still polls a logarithmic number of times', () => {
    const local = { ...policy, timeScale: 0.05 };

    // 120 s into a local step: the next Wait lasts 60 real seconds (1200 * 0.05), not 3.
    expect(suggestWaitSeconds(120, local) * local.timeScale).toBe(60);
    expect(suggestWaitSeconds(30, local) * local.timeScale).toBe(30);
  });
});

describe('suggestWaitSeconds with a hint of the end', () => {
  const hinted = { ...policy, expectedLateness: 0.2 };

  it('waits until a fifth past the duration the step had last time', () => {
    expect(suggestWaitSeconds(0, hinted, { expectedSeconds: 40 })).toBe(48);
  });

  it('waits the rest of that time at a later poll, rounded up', () => {
    expect(suggestWaitSeconds(10.5, hinted, { expectedSeconds: 40 })).toBe(38);
  });

  it('waits as without a hint once the expected end has passed', () => {
    expect(suggestWaitSeconds(50, hinted, { expectedSeconds: 40 })).toBe(suggestWaitSeconds(50, hinted));
  });

  it('never waits less than without a hint, so the loop polls no more often than pollsWithin counts', () => {
    expect(suggestWaitSeconds(20, hinted, { expectedSeconds: 10 })).toBe(20);
    expect(suggestWaitSeconds(0, hinted, { expectedSeconds: 0.5 })).toBe(2);
  });

  it('never waits longer than the longest wait', () => {
    expect(suggestWaitSeconds(0, hinted, { expectedSeconds: 3600 })).toBe(60);
  });

  it('ignores a hint that is not a positive number of seconds', () => {
    expect(suggestWaitSeconds(4, hinted, { expectedSeconds: Number.NaN })).toBe(4);
    expect(suggestWaitSeconds(4, hinted, { expectedSeconds: 0 })).toBe(4);
  });

  it('shortens a hinted wait by the local scale like any other', () => {
    const local = { ...hinted, timeScale: 0.05 };

    // 2 real seconds expected, so the first poll comes 2.4 real seconds after the start.
    expect(suggestWaitSeconds(0, local, { expectedSeconds: 2 }) * local.timeScale).toBeCloseTo(2.4);
  });
});

describe('pollsWithin', () => {
  it('counts the polls of a loop whose polls take no time, up to the first one past the limit', () => {
    // Polls at 2, 4, 8, 16, 32, 64 s, then every 60 s: 124, 184 and 244 >= 200.
    expect(pollsWithin(200, policy)).toBe(9);
  });

  it('grows with the logarithm of the limit while waits grow, then linearly at the longest wait', () => {
    expect(pollsWithin(64, policy)).toBe(6);
    expect(pollsWithin(64 + 60 * 10, policy)).toBe(16);
  });
});

describe('pollTiming', () => {
  it('measures the seconds since the start with the given clock', () => {
    const clock = { now: () => new Date('2026-11-23T00:00:12.500Z') };

    expect(pollTiming('2026-11-23T00:00:00.000Z', clock, policy)).toEqual({
      startedAt: '2026-11-23T00:00:00.000Z',
      elapsedSeconds: 12.5,
      waitSeconds: 13,
    });
  });

  it('refuses a start time that is not a timestamp', () => {
    expect(() => pollTiming('yesterday', { now: () => new Date() }, policy)).toThrow(/startedAt must be the ISO 8601 time/);
  });
});
