// What the commands need to know about executions: how we name them, which dt each one ran, and
// waiting for one to end. A run's dt is the one input that decides what it writes.
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  type DescribeExecutionOutput,
  type ExecutionListItem,
  type ExecutionStatus,
  type SFNClient,
} from '@aws-sdk/client-sfn';

const NAME_DATE = /^dt-(\d{4}-\d{2}-\d{2})-/;

/** An execution is over once its status is one of these (PENDING_REDRIVE is about to run again). */
export const FINAL_STATUSES: readonly ExecutionStatus[] = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * `dt-2026-11-23-20261124T013000123Z`: the dt first, so the console's list reads by date, then the
 * start time to the millisecond, so each run of a date gets its own name (Step Functions keeps names
 * unique for 90 days) and the name is reproducible from the clock in tests.
 */
export function executionName(dt: string | undefined, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return dt === undefined ? `run-${stamp}` : `dt-${dt}-${stamp}`;
}

/** Accepts an execution ARN, or a bare execution name of this state machine. */
export function executionArnFor(stateMachineArn: string, nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${nameOrArn}`;
}

export function dtFromName(name: string | undefined): string | undefined {
  return NAME_DATE.exec(name ?? '')?.[1];
}

/**
 * The dt an execution ran for: our name says it; otherwise its input ({"dt": ...} from the console);
 * otherwise, for the nightly schedule's empty input, the date ResolveRunDate chose, kept in the output.
 */
export function dtOfDescription(description: Pick<DescribeExecutionOutput, 'name' | 'input' | 'output'>): string | undefined {
  const fromName = dtFromName(description.name);
  if (fromName !== undefined) return fromName;
  const input = parseObject(description.input);
  if (typeof input?.dt === 'string') return input.dt;
  const run = parseObject(description.output)?.run;
  const resolved = typeof run === 'object' && run !== null ? (run as { dt?: unknown }).dt : undefined;
  return typeof resolved === 'string' ? resolved : undefined;
}

export async function describeExecution(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionOutput> {
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

/**
 * Executions with `status` started at or after `since`, grouped by dt. Step Functions lists newest first,
 * so paging stops at the first older one; only executions whose name does not carry the dt are described.
 */
export async function executionsByDate(
  sfn: SFNClient,
  stateMachineArn: string,
  status: ExecutionStatus,
  since: Date,
): Promise<Map<string, ExecutionListItem[]>> {
  const byDate = new Map<string, ExecutionListItem[]>();
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: status, maxResults: 100, nextToken }),
    );
    const recent = (page.executions ?? []).filter((item) => (item.startDate?.getTime() ?? 0) >= since.getTime());
    for (const item of recent) {
      const dt =
        dtFromName(item.name) ?? (item.executionArn ? dtOfDescription(await describeExecution(sfn, item.executionArn)) : undefined);
      if (dt !== undefined) byDate.set(dt, [...(byDate.get(dt) ?? []), item]);
    }
    nextToken = recent.length === (page.executions ?? []).length ? page.nextToken : undefined;
  } while (nextToken !== undefined);
  return byDate;
}

/** Polls DescribeExecution until the execution is over; `onStatus` hears every change of status. */
export async function waitForExecution(
  sfn: SFNClient,
  executionArn: string,
  options: { pollMs: number; sleep: (ms: number) => Promise<void>; onStatus?: (status: ExecutionStatus) => void },
): Promise<DescribeExecutionOutput> {
  let last: ExecutionStatus | undefined;
  for (;;) {
    const description = await describeExecution(sfn, executionArn);
    if (description.status !== undefined && description.status !== last) {
      last = description.status;
      options.onStatus?.(last);
    }
    if (description.status !== undefined && FINAL_STATUSES.includes(description.status)) return description;
    await options.sleep(options.pollMs);
  }
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
