// Lambda entry for StartCrawler and GetCrawlerStatus (the ASL passes the action).
import { awsCrawler, awsLogger } from '../aws/wiring.js';
import { handleCrawl } from './handle.js';

export const handler = (event: unknown) => handleCrawl(event, { crawler: awsCrawler(), logger: awsLogger() });
