// The runtime-independent half of the ResolveRunDate handler.
import type { Clock } from '../ports.js';
import { resolveRunDate, type RunInfo } from './resolve-date.js';

export async function handleResolveRunDate(
  event: unknown,
  ports: { clock: Clock; timeZone: string },
): Promise<RunInfo> {
  const input = (typeof event === 'object' && event !== null ? event : {}) as { executionInput?: unknown };
  const executionInput = typeof input.executionInput === 'object' ? (input.executionInput as { dt?: unknown }) : null;
  return resolveRunDate({ executionInput }, ports);
}
