// The stack as the operator CLI and the deploy see it: its name per stage, its outputs, no
// environment lookups, and the Spotify secret (issue 5, item 1: secrets).
import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_OUTPUTS } from '../../infra/cli/deployment.js';
import { logicalIdOf, synthSixpotify, type Synthesized } from '../../infra/synth.js';

let synthesized: Synthesized;

beforeAll(() => {
  synthesized = synthSixpotify();
});

describe('the stack', () => {
  it('is named Sixpotify-<stage>', () => {
    expect(synthesized.stack.stackName).toBe('Sixpotify-dev');
  });

  it('takes its name from the configured stage', () => {
    expect(synthSixpotify({ context: { 'sixpotify:stage': 'prod' } }).stack.stackName).toBe('Sixpotify-prod');
  });

  it('is environment-agnostic, so synth needs no credentials and no lookups', () => {
    expect(synthesized.stack.environment).toBe('aws://unknown-account/unknown-region');
  });

  it('outputs everything the operator CLI looks up, under these exact names', () => {
    const outputs = Object.keys(synthesized.json.Outputs ?? {});

    expect(outputs).toEqual(
      expect.arrayContaining([...Object.values(STACK_OUTPUTS), 'FailureTopicArn', 'SpotifySecretArn']),
    );
  });

  it('points each output at its resource', () => {
    const value = (name: string) => (synthesized.json.Outputs?.[name] as { Value: unknown }).Value;

    expect(value('StateMachineArn')).toEqual({ Ref: logicalIdOf(synthesized.json, 'AWS::StepFunctions::StateMachine', 'Pipeline') });
    expect(value('ResultsTableName')).toEqual({ Ref: logicalIdOf(synthesized.json, 'AWS::DynamoDB::Table', 'Results') });
    expect(value('AthenaWorkGroup')).toBe('sixpotify-dev');
    expect(value('LakeBucketName')).toEqual({ Ref: logicalIdOf(synthesized.json, 'AWS::S3::Bucket', 'LakeBucket') });
    expect(value('GlueDatabaseName')).toEqual({ Ref: logicalIdOf(synthesized.json, 'AWS::Glue::Database', 'Catalog') });
    expect(value('FailureTopicArn')).toEqual({ Ref: logicalIdOf(synthesized.json, 'AWS::SNS::Topic', 'PipelineFailureTopic') });
    expect(value('SpotifySecretArn')).toEqual({ Ref: logicalIdOf(synthesized.json, 'AWS::SecretsManager::Secret', 'Tasks') });
  });
});

describe('the Spotify credentials secret', () => {
  let secretId: string;

  beforeAll(() => {
    secretId = logicalIdOf(synthesized.json, 'AWS::SecretsManager::Secret', 'Tasks');
  });

  it('never holds a value in the template: a placeholder is generated at deploy time', () => {
    const secret = synthesized.json.Resources[secretId]?.Properties ?? {};

    expect(secret.SecretString).toBeUndefined();
    expect(secret.GenerateSecretString).toMatchObject({ GenerateStringKey: 'clientSecret' });
    expect(JSON.parse((secret.GenerateSecretString as { SecretStringTemplate: string }).SecretStringTemplate)).toEqual({
      clientId: 'set-me-after-deploy',
    });
  });

  it('is kept when the stack is deleted', () => {
    expect(synthesized.template.toJSON().Resources[secretId]).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});
