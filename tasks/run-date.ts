// Run dates (`dt`): the one input that decides what a run writes.
import { InvalidRunDate } from './errors.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Throws InvalidRunDate unless `value` is a real calendar date written YYYY-MM-DD. */
export function parseRunDate(value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidRunDate(`dt ${JSON.stringify(value)} is not a date: use YYYY-MM-DD`);
  }
  const match = DATE_PATTERN.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    match !== null && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) {
    throw new InvalidRunDate(`dt '${value}' is not a date: use YYYY-MM-DD`);
  }
  return value;
}

/** Today's date in a time zone, e.g. the nightly 01:00 Asia/Seoul run belongs to that Seoul date. */
export function todayIn(timeZone: string, now: Date): string {
  try {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch (error) {
    throw new InvalidRunDate(`time zone '${timeZone}' is not known: use an IANA name such as Asia/Seoul`, {
      cause: error,
    });
  }
}

/** The day after `date` (YYYY-MM-DD), by the calendar. */
export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * Throws InvalidRunDate for a dt later than tomorrow in the time zone. Tomorrow is allowed: an operator
 * west of the pipeline's time zone may already see tomorrow's date there. Anything later would become
 * the newest published date and hold every normal nightly run back from publishing.
 */
export function refuseFutureRunDate(dt: string, timeZone: string, now: Date): string {
  const latest = nextDay(todayIn(timeZone, now));
  if (dt > latest) {
    throw new InvalidRunDate(
      `dt '${dt}' is in the future: the latest run date is tomorrow, ${latest} in ${timeZone}. ` +
        'A future date would become the published one and keep every nightly run from publishing',
    );
  }
  return dt;
}
