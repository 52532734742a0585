// Lambda entry for StartCrawler and GetCrawlerStatus (the ASL passes the action).
import { systemClock } from '../aws/clock.js';
import { lambdaEntry } from '../aws/lambda-entry.js';
import { awsCrawler, awsLogger } from '../aws/wiring.js';
import { pollPolicy } from '../timing/budget.js';
import { handleCrawl } from './handle.js';

const polling = pollPolicy();

export const handler = lambdaEntry(handleCrawl, () => ({ crawler: awsCrawler(), logger: awsLogger(), clock: systemClock, polling }));
