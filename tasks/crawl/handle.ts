// The runtime-independent half of the Crawl handler: parse the state input, run the action.
import { InvalidTaskInput } from '../errors.js';
import { getCrawlStatus, startCrawl, type CrawlPorts, type CrawlProgress } from './crawl.js';

export async function handleCrawl(event: unknown, ports: CrawlPorts): Promise<CrawlProgress> {
  const input = (typeof event === 'object' && event !== null ? event : {}) as { action?: unknown; attempt?: unknown; startedAt?: unknown };
  if (input.action === 'start') return startCrawl(ports);
  if (input.action === 'status' && typeof input.attempt === 'number' && typeof input.startedAt === 'string') {
    return getCrawlStatus({ attempt: input.attempt, startedAt: input.startedAt }, ports);
  }
  throw new InvalidTaskInput(
    `Crawl expects {"action": "start"} or {"action": "status", "attempt": n, "startedAt": "<ISO time>"}, got ${JSON.stringify(event)}`,
  );
}
