// Lambda entry for ResolveRunDate.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { timeZoneFromEnv } from '../settings/from-env.js';
import { handleResolveRunDate } from './handle.js';

const timeZone = timeZoneFromEnv();

export const handler = lambdaEntry(handleResolveRunDate, () => ({ clock: systemClock, timeZone }));
