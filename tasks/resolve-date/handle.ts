// The runtime-independent half of the ResolveRunDate handler: the execution's input, whatever it
// holds (an empty or odd execution input means "today"; a dt present is checked by resolveRunDate).
import { z } from 'zod';
import type { Clock } from '../ports.js';
import { parseTaskInput } from '../task-input.js';
import { resolveRunDate, type RunInfo } from './resolve-date.js';

export const resolveRunDateInputSchema = z.looseObject({
  executionInput: z.unknown().transform((value) => (typeof value === 'object' ? (value as { dt?: unknown } | null) : null)),
});

export async function handleResolveRunDate(event: unknown, ports: { clock: Clock; timeZone: string }): Promise<RunInfo> {
  const input = parseTaskInput('ResolveRunDate', resolveRunDateInputSchema, event);
  return resolveRunDate({ executionInput: input.executionInput }, ports);
}
