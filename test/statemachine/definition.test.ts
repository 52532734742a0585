// The ASL file is data: these tests read it and hold it to the rules every state must follow.
import validator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import {
  DEFINITION_PLACEHOLDERS,
  localSubstitutions,
  readDefinitionText,
  renderDefinition,
} from '../../statemachine/definition.js';
import { TASK_STEPS } from '../../tasks/query/task-steps.js';

interface State {
  Type: string;
  Comment?: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Choices?: Record<string, unknown>[];
  Default?: string;
  Next?: string;
  ItemProcessor?: Machine;
}
interface Machine {
  StartAt: string;
  States: Record<string, State>;
}

const definition = renderDefinition(localSubstitutions()) as unknown as Machine;

function allStates(machine: Machine): [string, State][] {
  return Object.entries(machine.States).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...(state.ItemProcessor ? allStates(state.ItemProcessor) : []),
  ]);
}

/** True when a state can be reached again from itself (a Choice that only dispatches cannot). */
function loopsBack(name: string): boolean {
  const states = Object.fromEntries(allStates(definition));
  const next = (state: State | undefined): string[] =>
    [state?.Next, state?.Default, ...(state?.Choices ?? []).map((choice) => choice.Next as string | undefined)].filter(
      (target): target is string => target !== undefined,
    );
  const seen = new Set<string>();
  const queue = next(states[name]);
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (current === name) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    queue.push(...next(states[current]));
  }
  return false;
}

describe('statemachine/pipeline.asl.json', () => {
  it('is valid Amazon States Language once its placeholders are filled', () => {
    // asl-validator mutates its input: give it a clone.
    const result = validator(structuredClone(definition));
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('uses exactly the placeholders CDK substitutes', () => {
    const used = new Set([...readDefinitionText().matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]));
    expect([...used].sort()).toEqual([...DEFINITION_PLACEHOLDERS].sort());
  });

  it('uses JSONPath, never JSONata', () => {
    expect(readDefinitionText()).not.toMatch(/JSONata|\{%/);
  });

  it('gives every Task a timeout, a retry for transient errors and a catch', () => {
    const tasks = allStates(definition).filter(([, state]) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(8);
    for (const [name, state] of tasks) {
      expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
      expect(state.Retry?.length, name).toBeGreaterThan(0);
      expect(state.Catch?.some((c) => c.ErrorEquals.includes('States.ALL')), name).toBe(true);
    }
  });

  it('routes every top-level catch to NotifyFailure, which gives the run lease back and ends in PipelineFailed', () => {
    const failurePath = ['NotifyFailure', 'IsRunDateKnown', 'ReleaseRunLeaseOnFailure'];
    for (const [name, state] of Object.entries(definition.States)) {
      if (failurePath.includes(name)) continue;
      for (const catcher of state.Catch ?? []) expect(catcher.Next, name).toBe('NotifyFailure');
    }
    expect(definition.States.NotifyFailure?.Next).toBe('IsRunDateKnown');
    expect(definition.States.NotifyFailure?.Catch?.map((catcher) => catcher.Next)).toEqual(['IsRunDateKnown']);
    expect(definition.States.ReleaseRunLeaseOnFailure?.Next).toBe('PipelineFailed');
    expect(definition.States.ReleaseRunLeaseOnFailure?.Catch?.map((catcher) => catcher.Next)).toEqual(['PipelineFailed']);
    expect(definition.States.PipelineFailed?.Type).toBe('Fail');
  });

  it('takes the run lease right after ResolveRunDate and gives it back before PipelineSucceeded', () => {
    expect(definition.States.ResolveRunDate?.Next).toBe('AcquireRunLease');
    expect(definition.States.AcquireRunLease?.Next).toBe('FetchArtists');
    expect(definition.States.PublishResults?.Next).toBe('ReleaseRunLease');
    expect(definition.States.ReleaseRunLease?.Next).toBe('PipelineSucceeded');
  });

  it('bounds every loop with a numeric limit on its counter', () => {
    // Only Choices that can be reached again from themselves close a loop (not IsRunDateKnown or ChooseStepEngine).
    const loops = allStates(definition).filter(([name, state]) => state.Type === 'Choice' && loopsBack(name));
    for (const [name, state] of loops) {
      const bounded = (state.Choices ?? []).some((choice) => 'NumericGreaterThanEquals' in choice);
      expect(bounded, name).toBe(true);
    }
    expect(loops.map(([name]) => name).sort()).toEqual(['IsCrawlerDone', 'IsFetchDone', 'IsQueryDone']);
  });

  it('names states as PascalCase verb phrases, each with a Comment', () => {
    for (const [name, state] of allStates(definition)) {
      expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(state.Comment, name).toBeTruthy();
    }
  });

  it('sends each task step of the query plan to a task by the name the plan gives it, every other step to StartQuery', () => {
    const choose = Object.fromEntries(allStates(definition)).ChooseStepEngine;

    expect((choose?.Choices ?? []).map((choice) => choice.StringEquals)).toEqual(TASK_STEPS.map((step) => step.name));
    expect(choose?.Default).toBe('StartQuery');
  });

  it('polls the crawler and each query through Wait states', () => {
    const states = Object.fromEntries(allStates(definition));
    expect(states.StartCrawler?.Next).toBe('WaitForCrawler');
    expect(states.GetCrawlerStatus?.Next).toBe('IsCrawlerDone');
    expect(states.IsCrawlerDone?.Default).toBe('WaitForCrawler');
    expect(states.StartQuery?.Next).toBe('WaitForQuery');
    expect(states.GetQueryStatus?.Next).toBe('IsQueryDone');
    expect(states.IsQueryDone?.Default).toBe('WaitForQuery');
  });
});
