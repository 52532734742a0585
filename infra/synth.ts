// Synthesizes the Sixpotify stack the way `npx cdk synth` does: the same context (cdk.json), the
// same config reader. Bundling with esbuild is skipped unless asked for, since only the bundling
// test looks inside the function code.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig, type SixpotifyConfig } from './config.js';
import { repoPath } from './paths.js';
import { SixpotifyStack, stackName } from './stack.js';

export interface Synthesized {
  app: App;
  stack: SixpotifyStack;
  config: SixpotifyConfig;
  template: Template;
  /** The template as plain JSON, for walking resources. */
  json: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>; Outputs?: Record<string, unknown> };
  outdir: string;
}

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

export function synthSixpotify(options: { bundle?: boolean; context?: Record<string, unknown> } = {}): Synthesized {
  const context: Record<string, unknown> = { ...cdkJsonContext(), ...options.context };
  // An empty list tells NodejsFunction to skip bundling for every stack.
  if (options.bundle !== true) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ context });
  const config = readConfig((key) => app.node.tryGetContext(key));
  const stack = new SixpotifyStack(app, stackName(config), { config });
  const template = Template.fromStack(stack);
  const outdir = app.synth().directory;
  return { app, stack, config, template, json: template.toJSON() as Synthesized['json'], outdir };
}

/** Logical ids of the resources of one CloudFormation type. */
export function logicalIdsOf(json: Synthesized['json'], type: string): string[] {
  return Object.entries(json.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id]) => id);
}

/** Logical id of the one resource of `type` whose id starts with `prefix` (the construct path, flattened). */
export function logicalIdOf(json: Synthesized['json'], type: string, prefix: string): string {
  const matches = logicalIdsOf(json, type).filter((id) => id.startsWith(prefix));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} starting with ${prefix}, found ${matches.length === 0 ? 'none' : matches.join(', ')}`);
  }
  return matches[0] as string;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Every statement of the inline policies attached to the role with this logical id. */
export function roleStatements(json: Synthesized['json'], roleLogicalId: string): Statement[] {
  return Object.values(json.Resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .filter((resource) => JSON.stringify(resource.Properties?.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((resource) => (resource.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

export function resourcesOf(statement: Statement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}
