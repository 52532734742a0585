// Lambda entry for LoadRawZone.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore } from '../aws/wiring.js';
import { handleLoad } from './handle.js';

export const handler = lambdaEntry(handleLoad, () => ({ store: awsObjectStore(), logger: awsLogger(), clock: systemClock }));
