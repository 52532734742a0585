// The runtime-independent half of the Publish handler: parse the state input against its schema, run the task.
import { z } from 'zod';
import { parseRunDate } from '../run-date.js';
import { parseTaskInput, runDateField } from '../task-input.js';
import { runPublish, type PublishPorts, type PublishResult } from './publish.js';

export const publishInputSchema = z.object({ dt: runDateField });

export async function handlePublish(event: unknown, ports: PublishPorts): Promise<PublishResult> {
  const input = parseTaskInput('PublishResults', publishInputSchema, event);
  return runPublish(parseRunDate(input.dt), ports);
}
