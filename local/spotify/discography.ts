// How many releases an artist has, of which kind and when: the shape real discographies have.
// Most artists have a handful of releases; a few have hundreds (established acts with years of
// singles, remix EPs and best-ofs). The body is a discrete Pareto, whose tail alone would make the
// number of prolific artists in a small sample a matter of luck, so about 1% of tracked artists are
// planted as prolific on purpose: every sample of 100 or more has some.
import type { Random } from './random.js';

export type ReleaseType = 'album' | 'single' | 'compilation';

export interface PlannedRelease {
  type: ReleaseType;
  release_date: string;
  release_date_precision: 'year' | 'month' | 'day';
}

/** Shape of the heavy tail; tests and the fetch benchmark measure the result, not these numbers. */
export const DISCOGRAPHY = {
  /** Pareto body: P(releases >= x) = (minimum / x) ^ alpha. */
  paretoAlpha: 1.3,
  paretoMinimum: 1.5,
  bodyMax: 60,
  /** Share of tracked artists planted as prolific, and how many releases they get. */
  prolificShare: 0.01,
  prolific: { min: 100, max: 320 },
  /** An artist with fewer releases has no best-of. */
  compilationFrom: 8,
  compilationShare: 0.06,
  albumShare: 0.3,
  lastYear: 2026,
} as const;

/** Which tracked artists (by index) are prolific: a seeded choice of about 1% of them. */
export function plantProlific(random: Random, count: number): Set<number> {
  const planted = Math.round(count * DISCOGRAPHY.prolificShare);
  return new Set(random.sample(Array.from({ length: count }, (_, index) => index), planted));
}

export function releaseCount(random: Random, prolific: boolean): number {
  if (prolific) return random.int(DISCOGRAPHY.prolific.min, DISCOGRAPHY.prolific.max);
  const drawn = Math.floor(DISCOGRAPHY.paretoMinimum / (1 - random.next()) ** (1 / DISCOGRAPHY.paretoAlpha));
  return Math.max(1, Math.min(DISCOGRAPHY.bodyMax, drawn));
}

/** The releases of one artist, oldest career first; compilations only for artists with a catalogue to compile. */
export function planReleases(random: Random, count: number): PlannedRelease[] {
  // Prolific acts have long careers; a handful of releases fits in a few years.
  const span = Math.min(40, 2 + Math.round(count / 6) + random.int(0, 6));
  const firstYear = DISCOGRAPHY.lastYear - span;
  const releases: PlannedRelease[] = [];
  for (let index = 0; index < count; index += 1) {
    const roll = random.next();
    const type: ReleaseType =
      count >= DISCOGRAPHY.compilationFrom && index > 0 && roll < DISCOGRAPHY.compilationShare
        ? 'compilation'
        : roll < DISCOGRAPHY.compilationShare + DISCOGRAPHY.albumShare
          ? 'album'
          : 'single';
    releases.push({ type, ...releaseDate(random, firstYear) });
  }
  return releases;
}

function releaseDate(random: Random, firstYear: number): Omit<PlannedRelease, 'type'> {
  const year = random.int(firstYear, DISCOGRAPHY.lastYear);
  const precision = random.chance(0.8) ? 'day' : random.chance(0.5) ? 'month' : 'year';
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const release_date = precision === 'day' ? `${year}-${month}-${day}` : precision === 'month' ? `${year}-${month}` : `${year}`;
  return { release_date, release_date_precision: precision };
}
