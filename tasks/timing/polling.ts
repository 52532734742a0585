// How long the state machine waits between two polls of the crawler or of a query. The status task
// suggests the next wait from the time elapsed since the work started, the Wait state reads it through
// SecondsPath, and the Choice after the poll ends the loop once the elapsed time passes its limit: the
// loop is bounded by time, not by a count of polls, and the number of polls grows with the logarithm
// of a job's duration instead of in proportion to it.
//
// Where the work's end can be foreseen (how long the same work took when it last ran: neither Athena
// nor DuckDB reports a query's progress while it runs), the wait reaches to just past that end instead,
// so a step that runs as long as last night is polled once: transitions stay flat with the size of the
// data. A hint only ever lengthens a wait, never past the longest one: the loop still makes no more
// polls than pollsWithin counts, and a step that outruns its hint is polled as if there were none.
import { InvalidTaskInput } from '../errors.js';
import type { Clock } from '../ports.js';

export interface PollPolicy {
  /** The first wait, and the least any wait may be. */
  minWaitSeconds: number;
  /**
   * The most any wait may be, so a job that ends is seen within this long. In real seconds: a local
   * run's Waits are shortened, but a long local job is not a longer AWS job, so its cap is not.
   */
  maxWaitSeconds: number;
  /** Each wait is this fraction of the time elapsed so far (1: the wait doubles the elapsed time). */
  growth: number;
  /**
   * How much shorter than the suggested seconds each Wait really is: 1 on AWS. The local runner shortens
   * every Wait by this factor, so the policy reads the elapsed time as that many times longer and
   * suggests the same sequence of waits, hence the same number of polls, as for a job that long on AWS.
   */
  timeScale: number;
  /**
   * How far past a step's expected end its first poll comes, as a fraction of the expected duration:
   * late enough that a run as long as the last one is seen at the first poll, early enough that a
   * shorter one is not waited on for long. 0 unless given.
   */
  expectedLateness?: number;
}

/** What is known of when the work will end, in real seconds. */
export interface PollHint {
  /** How long the same work took when it last ran (the same SQL step in the last run, say). */
  expectedSeconds?: number;
}

/** The wall clock, for ports that are not given one. */
export const wallClock: Clock = { now: () => new Date() };

/** What a start or status task adds to its output for the poll loop. */
export interface PollTiming {
  /** When the work started (ISO 8601); passed back to every status call. */
  startedAt: string;
  /** Seconds since startedAt, as the status call measured it: the loop's bound compares this. */
  elapsedSeconds: number;
  /** The next Wait, in whole seconds (Wait's SecondsPath accepts integers only). */
  waitSeconds: number;
}

/** The timing of work that starts now. */
export function startPolling(clock: Clock, policy: PollPolicy, hint: PollHint = {}): PollTiming {
  return { startedAt: clock.now().toISOString(), elapsedSeconds: 0, waitSeconds: suggestWaitSeconds(0, policy, hint) };
}

/** The timing of work started at `startedAt`, measured now. */
export function pollTiming(startedAt: unknown, clock: Clock, policy: PollPolicy, hint: PollHint = {}): PollTiming {
  const started = typeof startedAt === 'string' ? Date.parse(startedAt) : Number.NaN;
  if (Number.isNaN(started)) {
    throw new InvalidTaskInput(`startedAt must be the ISO 8601 time the start task returned, got ${JSON.stringify(startedAt)}`);
  }
  const elapsedSeconds = Math.max(0, Math.round(clock.now().getTime() - started) / 1000);
  return { startedAt: startedAt as string, elapsedSeconds, waitSeconds: suggestWaitSeconds(elapsedSeconds, policy, hint) };
}

/**
 * The next wait for work that has run `elapsedSeconds` (real seconds), in the seconds the Wait state
 * reads (which the local runner shortens by timeScale). Locally the cap is scaled up by the same
 * factor, so a slow local step (DuckDB on a laptop is slower than Athena) still needs only a number of
 * polls that grows with the logarithm of its duration: transitions stay nearly flat with size.
 */
export function suggestWaitSeconds(elapsedSeconds: number, policy: PollPolicy, hint: PollHint = {}): number {
  const longest = Math.round(policy.maxWaitSeconds / policy.timeScale);
  const proportional = Math.round((policy.growth * elapsedSeconds) / policy.timeScale);
  const growing = Math.min(longest, Math.max(policy.minWaitSeconds, proportional));
  const left = secondsLeft(elapsedSeconds, policy, hint);
  // Rounded up: a poll a moment before the end would cost a whole loop more.
  return left === undefined ? growing : Math.max(growing, Math.min(longest, Math.ceil(left / policy.timeScale)));
}

/** Real seconds until the hinted end (with the policy's lateness), or undefined when there is no hint or it has passed. */
function secondsLeft(elapsedSeconds: number, policy: PollPolicy, hint: PollHint): number | undefined {
  const expected = hint.expectedSeconds;
  if (expected === undefined || !Number.isFinite(expected) || expected <= 0) return undefined;
  const left = expected * (1 + (policy.expectedLateness ?? 0)) - elapsedSeconds;
  return left > 0 ? left : undefined;
}

/**
 * The most polls a loop bounded by `limitSeconds` can make on AWS: each poll is taken to cost no time,
 * so the elapsed time grows by the waits alone, as slowly as it can (without hints, which only lengthen
 * waits). The history-event budget uses it.
 */
export function pollsWithin(limitSeconds: number, policy: PollPolicy): number {
  const aws = { ...policy, timeScale: 1 };
  let elapsed = 0;
  let polls = 0;
  // The loop ends at the first poll that finds the limit passed; that poll counts too.
  while (elapsed < limitSeconds) {
    elapsed += suggestWaitSeconds(elapsed, aws);
    polls += 1;
  }
  return polls;
}
