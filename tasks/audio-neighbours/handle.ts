// The runtime-independent half of the FindAudioNeighbours handler: parse the state input against its schema, run the task.
import { z } from 'zod';
import { parseRunDate } from '../run-date.js';
import { parseTaskInput, runDateField } from '../task-input.js';
import { runAudioNeighbours, type AudioNeighboursPorts, type AudioNeighboursResult } from './audio-neighbours.js';

export type { AudioNeighboursPorts } from './audio-neighbours.js';

export const audioNeighboursInputSchema = z.object({ dt: runDateField });

export async function handleAudioNeighbours(event: unknown, ports: AudioNeighboursPorts): Promise<AudioNeighboursResult> {
  const input = parseTaskInput('FindAudioNeighbours', audioNeighboursInputSchema, event);
  return runAudioNeighbours(parseRunDate(input.dt), ports);
}
