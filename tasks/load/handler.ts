// Lambda entry for LoadRawZone.
import { systemClock } from '../aws/clock.js';
import { awsLogger, awsObjectStore } from '../aws/wiring.js';
import { handleLoad } from './handle.js';

export const handler = (event: unknown) =>
  handleLoad(event, { store: awsObjectStore(), logger: awsLogger(), clock: systemClock });
