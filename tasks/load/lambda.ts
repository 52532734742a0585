// Lambda entry for LoadRawZone.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore } from '../aws/wiring.js';
import { numberEnv } from '../config.js';
import { ENV } from '../settings/environment.js';
import { handleLoad } from './handle.js';
import { DEFAULT_LOAD_CONCURRENCY } from './load.js';

const concurrency = numberEnv(ENV.loadConcurrency, DEFAULT_LOAD_CONCURRENCY);

export const handler = lambdaEntry(handleLoad, () => ({ store: awsObjectStore(), logger: awsLogger(), clock: systemClock, concurrency }));
