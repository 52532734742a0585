// Athena's date projection as the local catalog evaluates it: in UTC, at query time, with the
// relative NOW syntax the Athena user guide documents (local/duckdb/projection.ts).
import { describe, expect, it } from 'vitest';
import { projectedDates, RELATIVE_DATE } from '../../local/duckdb/projection.js';
import { CURATED_DT_PROJECTION, type DateProjection } from '../../tasks/lake/tables.js';

/** 01:30 on 2026-03-02 in Seoul, when the nightly run starts: still 2026-03-01 in UTC. */
const SCHEDULED_RUN = new Date('2026-03-01T16:30:00Z');
const ending = (last: string): DateProjection => ({ ...CURATED_DT_PROJECTION, range: ['2024-01-01', last] });

describe('projectedDates', () => {
  it('ends a range at NOW on today’s date in UTC, not in the run’s time zone', () => {
    expect(projectedDates(ending('NOW'), SCHEDULED_RUN)).toEqual({ first: '2024-01-01', last: '2026-03-01', stepDays: 1 });
  });

  it('ends the curated tables’ range two days past today in UTC', () => {
    expect(projectedDates(CURATED_DT_PROJECTION, SCHEDULED_RUN).last).toBe('2026-03-03');
  });

  it('reads the relative forms the docs allow: spaces, signs and singular units', () => {
    expect(projectedDates(ending(' NOW - 1 DAY '), SCHEDULED_RUN).last).toBe('2026-02-28');
    expect(projectedDates(ending('NOW+3HOURS'), new Date('2026-03-01T22:00:00Z')).last).toBe('2026-03-02');
  });

  it('steps months as java.time does, clamping to the end of a shorter month', () => {
    expect(projectedDates(ending('NOW-1MONTH'), new Date('2026-03-31T12:00:00Z')).last).toBe('2026-02-28');
  });

  it('refuses a range value that is neither a date nor NOW with an offset, naming it', () => {
    expect(() => projectedDates(ending('TOMORROW'), SCHEDULED_RUN)).toThrow(/range value 'TOMORROW'/);
    expect(() => projectedDates(ending('2026-02-30'), SCHEDULED_RUN)).toThrow(/range value '2026-02-30'/);
  });

  it('refuses a format the local engine does not implement instead of guessing', () => {
    expect(() => projectedDates({ ...CURATED_DT_PROJECTION, format: 'yyyy/MM/dd' }, SCHEDULED_RUN)).toThrow(/'yyyy\/MM\/dd' has no local implementation/);
  });
});

describe('RELATIVE_DATE', () => {
  it.each(['NOW', 'NOW+2DAYS', 'NOW - 3 YEARS', 'NOW+1MONTH'])('matches %s, as the docs’ pattern does', (value) => {
    expect(RELATIVE_DATE.test(value)).toBe(true);
  });

  it.each(['NOW+2', 'NOW+DAYS', 'NOW*2DAYS', 'NOW+2FORTNIGHTS'])('does not match %s', (value) => {
    expect(RELATIVE_DATE.test(value)).toBe(false);
  });
});
