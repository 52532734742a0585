import { describe, expect, it } from 'vitest';
import { InvalidRunDate } from '../../tasks/errors.js';
import { resolveRunDate } from '../../tasks/resolve-date/resolve-date.js';
import { parseRunDate, todayIn } from '../../tasks/run-date.js';

const clock = (iso: string) => ({ now: () => new Date(iso) });

describe('run dates', () => {
  it('accepts a real calendar date', () => {
    expect(parseRunDate('2024-02-29')).toBe('2024-02-29');
  });

  it.each(['2026-13-01', '2025-02-29', '2026-1-01', '20261101', '', 'today'])('rejects %j with a message naming it', (value) => {
    expect(() => parseRunDate(value)).toThrow(InvalidRunDate);
    expect(() => parseRunDate(value)).toThrow(`dt '${value}' is not a date: use YYYY-MM-DD`);
  });

  it('rejects a dt that is not a string', () => {
    expect(() => parseRunDate(20261123)).toThrow('dt 20261123 is not a date');
  });

  it('defaults to today in the configured time zone, not UTC', () => {
    // 16:30 UTC on the 22nd is already 01:30 on the 23rd in Seoul: the nightly run's date.
    const run = resolveRunDate({ executionInput: {} }, { clock: clock('2026-11-22T16:30:00Z'), timeZone: 'Asia/Seoul' });
    expect(run.dt).toBe('2026-11-23');
    expect(todayIn('UTC', new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-22');
  });

  it('uses the dt of the execution input when given', () => {
    const run = resolveRunDate({ executionInput: { dt: '2026-01-05' } }, { clock: clock('2026-11-22T16:30:00Z'), timeZone: 'Asia/Seoul' });
    expect(run.dt).toBe('2026-01-05');
  });

  it('names an unknown time zone', () => {
    expect(() => todayIn('Mars/Olympus', new Date())).toThrow("time zone 'Mars/Olympus' is not known");
  });
});
