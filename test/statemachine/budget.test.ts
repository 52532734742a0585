// The timing budget (tasks/timing/budget.ts) against the ASL file: every number the budget sets is the
// number the definition carries, timeouts are retried at most once, and with every loop at its bound an
// execution stays under Step Functions' history quota and ends within its own TimeoutSeconds.
import { describe, expect, it } from 'vitest';
import { allStates, type AslMachine } from '../../statemachine/asl.js';
import { budgetMismatches, taskFunctionOf } from '../../statemachine/budget-check.js';
import { readDefinitionText } from '../../statemachine/definition.js';
import { HISTORY_EVENTS, isTimeoutRetrier, worstCaseHistoryEvents, worstCaseSeconds } from '../../statemachine/worst-case.js';
import { pollPolicy, stateTimeoutSeconds, TIMING_BUDGET } from '../../tasks/timing/budget.js';

/** The definition as written, placeholders in place (they name each Task's Lambda). */
function definition(): AslMachine {
  return JSON.parse(readDefinitionText()) as AslMachine;
}

const options = { mapItems: TIMING_BUDGET.query.maxSteps, polling: pollPolicy() };

function stateNamed(machine: AslMachine, name: string) {
  const state = Object.fromEntries(allStates(machine))[name];
  if (state === undefined) throw new Error(`no state ${name}`);
  return state;
}

describe('the definition and the timing budget', () => {
  it('carries every number the budget sets', () => {
    expect(budgetMismatches(definition())).toEqual([]);
  });

  it('notices a number that drifted from the budget', () => {
    const drifted = definition();
    stateNamed(drifted, 'LoadRawZone').TimeoutSeconds = 900;

    expect(budgetMismatches(drifted)).toEqual(['LoadRawZone.TimeoutSeconds is 900; the budget says 930 (Load Lambda 900 s + 30 s)']);
  });

  it('gives each Lambda state more time than its Lambda, so the function times out first and says why', () => {
    for (const [name, state] of allStates(definition())) {
      const task = taskFunctionOf(state);
      if (task === undefined) continue;
      expect(state.TimeoutSeconds, name).toBe(stateTimeoutSeconds(task));
      expect(stateTimeoutSeconds(task), name).toBeGreaterThan(TIMING_BUDGET.lambdaTimeoutSeconds[task]);
    }
  });
});

describe('retries of a timeout', () => {
  const timeoutRetriers = () =>
    allStates(definition()).flatMap(([name, state]) => (state.Retry ?? []).filter(isTimeoutRetrier).map((retrier) => ({ name, retrier })));

  it('retry a timeout at most once', () => {
    expect(timeoutRetriers().length).toBeGreaterThan(0);
    for (const { name, retrier } of timeoutRetriers()) expect(retrier.MaxAttempts, name).toBe(1);
  });

  it('never retry a task that runs to a time box of its own (fetch slice, load, publish): its timeout would come again', () => {
    const boxed = timeoutRetriers().filter(({ name }) => ['FetchArtists', 'LoadRawZone', 'PublishResults'].includes(name));

    expect(boxed).toEqual([]);
  });
});

describe('with every loop at its bound', () => {
  it(`writes fewer history events than Step Functions' quota of ${HISTORY_EVENTS.quota}`, () => {
    expect(worstCaseHistoryEvents(definition(), options)).toBeLessThan(HISTORY_EVENTS.quota);
  });

  it('would pass the quota if a query could poll for three hours', () => {
    const patient = definition();
    const rule = stateNamed(patient, 'IsQueryDone').Choices?.find((choice) => choice.Variable === '$.query.elapsedSeconds');
    rule!.NumericGreaterThanEquals = 3 * 60 * 60;

    expect(worstCaseHistoryEvents(patient, options)).toBeGreaterThan(HISTORY_EVENTS.quota);
  });

  it('ends within the state machine timeout, so a run that runs long fails through NotifyFailure with its cause', () => {
    const machine = definition();

    expect(worstCaseSeconds(machine, options)).toBeLessThanOrEqual(machine.TimeoutSeconds ?? 0);
  });

  it('would outlast the state machine timeout with a day of fetch slices', () => {
    const greedy = definition();
    stateNamed(greedy, 'IsFetchDone').Choices![1]!.NumericGreaterThanEquals = 96;

    expect(worstCaseSeconds(greedy, options)).toBeGreaterThan(greedy.TimeoutSeconds ?? 0);
  });

  it('refuses to count a loop that has no bound', () => {
    const unbounded = definition();
    const isQueryDone = stateNamed(unbounded, 'IsQueryDone');
    isQueryDone.Choices = isQueryDone.Choices?.filter((choice) => choice.NumericGreaterThanEquals === undefined);

    expect(() => worstCaseHistoryEvents(unbounded, options)).toThrow(/IsQueryDone back to WaitForQuery has no numeric bound/);
  });
});
