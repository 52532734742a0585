// State machine paths, run by the local runner on the real ASL file. The task bindings here are plain
// functions that play each task's part, so each test can steer one branch of the definition.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AudioFeaturesInvalid, InvalidRunDate, RunAlreadyInProgress } from '../../tasks/errors.js';
import { runStateMachine, type LocalBindings } from '../../local/runner.js';

const STARTED_AT = '2026-11-23T00:00:00.000Z';

/** What a start or status task adds for the poll loop: each poll reports 10 s more. */
function timing(polls: number) {
  return { startedAt: STARTED_AT, elapsedSeconds: polls * 10, waitSeconds: 2 };
}

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
      return { dt: dt ?? '2026-11-23' };
    }),
    FetchFunctionArn: record('fetch', () => ({ done: ++slices >= 2, slice: slices })),
    LoadFunctionArn: record('load', () => ({ artists: 3 })),
    CrawlFunctionArn: record('crawl', (input) => {
      const { action, attempt = 0, expectedSeconds } = input as { action: string; attempt?: number; expectedSeconds?: number };
      if (action === 'start') return { state: 'RUNNING', attempt: 0, expectedSeconds: 45, ...timing(0) };
      return { state: attempt >= 2 ? 'SUCCEEDED' : 'RUNNING', attempt, expectedSeconds, ...timing(attempt) };
    }),
    QueryFunctionArn: record('query', (input) => {
      const { action, step, attempt = 0 } = input as { action: string; step?: string; attempt?: number };
      if (action === 'plan') return { steps: ['01_a', '02_b'] };
      if (action === 'start') return { step, queryId: `q-${step}`, attempt: 0, ...timing(0) };
      return { step, queryId: `q-${step}`, attempt, state: attempt >= 2 ? 'SUCCEEDED' : 'RUNNING', ...timing(attempt) };
    }),
    AudioNeighboursFunctionArn: record('audio-neighbours', () => ({ artists: 3, neighbours: 6 })),
    PublishFunctionArn: record('publish', () => ({ itemsWritten: 9 })),
    RunLeaseFunctionArn: async (input) => {
      const { action, dt } = input as { action: string; dt: string };
      calls.push(`lease:${action}`);
      return action === 'acquire' ? { dt, holder: 'this execution', expiresAt: 'later' } : { dt, released: true };
    },
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
    expect(tasks.calls.filter((call) => call !== 'query' && call !== 'crawl')).toEqual([
      'resolve',
      'lease:acquire',
      'fetch',
      'fetch',
      'load',
      'publish',
      'lease:release',
    ]);
    expect(tasks.alerts).toEqual([]);
  });

  it('loops the fetch until it reports done', async () => {
    const tasks = bindings();
    await runStateMachine(tasks, {}, { waitMillis: 1 });
    expect(tasks.calls.filter((call) => call === 'fetch')).toHaveLength(2);
  });

  it('goes on to load and publish when the fetch ends a night done but not complete', async () => {
    const tasks = bindings({ FetchFunctionArn: async () => ({ done: true, complete: false, slice: 12, artistsStaged: 1840, artistsRemaining: 3160 }) });

    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1 });

    expect(outcome.status).toBe('SUCCEEDED');
    expect(tasks.calls.filter((call) => call === 'load' || call === 'publish')).toEqual(['load', 'publish']);
    expect(tasks.alerts).toEqual([]);
  });

  it('passes the duration of the last crawl, as the crawl start found it, to every poll of the crawler', async () => {
    const polls: unknown[] = [];
    const tasks = bindings();
    const crawl = tasks.CrawlFunctionArn;

    await runStateMachine({ ...tasks, CrawlFunctionArn: async (input) => (polls.push(input), crawl(input)) }, {}, { waitMillis: 1 });

    expect(polls.slice(1)).toEqual([expect.objectContaining({ expectedSeconds: 45 }), expect.objectContaining({ expectedSeconds: 45 })]);
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
    // No dt, so no lease to give back: the failure path skips ReleaseRunLeaseOnFailure.
    expect(outcome.states.slice(-3)).toEqual(['NotifyFailure', 'IsRunDateKnown', 'PipelineFailed']);
    expect(tasks.alerts).toHaveLength(1);
    expect(tasks.calls).toEqual(['resolve']);
  });

  it('ends a second execution for a leased dt with RunAlreadyInProgress through NotifyFailure, before it fetches', async () => {
    // Prepare
    const tasks = bindings();
    const taken = tasks.RunLeaseFunctionArn;
    tasks.RunLeaseFunctionArn = async (input) => {
      if ((input as { action: string }).action === 'acquire') {
        tasks.calls.push('lease:acquire');
        throw new RunAlreadyInProgress('dt 2026-11-20 is already being run by execution:first');
      }
      return taken(input);
    };

    // Act
    const outcome = await runStateMachine(tasks, { dt: '2026-11-20' }, { waitMillis: 1 });

    // Assess
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('RunAlreadyInProgress');
    expect(tasks.alerts).toHaveLength(1);
    expect(tasks.calls).toEqual(['resolve', 'lease:acquire', 'lease:release']);
    expect(outcome.states.slice(-4)).toEqual(['NotifyFailure', 'IsRunDateKnown', 'ReleaseRunLeaseOnFailure', 'PipelineFailed']);
  });

  it('gives the lease back on the failure path, keeping the original error', async () => {
    // Prepare
    const tasks = bindings({
      LoadFunctionArn: async () => {
        throw Object.assign(new Error('nothing staged'), { name: 'NothingToLoad' });
      },
    });

    // Act
    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1 });

    // Assess
    expect(outcome.error).toBe('NothingToLoad');
    expect(tasks.calls.at(-1)).toBe('lease:release');
  });

  it('ends a failed run even when giving the lease back fails too (the lease then expires)', async () => {
    // Prepare
    const tasks = bindings({
      LoadFunctionArn: async () => {
        throw Object.assign(new Error('nothing staged'), { name: 'NothingToLoad' });
      },
      RunLeaseFunctionArn: async (input) => {
        if ((input as { action: string }).action === 'release') throw Object.assign(new Error('table gone'), { name: 'ResourceNotFoundException' });
        return { dt: '2026-11-23', holder: 'this execution', expiresAt: 'later' };
      },
    });

    // Act
    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1 });

    // Assess
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('NothingToLoad');
  });

  it('sends a FAILED query to the failure path and never publishes', async () => {
    const tasks = bindings({
      QueryFunctionArn: async (input) => {
        const { action, step, attempt = 0 } = input as { action: string; step?: string; attempt?: number };
        if (action === 'plan') return { steps: ['01_a', '02_b'] };
        if (action === 'start') return { step, queryId: 'q', attempt: 0, ...timing(0) };
        return { step, queryId: 'q', attempt, state: 'FAILED', reason: 'division by zero', ...timing(attempt) };
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
        return { step, queryId: `q-${step}`, attempt: attempt ?? 0, state: 'SUCCEEDED', ...timing(attempt ?? 0) };
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
        return { step, queryId: `q-${step}`, attempt: attempt ?? 0, state: 'SUCCEEDED', ...timing(attempt ?? 0) };
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

  it('gives up on a crawler still running once its elapsed time reaches the limit, naming how long it ran', async () => {
    const tasks = bindings({
      CrawlFunctionArn: async (input) => {
        const attempt = (input as { attempt?: number }).attempt ?? 0;
        return { state: 'RUNNING', attempt, expectedSeconds: 0, startedAt: STARTED_AT, elapsedSeconds: attempt * 600, waitSeconds: 60 };
      },
    });

    const outcome = await runStateMachine(tasks, {}, { waitMillis: 0 });

    expect(outcome.error).toBe('CrawlerTimedOut');
    expect(String(outcome.cause)).toContain('still running after 1800 seconds');
    expect(outcome.states.filter((state) => state === 'GetCrawlerStatus')).toHaveLength(3);
  });

  it('gives up on a query still running once its elapsed time reaches the limit, naming the step', async () => {
    const tasks = bindings({
      QueryFunctionArn: async (input) => {
        const { action, step, attempt = 0 } = input as { action: string; step?: string; attempt?: number };
        if (action === 'plan') return { steps: ['01_a'] };
        return { step, queryId: 'q', attempt, state: 'RUNNING', startedAt: STARTED_AT, elapsedSeconds: attempt * 300, waitSeconds: 60 };
      },
    });

    const outcome = await runStateMachine(tasks, {}, { waitMillis: 0 });

    expect(outcome.error).toBe('QueryTimedOut');
    expect(String(outcome.cause)).toBe('SQL step 01_a was still running after 900 seconds');
  });

  it('starts no SQL step after one has failed, as the Map state does on AWS', async () => {
    const started: string[] = [];
    const tasks = bindings({
      QueryFunctionArn: async (input) => {
        const { action, step, attempt = 0 } = input as { action: string; step?: string; attempt?: number };
        if (action === 'plan') return { steps: ['01_a', '02_b', '03_c', '04_d'] };
        if (action === 'start') {
          started.push(step!);
          return { step, queryId: `q-${step}`, attempt: 0, ...timing(0) };
        }
        const state = step === '02_b' ? 'FAILED' : 'SUCCEEDED';
        return { step, queryId: `q-${step}`, attempt, state, reason: 'no such column', ...timing(attempt) };
      },
    });

    const outcome = await runStateMachine(tasks, {}, { waitMillis: 1 });
    // Later iterations used to start after the execution had already ended: give them the chance.
    await sleep(100);

    expect(outcome.error).toBe('QueryFailed');
    expect(started).toEqual(['01_a', '02_b']);
    expect(outcome.states.filter((state) => state === 'StartQuery')).toHaveLength(2);
  });

  it('gives StartQuery the execution id and redrive count its request token is made from', async () => {
    const starts: unknown[] = [];
    const tasks = bindings();
    const query = tasks.QueryFunctionArn;
    tasks.QueryFunctionArn = async (input) => {
      if ((input as { action: string }).action === 'start') starts.push(input);
      return query(input);
    };

    await runStateMachine(tasks, { dt: '2026-11-20' }, { waitMillis: 1 });

    expect(starts).toEqual([
      { action: 'start', dt: '2026-11-20', step: '01_a', execution: expect.stringMatching(/^arn:aws:states:.*:execution:/), redriveCount: 0 },
      { action: 'start', dt: '2026-11-20', step: '02_b', execution: expect.stringMatching(/^arn:aws:states:.*:execution:/), redriveCount: 0 },
    ]);
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
