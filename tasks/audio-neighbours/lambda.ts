// Lambda entry for FindAudioNeighbours. The kernel's worker threads load this bundle again as their
// script (see tasks/audio-neighbours/kernel.ts), so module scope only reads configuration.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore } from '../aws/wiring.js';
import { numberEnv } from '../config.js';
import { ConfigurationError } from '../errors.js';
import { ENV } from '../settings/environment.js';
import { similarityKFromEnv } from '../settings/from-env.js';
import { handleAudioNeighbours } from './handle.js';

const k = similarityKFromEnv();
// CDK sets it to the vCPUs the function's memory buys.
const workers = numberEnv(ENV.audioNeighboursWorkers, 1);
if (!Number.isInteger(workers) || workers < 1) {
  throw new ConfigurationError(`${ENV.audioNeighboursWorkers} is ${workers}: use a whole number of at least 1`);
}

export const handler = lambdaEntry(handleAudioNeighbours, () => ({ store: awsObjectStore(), logger: awsLogger(), clock: systemClock, k, workers }));
