// The deployed timing: each Lambda's timeout in the synthesized template comes from the timing budget
// and is shorter than the TimeoutSeconds of every state that invokes it, so a function that runs too
// long fails with its own timeout error, not with the state's States.Timeout racing it.
import { beforeAll, describe, expect, it } from 'vitest';
import { allStates, type AslMachine } from '../../statemachine/asl.js';
import { readDefinitionText } from '../../statemachine/definition.js';
import { defaultFetchSettings } from '../../tasks/fetch/settings.js';
import { TASK_FUNCTIONS, TIMING_BUDGET } from '../../tasks/timing/budget.js';
import { logicalIdOf, synthSixpotify, type Synthesized } from '../../infra/synth.js';

type Substitution = { 'Fn::GetAtt'?: [string, string] };
type FunctionProperties = { Timeout?: number; Environment?: { Variables?: Record<string, string> } };

let synthesized: Synthesized;
let substitutions: Record<string, Substitution>;

beforeAll(() => {
  synthesized = synthSixpotify();
  const stateMachineId = logicalIdOf(synthesized.json, 'AWS::StepFunctions::StateMachine', 'Pipeline');
  substitutions = (synthesized.json.Resources[stateMachineId]?.Properties as { DefinitionSubstitutions: Record<string, Substitution> })
    .DefinitionSubstitutions;
});

/** The deployed function a placeholder is replaced by. */
function deployedFunction(placeholder: string): FunctionProperties {
  const logicalId = substitutions[placeholder]?.['Fn::GetAtt']?.[0] ?? '';
  const properties = synthesized.json.Resources[logicalId]?.Properties;
  if (properties === undefined) throw new Error(`${placeholder} is not substituted with a function of the stack`);
  return properties as FunctionProperties;
}

describe('the deployed timeouts', () => {
  it('give every Lambda state more time than the function it invokes', () => {
    const lambdaStates = allStates(JSON.parse(readDefinitionText()) as AslMachine).filter(([, state]) =>
      /^\$\{\w+FunctionArn\}$/.test(state.Resource ?? ''),
    );

    expect(lambdaStates.length).toBeGreaterThanOrEqual(8);
    for (const [name, state] of lambdaStates) {
      const placeholder = (state.Resource ?? '').slice(2, -1);
      expect(deployedFunction(placeholder).Timeout, name).toBeLessThan(state.TimeoutSeconds ?? 0);
    }
  });

  it('come from the timing budget', () => {
    for (const task of TASK_FUNCTIONS) {
      expect(deployedFunction(`${task}FunctionArn`).Timeout, task).toBe(TIMING_BUDGET.lambdaTimeoutSeconds[task]);
    }
  });

  it('let a fetch slice and its in-flight artists finish before the fetch Lambda times out', () => {
    const fetch = deployedFunction('FetchFunctionArn');
    const sliceSeconds = Number(fetch.Environment?.Variables?.FETCH_SLICE_SECONDS);

    expect(sliceSeconds + defaultFetchSettings.finishGraceMs / 1000).toBeLessThan(fetch.Timeout ?? 0);
  });
});
