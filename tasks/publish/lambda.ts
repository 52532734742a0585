// Lambda entry for PublishResults.
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore, awsResultsStore } from '../aws/wiring.js';
import { resultTtlDaysFromEnv } from '../settings/from-env.js';
import { handlePublish } from './handle.js';

const ttlDays = resultTtlDaysFromEnv();

export const handler = lambdaEntry(handlePublish, () => ({
  store: awsObjectStore(),
  results: awsResultsStore(),
  logger: awsLogger(),
  clock: systemClock,
  ttlDays,
}));
