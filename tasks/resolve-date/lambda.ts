// Lambda entry for ResolveRunDate.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { optionalEnv } from '../config.js';
import { SETTINGS_DEFAULTS } from '../settings/defaults.js';
import { ENV } from '../settings/environment.js';
import { handleResolveRunDate } from './handle.js';

const timeZone = optionalEnv(ENV.timeZone, SETTINGS_DEFAULTS.timeZone);

export const handler = lambdaEntry(handleResolveRunDate, () => ({ clock: systemClock, timeZone }));
