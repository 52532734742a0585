// Lambda entry for PublishResults.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore, awsResultsStore } from '../aws/wiring.js';
import { numberEnv } from '../config.js';
import { SETTINGS_DEFAULTS } from '../settings/defaults.js';
import { ENV } from '../settings/environment.js';
import { handlePublish } from './handle.js';

const ttlDays = numberEnv(ENV.resultTtlDays, SETTINGS_DEFAULTS.resultTtlDays);

export const handler = lambdaEntry(handlePublish, () => ({
  store: awsObjectStore(),
  results: awsResultsStore(),
  logger: awsLogger(),
  clock: systemClock,
  ttlDays,
}));
