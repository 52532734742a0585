// `status`: the recent executions, newest first, with their outcome, the dt each one ran and how long
// it took (or has been running).
import { ListExecutionsCommand, type DescribeExecutionOutput, type SFNClient } from '@aws-sdk/client-sfn';
import { describeExecution, dtOfDescription } from '../executions.js';
import { formatDuration, formatTable, formatTime, type Write } from '../output.js';

export interface StatusOptions {
  limit: number;
  now: Date;
}

export async function showStatus(sfn: SFNClient, stateMachineArn: string, options: StatusOptions, write: Write): Promise<DescribeExecutionOutput[]> {
  const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: options.limit }));
  if (executions.length === 0) {
    write('No executions yet. Start one with: npm run ops -- start --dt <YYYY-MM-DD>');
    return [];
  }
  // The list has no input or error: describe each (the list is short) for its dt and failure.
  const described = await Promise.all(
    executions.flatMap((item) => (item.executionArn === undefined ? [] : [describeExecution(sfn, item.executionArn)])),
  );
  const rows = described.map((execution) => [
    execution.startDate === undefined ? '-' : formatTime(execution.startDate),
    outcomeOf(execution),
    dtOfDescription(execution) ?? '-',
    durationOf(execution, options.now),
    execution.name ?? '-',
  ]);
  for (const line of formatTable([['STARTED', 'OUTCOME', 'DT', 'DURATION', 'NAME'], ...rows])) write(line);
  return described;
}

function outcomeOf(execution: DescribeExecutionOutput): string {
  const status = execution.status ?? 'UNKNOWN';
  const error = execution.error === undefined ? '' : ` (${execution.error})`;
  const redriven = (execution.redriveCount ?? 0) > 0 ? `, redriven ${execution.redriveCount}x` : '';
  return `${status}${error}${redriven}`;
}

function durationOf(execution: DescribeExecutionOutput, now: Date): string {
  if (execution.startDate === undefined) return '-';
  const took = formatDuration((execution.stopDate ?? now).getTime() - execution.startDate.getTime());
  return execution.stopDate === undefined ? `${took} so far` : took;
}
