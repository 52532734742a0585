// FetchArtists: parse the state's input ({"dt": "YYYY-MM-DD", "execution"?}) against its schema and
// run one time-boxed slice. The Lambda entry and the local runner both call this with their own ports.
import { z } from 'zod';
import { parseRunDate } from '../run-date.js';
import { parseTaskInput, runDateField } from '../task-input.js';
import { runFetchSlice } from './slice.js';
import type { FetchPorts, FetchResult } from './types.js';

export { defaultFetchSettings, type FetchSettings } from './settings.js';
export type { FetchPorts, FetchResult } from './types.js';

export const fetchInputSchema = z.object({ dt: runDateField, execution: z.string().optional() });

export async function handleFetch(event: unknown, ports: FetchPorts): Promise<FetchResult> {
  const input = parseTaskInput('FetchArtists', fetchInputSchema, event);
  return runFetchSlice(parseRunDate(input.dt), ports, { execution: input.execution });
}
