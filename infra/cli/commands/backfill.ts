// `backfill --from --to [--force]`: one execution per date, one at a time (each run of the pipeline
// uses the whole Glue crawler and the Athena workgroup), oldest first. Dates that already have a
// succeeded execution are skipped unless --force; the first failure stops the backfill and names its date.
import { StartExecutionCommand, type ExecutionListItem, type ExecutionStatus, type SFNClient } from '@aws-sdk/client-sfn';
import { parseRunDate } from '../../../tasks/run-date.js';
import { CliUsageError } from '../cli-errors.js';
import { executionName, executionsByDate, waitForExecution } from '../executions.js';
import { formatDuration, type Write } from '../output.js';
import { refuseIfRunning } from './start.js';

const DAY_MS = 86_400_000;

export interface BackfillOptions {
  from: string;
  to: string;
  force?: boolean;
  pollMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export interface BackfillOutcome {
  succeeded: string[];
  skipped: string[];
  /** The date whose execution did not succeed; the backfill stopped there. */
  failed?: { dt: string; status: ExecutionStatus | undefined; error?: string; cause?: string };
}

export async function backfill(sfn: SFNClient, stateMachineArn: string, options: BackfillOptions, write: Write): Promise<BackfillOutcome> {
  const dates = datesBetween(parseRunDate(options.from), parseRunDate(options.to));
  // A run for dt starts at the earliest the day before (the nightly 01:00 Asia/Seoul run is 16:00 UTC).
  const since = new Date(Date.parse(`${dates[0]}T00:00:00Z`) - DAY_MS);
  const done = options.force === true ? new Map<string, ExecutionListItem[]>() : await executionsByDate(sfn, stateMachineArn, 'SUCCEEDED', since);
  write(`Backfill ${dates.length} date${dates.length === 1 ? '' : 's'}, ${options.from} to ${options.to}, one at a time.`);

  const outcome: BackfillOutcome = { succeeded: [], skipped: [] };
  for (const dt of dates) {
    const previous = done.get(dt)?.[0];
    if (previous !== undefined) {
      write(`${dt}  skipped: already succeeded in ${previous.name} (pass --force to run it again)`);
      outcome.skipped.push(dt);
      continue;
    }
    await refuseIfRunning(sfn, stateMachineArn, dt);
    const startedAt = options.now();
    const name = executionName(dt, startedAt);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ dt }) }),
    );
    if (executionArn === undefined) throw new Error(`Step Functions returned no execution ARN for ${name}`);
    write(`${dt}  started ${name}`);
    const result = await waitForExecution(sfn, executionArn, { pollMs: options.pollMs, sleep: options.sleep });
    const took = formatDuration((result.stopDate ?? options.now()).getTime() - (result.startDate ?? startedAt).getTime());
    if (result.status !== 'SUCCEEDED') {
      write(`${dt}  ${result.status ?? 'ENDED'} after ${took}: ${result.error ?? 'no error'}: ${result.cause ?? 'no cause'}`);
      write(`Backfill stopped at ${dt}. Later dates were not started. Redrive it with: npm run ops -- redrive ${name}`);
      outcome.failed = { dt, status: result.status, error: result.error, cause: result.cause };
      return outcome;
    }
    write(`${dt}  SUCCEEDED in ${took}`);
    outcome.succeeded.push(dt);
  }
  write(`Backfill done: ${outcome.succeeded.length} run, ${outcome.skipped.length} skipped.`);
  return outcome;
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const first = Date.parse(`${from}T00:00:00Z`);
  const last = Date.parse(`${to}T00:00:00Z`);
  if (last < first) throw new CliUsageError(`--from ${from} is after --to ${to}: give the earlier date first`);
  const dates: string[] = [];
  for (let day = first; day <= last; day += DAY_MS) dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
}
