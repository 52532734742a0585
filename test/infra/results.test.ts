// The chatbot's DynamoDB table (issue 5, item 1: DynamoDB).
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPIRY_ATTRIBUTE } from '../../infra/constructs/results.js';
import { logicalIdOf, synthSixpotify, type Synthesized } from '../../infra/synth.js';

let synthesized: Synthesized;
let tableId: string;
let table: Record<string, unknown>;

beforeAll(() => {
  synthesized = synthSixpotify();
  tableId = logicalIdOf(synthesized.json, 'AWS::DynamoDB::Table', 'Results');
  table = synthesized.json.Resources[tableId]?.Properties ?? {};
});

describe('the results table', () => {
  it('is keyed by pk and sk, both strings', () => {
    expect(table.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
  });

  it('is billed on demand', () => {
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('has point-in-time recovery', () => {
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('expires items on the expiresAt attribute', () => {
    expect(EXPIRY_ATTRIBUTE).toBe('expiresAt');
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: EXPIRY_ATTRIBUTE, Enabled: true });
  });

  it('is retained when the stack is deleted', () => {
    expect(synthesized.template.toJSON().Resources[tableId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('is encrypted at rest and protected from deletion', () => {
    expect(table.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.DeletionProtectionEnabled).toBe(true);
  });
});
