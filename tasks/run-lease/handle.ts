// The runtime-independent half of the RunLease handler: AcquireRunLease and ReleaseRunLease (and
// ReleaseRunLeaseOnFailure) pass {"action", "dt", "execution"}.
import { z } from 'zod';
import { parseRunDate } from '../run-date.js';
import { parseTaskInput, runDateField } from '../task-input.js';
import { acquireRunLease, releaseRunLease, type RunLeasePorts, type RunLeaseTaken } from './run-lease.js';

export const runLeaseInputSchema = z.object({
  action: z.enum(['acquire', 'release']),
  dt: runDateField,
  execution: z.string().min(1),
});

export async function handleRunLease(event: unknown, ports: RunLeasePorts): Promise<RunLeaseTaken | { dt: string; released: boolean }> {
  const { action, execution, ...input } = parseTaskInput('RunLease', runLeaseInputSchema, event);
  const dt = parseRunDate(input.dt);
  return action === 'acquire' ? acquireRunLease(dt, execution, ports) : releaseRunLease(dt, execution, ports);
}
