// Athena's partition projection of the `date` type, as the local catalog applies it: a curated table
// shows only the dt values the projection generates, evaluated in UTC at query time, so a run date
// outside the projected range is invisible locally exactly as on Athena (no rows, no error).
//
// The rules, from the Athena user guide, "Supported types for partition projection", date type
// (https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html):
// - "Projected date columns are generated in Coordinated Universal Time (UTC) at query execution time."
// - range: two values, inclusive; each a date in `format` or a relative date matching
//   \s*NOW\s*(([\+\-])\s*([0-9]+)\s*(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?)\s*)?
// - interval and interval.unit: the step between projected values, counted from the first.
// The local engine implements the day-precision `yyyy-MM-dd` format only; any other declaration is
// refused with a message, never silently read as something else.
import type { DateProjection } from '../../tasks/lake/tables.js';

export const DATE_PROJECTION_REFERENCE =
  'https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html#partition-projection-date-type';

/** The documented pattern of a relative range value, anchored. */
export const RELATIVE_DATE = /^\s*NOW\s*(?:([+-])\s*([0-9]+)\s*(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?)\s*)?$/;

const LOCAL_FORMAT = 'yyyy-MM-dd';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_PER_UNIT: Partial<Record<DateProjection['intervalUnit'], number>> = { DAYS: 1, WEEKS: 7 };

/** The dates a projection generates at one moment: every `stepDays`-th day from `first` to `last`, inclusive. */
export interface ProjectedDates {
  first: string;
  last: string;
  stepDays: number;
}

export function projectedDates(projection: DateProjection, now: Date): ProjectedDates {
  if (projection.format !== LOCAL_FORMAT) {
    throw new Error(
      `partition projection format '${projection.format}' has no local implementation: local/duckdb/projection.ts projects '${LOCAL_FORMAT}' only`,
    );
  }
  const unitDays = DAYS_PER_UNIT[projection.intervalUnit];
  if (unitDays === undefined || !Number.isInteger(projection.interval) || projection.interval < 1) {
    throw new Error(
      `partition projection interval ${projection.interval} ${projection.intervalUnit} has no local implementation: use a whole number of DAYS or WEEKS`,
    );
  }
  return {
    first: rangeValue(projection.range[0], now),
    last: rangeValue(projection.range[1], now),
    stepDays: projection.interval * unitDays,
  };
}

/**
 * The projection as a DuckDB predicate on the VARCHAR partition column, for the catalog's views: a value
 * that is not a real yyyy-MM-dd date is never projected (Athena formats each projected date, so a folder
 * such as dt=2026-3-1 is never read).
 */
export function projectionPredicate(column: string, dates: ProjectedDates): string {
  const day = `try_cast(${column} as date)`;
  const conditions = [
    `regexp_full_match(${column}, '\\d{4}-\\d{2}-\\d{2}')`,
    `${day} between date '${dates.first}' and date '${dates.last}'`,
  ];
  if (dates.stepDays > 1) conditions.push(`(${day} - date '${dates.first}') % ${dates.stepDays} = 0`);
  return conditions.join(' and ');
}

function rangeValue(value: string, now: Date): string {
  const relative = RELATIVE_DATE.exec(value);
  if (relative !== null) {
    const [, sign, amount, unit] = relative;
    const moment = sign === undefined ? now : shift(now, (sign === '-' ? -1 : 1) * Number(amount), unit as string);
    return moment.toISOString().slice(0, 10);
  }
  if (!isDate(value)) {
    throw new Error(
      `partition projection range value '${value}' is neither a ${LOCAL_FORMAT} date nor NOW[+|-N UNIT] (${DATE_PROJECTION_REFERENCE})`,
    );
  }
  return value;
}

/** Adds calendar units in UTC; like java.time, a month or year step that lands past a month's end is clamped to it. */
function shift(now: Date, amount: number, unit: string): Date {
  const moment = new Date(now.getTime());
  const plural = unit.endsWith('S') ? unit : `${unit}S`;
  const millis: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000, WEEKS: 604_800_000 };
  if (millis[plural] !== undefined) return new Date(moment.getTime() + amount * (millis[plural] as number));
  const months = plural === 'YEARS' ? amount * 12 : amount;
  const day = moment.getUTCDate();
  moment.setUTCDate(1);
  moment.setUTCMonth(moment.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth() + 1, 0)).getUTCDate();
  moment.setUTCDate(Math.min(day, lastDay));
  return moment;
}

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
