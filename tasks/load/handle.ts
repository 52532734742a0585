// The runtime-independent half of the Load handler: parse the state input against its schema, run the task.
import { z } from 'zod';
import { parseRunDate } from '../run-date.js';
import { parseTaskInput, runDateField } from '../task-input.js';
import { runLoad, type LoadPorts, type LoadResult } from './load.js';

export const loadInputSchema = z.object({ dt: runDateField });

export async function handleLoad(event: unknown, ports: LoadPorts): Promise<LoadResult> {
  const input = parseTaskInput('LoadRawZone', loadInputSchema, event);
  return runLoad(parseRunDate(input.dt), ports);
}
