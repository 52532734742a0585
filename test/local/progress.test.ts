import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from '../../local/progress.js';

describe('progress display', () => {
  it('prints one line per finished query step, with the wait since StartQuery and the poll count', () => {
    const lines: string[] = [];
    const print = createProgressPrinter((line) => lines.push(line));
    const query = (state: string, attempt: number) => ({ query: { step: '01_a', state, attempt }, crawl: { state: 'SUCCEEDED', attempt: 3 } });

    print({ type: 'StateEntered', state: 'StartQuery', index: 0, input: { step: '01_a' }, timestamp: 1_000 });
    print({ type: 'StateExited', state: 'StartQuery', index: 0, output: {}, timestamp: 1_005 });
    print({ type: 'StateEntered', state: 'GetQueryStatus', index: 0, timestamp: 1_100 });
    print({ type: 'StateExited', state: 'GetQueryStatus', index: 0, output: query('RUNNING', 1), timestamp: 1_101 });
    print({ type: 'StateEntered', state: 'GetQueryStatus', index: 0, timestamp: 1_200 });
    print({ type: 'StateExited', state: 'GetQueryStatus', index: 0, output: query('SUCCEEDED', 2), timestamp: 1_250 });
    print({ type: 'StateExited', state: 'PlanQuerySteps', output: { crawl: { state: 'SUCCEEDED', attempt: 3 } }, timestamp: 1_300 });

    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {6}✓ StartQuery \[01_a\] +5 ms$/);
    expect(lines[1]).toMatch(/^ {6}✓ GetQueryStatus \[01_a\] +250 ms {2}SUCCEEDED after 2 poll\(s\)$/);
    expect(lines[2]).toMatch(/^ {2}✓ PlanQuerySteps +0 ms$/);
  });

  it('names the step of a task run inside the map, and hides the dispatch to it', () => {
    const lines: string[] = [];
    const print = createProgressPrinter((line) => lines.push(line));
    const input = { dt: '2026-01-01', step: 'artist_audio_neighbours' };

    print({ type: 'StateEntered', state: 'ChooseStepEngine', index: 7, input, timestamp: 2_000 });
    print({ type: 'StateExited', state: 'ChooseStepEngine', index: 7, output: input, timestamp: 2_000 });
    print({ type: 'StateEntered', state: 'FindAudioNeighbours', index: 7, input, timestamp: 2_001 });
    print({ type: 'StateExited', state: 'FindAudioNeighbours', index: 7, output: input, timestamp: 2_401 });

    expect(lines).toEqual([expect.stringMatching(/^ {6}✓ FindAudioNeighbours \[artist_audio_neighbours\] +400 ms$/)]);
  });

  it('says until when the run lease holds the date, instead of repeating dt', () => {
    const lines: string[] = [];
    const print = createProgressPrinter((line) => lines.push(line));
    const output = { run: { dt: '2026-11-20' }, lease: { dt: '2026-11-20', expiresAt: '2026-11-20T05:15:00.000Z' } };

    print({ type: 'StateEntered', state: 'AcquireRunLease', timestamp: 1_000 });
    print({ type: 'StateExited', state: 'AcquireRunLease', output, timestamp: 1_040 });

    expect(lines).toEqual([expect.stringMatching(/^ {2}✓ AcquireRunLease +40 ms {2}until 2026-11-20 05:15Z$/)]);
  });
});
