// The runtime-independent half of the FindAudioNeighbours handler: parse the state input, run the task.
import { InvalidTaskInput } from '../errors.js';
import { parseRunDate } from '../run-date.js';
import { runAudioNeighbours, type AudioNeighboursPorts, type AudioNeighboursResult } from './audio-neighbours.js';

export type { AudioNeighboursPorts } from './audio-neighbours.js';

export async function handleAudioNeighbours(event: unknown, ports: AudioNeighboursPorts): Promise<AudioNeighboursResult> {
  if (typeof event !== 'object' || event === null || !('dt' in event)) {
    throw new InvalidTaskInput(`FindAudioNeighbours expects {"dt": "YYYY-MM-DD"}, got ${JSON.stringify(event)}`);
  }
  return runAudioNeighbours(parseRunDate(event.dt), ports);
}
