// The runtime-independent half of the RunLease handler: AcquireRunLease and ReleaseRunLease (and
// ReleaseRunLeaseOnFailure) pass {"action", "dt", "execution"}.
import { z } from 'zod';
import { InvalidTaskInput } from '../errors.js';
import { parseRunDate } from '../run-date.js';
import { describeIssues } from '../validation.js';
import { acquireRunLease, releaseRunLease, type RunLeasePorts, type RunLeaseTaken } from './run-lease.js';

const inputSchema = z.object({
  action: z.enum(['acquire', 'release']),
  dt: z.unknown(),
  execution: z.string().min(1),
});

export async function handleRunLease(event: unknown, ports: RunLeasePorts): Promise<RunLeaseTaken | { dt: string; released: boolean }> {
  const parsed = inputSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidTaskInput(
      `RunLease expects {"action": "acquire" | "release", "dt": "YYYY-MM-DD", "execution": "<execution ARN>"}: ${describeIssues(parsed.error).join('; ')}`,
    );
  }
  const { action, execution } = parsed.data;
  const dt = parseRunDate(parsed.data.dt);
  return action === 'acquire' ? acquireRunLease(dt, execution, ports) : releaseRunLease(dt, execution, ports);
}
