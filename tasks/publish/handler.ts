// Lambda entry for PublishResults.
import { systemClock } from '../aws/clock.js';
import { awsLogger, awsObjectStore, awsResultsStore } from '../aws/wiring.js';
import { numberEnv } from '../config.js';
import { handlePublish } from './handle.js';

const ttlDays = numberEnv('RESULT_TTL_DAYS', 30);

export const handler = (event: unknown) =>
  handlePublish(event, {
    store: awsObjectStore(),
    results: awsResultsStore(),
    logger: awsLogger(),
    clock: systemClock,
    ttlDays,
  });
