// Runs statemachine/pipeline.asl.json (the same file CDK deploys) with aws-local-stepfunctions.
// Every Task state is bound to local task code by the ARN placeholder its Resource names, so the
// local run is the state machine: no local-only sequence of calls exists anywhere.
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import {
  localSubstitutions,
  renderDefinition,
  type DefinitionPlaceholder,
} from '../statemachine/definition.js';
import { checkedStateMachine } from './checked-state-machine.js';

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
  /** Local Wait durations in ms: shortened, not skipped, so the poll loops really poll. */
  waitMillis?: number;
  /** Local Retry intervals in ms. */
  retryMillis?: number;
}

type LocalHandlers = NonNullable<NonNullable<Parameters<StateMachine['run']>[1]>['overrides']>['taskResourceLocalHandlers'] &
  object;

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

  const taskHandlers: LocalHandlers = {};
  const waitOverrides: Record<string, number> = {};
  const retryOverrides: Record<string, number> = {};
  for (const [name, state] of allStates(definition as unknown as AslStates)) {
    if (state.Type === 'Task') {
      const handler = byResource.get(String(state.Resource));
      if (!handler) throw new Error(`state ${name} uses ${String(state.Resource)}, which has no local binding`);
      // Round-trip through JSON, as Lambda does: dates become strings, undefined fields vanish.
      taskHandlers[name] = async (stateInput) => JSON.parse(JSON.stringify((await handler(stateInput)) ?? null));
      if (state.Retry) retryOverrides[name] = options.retryMillis ?? 50;
    }
    if (state.Type === 'Wait') waitOverrides[name] = options.waitMillis ?? 25;
  }

  const machine = checkedStateMachine(definition);
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
      },
      StateMachine: { Id: 'arn:aws:states:local:000000000000:stateMachine:sixpotify-pipeline', Name: 'sixpotify-pipeline' },
    },
    overrides: {
      taskResourceLocalHandlers: taskHandlers,
      waitTimeOverrides: waitOverrides,
      retryIntervalOverrides: retryOverrides,
    },
  });

  const states: string[] = [];
  let stateTransitions = 0;
  let failure: { error?: string; cause?: unknown } = {};
  for await (const event of execution.eventLogs) {
    const stateData = 'state' in event ? (event.state as { name: string; input?: unknown; output?: unknown }) : undefined;
    const state = stateData?.name;
    if (event.type === 'StateEntered' && state) {
      stateTransitions += 1;
      states.push(state);
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
    return { status: 'SUCCEEDED', output, stateTransitions, states };
  } catch (error) {
    return {
      status: 'FAILED',
      error: failure.error ?? (error as Error).name,
      cause: failure.cause ?? (error as Error).message,
      stateTransitions,
      states,
    };
  }
}

interface AslState {
  Type: string;
  Resource?: unknown;
  Retry?: unknown;
  ItemProcessor?: AslStates;
  Iterator?: AslStates;
  Branches?: AslStates[];
}
interface AslStates {
  States: Record<string, AslState>;
}

/** Every state, including those nested in Map and Parallel states. */
function* allStates(machine: AslStates): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(machine.States)) {
    yield [name, state];
    const nested = [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])];
    for (const child of nested) if (child) yield* allStates(child);
  }
}
