// Every number of statemachine/pipeline.asl.json that the timing budget (tasks/timing/budget.ts) sets,
// compared with the budget. The ASL keeps its numbers as literals, so it reads on its own and deploys
// as it is; this check is what keeps the two from drifting apart (test/statemachine/budget.test.ts).
import { stateTimeoutSeconds, TASK_FUNCTIONS, TIMING_BUDGET, type TaskFunction } from '../tasks/timing/budget.js';
import { allStates, boundRule, type AslMachine, type AslState } from './asl.js';

/** Which loop bound each Choice variable carries. */
const LOOP_BOUNDS: Record<string, { value: number; budget: string }> = {
  '$.fetch.slice': { value: TIMING_BUDGET.fetch.slicesPerExecution, budget: 'fetch.slicesPerExecution' },
  '$.crawl.elapsedSeconds': { value: TIMING_BUDGET.crawl.pollLimitSeconds, budget: 'crawl.pollLimitSeconds' },
  '$.query.elapsedSeconds': { value: TIMING_BUDGET.query.pollLimitSeconds, budget: 'query.pollLimitSeconds' },
};

const SNS_PUBLISH = 'arn:aws:states:::sns:publish';

/** The Lambda a Task state invokes, read from its (unrendered) Resource placeholder. */
export function taskFunctionOf(state: AslState): TaskFunction | undefined {
  const name = /^\$\{(\w+)FunctionArn\}$/.exec(state.Resource ?? '')?.[1];
  return (TASK_FUNCTIONS as readonly string[]).includes(name ?? '') ? (name as TaskFunction) : undefined;
}

/** One line per number that differs from the budget; empty when the definition keeps to it. */
export function budgetMismatches(definition: AslMachine): string[] {
  const problems: string[] = [];
  const expect = (where: string, actual: unknown, expected: number, why: string) => {
    if (actual !== expected) problems.push(`${where} is ${JSON.stringify(actual)}; the budget says ${expected} (${why})`);
  };
  expect('TimeoutSeconds', definition.TimeoutSeconds, TIMING_BUDGET.stateMachineTimeoutSeconds, 'stateMachineTimeoutSeconds');
  for (const [name, state] of allStates(definition)) {
    if (state.Type === 'Task') {
      const task = taskFunctionOf(state);
      if (task !== undefined) {
        const why = `${task} Lambda ${TIMING_BUDGET.lambdaTimeoutSeconds[task]} s + ${TIMING_BUDGET.stateTimeoutMarginSeconds} s`;
        expect(`${name}.TimeoutSeconds`, state.TimeoutSeconds, stateTimeoutSeconds(task), why);
      } else if (state.Resource === SNS_PUBLISH) {
        expect(`${name}.TimeoutSeconds`, state.TimeoutSeconds, TIMING_BUDGET.notifyTimeoutSeconds, 'notifyTimeoutSeconds');
      } else {
        problems.push(`${name} invokes ${String(state.Resource)}, which the budget has no timeout for`);
      }
    }
    const rule = state.Type === 'Choice' ? boundRule(state) : undefined;
    if (rule !== undefined) {
      const bound = LOOP_BOUNDS[rule.Variable ?? ''];
      if (bound === undefined) problems.push(`${name} bounds ${String(rule.Variable)}, which the budget has no limit for`);
      else expect(`${name} bound on ${String(rule.Variable)}`, rule.NumericGreaterThanEquals, bound.value, bound.budget);
    }
  }
  return problems;
}
