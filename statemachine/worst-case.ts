// The worst case of one execution of a definition, computed from the ASL itself: how many history events
// it can write (Step Functions keeps at most 25,000 per execution) and how long it can run (its
// TimeoutSeconds must be longer, so a run that runs long fails through NotifyFailure with its cause).
//
// Every loop must close at a Choice with one numeric bound (NumericGreaterThanEquals): a count of
// iterations (the fetch's slices), or an elapsed time in seconds (the poll loops, whose output carries
// `elapsedSeconds`). A loop without one makes both computations throw. The worst case is the longest
// path through the definition with each loop's states counted at their bound.
import { pollsWithin, type PollPolicy } from '../tasks/timing/polling.js';
import { boundRule, retrierDefaults, type AslMachine, type AslRetrier, type AslState } from './asl.js';

/**
 * History events per state, from the HistoryEvent types Step Functions writes
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html) and their
 * counts per state (https://cloudonaut.io/step-functions-pitfall-maximum-number-of-history-events/: a
 * Lambda Task writes 5, a Choice 2, a Wait 2). The quota:
 * https://docs.aws.amazon.com/step-functions/latest/dg/bp-history-limit.html
 */
export const HISTORY_EVENTS = {
  quota: 25_000,
  /** ExecutionStarted, then ExecutionSucceeded, ExecutionFailed or ExecutionTimedOut. */
  execution: 2,
  /** TaskStateEntered, LambdaFunctionScheduled (TaskScheduled), ...Started, ...Succeeded/Failed/TimedOut, TaskStateExited. */
  task: 5,
  /** Each retry: the failed attempt's ...Failed or ...TimedOut, then ...Scheduled and ...Started again. */
  retry: 3,
  /** <Type>StateEntered, <Type>StateExited. */
  choice: 2,
  wait: 2,
  pass: 2,
  succeed: 2,
  /** FailStateEntered (the execution's or the iteration's failure is counted with it). */
  fail: 1,
  /** MapStateEntered, MapStateStarted, MapStateSucceeded or MapStateFailed, MapStateExited. */
  map: 4,
  /** MapIterationStarted, then MapIterationSucceeded or MapIterationFailed. */
  mapIteration: 2,
} as const;

/** Errors that may stand for a task that ran out of time: a Lambda timeout surfaces as Sandbox.Timedout or Lambda.Unknown. */
export const TIMEOUT_ERRORS = ['States.Timeout', 'Sandbox.Timedout', 'Lambda.Unknown', 'States.TaskFailed', 'States.ALL'];

export interface WorstCaseOptions {
  /** The most items a Map state iterates over (the planned SQL steps). */
  mapItems: number;
  /** The poll policy behind every SecondsPath Wait and every elapsed-time bound. */
  polling: PollPolicy;
}

export function isTimeoutRetrier(retrier: AslRetrier): boolean {
  return retrier.ErrorEquals.some((error) => TIMEOUT_ERRORS.includes(error));
}

/** The most history events one execution can write. */
export function worstCaseHistoryEvents(definition: AslMachine, options: WorstCaseOptions): number {
  return HISTORY_EVENTS.execution + longestPath(definition, historyWeights(options));
}

/**
 * The longest one execution can run, in seconds. A timeout costs its state's whole TimeoutSeconds, once
 * per attempt a timeout retrier allows; any other error is counted at its retry interval, as Lambda's
 * service errors come when an invoke is refused and our typed errors when a task cannot start its work
 * (a probe, a Retry-After past the slice, a busy engine). What that leaves out is covered by the
 * ExecutionsTimedOut alarm.
 */
export function worstCaseSeconds(definition: AslMachine, options: WorstCaseOptions): number {
  return longestPath(definition, secondsWeights(options));
}

interface Weights {
  /** The cost of one pass through a state (a Map's whole run included). */
  state(name: string, state: AslState): number;
  /** How many times a loop's states count, and what the loop adds once on top. */
  loop(choice: string, bound: { variable: string; value: number }): { times: number; extra: number };
}

function historyWeights(options: WorstCaseOptions): Weights {
  return {
    state: (name, state) => {
      switch (state.Type) {
        case 'Task':
          return HISTORY_EVENTS.task + HISTORY_EVENTS.retry * retryAttempts(state.Retry);
        case 'Map': {
          const iteration = HISTORY_EVENTS.mapIteration + longestPath(processorOf(name, state), historyWeights(options));
          return HISTORY_EVENTS.map + options.mapItems * iteration;
        }
        case 'Choice':
          return HISTORY_EVENTS.choice;
        case 'Wait':
          return HISTORY_EVENTS.wait;
        case 'Pass':
          return HISTORY_EVENTS.pass;
        case 'Succeed':
          return HISTORY_EVENTS.succeed;
        case 'Fail':
          return HISTORY_EVENTS.fail;
        default:
          throw new Error(`state ${name}: no history-event count for type ${state.Type}`);
      }
    },
    loop: (_choice, bound) => ({ times: iterations(bound, options.polling), extra: 0 }),
  };
}

function secondsWeights(options: WorstCaseOptions): Weights {
  return {
    state: (name, state) => {
      if (state.Type === 'Task') {
        if (state.TimeoutSeconds === undefined) throw new Error(`Task ${name} has no TimeoutSeconds`);
        const timeoutRetries = retryAttempts(state.Retry?.filter(isTimeoutRetrier));
        return state.TimeoutSeconds * (1 + timeoutRetries) + retryWaits(state.Retry);
      }
      if (state.Type === 'Map') return options.mapItems * longestPath(processorOf(name, state), secondsWeights(options));
      if (state.Type === 'Wait') {
        if (typeof state.Seconds === 'number') return state.Seconds;
        // The poll tasks never suggest more than the policy's longest wait.
        if (state.SecondsPath !== undefined) return options.polling.maxWaitSeconds;
        throw new Error(`Wait ${name}: only Seconds and SecondsPath waits can be bounded`);
      }
      return 0;
    },
    // An elapsed-time loop ends at the first poll after its limit: the limit, then one more pass.
    loop: (_choice, bound) => (isElapsed(bound) ? { times: 1, extra: bound.value } : { times: bound.value, extra: 0 }),
  };
}

function isElapsed(bound: { variable: string }): boolean {
  return bound.variable.endsWith('.elapsedSeconds');
}

function iterations(bound: { variable: string; value: number }, polling: PollPolicy): number {
  return isElapsed(bound) ? pollsWithin(bound.value, polling) : bound.value;
}

function retryAttempts(retriers: AslRetrier[] | undefined): number {
  return (retriers ?? []).reduce((sum, retrier) => sum + retrierDefaults(retrier).MaxAttempts, 0);
}

/** Every wait every retrier can make, without jitter (FULL jitter only shortens them). */
function retryWaits(retriers: AslRetrier[] | undefined): number {
  let seconds = 0;
  for (const retrier of retriers ?? []) {
    const { IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds } = retrierDefaults(retrier);
    for (let attempt = 0; attempt < MaxAttempts; attempt += 1) {
      seconds += Math.min(IntervalSeconds * BackoffRate ** attempt, MaxDelaySeconds ?? Number.POSITIVE_INFINITY);
    }
  }
  return seconds;
}

function processorOf(name: string, state: AslState): AslMachine {
  const processor = state.ItemProcessor ?? state.Iterator;
  if (processor === undefined) throw new Error(`Map ${name} has no ItemProcessor`);
  return processor;
}

function successors(state: AslState): string[] {
  const next = [state.Next, state.Default, ...(state.Choices ?? []).map((rule) => rule.Next), ...(state.Catch ?? []).map((c) => c.Next)];
  return [...new Set(next.filter((name): name is string => typeof name === 'string'))];
}

/**
 * The heaviest path from StartAt to an end, loops counted at their bound: back edges (found by a depth-first
 * walk) close loops; each must leave a Choice with a numeric bound.
 */
function longestPath(machine: AslMachine, weights: Weights): number {
  const { States: states } = machine;
  const backEdges = findBackEdges(machine);
  const forward = (name: string) => successors(states[name] as AslState).filter((next) => !backEdges.has(`${name}->${next}`));
  const times = new Map<string, number>();
  const extra = new Map<string, number>();
  for (const edge of backEdges) {
    const [choice, head] = edge.split('->') as [string, string];
    const rule = boundRule(states[choice] as AslState);
    if (rule?.Variable === undefined || rule.NumericGreaterThanEquals === undefined) {
      throw new Error(`the loop from ${choice} back to ${head} has no numeric bound: add a NumericGreaterThanEquals rule to ${choice}`);
    }
    const loop = weights.loop(choice, { variable: rule.Variable, value: rule.NumericGreaterThanEquals });
    for (const name of loopBody(head, choice, forward)) times.set(name, (times.get(name) ?? 1) * loop.times);
    extra.set(head, (extra.get(head) ?? 0) + loop.extra);
  }
  const memo = new Map<string, number>();
  const heaviest = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const state = states[name];
    if (state === undefined) throw new Error(`a transition names ${name}, which is not a state`);
    const own = weights.state(name, state) * (times.get(name) ?? 1) + (extra.get(name) ?? 0);
    const total = own + Math.max(0, ...forward(name).map(heaviest));
    memo.set(name, total);
    return total;
  };
  return heaviest(machine.StartAt);
}

function findBackEdges(machine: AslMachine): Set<string> {
  const backEdges = new Set<string>();
  const onStack = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string) => {
    onStack.add(name);
    for (const next of successors(machine.States[name] as AslState)) {
      if (onStack.has(next)) backEdges.add(`${name}->${next}`);
      else if (!done.has(next)) visit(next);
    }
    onStack.delete(name);
    done.add(name);
  };
  visit(machine.StartAt);
  return backEdges;
}

/** The states of the loop from `head` to `choice`: reachable from head and reaching choice, going forward. */
function loopBody(head: string, choice: string, forward: (name: string) => string[]): Set<string> {
  const reachable = (from: string) => {
    const seen = new Set<string>([from]);
    const queue = [from];
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      for (const next of forward(name)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return seen;
  };
  return new Set([...reachable(head)].filter((name) => name === choice || reachable(name).has(choice)));
}

