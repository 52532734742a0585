// What one run used of each priced AWS resource: the figures the estimate multiplies by prices.
// The local runtime measures them on its embedded parts (local/cost-meter.ts); on AWS the operator
// CLI reads them from the execution history (infra/cli/run-usage.ts). Plain JSON, kept in the run
// manifest's `cost` section.

export interface LambdaUsage {
  /** The task function, as in tasks/lambda-sizes.ts (`Fetch`, `Query`, ...). */
  task: string;
  invocations: number;
  /** Sum of the invocations' durations, each rounded up to a whole millisecond as Lambda bills it. */
  billedMillis: number;
}

export interface QueryScan {
  /** The SQL step (`07_artist_similarity`). */
  step: string;
  /** Athena's DataScannedInBytes; locally, the size of the files the query's tables hold for dt. */
  bytesScanned: number;
}

export interface CrawlUsage {
  /** How long the crawl ran. */
  seconds: number;
  /** The crawl's DPU-hours as Glue reports them (ListCrawls); absent locally. */
  dpuHours?: number;
}

export interface S3Requests {
  put: number;
  get: number;
  list: number;
  delete: number;
}

export interface DynamoDbUnits {
  writeUnits: number;
  readUnits: number;
}

export interface RunUsage {
  /** Every state entered, plus every retry (each is billed as a transition). */
  stateTransitions: number;
  /**
   * The same transitions by state name (a retry counts for its state), where they were counted: which
   * loop's polls a run paid for. Absent where nothing counted them.
   */
  transitionsByState?: Record<string, number>;
  lambda: LambdaUsage[];
  queries: QueryScan[];
  crawls: CrawlUsage[];
  /** Absent where nothing counted them (the operator CLI cannot see S3 requests). */
  s3?: S3Requests;
  dynamodb?: DynamoDbUnits;
}
