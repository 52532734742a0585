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
  /**
   * How long the crawler's last finished crawl ran, where the engine keeps its history (Glue's
   * ListCrawls): the next crawl's first poll aims just past it. Undefined when it cannot say.
   */
  lastCrawlSeconds?(): Promise<number | undefined>;
}

/** What a finished crawl used, for the run's cost (Glue bills DPU-hours): reported once the crawl is over. */
export interface CrawlCost {
  /** How long the crawl ran. */
  seconds?: number;
  /** The DPU-hours Glue reports for the crawl; absent where the engine has no DPUs. */
  dpuHours?: number;
}

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface QueryStatus {
  state: QueryState;
  reason?: string;
  bytesScanned?: number;
  /**
   * Seconds from the query's submission to its end, as the engine measured them (queueing included);
   * once it is over. The next run's first poll of the same step aims just past it.
   */
  durationSeconds?: number;
}

/** One result row, every value as text or null, as Athena's GetQueryResults gives it. */
export type QueryResultRow = Record<string, string | null>;

/**
 * Runs one SQL statement asynchronously (Athena on AWS): start returns an id, status is polled. A
 * finished query's status says how many bytes it scanned (what Athena bills) and how long it ran, where
 * the engine knows.
 */
export interface QueryEngine {
  /**
   * Starts `sql` and returns its query id. A start with a `requestToken` (Athena's ClientRequestToken)
   * already used for the same SQL starts nothing and returns the first start's query id.
   */
  start(sql: string, label: string, requestToken?: string): Promise<string>;
  status(queryId: string): Promise<QueryStatus>;
  /**
   * The rows of a SUCCEEDED query, keyed by column name. Meant for the few rows a check step
   * returns; bulk data leaves the engine through UNLOAD, never through here.
   */
  readResults(queryId: string): Promise<QueryResultRow[]>;
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

/** Who runs a date, until when: taken at the start of a run, given back at its end (success or failure). */
export interface RunLease {
  dt: string;
  /** The execution holding it (its Step Functions execution ARN). */
  holder: string;
  /** ISO times. */
  acquiredAt: string;
  expiresAt: string;
}

/** One lease per dt (a conditional write in the results table on AWS, the same against dynalite locally). */
export interface RunLeases {
  /**
   * Takes `lease` unless another holder's lease for its dt has not expired at `now`; taking it again
   * as the same holder renews it. Returns the lease in force afterwards: `lease` itself when taken.
   */
  acquire(lease: RunLease, now: Date): Promise<RunLease>;
  /** Gives back the lease for `dt` if `holder` holds it; false when it held none. */
  release(dt: string, holder: string): Promise<boolean>;
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
