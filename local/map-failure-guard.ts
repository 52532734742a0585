// Makes the local Map state fail as AWS's does. aws-local-stepfunctions 3.0.0 queues a Map's iterations
// in p-limit and, when one fails, aborts only the iterations already started: the queued ones still
// start, so with MaxConcurrency 1 every SQL step after a failed one ran anyway (and wrote its table for
// the failed date) while the execution went on to NotifyFailure. On AWS "if any iteration fails, the
// entire Map state fails, and all its iterations are terminated", and with MaxConcurrency 1 no
// iteration starts before the previous one has completed
// (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html).
//
// The library runs every iteration of one Map state on one iterator StateMachine it creates for that
// state, passing the root execution's abort signal along. The guard wraps StateMachine.run: once an
// iteration run of an iterator has failed, that iterator starts no other; the run it refuses ends as
// aborted, with no event and no task called.
import { ExecutionAbortedError, StateMachine, type RunOptions } from 'aws-local-stepfunctions';

type Run = StateMachine['run'];
type Execution = ReturnType<Run>;
/** What the library adds to the options of the runs it starts for Map iterations and Parallel branches. */
type NestedRunOptions = RunOptions & { _rootAbortSignal?: AbortSignal };

const GUARDED = Symbol.for('sixpotify.mapFailureGuard');
const failedIterators = new WeakSet<StateMachine>();

export function installMapFailureGuard(): void {
  const prototype = StateMachine.prototype as StateMachine & { [GUARDED]?: true };
  if (prototype[GUARDED]) return;
  const run: Run = prototype.run;
  prototype.run = function guardedRun(this: StateMachine, input, options?: NestedRunOptions): Execution {
    // A run the caller started itself (the execution) is left alone.
    if (options?._rootAbortSignal === undefined) return run.call(this, input, options);
    if (failedIterators.has(this)) return refusedExecution();
    const execution = run.call(this, input, options);
    // Registered before the Map's own wait on this result, so the mark is set before p-limit starts the next item.
    execution.result.catch(() => failedIterators.add(this));
    return execution;
  };
  prototype[GUARDED] = true;
}

function refusedExecution(): Execution {
  const result = Promise.reject(new ExecutionAbortedError());
  // The Map has already failed and ignores this result; keep it from surfacing as unhandled.
  result.catch(() => undefined);
  return { abort: () => undefined, result, eventLogs: (async function* () {})() };
}
