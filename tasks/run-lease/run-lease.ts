// AcquireRunLease and ReleaseRunLease: two executions for the same dt never interleave. The first
// takes the date's lease right after ResolveRunDate; a second one ends at once with
// RunAlreadyInProgress (through NotifyFailure, so it alerts) before it touches the date. The lease is
// given back on success and on the failure path, and expires on its own after the longest a run
// can last (the state machine's timeout), should neither happen (a stopped or timed-out execution).
import { RunAlreadyInProgress } from '../errors.js';
import type { Clock, Logger, RunLeases } from '../ports.js';

export interface RunLeasePorts {
  leases: RunLeases;
  clock: Clock;
  logger: Logger;
  /** How long a lease lasts: longer than the state machine's timeout. */
  leaseSeconds: number;
}

export interface RunLeaseTaken {
  dt: string;
  holder: string;
  expiresAt: string;
}

export async function acquireRunLease(dt: string, execution: string, ports: RunLeasePorts): Promise<RunLeaseTaken> {
  const now = ports.clock.now();
  const expiresAt = new Date(now.getTime() + ports.leaseSeconds * 1000).toISOString();
  const held = await ports.leases.acquire({ dt, holder: execution, acquiredAt: now.toISOString(), expiresAt }, now);
  if (held.holder !== execution) {
    throw new RunAlreadyInProgress(
      `dt ${dt} is already being run by ${held.holder} (since ${held.acquiredAt}); this execution stopped before touching the date. ` +
        `Wait for that run to end; if it was stopped, its lease expires at ${held.expiresAt}`,
    );
  }
  ports.logger.info('run lease taken', { dt, holder: execution, expiresAt });
  return { dt, holder: execution, expiresAt };
}

export async function releaseRunLease(dt: string, execution: string, ports: Pick<RunLeasePorts, 'leases' | 'logger'>): Promise<{ dt: string; released: boolean }> {
  const released = await ports.leases.release(dt, execution);
  // Not holding it is normal on the failure path of an execution that never got it.
  ports.logger.info(released ? 'run lease released' : 'no run lease of this execution to release', { dt, holder: execution });
  return { dt, released };
}
