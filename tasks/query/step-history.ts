// How long a SQL step took when it last ran: the first poll of the step aims just past that
// (tasks/timing/polling.ts), so a step that runs as long as last time costs one poll, whatever its size.
// The duration is the engine's own measure (Athena's TotalExecutionTimeInMillis), not the time at the
// poll that saw the end: that one is late by the poll's wait, and aiming past it would drift later
// every night. A step whose engine measured nothing records that (durationSeconds: null) and has no
// estimate next time. A record from before durations were kept (no durationSeconds at all) is read
// once for the time at its last poll: late, so the first poll comes late, but once.
import { readEarlierManifest, type Manifest } from '../lake/manifest.js';
import type { ObjectStore } from '../ports.js';

/** What the run manifest keeps of a finished step (query.steps.<step>) that an estimate reads. */
export interface StepTiming {
  state?: string;
  /**
   * The engine's measure of the query's duration; null when it measured none. Never the elapsedSeconds
   * of a record that has this field: a step polled a fifth past its estimate would be estimated a fifth
   * longer each night.
   */
  durationSeconds?: number | null;
  /** The time since the start at the poll that saw the end. */
  elapsedSeconds?: number;
}

/**
 * The seconds the step took the last time it succeeded: in an earlier attempt for the same date (a
 * re-run), else in the newest earlier date's run. Undefined when neither ran it to success.
 */
export async function lastStepSeconds(
  store: ObjectStore,
  dt: string,
  step: string,
  sameDate: StepTiming | undefined,
): Promise<number | undefined> {
  const fromSameDate = succeededSeconds(sameDate);
  if (fromSameDate !== undefined) return fromSameDate;
  const earlier = await readEarlierManifest(store, dt);
  return earlier === undefined ? undefined : succeededSeconds(stepTiming(earlier, step));
}

function stepTiming(manifest: Manifest, step: string): StepTiming | undefined {
  return (manifest.query as { steps?: Record<string, StepTiming> } | undefined)?.steps?.[step];
}

function succeededSeconds(timing: StepTiming | undefined): number | undefined {
  if (timing?.state !== 'SUCCEEDED') return undefined;
  const seconds = timing.durationSeconds === undefined ? timing.elapsedSeconds : timing.durationSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
