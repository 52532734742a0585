// A readable, line-per-state progress display for `npm start`: each state as it finishes, with its
// elapsed time; states inside the SQL Map are indented and name their SQL step; polls are counted.
import type { StateEvent } from './runner.js';

/** Each polling state, the state that started its work, and where its output keeps the poll. */
const POLLS: Record<string, { startedBy: string; field: 'query' | 'crawl' }> = {
  GetQueryStatus: { startedBy: 'StartQuery', field: 'query' },
  GetCrawlerStatus: { startedBy: 'StartCrawler', field: 'crawl' },
};

interface Poll {
  state?: string;
  attempt?: number;
}

export function createProgressPrinter(write: (line: string) => void = (line) => console.log(line)) {
  const entered = new Map<string, number>();
  let step = '';

  return (event: StateEvent): void => {
    if (!event.state) {
      if (event.type === 'ExecutionFailed') write(`  ✗ execution failed: ${event.error}: ${String(event.cause)}`);
      return;
    }
    // States inside the SQL Map carry their iteration index.
    const nested = event.index !== undefined;
    const indent = nested ? '      ' : '  ';
    if (event.type === 'StateEntered') {
      entered.set(event.state, event.timestamp);
      const input = event.input as { step?: unknown } | undefined;
      // Every state of a Map iteration sees the step it runs; the first names it for the rest.
      if (nested && typeof input?.step === 'string') step = input.step;
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
    // Choice and Wait states of the poll loops, and the step dispatch, would only add noise.
    if (/^(Is\w+Done|WaitFor\w+|QueryStepSucceeded|Describe\w+|ChooseStepEngine)$/.test(event.state)) return;
    const poll = POLLS[event.state];
    const polled = poll ? ((event.output as Record<string, Poll | undefined> | undefined)?.[poll.field] ?? {}) : undefined;
    // A poll that found the work still running is counted in the final poll's line instead.
    if (polled?.state === 'RUNNING' || polled?.state === 'QUEUED') return;
    // A poll's line shows the whole wait since its Start state, not the last poll alone.
    const millis = event.timestamp - (entered.get(poll?.startedBy ?? event.state) ?? event.timestamp);
    const label = nested && step !== '' ? `${event.state} [${step}]` : event.state;
    write(`${indent}✓ ${label.padEnd(44)} ${formatMillis(millis).padStart(8)}${describe(event.output, polled)}`);
  };
}

export function formatMillis(millis: number): string {
  return millis < 1000 ? `${millis} ms` : `${(millis / 1000).toFixed(1)} s`;
}

/** A few words on what a state produced: the run date once, and a poll's outcome. */
function describe(output: unknown, polled: Poll | undefined): string {
  const data = output as { run?: { dt?: string }; fetch?: unknown } | undefined;
  if (data?.run?.dt && data.fetch === undefined && polled === undefined) return `  dt=${data.run.dt}`;
  if (polled?.state && polled.attempt) return `  ${polled.state} after ${polled.attempt} poll(s)`;
  return '';
}
