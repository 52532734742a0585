// Lambda entry for StartCrawler and GetCrawlerStatus (the ASL passes the action).
import { systemClock } from '../aws/clock.js';
import { awsCrawler, awsLogger } from '../aws/wiring.js';
import { pollPolicy } from '../timing/budget.js';
import { handleCrawl } from './handle.js';

const polling = pollPolicy();

export const handler = (event: unknown) =>
  handleCrawl(event, { crawler: awsCrawler(), logger: awsLogger(), clock: systemClock, polling });
