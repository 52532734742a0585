// How far a date's fetch got, for people: the run manifest and the local summary say it in one
// line ("1,840 of 5,000 artists complete; about 2 more nights at the measured rate"). The rate is
// measured on this date's slices: artists staged per slice, times the slices a night may run.
import type { SliceRecord } from './checkpoint.js';

export interface FetchProgress {
  /** Every tracked artist is staged or failed for good. */
  complete: boolean;
  artistsTracked: number;
  artistsComplete: number;
  artistsFailed: number;
  artistsRemaining: number;
  /** Artists staged per night at this date's measured rate; null before any slice staged one. */
  artistsPerNight: number | null;
  /** Nights still needed for the remaining artists at that rate; 0 when complete, null when unknown. */
  nightsLeft: number | null;
  text: string;
}

export interface ProgressFacts {
  tracked: number;
  staged: number;
  failed: number;
  remaining: number;
  /** This date's slices so far, the one just finished included. */
  slices: readonly Pick<SliceRecord, 'staged'>[];
  slicesPerExecution: number;
}

export function fetchProgress(facts: ProgressFacts): FetchProgress {
  const stagedInSlices = facts.slices.reduce((sum, slice) => sum + slice.staged, 0);
  const artistsPerNight = stagedInSlices > 0 && facts.slices.length > 0 ? Math.round((stagedInSlices / facts.slices.length) * facts.slicesPerExecution) : null;
  const complete = facts.remaining === 0;
  const nightsLeft = complete ? 0 : artistsPerNight === null ? null : Math.ceil(facts.remaining / artistsPerNight);
  const failed = facts.failed > 0 ? `, ${count(facts.failed)} failed` : '';
  const head = `${count(facts.staged)} of ${count(facts.tracked)} artists complete${failed}`;
  const text = complete
    ? head
    : nightsLeft === null
      ? `${head}; no artist completed yet, so no estimate of the nights left`
      : `${head}; about ${nightsLeft} more ${nightsLeft === 1 ? 'night' : 'nights'} at the measured rate (${count(artistsPerNight ?? 0)} artists a night)`;
  return {
    complete,
    artistsTracked: facts.tracked,
    artistsComplete: facts.staged,
    artistsFailed: facts.failed,
    artistsRemaining: facts.remaining,
    artistsPerNight,
    nightsLeft,
    text,
  };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
