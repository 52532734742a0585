// FetchArtists: parse the state's input ({"dt": "YYYY-MM-DD"}) and run one time-boxed slice. The
// Lambda handler and the local runner both call this with their own ports.
import { InvalidTaskInput } from '../errors.js';
import { parseRunDate } from '../run-date.js';
import { runFetchSlice } from './slice.js';
import type { FetchPorts, FetchResult } from './types.js';

export { defaultFetchSettings, type FetchSettings } from './settings.js';
export type { FetchPorts, FetchResult } from './types.js';

export async function handleFetch(event: unknown, ports: FetchPorts): Promise<FetchResult> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new InvalidTaskInput(`FetchArtists expects {"dt": "YYYY-MM-DD"}, got ${JSON.stringify(event)}`);
  }
  const { dt, execution } = event as { dt?: unknown; execution?: unknown };
  if (execution !== undefined && typeof execution !== 'string') {
    throw new InvalidTaskInput(`FetchArtists: "execution" must be a string (the execution id), got ${JSON.stringify(execution)}`);
  }
  return runFetchSlice(parseRunDate(dt), ports, { execution });
}
