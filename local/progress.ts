// A readable, line-per-state progress display for `npm start`: each state as it finishes, with its
// elapsed time; states inside the SQL Map are indented and name their SQL step; polls are counted.
import type { StateEvent } from './runner.js';

export function createProgressPrinter(write: (line: string) => void = (line) => console.log(line)) {
  const entered = new Map<string, number>();
  const nested = new Set(['StartQuery', 'WaitForQuery', 'GetQueryStatus', 'IsQueryDone', 'QueryStepSucceeded', 'QueryFailed', 'QueryTimedOut', 'QueryStepFailed']);
  let step = '';

  return (event: StateEvent): void => {
    if (!event.state) {
      if (event.type === 'ExecutionFailed') write(`  ✗ execution failed: ${event.error}: ${String(event.cause)}`);
      return;
    }
    const indent = nested.has(event.state) ? '      ' : '  ';
    if (event.type === 'StateEntered') {
      entered.set(event.state, event.timestamp);
      const input = event.input as { step?: unknown } | undefined;
      if (event.state === 'StartQuery' && typeof input?.step === 'string') step = input.step;
      return;
    }
    if (event.type === 'StateRetried') {
      write(`${indent}↻ ${event.state} retried after ${event.error ?? 'an error'}`);
      return;
    }
    if (event.type === 'StateFailed' || event.type === 'StateCaught') {
      write(`${indent}✗ ${event.state}: ${event.error ?? ''} ${event.cause === undefined ? '' : String(event.cause)}`);
      return;
    }
    if (event.type !== 'StateExited') return;
    // Choice and Wait states of the poll loops would only add noise.
    if (/^(Is\w+Done|WaitFor\w+|QueryStepSucceeded|Describe\w+)$/.test(event.state)) return;
    // A poll that found the work still running is counted in the final poll's line instead.
    const polled = (event.output as { query?: { state?: string }; crawl?: { state?: string } } | undefined) ?? {};
    const pollState = event.state === 'GetQueryStatus' ? polled.query?.state : event.state === 'GetCrawlerStatus' ? polled.crawl?.state : undefined;
    if (pollState === 'RUNNING' || pollState === 'QUEUED') return;
    // A poll's line shows the whole wait since its Start state, not the last poll alone.
    const startedBy = event.state === 'GetQueryStatus' ? 'StartQuery' : event.state === 'GetCrawlerStatus' ? 'StartCrawler' : event.state;
    const millis = event.timestamp - (entered.get(startedBy) ?? event.timestamp);
    const label = nested.has(event.state) && step !== '' ? `${event.state} [${step}]` : event.state;
    write(`${indent}✓ ${label.padEnd(44)} ${formatMillis(millis).padStart(8)}${describe(event.output)}`);
  };
}

export function formatMillis(millis: number): string {
  return millis < 1000 ? `${millis} ms` : `${(millis / 1000).toFixed(1)} s`;
}

/** A few words on what a state produced, from its output. */
function describe(output: unknown): string {
  const data = output as Record<string, unknown> | undefined;
  const run = data?.run as { dt?: string } | undefined;
  const parts: string[] = [];
  if (run?.dt && !data?.fetch) parts.push(`dt=${run.dt}`);
  for (const poll of [data?.query, data?.crawl] as ({ state?: string; attempt?: number } | undefined)[]) {
    if (poll?.state && poll.attempt) parts.push(`${poll.state} after ${poll.attempt} poll(s)`);
  }
  return parts.length > 0 ? `  ${parts.join(' ')}` : '';
}
