// The runtime-independent half of the Publish handler: parse the state input, run the task.
import { InvalidTaskInput } from '../errors.js';
import { parseRunDate } from '../run-date.js';
import { runPublish, type PublishPorts, type PublishResult } from './publish.js';

export async function handlePublish(event: unknown, ports: PublishPorts): Promise<PublishResult> {
  if (typeof event !== 'object' || event === null || !('dt' in event)) {
    throw new InvalidTaskInput(`PublishResults expects {"dt": "YYYY-MM-DD"}, got ${JSON.stringify(event)}`);
  }
  return runPublish(parseRunDate(event.dt), ports);
}
