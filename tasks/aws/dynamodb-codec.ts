// Plain JSON <-> DynamoDB AttributeValue maps. @aws-sdk/util-dynamodb would do this too, but it is
// not one of our dependencies and the data here is plain JSON (strings, numbers, booleans, lists, maps).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value} in DynamoDB`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (typeof value === 'object') return { M: toAttributeMap(value as Record<string, unknown>) };
  throw new Error(`cannot store a ${typeof value} in DynamoDB`);
}

export function toAttributeMap(record: Record<string, unknown>): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) map[key] = toAttributeValue(value);
  }
  return map;
}

export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) return fromAttributeMap(value.M);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  throw new Error('unsupported DynamoDB attribute type');
}

export function fromAttributeMap(map: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, fromAttributeValue(value)]));
}
