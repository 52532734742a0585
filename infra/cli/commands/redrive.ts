// `redrive <execution>`: restart a failed, timed-out or aborted execution from the state that failed,
// keeping everything it already did (the fetch checkpoint in the lake makes a redriven fetch resume).
import { RedriveExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { CliError } from '../cli-errors.js';
import { describeExecution, dtOfDescription } from '../executions.js';
import { formatTime, type Write } from '../output.js';

export async function redriveRun(sfn: SFNClient, executionArn: string, write: Write): Promise<void> {
  const before = await describeExecution(sfn, executionArn);
  const label = `${before.name ?? executionArn} (dt ${dtOfDescription(before) ?? 'unknown'})`;
  if (before.status === 'RUNNING' || before.status === 'PENDING_REDRIVE') {
    throw new CliError(`${label} is still running: only a failed, timed-out or aborted execution can be redriven`);
  }
  if (before.status === 'SUCCEEDED') {
    throw new CliError(`${label} succeeded: there is nothing to redrive; start a new run with \`npm run ops -- start --dt <date>\``);
  }
  const { redriveDate } = await sfn.send(new RedriveExecutionCommand({ executionArn }));
  write(
    `Redriving ${label}, which had ${before.status ?? 'ended'} with ${before.error ?? 'no error'}` +
      `${redriveDate === undefined ? '' : `; redriven at ${formatTime(redriveDate)}`}.`,
  );
  write(`Follow it with: npm run ops -- watch ${before.name ?? executionArn}`);
}
