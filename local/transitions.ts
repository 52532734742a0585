// The summary's line on state transitions: the total, and the loops that make it grow (the polls of the
// SQL steps and of the crawler, the fetch slices), from the count of each state the run entered. A run
// whose polls outnumber its steps by far had no estimate of when its steps end (a first run), or ran
// slower than last time. Every state's count is in the run manifest (cost.usage.transitionsByState).

/** Each loop, the state entered once per pass, and the state entered once per loop (if any). */
const LOOPS = [
  { name: 'SQL steps', started: 'StartQuery', pass: 'GetQueryStatus', unit: 'poll' },
  { name: 'crawler', started: 'StartCrawler', pass: 'GetCrawlerStatus', unit: 'poll' },
  { name: 'fetch', started: undefined, pass: 'FetchArtists', unit: 'slice' },
] as const;

export function describeTransitions(total: number, byState: Record<string, number> | undefined): string {
  if (byState === undefined) return String(total);
  const loops = LOOPS.flatMap(({ name, started, pass, unit }) => {
    const passes = byState[pass] ?? 0;
    if (passes === 0) return [];
    const starts = started === undefined ? '' : `${byState[started] ?? 0} started, `;
    return [`${name}: ${starts}${passes} ${unit}${passes === 1 ? '' : 's'}`];
  });
  return loops.length === 0 ? String(total) : `${total} (${loops.join('; ')})`;
}
