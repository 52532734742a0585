// Lambda entry for FindAudioNeighbours. The kernel's worker threads load this bundle again as their
// script (see tasks/audio-neighbours/kernel.ts), so module scope only reads configuration.
import { systemClock } from '../aws/clock.js';
import { awsLogger, awsObjectStore } from '../aws/wiring.js';
import { numberEnv } from '../config.js';
import { ConfigurationError } from '../errors.js';
import { similarityKFromEnv } from '../query/parameters.js';
import { handleAudioNeighbours } from './handle.js';

const k = similarityKFromEnv();
// CDK sets it to the vCPUs the function's memory buys.
const workers = numberEnv('AUDIO_NEIGHBOURS_WORKERS', 1);
if (!Number.isInteger(workers) || workers < 1) {
  throw new ConfigurationError(`AUDIO_NEIGHBOURS_WORKERS is ${workers}: use a whole number of at least 1`);
}

export const handler = (event: unknown) =>
  handleAudioNeighbours(event, { store: awsObjectStore(), logger: awsLogger(), clock: systemClock, k, workers });
