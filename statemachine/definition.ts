// Reads the one ASL definition and fills its `${Name}` placeholders, exactly as CDK's
// `definitionSubstitutions` does at deploy time. The local runner and the tests use this.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFINITION_PATH = fileURLToPath(new URL('./pipeline.asl.json', import.meta.url));

/** Placeholders the definition uses; CDK must supply every one of them. */
export const DEFINITION_PLACEHOLDERS = [
  'ResolveRunDateFunctionArn',
  'FetchFunctionArn',
  'LoadFunctionArn',
  'CrawlFunctionArn',
  'QueryFunctionArn',
  'AudioNeighboursFunctionArn',
  'PublishFunctionArn',
  'RunLeaseFunctionArn',
  'FailureTopicArn',
] as const;
export type DefinitionPlaceholder = (typeof DEFINITION_PLACEHOLDERS)[number];

export function readDefinitionText(): string {
  return readFileSync(DEFINITION_PATH, 'utf8');
}

export function renderDefinition(substitutions: Record<DefinitionPlaceholder, string>): Record<string, unknown> {
  const text = readDefinitionText().replace(/\$\{(\w+)\}/g, (placeholder, name: string) => {
    const value = (substitutions as Record<string, string>)[name];
    if (value === undefined) throw new Error(`no substitution for ${placeholder} in ${DEFINITION_PATH}`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** The state machine's own timeout (its top-level TimeoutSeconds): no run lasts longer. */
export function executionTimeoutSeconds(): number {
  const { TimeoutSeconds: seconds } = JSON.parse(readDefinitionText()) as { TimeoutSeconds?: unknown };
  if (typeof seconds !== 'number' || seconds <= 0) throw new Error(`${DEFINITION_PATH} has no top-level TimeoutSeconds`);
  return seconds;
}

/**
 * How long a run lease lasts: beyond the state machine's timeout, so a live run never loses it, and
 * a stopped or timed-out run (which releases nothing) frees its date soon after.
 */
export function runLeaseSeconds(): number {
  return executionTimeoutSeconds() + 15 * 60;
}

/** Fake but well-formed ARNs for running or validating the definition off AWS. */
export function localSubstitutions(): Record<DefinitionPlaceholder, string> {
  const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:sixpotify-${name}`;
  return {
    ResolveRunDateFunctionArn: fn('resolve-run-date'),
    FetchFunctionArn: fn('fetch'),
    LoadFunctionArn: fn('load'),
    CrawlFunctionArn: fn('crawl'),
    QueryFunctionArn: fn('query'),
    AudioNeighboursFunctionArn: fn('audio-neighbours'),
    PublishFunctionArn: fn('publish'),
    RunLeaseFunctionArn: fn('run-lease'),
    FailureTopicArn: 'arn:aws:sns:us-east-1:000000000000:sixpotify-failures',
  };
}
