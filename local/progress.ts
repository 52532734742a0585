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

/**
 * One line per state outcome. A failed state gets one ✗ line with the error's name only: the runner
 * also reports its catch and exit, and the execution's failure, which would repeat it; the caller
 * prints the error's message once, at the end, where paths can be made openable.
 */
export function createProgressPrinter(write: (line: string) => void = (line) => console.log(line)) {
  const entered = new Map<string, number>();
  const failed = new Set<string>();
  let step = '';

  return (event: StateEvent): void => {
    if (!event.state) return;
    // States inside the SQL Map carry their iteration index.
    const nested = event.index !== undefined;
    const indent = nested ? '      ' : '  ';
    const key = `${event.index ?? ''}:${event.state}`;
    if (event.type === 'StateEntered') {
      entered.set(event.state, event.timestamp);
      failed.delete(key);
      const input = event.input as { step?: unknown } | undefined;
      // Every state of a Map iteration sees the step it runs; the first names it for the rest.
      if (nested && typeof input?.step === 'string') step = input.step;
      return;
    }
    const label = nested && step !== '' ? `${event.state} [${step}]` : event.state;
    if (event.type === 'StateRetried') {
      write(`${indent}↻ ${label} retried after ${event.error ?? 'an error'}`);
      return;
    }
    if (event.type === 'StateFailed') {
      failed.add(key);
      const millis = event.timestamp - (entered.get(event.state) ?? event.timestamp);
      write(`${indent}✗ ${label.padEnd(44)} ${formatMillis(millis).padStart(8)}  ${event.error ?? 'failed'}`);
      return;
    }
    // A caught failure also exits its state: its ✗ line has said all there is.
    if (event.type !== 'StateExited' || failed.has(key)) return;
    // Choice states (Is...), the poll loops' Wait states and the step dispatch would only add noise.
    if (/^(Is\w+|WaitFor\w+|QueryStepSucceeded|Describe\w+|ChooseStepEngine)$/.test(event.state)) return;
    const poll = POLLS[event.state];
    const polled = poll ? ((event.output as Record<string, Poll | undefined> | undefined)?.[poll.field] ?? {}) : undefined;
    // A poll that found the work still running is counted in the final poll's line instead.
    if (polled?.state === 'RUNNING' || polled?.state === 'QUEUED') return;
    // A poll's line shows the whole wait since its Start state, not the last poll alone.
    const millis = event.timestamp - (entered.get(poll?.startedBy ?? event.state) ?? event.timestamp);
    write(`${indent}✓ ${label.padEnd(44)} ${formatMillis(millis).padStart(8)}${describe(event.output, polled)}`);
  };
}

export function formatMillis(millis: number): string {
  return millis < 1000 ? `${millis} ms` : `${(millis / 1000).toFixed(1)} s`;
}

/** A few words on what a state produced: the run date once, and a poll's outcome. */
function describe(output: unknown, polled: Poll | undefined): string {
  const data = output as { run?: { dt?: string }; lease?: { expiresAt?: string }; fetch?: unknown; error?: unknown } | undefined;
  if (data?.lease?.expiresAt && data.fetch === undefined && data.error === undefined) return `  until ${data.lease.expiresAt.slice(0, 16).replace('T', ' ')}Z`;
  if (data?.run?.dt && data.fetch === undefined && data.error === undefined && polled === undefined) return `  dt=${data.run.dt}`;
  if (polled?.state && polled.attempt) return `  ${polled.state} after ${polled.attempt} poll(s)`;
  return '';
}
