// Runs statemachine/pipeline.asl.json (the same file CDK deploys) with aws-local-stepfunctions.
// Every Task state is bound to local task code by the ARN placeholder its Resource names, so the
// local run is the state machine: no local-only sequence of calls exists anywhere. Waits are
// shortened by a scale factor, not skipped, so the poll loops really poll.
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import {
  localSubstitutions,
  renderDefinition,
  type DefinitionPlaceholder,
} from '../statemachine/definition.js';
import { allStates, type AslMachine } from '../statemachine/asl.js';
import { TIMING_BUDGET } from '../tasks/timing/budget.js';
import { installMapFailureGuard } from './map-failure-guard.js';
import { scaledWaits } from './scaled-waits.js';

export type TaskHandler = (input: unknown) => Promise<unknown>;

/** Local code for each Lambda placeholder, plus the SNS publish of NotifyFailure. */
export type LocalBindings = Record<Exclude<DefinitionPlaceholder, 'FailureTopicArn'>, TaskHandler> & {
  notifyFailure: TaskHandler;
};

export interface StateEvent {
  type: string;
  state?: string;
  error?: string;
  cause?: unknown;
  input?: unknown;
  output?: unknown;
  /** The Map iteration a state event belongs to; undefined for top-level states. */
  index?: number;
  timestamp: number;
}

export interface ExecutionOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  output?: Record<string, unknown>;
  error?: string;
  cause?: unknown;
  stateTransitions: number;
  states: string[];
}

export interface RunOptions {
  onEvent?: (event: StateEvent) => void;
  /**
   * Each Wait lasts its seconds (Seconds, or the number SecondsPath points at) times this factor; the
   * budget's local scale unless given. The local runtime's poll tasks suggest their waits for the same scale.
   */
  waitScale?: number;
  /** Every Wait lasts exactly this many ms instead (tests that steer the loops with fake tasks). */
  waitMillis?: number;
  /** Local Retry intervals in ms. */
  retryMillis?: number;
}

type LocalHandlers = NonNullable<NonNullable<Parameters<StateMachine['run']>[1]>['overrides']>['taskResourceLocalHandlers'] &
  object;

type JsonValue = Parameters<StateMachine['run']>[0];

const SNS_PUBLISH = 'arn:aws:states:::sns:publish';

export async function runStateMachine(
  bindings: LocalBindings,
  input: Record<string, unknown>,
  options: RunOptions = {},
): Promise<ExecutionOutcome> {
  const substitutions = localSubstitutions();
  const definition = renderDefinition(substitutions) as unknown as StateMachineDefinition;
  const byResource = new Map<string, TaskHandler>([[SNS_PUBLISH, bindings.notifyFailure]]);
  for (const [placeholder, arn] of Object.entries(substitutions)) {
    const handler = (bindings as Record<string, TaskHandler | undefined>)[placeholder];
    if (handler) byResource.set(arn, handler);
  }

  const states = allStates(definition as unknown as AslMachine);
  const waits = scaledWaits(definition as unknown as AslMachine, options.waitScale ?? TIMING_BUDGET.localTimeScale);
  const taskHandlers: LocalHandlers = {};
  const retryOverrides: Record<string, number> = {};
  for (const [name, state] of states) {
    if (state.Type === 'Task') {
      const handler = byResource.get(String(state.Resource));
      if (!handler) throw new Error(`state ${name} uses ${String(state.Resource)}, which has no local binding`);
      taskHandlers[name] = async (stateInput) => {
        // Round-trip through JSON, as Lambda does: dates become strings, undefined fields vanish.
        const result = JSON.parse(JSON.stringify((await handler(stateInput)) ?? null)) as JsonValue;
        waits.observe(name, result);
        return result;
      };
      if (state.Retry) retryOverrides[name] = options.retryMillis ?? 50;
    }
  }
  const waitOverrides =
    options.waitMillis === undefined
      ? waits.overrides
      : Object.fromEntries(states.filter(([, state]) => state.Type === 'Wait').map(([name]) => [name, options.waitMillis as number]));

  installMapFailureGuard();
  const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
  const executionName = `local-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const execution = machine.run(input as Parameters<StateMachine['run']>[0], {
    // The Context Object as Step Functions fills it; NotifyFailure reports the execution id and input.
    context: {
      Execution: {
        Id: `arn:aws:states:local:000000000000:execution:sixpotify-pipeline:${executionName}`,
        Name: executionName,
        Input: input as Parameters<StateMachine["run"]>[0],
        StartTime: new Date().toISOString(),
        RoleArn: 'arn:aws:iam::000000000000:role/local',
        // A local execution is never redriven; StartQuery derives its request token from this.
        RedriveCount: 0,
      },
      StateMachine: { Id: 'arn:aws:states:local:000000000000:stateMachine:sixpotify-pipeline', Name: 'sixpotify-pipeline' },
    },
    overrides: {
      taskResourceLocalHandlers: taskHandlers,
      waitTimeOverrides: waitOverrides,
      retryIntervalOverrides: retryOverrides,
    },
  });

  const entered: string[] = [];
  let stateTransitions = 0;
  let failure: { error?: string; cause?: unknown } = {};
  for await (const event of execution.eventLogs) {
    const stateData = 'state' in event ? (event.state as { name: string; input?: unknown; output?: unknown }) : undefined;
    const state = stateData?.name;
    if (event.type === 'StateEntered' && state) {
      stateTransitions += 1;
      entered.push(state);
    }
    if (event.type === 'ExecutionFailed') failure = { error: event.Error, cause: event.Cause };
    options.onEvent?.({
      type: event.type,
      state,
      error: 'Error' in event ? String(event.Error) : undefined,
      cause: 'Cause' in event ? event.Cause : undefined,
      input: stateData?.input,
      output: stateData?.output,
      index: 'index' in event && typeof event.index === 'number' ? event.index : undefined,
      timestamp: event.timestamp,
    });
  }

  try {
    const output = (await execution.result) as Record<string, unknown>;
    return { status: 'SUCCEEDED', output, stateTransitions, states: entered };
  } catch (error) {
    return {
      status: 'FAILED',
      error: failure.error ?? (error as Error).name,
      cause: failure.cause ?? (error as Error).message,
      stateTransitions,
      states: entered,
    };
  }
}
