// `start [--dt YYYY-MM-DD]`: one execution of the pipeline, for dt or (without it) for today in the
// pipeline's time zone, as the nightly schedule would run it.
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { parseRunDate } from '../../../tasks/run-date.js';
import { RunAlreadyInProgress } from '../cli-errors.js';
import { executionName, executionsByDate } from '../executions.js';
import type { Write } from '../output.js';

export interface StartOptions {
  dt?: string;
  /** Start even when another execution is running the same dt (its run lease still stops the new one at AcquireRunLease). */
  force?: boolean;
  now: Date;
}

/** Starts the execution and returns its ARN. */
export async function startRun(sfn: SFNClient, stateMachineArn: string, options: StartOptions, write: Write): Promise<string> {
  const dt = options.dt === undefined ? undefined : parseRunDate(options.dt);
  if (dt !== undefined && options.force !== true) await refuseIfRunning(sfn, stateMachineArn, dt);
  const name = executionName(dt, options.now);
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(dt === undefined ? {} : { dt }) }),
  );
  if (executionArn === undefined) throw new Error(`Step Functions returned no execution ARN for ${name}`);
  write(`Started ${name} for ${dt ?? "today's date in the pipeline's time zone"}.`);
  write(`Follow it with: npm run ops -- watch ${name}`);
  return executionArn;
}

/** Two runs of one date delete and rewrite the same prefixes: never start one beside another. */
export async function refuseIfRunning(sfn: SFNClient, stateMachineArn: string, dt: string): Promise<void> {
  const running = (await executionsByDate(sfn, stateMachineArn, 'RUNNING', new Date(0))).get(dt) ?? [];
  const [first] = running;
  if (first !== undefined) {
    throw new RunAlreadyInProgress(
      `${dt} is already being run by ${first.name ?? first.executionArn}: watch it with \`npm run ops -- watch ${first.name}\`, ` +
        'or stop it in the console. (--force starts another execution anyway, but the state machine\'s run lease ends it ' +
        'at AcquireRunLease with RunAlreadyInProgress while that run holds the date.)',
    );
  }
}
