// Lambda entry for ResolveRunDate.
import { systemClock } from '../aws/clock.js';
import { optionalEnv } from '../config.js';
import { handleResolveRunDate } from './handle.js';

const timeZone = optionalEnv('TIME_ZONE', 'Asia/Seoul');

export const handler = (event: unknown) => handleResolveRunDate(event, { clock: systemClock, timeZone });
