// State machine paths, run by the local runner on the real ASL file. The task bindings here are plain
// functions that play each task's part, so each test can steer one branch of the definition.
import { describe, expect, it } from 'vitest';
import { AudioFeaturesInvalid, InvalidRunDate } from '../../tasks/errors.js';
import { runStateMachine, type LocalBindings } from '../../local/runner.js';

function bindings(overrides: Partial<LocalBindings> = {}): LocalBindings & { calls: string[]; alerts: unknown[] } {
  const calls: string[] = [];
  const alerts: unknown[] = [];
  const record = (name: string, result: (input: unknown) => unknown) => async (input: unknown) => {
    calls.push(name);
    return result(input);
  };
  let slices = 0;
  return {
    calls,
    alerts,
    ResolveRunDateFunctionArn: record('resolve', (input) => {
      const dt = (input as { executionInput: { dt?: string } }).executionInput.dt;
      if (dt === 'bad') throw new InvalidRunDate("dt 'bad' is not a date: use YYYY-MM-DD");
      return { dt: dt ?? '2026-11-23', startedAt: 'now' };
    }),
    FetchFunctionArn: record('fetch', () => ({ done: ++slices >= 2, slice: slices })),
    LoadFunctionArn: record('load', () => ({ artists: 3 })),
    CrawlFunctionArn: record('crawl', (input) => {
      const { action, attempt } = input as { action: string; attempt?: number };
      return action === 'start' ? { state: 'RUNNING', attempt: 0 } : { state: attempt! >= 2 ? 'SUCCEEDED' : 'RUNNING', attempt };
    }),
    QueryFunctionArn: record('query', (input) => {
      const { action, step, attempt } = input as { action: string; step?: string; attempt?: number };
      if (action === 'plan') return { steps: ['01_a', '02_b'] };
      if (action === 'start') return { step, queryId: `q-${step}`, attempt: 0 };
      return { step, queryId: `q-${step}`, attempt, state: attempt! >= 2 ? 'SUCCEEDED' : 'RUNNING' };
    }),
    AudioNeighboursFunctionArn: record('audio-neighbours', () => ({ artists: 3, neighbours: 6 })),
    PublishFunctionArn: record('publish', () => ({ itemsWritten: 9 })),
    notifyFailure: async (input) => {
      alerts.push(input);
      return {};
    },
    ...overrides,
  };
}

describe('pipeline state machine paths', () => {
  it('runs every step in order and succeeds', async () => {
    const tasks = bindings();
    const outcome = await runStateMachine(tasks, { dt: '2026-11-20' }, { waitMillis: 1 });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output?.run).toMatchObject({ dt: '2026-11-20' });
    expect(tasks.calls.filter((call) => call !== 'query' && call !== 'crawl')).toEqual(['resolve', 'fetch', 'fetch', 'load', 'publish']);
    expect(tasks.alerts).toEqual([]);
  });

  it('loops the fetch until it reports done', async () => {
    const tasks = bindings();
    await runStateMachine(tasks, {}, { waitMillis: 1 });
    expect(tasks.calls.filter((call) => call === 'fetch')).toHaveLength(2);
  });

  it('polls the crawler and each query until they succeed', async () => {
    const tasks = bindings();
    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1 });
    expect(outcome.states.filter((state) => state === 'GetCrawlerStatus')).toHaveLength(2);
    expect(outcome.states.filter((state) => state === 'GetQueryStatus')).toHaveLength(4);
    expect(outcome.states.filter((state) => state === 'WaitForQuery')).toHaveLength(4);
  });

  it('fails a malformed dt through NotifyFailure with the typed error', async () => {
    const tasks = bindings();
    const outcome = await runStateMachine(tasks, { dt: 'bad' }, { waitMillis: 1 });
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('InvalidRunDate');
    expect(String(outcome.cause)).toContain("dt 'bad' is not a date");
    expect(outcome.states.slice(-2)).toEqual(['NotifyFailure', 'PipelineFailed']);
    expect(tasks.alerts).toHaveLength(1);
    expect(tasks.calls).toEqual(['resolve']);
  });

  it('sends a FAILED query to the failure path and never publishes', async () => {
    const tasks = bindings({
      QueryFunctionArn: async (input) => {
        const { action, step, attempt } = input as { action: string; step?: string; attempt?: number };
        if (action === 'plan') return { steps: ['01_a', '02_b'] };
        if (action === 'start') return { step, queryId: 'q', attempt: 0 };
        return { step, queryId: 'q', attempt, state: 'FAILED', reason: 'division by zero' };
      },
    });
    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1 });
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('QueryFailed');
    expect(String(outcome.cause)).toContain('SQL step 01_a failed: division by zero');
    expect(tasks.calls).not.toContain('publish');
    expect(tasks.alerts).toHaveLength(1);
  });

  it('sends the artist_audio_neighbours step to FindAudioNeighbours, in plan order, and the SQL steps to StartQuery', async () => {
    const started: string[] = [];
    const tasks = bindings({
      QueryFunctionArn: async (input) => {
        const { action, step, attempt } = input as { action: string; step?: string; attempt?: number };
        if (action === 'plan') return { steps: ['01_a', 'artist_audio_neighbours', '02_b'] };
        if (action === 'start') started.push(step as string);
        return { step, queryId: `q-${step}`, attempt: attempt ?? 0, state: 'SUCCEEDED' };
      },
      AudioNeighboursFunctionArn: async (input) => {
        started.push(`audio-neighbours ${JSON.stringify(input)}`);
        return { artists: 3, neighbours: 6 };
      },
    });

    const outcome = await runStateMachine(tasks, { dt: '2026-11-20' }, { waitMillis: 1 });

    expect(outcome.status).toBe('SUCCEEDED');
    expect(started).toEqual(['01_a', 'audio-neighbours {"dt":"2026-11-20"}', '02_b']);
  });

  it('fails the run through NotifyFailure with the audio task\'s own error, and never publishes', async () => {
    const tasks = bindings({
      QueryFunctionArn: async (input) => {
        const { action, step, attempt } = input as { action: string; step?: string; attempt?: number };
        if (action === 'plan') return { steps: ['artist_audio_neighbours', '02_b'] };
        return { step, queryId: `q-${step}`, attempt: attempt ?? 0, state: 'SUCCEEDED' };
      },
      AudioNeighboursFunctionArn: async () => {
        throw new AudioFeaturesInvalid('exports/artist_features/dt=2026-11-20/data_0.json.gz line 3 is not a valid feature row');
      },
    });

    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1 });

    expect(outcome.error).toBe('AudioFeaturesInvalid');
    expect(String(outcome.cause)).toContain('line 3 is not a valid feature row');
    expect(outcome.states).toContain('NotifyFailure');
    expect(outcome.states).not.toContain('StartQuery');
    expect(tasks.calls).not.toContain('publish');
  });

  it('gives up on a crawler that never finishes after the poll bound', async () => {
    const tasks = bindings({
      CrawlFunctionArn: async (input) => ({ state: 'RUNNING', attempt: (input as { attempt?: number }).attempt ?? 0 }),
    });
    const outcome = await runStateMachine(tasks, {}, { waitMillis: 0 });
    expect(outcome.error).toBe('CrawlerTimedOut');
    expect(outcome.states.filter((state) => state === 'GetCrawlerStatus')).toHaveLength(90);
  });

  it('retries a transient task error before going on', async () => {
    let failures = 0;
    const tasks = bindings({
      LoadFunctionArn: async () => {
        if (failures++ === 0) throw Object.assign(new Error('throttled'), { name: 'Lambda.TooManyRequestsException' });
        return { artists: 3 };
      },
    });
    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1, retryMillis: 1 });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(failures).toBe(2);
  });
});
