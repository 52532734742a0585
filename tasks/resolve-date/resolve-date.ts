// ResolveRunDate: the first state. An operator's re-run passes {"dt": "YYYY-MM-DD"}; the nightly
// schedule passes nothing and the run belongs to today in the configured time zone. A dt later than
// tomorrow there is refused (InvalidRunDate): it would freeze publishing until that date.
import type { Clock } from '../ports.js';
import { parseRunDate, refuseFutureRunDate, todayIn } from '../run-date.js';

export interface ResolveRunDateInput {
  executionInput?: { dt?: unknown } | null;
}

export interface RunInfo {
  dt: string;
}

export function resolveRunDate(input: ResolveRunDateInput, ports: { clock: Clock; timeZone: string }): RunInfo {
  const now = ports.clock.now();
  const requested = input.executionInput?.dt;
  const dt =
    requested === undefined || requested === null
      ? todayIn(ports.timeZone, now)
      : refuseFutureRunDate(parseRunDate(requested), ports.timeZone, now);
  return { dt };
}
