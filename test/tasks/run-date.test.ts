import { describe, expect, it } from 'vitest';
import { InvalidRunDate } from '../../tasks/errors.js';
import { handleResolveRunDate } from '../../tasks/resolve-date/handle.js';
import { resolveRunDate } from '../../tasks/resolve-date/resolve-date.js';
import { nextDay, parseRunDate, refuseFutureRunDate, todayIn } from '../../tasks/run-date.js';

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

describe('the run date window', () => {
  const seoul = { clock: clock('2026-11-22T16:30:00Z'), timeZone: 'Asia/Seoul' }; // 2026-11-23 01:30 in Seoul

  it('refuses a dt later than tomorrow in the configured time zone with InvalidRunDate', () => {
    expect(() => resolveRunDate({ executionInput: { dt: '2099-12-31' } }, seoul)).toThrow(InvalidRunDate);
    expect(() => resolveRunDate({ executionInput: { dt: '2099-12-31' } }, seoul)).toThrow(
      "dt '2099-12-31' is in the future: the latest run date is tomorrow, 2026-11-24 in Asia/Seoul",
    );
  });

  it('refuses it in the Lambda entry too, from the execution input as the state machine passes it', async () => {
    await expect(handleResolveRunDate({ executionInput: { dt: '2099-12-31' } }, seoul)).rejects.toThrow(InvalidRunDate);
  });

  it('refuses the day after tomorrow', () => {
    expect(() => resolveRunDate({ executionInput: { dt: '2026-11-25' } }, seoul)).toThrow(InvalidRunDate);
  });

  it('accepts tomorrow, for an operator who is a day behind the pipeline', () => {
    expect(resolveRunDate({ executionInput: { dt: '2026-11-24' } }, seoul).dt).toBe('2026-11-24');
  });

  it('measures tomorrow in the configured time zone, not UTC', () => {
    // Still the 22nd in UTC, so the 24th would be two days ahead there; in Seoul it is tomorrow.
    expect(resolveRunDate({ executionInput: { dt: '2026-11-24' } }, seoul).dt).toBe('2026-11-24');
    expect(() => refuseFutureRunDate('2026-11-24', 'UTC', new Date('2026-11-22T16:30:00Z'))).toThrow(InvalidRunDate);
  });

  it('accepts any past date', () => {
    expect(resolveRunDate({ executionInput: { dt: '2001-01-01' } }, seoul).dt).toBe('2001-01-01');
  });

  it('counts tomorrow across a month and year end', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
