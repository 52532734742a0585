// The pipeline's timing budget, in one place. Every time limit of a run is derived from these numbers:
// the state machine's TimeoutSeconds, each Task state's TimeoutSeconds, each Lambda's timeout (CDK), the
// fetch's time box per slice and slices per execution, and the elapsed-time bounds of the poll loops.
//
// The ASL keeps its numbers as literals so it reads on its own; statemachine/budget-check.ts lists every
// literal that differs from this file, and the tests fail on any. The tests also hold the budget to the
// rules that make it consistent (test/statemachine/budget.test.ts, test/infra/timing.test.ts):
// - a state's TimeoutSeconds exceeds its Lambda's timeout, so the function times out first and says so;
// - a timeout is retried at most once, and never for a task that runs to a time box of its own;
// - with every loop at its bound, an execution stays under Step Functions' 25,000 history events;
// - with every loop at its bound, an execution ends (through NotifyFailure, with its cause) within the
//   state machine's TimeoutSeconds; a TIMED_OUT execution still raises the ExecutionsTimedOut alarm.
import type { PollPolicy } from './polling.js';

/** The Lambdas the state machine invokes, by the name in their placeholder (`${<name>FunctionArn}`). */
export const TASK_FUNCTIONS = ['ResolveRunDate', 'RunLease', 'Fetch', 'Load', 'Crawl', 'Query', 'AudioNeighbours', 'Publish'] as const;
export type TaskFunction = (typeof TASK_FUNCTIONS)[number];

export const TIMING_BUDGET = {
  /** A nightly run (01:00) that is still going at 13:00 is stopped. */
  stateMachineTimeoutSeconds: 12 * 60 * 60,
  /**
   * Added to a Lambda's timeout to give its state's TimeoutSeconds: the init phase (up to 10 s, not
   * counted in the function timeout) and the invoke itself, so the function's own timeout fires first.
   */
  stateTimeoutMarginSeconds: 30,
  lambdaTimeoutSeconds: {
    ResolveRunDate: 10,
    // One conditional put or delete on the results table.
    RunLease: 10,
    // Lambda's maximum: a slice is time-boxed inside it (sliceMarginSeconds earlier).
    Fetch: 900,
    Load: 900,
    Crawl: 30,
    Query: 30,
    // Lambda's maximum: all pairs of artists at the --artists bound. A timeout is not retried, as the
    // same input would take as long again.
    AudioNeighbours: 900,
    Publish: 900,
  } satisfies Record<TaskFunction, number>,
  /** NotifyFailure publishes to SNS: no Lambda. */
  notifyTimeoutSeconds: 30,
  fetch: {
    /**
     * Slices one execution may run; the fetch stops cleanly at this many (done, partial) and the next
     * night carries on. IsFetchDone fails the run at the same bound, should a fetch not stop by itself.
     */
    slicesPerExecution: 12,
    /** A slice stops starting artists this long before the Lambda's timeout, to finish and checkpoint. */
    sliceMarginSeconds: 120,
  },
  crawl: { pollLimitSeconds: 30 * 60 },
  query: {
    /** Per SQL step. */
    pollLimitSeconds: 15 * 60,
    /** PlanQuerySteps refuses more steps than this: the Map's worst case is counted with it. */
    maxSteps: 14,
  },
  /**
   * Waits between polls of the crawler and of each query (tasks/timing/polling.ts). A step with a
   * duration from the last run is first polled a fifth later than that: a run up to a fifth slower is
   * still seen at the first poll, at the cost of seeing a run as long as the last one a fifth late.
   */
  polling: { minWaitSeconds: 2, maxWaitSeconds: 60, growth: 1, expectedLateness: 0.2 },
  /** Local runs: every Wait lasts this fraction of its seconds (2 s becomes 100 ms). */
  localTimeScale: 0.05,
} as const;

/** The TimeoutSeconds of a Task state that invokes this Lambda. */
export function stateTimeoutSeconds(task: TaskFunction): number {
  return TIMING_BUDGET.lambdaTimeoutSeconds[task] + TIMING_BUDGET.stateTimeoutMarginSeconds;
}

/** How long one fetch slice keeps starting artists (FETCH_SLICE_SECONDS). */
export function fetchSliceSeconds(): number {
  return TIMING_BUDGET.lambdaTimeoutSeconds.Fetch - TIMING_BUDGET.fetch.sliceMarginSeconds;
}

/** The poll policy: as is on AWS (timeScale 1), or for a local runner that shortens Waits by timeScale. */
export function pollPolicy(timeScale = 1): PollPolicy {
  return { ...TIMING_BUDGET.polling, timeScale };
}
