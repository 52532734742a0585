import {
  CrawlerRunningException,
  EntityNotFoundException,
  GetCrawlerCommand,
  GlueClient,
  ListCrawlsCommand,
  StartCrawlerCommand,
  type Crawler as GlueCrawlerDescription,
} from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { GlueCrawler } from '../../tasks/aws/glue-crawler.js';
import { ConfigurationError, CrawlerBusy } from '../../tasks/errors.js';

const glue = mockClient(GlueClient);
const crawler = () => new GlueCrawler(new GlueClient({ region: 'eu-west-1' }), 'sixpotify-raw');
const described = (description: GlueCrawlerDescription) => glue.on(GetCrawlerCommand).resolves({ Crawler: description });

afterEach(() => {
  glue.reset();
});

describe('GlueCrawler.start', () => {
  it('starts the named crawler', async () => {
    // Prepare
    glue.on(StartCrawlerCommand).resolves({});

    // Act
    await crawler().start();

    // Assess
    expect(glue.commandCalls(StartCrawlerCommand)[0]?.args[0].input).toEqual({ Name: 'sixpotify-raw' });
  });

  it('throws CrawlerBusy, which the state machine retries, when the crawler is already running', async () => {
    // Prepare
    glue.on(StartCrawlerCommand).rejects(new CrawlerRunningException({ message: 'Crawler with name sixpotify-raw has already started', $metadata: {} }));

    // Act
    const starting = crawler().start();

    // Assess
    await expect(starting).rejects.toSatisfy((error: Error) => error instanceof CrawlerBusy && error.name === 'CrawlerBusy');
  });

  it('throws a ConfigurationError naming the crawler when it does not exist', async () => {
    // Prepare
    glue.on(StartCrawlerCommand).rejects(new EntityNotFoundException({ message: 'Crawler entry not found', $metadata: {} }));

    // Act
    const starting = crawler().start();

    // Assess
    await expect(starting).rejects.toThrow(new ConfigurationError("Glue crawler 'sixpotify-raw' does not exist: check CRAWLER_NAME"));
  });
});

describe('GlueCrawler.status', () => {
  it('reports RUNNING while the crawler runs', async () => {
    // Prepare
    described({ State: 'RUNNING', LastCrawl: { Status: 'SUCCEEDED' } });

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'RUNNING' });
  });

  it('reports RUNNING while the crawler is stopping, because its catalog writes are not final yet', async () => {
    // Prepare
    described({ State: 'STOPPING', LastCrawl: { Status: 'SUCCEEDED' } });

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'RUNNING' });
  });

  it('reports SUCCEEDED when the crawler is ready and its last crawl succeeded', async () => {
    // Prepare
    described({ State: 'READY', LastCrawl: { Status: 'SUCCEEDED' } });

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'SUCCEEDED' });
  });

  it('reports FAILED with the last crawl error message as the reason', async () => {
    // Prepare
    described({ State: 'READY', LastCrawl: { Status: 'FAILED', ErrorMessage: 'Internal Service Exception' } });

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'FAILED', reason: 'Internal Service Exception' });
  });

  it('reports a cancelled crawl as FAILED with a reason', async () => {
    // Prepare
    described({ State: 'READY', LastCrawl: { Status: 'CANCELLED' } });

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'FAILED', reason: 'the crawl was cancelled' });
  });

  it('reports RUNNING for a ready crawler with no finished crawl yet', async () => {
    // Prepare
    described({ State: 'READY' });

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'RUNNING' });
  });
});

describe('GlueCrawler.status cost of the crawl', () => {
  const startTime = new Date('2026-11-23T16:10:00Z');
  const finished = () => described({ State: 'READY', LastCrawl: { Status: 'SUCCEEDED', StartTime: startTime } });

  it('reports the finished crawl duration and DPU-hours from the crawl history', async () => {
    // Prepare
    finished();
    glue.on(ListCrawlsCommand).resolves({
      Crawls: [{ CrawlId: 'c-1', State: 'COMPLETED', StartTime: startTime, EndTime: new Date('2026-11-23T16:11:30Z'), DPUHour: 0.05 }],
    });

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'SUCCEEDED', seconds: 90, dpuHours: 0.05 });
  });

  it('asks only for crawls from the last crawl start, in epoch milliseconds', async () => {
    // Prepare
    finished();
    glue.on(ListCrawlsCommand).resolves({ Crawls: [] });

    // Act
    await crawler().status();

    // Assess
    expect(glue.commandCalls(ListCrawlsCommand)[0]?.args[0].input).toEqual({
      CrawlerName: 'sixpotify-raw',
      Filters: [{ FieldName: 'START_TIME', FilterOperator: 'GE', FieldValue: String(startTime.getTime()) }],
      MaxResults: 10,
    });
  });

  it('still reports the outcome when the crawl history cannot be read', async () => {
    // Prepare
    finished();
    glue.on(ListCrawlsCommand).rejects(new Error('AccessDeniedException: not authorized to perform glue:ListCrawls'));

    // Act
    const status = await crawler().status();

    // Assess
    expect(status).toEqual({ state: 'SUCCEEDED' });
  });

  it('does not read the crawl history while the crawler runs', async () => {
    // Prepare
    described({ State: 'RUNNING', LastCrawl: { Status: 'SUCCEEDED', StartTime: startTime } });

    // Act
    await crawler().status();

    // Assess
    expect(glue.commandCalls(ListCrawlsCommand)).toHaveLength(0);
  });
});

describe('GlueCrawler.lastCrawlSeconds', () => {
  const at = (time: string) => new Date(`2026-11-23T${time}Z`);

  it('gives the duration of the newest completed crawl in the crawl history', async () => {
    // Prepare
    glue.on(ListCrawlsCommand).resolves({
      Crawls: [
        { CrawlId: 'older', State: 'COMPLETED', StartTime: at('01:00:00'), EndTime: at('01:02:00') },
        { CrawlId: 'newest', State: 'COMPLETED', StartTime: at('02:00:00'), EndTime: at('02:01:30') },
        { CrawlId: 'failed', State: 'FAILED', StartTime: at('03:00:00'), EndTime: at('03:00:05') },
        { CrawlId: 'running', State: 'RUNNING', StartTime: at('04:00:00') },
      ],
    });

    // Act
    const seconds = await crawler().lastCrawlSeconds();

    // Assess
    expect(seconds).toBe(90);
  });

  it('asks only for the crawls of the last week', async () => {
    // Prepare
    glue.on(ListCrawlsCommand).resolves({ Crawls: [] });
    const before = Date.now();

    // Act
    const seconds = await crawler().lastCrawlSeconds();
    const after = Date.now();

    // Assess: START_TIME compares epoch milliseconds
    const input = glue.commandCalls(ListCrawlsCommand)[0]?.args[0].input;
    const since = Number(input?.Filters?.[0]?.FieldValue);
    expect(seconds).toBeUndefined();
    expect(input).toMatchObject({ CrawlerName: 'sixpotify-raw', Filters: [{ FieldName: 'START_TIME', FilterOperator: 'GE' }] });
    expect(since).toBeGreaterThanOrEqual(before - 7 * 86_400_000);
    expect(since).toBeLessThanOrEqual(after - 7 * 86_400_000);
  });

  it('says nothing when the crawl history cannot be read', async () => {
    // Prepare
    glue.on(ListCrawlsCommand).rejects(new Error('AccessDeniedException: not authorized to perform glue:ListCrawls'));

    // Act
    const seconds = await crawler().lastCrawlSeconds();

    // Assess
    expect(seconds).toBeUndefined();
  });
});
