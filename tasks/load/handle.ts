// The runtime-independent half of the Load handler: parse the state input, run the task.
import { InvalidTaskInput } from '../errors.js';
import { parseRunDate } from '../run-date.js';
import { runLoad, type LoadPorts, type LoadResult } from './load.js';

export async function handleLoad(event: unknown, ports: LoadPorts): Promise<LoadResult> {
  if (typeof event !== 'object' || event === null || !('dt' in event)) {
    throw new InvalidTaskInput(`LoadRawZone expects {"dt": "YYYY-MM-DD"}, got ${JSON.stringify(event)}`);
  }
  return runLoad(parseRunDate(event.dt), ports);
}
