// Lambda entry for PlanQuerySteps, StartQuery and GetQueryStatus (the ASL passes the action).
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsLogger, awsObjectStore, awsQueryEngine } from '../aws/wiring.js';
import { requireEnv } from '../config.js';
import { ENV } from '../settings/environment.js';
import { pollPolicy } from '../timing/budget.js';
import { handleQuery } from './handle.js';
import { queryParametersFromEnv } from './parameters.js';

const sqlDir = requireEnv(ENV.sqlDir);
const parameters = queryParametersFromEnv();
const polling = pollPolicy();

export const handler = lambdaEntry(handleQuery, () => ({
  store: awsObjectStore(),
  engine: awsQueryEngine(),
  logger: awsLogger(),
  sqlDir,
  parameters,
  clock: systemClock,
  polling,
}));
