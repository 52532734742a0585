// How big each task Lambda is, in one place: CDK deploys these (infra/constructs/tasks.ts,
// function-defaults.ts) and the cost estimate prices GB-seconds with them, locally and on AWS.
// Plain data, no CDK import, so the local runtime and the operator CLI can read it.

export const LAMBDA_ARCHITECTURE = 'arm64' as const;
export type LambdaArchitecture = typeof LAMBDA_ARCHITECTURE | 'x86_64';

/** Memory (MB) per task function, by the construct id in infra/constructs/tasks.ts. */
export const LAMBDA_MEMORY_MB = {
  ResolveRunDate: 256,
  RunLease: 256,
  Fetch: 1024,
  Load: 1024,
  Crawl: 256,
  Query: 512,
  // CPU-bound (all pairs of artists): 3,008 MB is the most a new account may set without a quota
  // raise, 1.7 vCPUs (1 per 1,769 MB), run as 2 worker threads (infra/constructs/tasks.ts).
  AudioNeighbours: 3008,
  Publish: 1024,
  Similar: 512,
} as const;

export type TaskFunctionId = keyof typeof LAMBDA_MEMORY_MB;

/** The task a state machine placeholder names: `FetchFunctionArn` -> `Fetch`. */
export function taskOfPlaceholder(placeholder: string): string {
  return placeholder.replace(/FunctionArn$/, '');
}

/** The memory of a task, or undefined for a task this table does not know. */
export function memoryOf(task: string): number | undefined {
  return (LAMBDA_MEMORY_MB as Record<string, number | undefined>)[task];
}
