// The small interfaces task logic is written against. Each runtime (AWS Lambda, the local embedded
// runtime) supplies one implementation of each in its composition root; task code never imports an
// AWS SDK client.

/** An S3-like key/value store: the data lake. Keys use '/' separators, no leading slash. */
export interface ObjectStore {
  put(key: string, body: Uint8Array | string): Promise<void>;
  /** Returns undefined when the key does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** All keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes every key under a prefix; returns how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  /** Where a query engine reads or writes this key: `s3://bucket/key` on AWS, an absolute path locally. */
  locationOf(key: string): string;
}

export type CrawlState = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** Catalogs the raw zone (Glue crawler on AWS). Asynchronous: start returns, status is polled. */
export interface Crawler {
  start(): Promise<void>;
  status(): Promise<{ state: CrawlState; reason?: string } & CrawlCost>;
}

/** What a finished crawl used, for the run's cost (Glue bills DPU-hours): reported once the crawl is over. */
export interface CrawlCost {
  /** How long the crawl ran. */
  seconds?: number;
  /** The DPU-hours Glue reports for the crawl; absent where the engine has no DPUs. */
  dpuHours?: number;
}

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/**
 * Runs one SQL statement asynchronously (Athena on AWS): start returns an id, status is polled. A
 * finished query's status says how many bytes it scanned (what Athena bills), where the engine knows.
 */
export interface QueryEngine {
  start(sql: string, label: string): Promise<string>;
  status(queryId: string): Promise<{ state: QueryState; reason?: string; bytesScanned?: number }>;
}

/** One row of the chatbot's table, as plain JSON-compatible data. */
export type ResultItem = Record<string, unknown> & { pk: string; sk: string };

/** The chatbot's store (DynamoDB on AWS, dynalite locally). */
export interface ResultsStore {
  /** Writes items in batches; resolves once every item is stored. */
  putItems(items: readonly ResultItem[]): Promise<number>;
  get(pk: string, sk: string): Promise<ResultItem | undefined>;
  /** All items with this partition key. */
  query(pk: string): Promise<ResultItem[]>;
}

/** Minimal structured logger (Powertools on Lambda, a console logger locally). */
export interface Logger {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

export interface Clock {
  now(): Date;
}
