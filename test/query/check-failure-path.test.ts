// A failed data-quality check through the real state machine (statemachine/pipeline.asl.json, run by
// the local runner): GetQueryStatus throws DataQualityCheckFailed, which no Retry of the query Map
// names, so it is raised once, never retried, and reaches NotifyFailure with its name and message.
import { describe, expect, it } from 'vitest';
import { runStateMachine, type LocalBindings } from '../../local/runner.js';
import { DataQualityCheckFailed } from '../../tasks/errors.js';

const MESSAGE = 'data quality check(s) failed in 05_check_curated for dt 2026-11-20: artist_id_unique: 1 violation(s), e.g. a1';

/** What a poll task returns besides its state: the loop is bounded by elapsed time and waits SecondsPath. */
const POLL_TIMING = { startedAt: '2026-11-20T00:00:00.000Z', elapsedSeconds: 0, waitSeconds: 1 };

function bindings() {
  const calls: string[] = [];
  const alerts: unknown[] = [];
  const tasks: LocalBindings = {
    ResolveRunDateFunctionArn: async () => ({ dt: '2026-11-20' }),
    FetchFunctionArn: async () => ({ done: true, slice: 1 }),
    LoadFunctionArn: async () => ({ artists: 3 }),
    CrawlFunctionArn: async (input) => ({
      ...((input as { action: string }).action === 'start' ? { state: 'RUNNING', attempt: 0 } : { state: 'SUCCEEDED', attempt: 1 }),
      expectedSeconds: 0,
      ...POLL_TIMING,
    }),
    QueryFunctionArn: async (input) => {
      const { action, step } = input as { action: string; step?: string };
      calls.push(`${action} ${step ?? ''}`.trim());
      if (action === 'plan') return { steps: ['05_check_curated', '06_artist_features'] };
      if (action === 'start') return { step, queryId: `q-${step}`, attempt: 0, ...POLL_TIMING };
      throw new DataQualityCheckFailed(MESSAGE, { step: step as string, failedChecks: [] });
    },
    AudioNeighboursFunctionArn: async () => {
      calls.push('audio-neighbours');
      return { artists: 0, neighbours: 0 };
    },
    PublishFunctionArn: async () => {
      calls.push('publish');
      return { itemsWritten: 0 };
    },
    RunLeaseFunctionArn: async (input) => {
      const { action, dt } = input as { action: string; dt: string };
      return action === 'acquire' ? { dt, holder: 'this execution', expiresAt: 'later' } : { dt, released: true };
    },
    notifyFailure: async (input) => {
      alerts.push(input);
      return {};
    },
  };
  return { tasks, calls, alerts };
}

describe('a failed data-quality check in the state machine', () => {
  it('ends the run through NotifyFailure as DataQualityCheckFailed, with the checks in the cause', async () => {
    const { tasks, alerts } = bindings();

    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1, retryMillis: 1 });

    expect(outcome).toMatchObject({ status: 'FAILED', error: 'DataQualityCheckFailed' });
    expect(String(outcome.cause)).toContain('artist_id_unique: 1 violation(s), e.g. a1');
    expect(outcome.states.slice(-4)).toEqual(['NotifyFailure', 'IsRunDateKnown', 'ReleaseRunLeaseOnFailure', 'PipelineFailed']);
    expect(alerts).toHaveLength(1);
  });

  it('is not retried', async () => {
    const { tasks, calls } = bindings();

    await runStateMachine(tasks, {}, { waitMillis: 1, retryMillis: 1 });

    expect(calls.filter((call) => call.endsWith('05_check_curated'))).toEqual(['start 05_check_curated', 'status 05_check_curated']);
  });

  it('never publishes', async () => {
    const { tasks, calls } = bindings();

    await runStateMachine(tasks, {}, { waitMillis: 1, retryMillis: 1 });

    expect(calls).not.toContain('publish');
  });
});
