// Lambda entry for AcquireRunLease, ReleaseRunLease and ReleaseRunLeaseOnFailure (the ASL passes the action).
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsRunLeases } from '../aws/wiring.js';
import { numberEnv, requireEnv } from '../config.js';
import { ENV } from '../settings/environment.js';
import { handleRunLease } from './handle.js';

// Required (CDK derives it from the state machine's timeout), and a number.
requireEnv(ENV.runLeaseSeconds);
const leaseSeconds = numberEnv(ENV.runLeaseSeconds, 0);

export const handler = lambdaEntry(handleRunLease, () => ({ leases: awsRunLeases(), clock: systemClock, logger: awsLogger(), leaseSeconds }));
