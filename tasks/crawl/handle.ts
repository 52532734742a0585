// The runtime-independent half of the Crawl handler: parse the state input against its schema, run the action.
import { z } from 'zod';
import { parseTaskInput } from '../task-input.js';
import { getCrawlStatus, startCrawl, type CrawlPorts, type CrawlProgress } from './crawl.js';

export const crawlInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }),
  // expectedSeconds: what the start found of the last crawl's duration (0: nothing), passed on by each poll.
  z.object({ action: z.literal('status'), attempt: z.number(), startedAt: z.string(), expectedSeconds: z.number().nonnegative().optional() }),
]);

export async function handleCrawl(event: unknown, ports: CrawlPorts): Promise<CrawlProgress> {
  const input = parseTaskInput('Crawl', crawlInputSchema, event);
  if (input.action === 'start') return startCrawl(ports);
  return getCrawlStatus({ attempt: input.attempt, startedAt: input.startedAt, expectedSeconds: input.expectedSeconds }, ports);
}
