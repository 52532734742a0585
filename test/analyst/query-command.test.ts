// `npm run query` as a user runs it: a real process over a home's lake, reading what the last run
// left (last-run.json), printing for people or programs, refusing with a clear line and exit code.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/processes.js';
import { SIMILARITY_DT as dt, writeSimilarityLake } from '../helpers/similarity-lake.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;

const query = (...args: string[]) => runScript('local/query.ts', args, { SIXPOTIFY_HOME: temp.path });

beforeAll(async () => {
  temp = await makeTempDir();
  const home = join(temp.path, 'sample');
  await mkdir(home, { recursive: true });
  await writeSimilarityLake(join(home, 'lake'));
  await writeFile(join(temp.path, 'last-run.json'), JSON.stringify({ home, dt, status: 'SUCCEEDED' }));
});
afterAll(async () => {
  await temp.remove();
});

describe('npm run query', () => {
  it("prints the README's select * example as a plain aligned table", async () => {
    // Act
    const { code, stdout } = await query(`select * from artist_similarity where dt = '${dt}' limit 10`);

    // Assess
    const lines = stdout.trimEnd().split('\n');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^artist_id\s+neighbour_id\s+neighbour_name\s+rank\s+score/);
    expect(lines[2]).toMatch(/^a0\s+n1\s+Neighbour 1\s+1\s+0\.99\s+0\.5\s+NULL\s+NULL\s+collaboration, genre\s+2\s+1\s+k-pop\s+2026-11-20$/);
    expect(stdout).not.toMatch(/\(index\)|'|"|\[/);
    expect(lines.at(-1)).toBe('10 rows');
  });

  it('prints 50 rows by default and says how many there were', async () => {
    // Act
    const { stdout } = await query(`select * from artist_similarity where dt = '${dt}'`);

    // Assess
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 50 + 1);
    expect(lines.at(-1)).toBe('50 of 3,000 rows shown; use --limit N for more');
  });

  it('prints JSON for programs on stdout and the cut on stderr', async () => {
    // Act
    const { stdout, stderr } = await query(`select neighbour_name, signals from artist_similarity where dt = '${dt}' order by artist_id, rank`, '--json', '--limit', '2');

    // Assess
    expect(JSON.parse(stdout)).toEqual([
      { neighbour_name: 'Neighbour 1', signals: ['collaboration', 'genre'] },
      { neighbour_name: 'Neighbour 2', signals: ['collaboration', 'genre'] },
    ]);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^data set: sample /), '2 of 3,000 rows shown; use --limit N for more']);
  });

  it('prints CSV with a header', async () => {
    // Act
    const { stdout } = await query(`select rank, neighbour_name from artist_similarity where artist_id = 'a0' and dt = '${dt}' order by rank`, '--csv', '--limit', '1');

    // Assess
    expect(stdout).toBe('rank,neighbour_name\n1,Neighbour 1\n');
  });

  it('refuses a statement that writes with one clear line and exit code 1', async () => {
    // Act
    const { code, stdout, stderr } = await query(`select 1; copy (select 1 as x) to '${join(temp.path, 'sample', 'lake')}' (format parquet, per_thread_output true, overwrite true)`);

    // Assess
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^✗ refused: 2 statements given \(the second: `copy .*`\): only one read-only statement runs here .*, and nothing was run\n$/);
  });
});
