// The deployed state machine is the one ASL file (the same one the local runner executes), its
// Lambda placeholders become the task functions' ARNs, the nightly schedule starts it, and its
// role may invoke the task functions and nothing else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFINITION_PLACEHOLDERS, readDefinitionText, renderDefinition } from '../../statemachine/definition.js';
import { actionsOf, logicalIdOf, logicalIdsOf, resourcesOf, roleStatements, synthSixpotify, type Synthesized } from '../../infra/synth.js';

type Substitution = { 'Fn::GetAtt'?: [string, string]; Ref?: string };
type State = { Type: string; Resource?: string; ItemProcessor?: { States: Record<string, State> } };

/** Every state of a definition, Map item processors included, by name. */
function allStates(states: Record<string, State>): Record<string, State> {
  return Object.fromEntries(
    Object.entries(states).flatMap(([name, state]) => [
      [name, state],
      ...Object.entries(state.ItemProcessor ? allStates(state.ItemProcessor.States) : {}),
    ]),
  );
}

let synthesized: Synthesized;
let stateMachine: { DefinitionS3Location: { Key: string }; DefinitionSubstitutions: Record<string, Substitution>; RoleArn: Substitution };
let stateMachineId: string;
let taskFunctionIds: string[];

beforeAll(() => {
  synthesized = synthSixpotify();
  stateMachineId = logicalIdOf(synthesized.json, 'AWS::StepFunctions::StateMachine', 'Pipeline');
  stateMachine = synthesized.json.Resources[stateMachineId]?.Properties as typeof stateMachine;
  // The state machine's tasks: every task function but the chatbot's lookup (CDK's own custom-resource
  // handlers are not Tasks functions).
  taskFunctionIds = logicalIdsOf(synthesized.json, 'AWS::Lambda::Function').filter(
    (id) => id.startsWith('Tasks') && !id.startsWith('TasksSimilar'),
  );
});

describe('the deployed definition', () => {
  it('is the ASL file itself, uploaded unchanged', () => {
    const manifest = JSON.parse(readFileSync(join(synthesized.outdir, `${synthesized.stack.artifactId}.assets.json`), 'utf8')) as {
      files: Record<string, { source: { path: string } }>;
    };
    const assetHash = stateMachine.DefinitionS3Location.Key.replace(/\.json$/, '');
    const asset = manifest.files[assetHash];

    expect(asset).toBeDefined();
    expect(readFileSync(join(synthesized.outdir, asset?.source.path ?? ''), 'utf8')).toBe(readDefinitionText());
  });

  it('substitutes every placeholder the definition uses', () => {
    expect(Object.keys(stateMachine.DefinitionSubstitutions).sort()).toEqual([...DEFINITION_PLACEHOLDERS].sort());
  });

  it('substitutes each function placeholder with the ARN of a task function', () => {
    const functionPlaceholders = DEFINITION_PLACEHOLDERS.filter((name) => name.endsWith('FunctionArn'));
    const targets = functionPlaceholders.map((name) => stateMachine.DefinitionSubstitutions[name]?.['Fn::GetAtt']);

    expect(targets.every((target) => target?.[1] === 'Arn')).toBe(true);
    expect(targets.map((target) => target?.[0]).sort()).toEqual([...taskFunctionIds].sort());
  });

  it('maps each placeholder to the function of the same task', () => {
    const functionOf = (placeholder: string) => stateMachine.DefinitionSubstitutions[placeholder]?.['Fn::GetAtt']?.[0] ?? '';

    expect(functionOf('ResolveRunDateFunctionArn')).toMatch(/^TasksResolveRunDateFunction/);
    expect(functionOf('FetchFunctionArn')).toMatch(/^TasksFetchFunction/);
    expect(functionOf('LoadFunctionArn')).toMatch(/^TasksLoadFunction/);
    expect(functionOf('CrawlFunctionArn')).toMatch(/^TasksCrawlFunction/);
    expect(functionOf('QueryFunctionArn')).toMatch(/^TasksQueryFunction/);
    expect(functionOf('PublishFunctionArn')).toMatch(/^TasksPublishFunction/);
    expect(functionOf('RunLeaseFunctionArn')).toMatch(/^TasksRunLeaseFunction/);
  });

  it('publishes failures to the failure topic', () => {
    expect(stateMachine.DefinitionSubstitutions.FailureTopicArn).toEqual({
      Ref: logicalIdOf(synthesized.json, 'AWS::SNS::Topic', 'PipelineFailureTopic'),
    });
  });

  it('keeps the same states, with every Lambda task resolved to a function of the stack', () => {
    // Render as CloudFormation will: each placeholder becomes the logical id it points at.
    const rendered = renderDefinition(
      Object.fromEntries(
        Object.entries(stateMachine.DefinitionSubstitutions).map(([name, value]) => [name, value['Fn::GetAtt']?.[0] ?? value.Ref ?? '']),
      ) as Parameters<typeof renderDefinition>[0],
    ) as { States: Record<string, State> };
    const original = JSON.parse(readDefinitionText()) as { States: Record<string, State> };

    const renderedStates = allStates(rendered.States);
    const taskResources = Object.values(renderedStates)
      .filter((state) => state.Type === 'Task' && !(state.Resource ?? '').startsWith('arn:aws:states:::'))
      .map((state) => state.Resource);

    expect(Object.keys(renderedStates)).toEqual(Object.keys(allStates(original.States)));
    expect(new Set(taskResources)).toEqual(new Set(taskFunctionIds));
  });
});

describe('the nightly schedule', () => {
  let schedule: { Target: { Arn: unknown; Input: string; RoleArn: Substitution }; ScheduleExpression: string; ScheduleExpressionTimezone: string };

  beforeAll(() => {
    schedule = synthesized.json.Resources[logicalIdOf(synthesized.json, 'AWS::Scheduler::Schedule', 'PipelineNightly')]
      ?.Properties as typeof schedule;
  });

  it('targets the state machine', () => {
    expect(schedule.Target.Arn).toEqual({ Ref: stateMachineId });
  });

  it('starts it with an empty input, so the run date defaults to today in the configured time zone', () => {
    expect(JSON.parse(schedule.Target.Input)).toEqual({});
  });

  it('runs at 01:00 Asia/Seoul by default', () => {
    expect(schedule.ScheduleExpression).toBe('cron(0 1 * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Seoul');
  });

  it('uses a role that may start exactly this state machine', () => {
    const roleId = schedule.Target.RoleArn['Fn::GetAtt']?.[0] ?? '';
    const starts = roleStatements(synthesized.json, roleId).filter((statement) => actionsOf(statement).includes('states:StartExecution'));

    expect(starts.flatMap(resourcesOf)).toEqual([{ Ref: stateMachineId }]);
  });
});

describe('the state machine role', () => {
  let statements: ReturnType<typeof roleStatements>;

  beforeAll(() => {
    statements = roleStatements(synthesized.json, stateMachine.RoleArn['Fn::GetAtt']?.[0] ?? '');
  });

  it('may invoke exactly the task functions the definition names', () => {
    const invocable = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('lambda:')));

    expect(invocable.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
    expect(new Set(invocable.flatMap(resourcesOf))).toEqual(new Set(taskFunctionIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] }))));
    expect(invocable.flatMap(resourcesOf)).toHaveLength(taskFunctionIds.length);
  });

  it('may not invoke the chatbot lookup', () => {
    const similarId = logicalIdOf(synthesized.json, 'AWS::Lambda::Function', 'TasksSimilar');

    expect(JSON.stringify(statements)).not.toContain(similarId);
  });

  it('grants nothing on * but logging delivery and tracing', () => {
    const onAnything = statements.filter((statement) => resourcesOf(statement).includes('*')).flatMap(actionsOf);

    expect(onAnything.every((action) => action.startsWith('logs:') || action.startsWith('xray:'))).toBe(true);
  });
});
