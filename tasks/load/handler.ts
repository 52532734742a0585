// Lambda entry for LoadRawZone.
import { systemClock } from '../aws/clock.js';
import { awsLogger, awsObjectStore } from '../aws/wiring.js';
import { numberEnv } from '../config.js';
import { handleLoad } from './handle.js';
import { DEFAULT_LOAD_CONCURRENCY } from './load.js';

const concurrency = numberEnv('LOAD_CONCURRENCY', DEFAULT_LOAD_CONCURRENCY);

export const handler = (event: unknown) =>
  handleLoad(event, { store: awsObjectStore(), logger: awsLogger(), clock: systemClock, concurrency });
