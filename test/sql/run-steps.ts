// Runs SQL steps the way the state machine does: StartQuery, then GetQueryStatus until a final state.
// A task error (a failed data-quality check, say) ends the step as the state machine's Catch does:
// FAILED, with the error's name and message.
import { setTimeout as sleep } from 'node:timers/promises';
import { handleQuery } from '../../tasks/query/handle.js';
import type { QueryPorts } from '../../tasks/query/query.js';

export interface StepOutcome {
  step: string;
  state: string;
  /** The name of the error the task threw (the state machine's ErrorEquals), when it threw one. */
  error?: string;
  reason?: string;
  polls: number;
}

/** Runs the steps in order and stops at the first that does not succeed. */
export async function runSteps(ports: QueryPorts, dt: string, steps?: string[]): Promise<StepOutcome[]> {
  const names = steps ?? ((await handleQuery({ action: 'plan' }, ports)) as { steps: string[] }).steps;
  const outcomes: StepOutcome[] = [];
  for (const step of names) {
    const outcome = await runStep(ports, dt, step);
    outcomes.push(outcome);
    if (outcome.state !== 'SUCCEEDED') break;
  }
  return outcomes;
}

export async function runStep(ports: QueryPorts, dt: string, step: string): Promise<StepOutcome> {
  let progress = (await handleQuery({ action: 'start', dt, step }, ports)) as {
    step: string;
    queryId: string;
    attempt: number;
    state?: string;
    reason?: string;
  };
  for (;;) {
    await sleep(2);
    try {
      progress = (await handleQuery({ action: 'status', dt, ...progress, attempt: progress.attempt + 1 }, ports)) as typeof progress;
    } catch (error) {
      return { step, state: 'FAILED', error: (error as Error).name, reason: (error as Error).message, polls: progress.attempt + 1 };
    }
    if (progress.state === 'SUCCEEDED' || progress.state === 'FAILED' || progress.state === 'CANCELLED') {
      return { step, state: progress.state, reason: progress.reason, polls: progress.attempt };
    }
  }
}
