// The local commands as a user types them (`npm start`, `npm run similar`, `npm run publish-marker`),
// run as processes over a temporary .sixpotify home: what they print, and what they refuse before
// anything starts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleCatalog } from '../../local/spotify/catalog.js';
import { todayIn } from '../../tasks/run-date.js';
import { timeZoneFromEnv } from '../../tasks/settings/from-env.js';
import { runScript, type Finished } from '../helpers/processes.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('local commands', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const run = (script: string, args: string[]) => runScript(script, args, { SIXPOTIFY_HOME: temp.path });
  let started: Finished;

  beforeAll(async () => {
    temp = await makeTempDir();
    started = await run('local/start.ts', ['--artists', '20', '--dt', '2026-11-20']);
  });
  afterAll(() => temp.remove());

  it('says what it runs, on which data set, and that it generates the sample, before the first state', () => {
    const lines = started.stdout.split('\n');
    const first = lines.findIndex((line) => line.includes('ResolveRunDate'));
    // Its time as the progress lines print it: '40 ms', or '1.2 s' on a busy machine.
    const generating = lines.findIndex((line) => /^ {2}generating the sample catalog: 20 artists \.\.\. [\d,]+ tracks in (\d+ ms|\d+\.\d s)$/.test(line));

    expect(started.code).toBe(0);
    expect(lines[0]).toBe('Sixpotify local run: built-in sample catalog (20 artists, development-mode app), offline');
    expect(lines[1]).toBe(`data set: sample-20 (${join(temp.path, 'sample-20')})`);
    expect(generating).toBeGreaterThan(1);
    expect(generating).toBeLessThan(first);
  });

  it('refuses a run date after tomorrow before starting anything', async () => {
    const refused = await run('local/start.ts', ['--artists', '5', '--dt', '2099-12-31']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("✗ InvalidRunDate: dt '2099-12-31' is in the future: the latest run date is tomorrow");
    expect(existsSync(join(temp.path, 'sample-5'))).toBe(false);
  });

  it('refuses a sample larger than the bound at once, with the bound', async () => {
    const refused = await run('local/start.ts', ['--artists', '10000000']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("✗ --artists 10000000 is more than the sample catalog's 50,000");
    expect(refused.stdout).toBe('');
  });

  it('looks an artist up in the data set the options name, and says which', async () => {
    const name = /npm run similar -- --artists 20 "(.+)"/.exec(started.stdout)?.[1];

    const found = await run('local/similar.ts', ['--artists', '20', name ?? '?']);

    expect(found.code).toBe(0);
    expect(found.stderr).toContain(`data set: sample-20 (${join(temp.path, 'sample-20')}), chosen with --artists 20`);
    expect(found.stdout).toContain(`${name} (`);
  });

  it('looks an artist the run has not published up on the built-in server, adds it as the chatbot Lambda does, and knows it next time', async () => {
    // A guest of the sample-20 catalog: credited on its tracks, so the server knows it, but never tracked.
    const guest = createSampleCatalog({ artists: 20 }).guests[0]!;
    const today = [new Date(), new Date(Date.now() + 60_000)].map((now) => todayIn(timeZoneFromEnv(), now));

    const added = await run('local/similar.ts', ['--artists', '20', guest.name]);
    const again = await run('local/similar.ts', ['--artists', '20', guest.name]);

    expect(added.code).toBe(0);
    const line = `${guest.name} (${guest.id}) was not in data set sample-20: found on the built-in Spotify server (the sample-20 catalog), added for dt=`;
    expect(today.map((dt) => `${line}${dt}`)).toContain(added.stdout.split('\n')[0]);
    expect(added.stdout).toContain('is now tracked; similar artists will be available after the next nightly run (`npm start -- --artists 20`)');
    expect(existsSync(join(temp.path, 'sample-20', 'lake', 'config', 'tracked-artists', `chatbot-${guest.id}.json`))).toBe(true);
    expect(today.map((dt) => `${guest.name} (${guest.id}), added for dt=${dt}, not yet published by a run`)).toContain(again.stdout.split('\n')[0]);
  });

  it('says when neither the data set nor its Spotify server knows the artist', async () => {
    const missing = await run('local/similar.ts', ['--artists', '20', 'Zzyzx Nobody Qq']);

    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('No artist named or with id "Zzyzx Nobody Qq" in data set sample-20, and the built-in Spotify server (the sample-20 catalog) knows none matching it.');
  });

  it('refuses to read a data set no run has written, naming the command that writes it', async () => {
    const refused = await run('local/similar.ts', ['--access', 'extended', 'Anyone']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no local data set sample-extended yet');
    expect(refused.stderr).toContain('run `npm start -- --access extended` first; local data sets: sample-20 (--artists 20)');
  });

  it('moves the published marker back only with --confirm', async () => {
    const asked = await run('local/publish-marker.ts', ['--artists', '20', '--dt', '2026-11-19']);
    const shown = await run('local/publish-marker.ts', ['--artists', '20']);

    expect(asked.stdout).toContain('Nothing changed. To move it: npm run publish-marker -- --dt 2026-11-19 --confirm --artists 20');
    expect(shown.stdout).toContain('Published answers are at dt=2026-11-20');
  });
});
