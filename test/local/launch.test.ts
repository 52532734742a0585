import { spawnSync } from 'node:child_process';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleFor, isFresh, REPO_ROOT, type BuildStamp } from '../../local/launch.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('the launcher of the local commands', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    // A tiny checkout: an entry that imports a module which reads a file beside itself.
    temp = await makeTempDir();
    await mkdir(join(temp.path, 'app', 'lib'), { recursive: true });
    await writeFile(join(temp.path, 'app', 'main.ts'), "export { greeting } from './lib/greet.js';\n");
    await writeFile(
      join(temp.path, 'app', 'lib', 'greet.ts'),
      "import { readFileSync } from 'node:fs';\nexport const greeting: string = readFileSync(new URL('./words.txt', import.meta.url), 'utf8');\n",
    );
    await writeFile(join(temp.path, 'app', 'lib', 'words.txt'), 'hello');
  });
  afterEach(() => temp.remove());

  const bundle = () => bundleFor('app/main.ts', { root: temp.path });

  it('builds the bundle on first use, named after the entry', async () => {
    const first = await bundle();
    expect(first).toEqual({ path: join(temp.path, '.sixpotify', 'build', 'app-main.mjs'), built: true });
  });

  it('reuses the bundle while no source has changed', async () => {
    await bundle();
    expect((await bundle()).built).toBe(false);
  });

  it('builds again once a bundled source has changed', async () => {
    // Prepare
    await bundle();
    const later = new Date(Date.now() + 5_000);
    await utimes(join(temp.path, 'app', 'lib', 'greet.ts'), later, later);

    // Act / Assess
    expect((await bundle()).built).toBe(true);
  });

  it('keeps, for each bundled module, its own location as import.meta.url', async () => {
    const { path } = await bundle();
    const loaded = (await import(pathToFileURL(path).href)) as { greeting: string };
    expect(loaded.greeting).toBe('hello');
  });

  it('takes a bundle built in another checkout as out of date', async () => {
    // Prepare
    await bundle();
    const stamp = JSON.parse(await readFile(join(temp.path, '.sixpotify', 'build', 'app-main.json'), 'utf8')) as BuildStamp;

    // Act / Assess
    expect({ here: isFresh(stamp, temp.path), elsewhere: isFresh(stamp, `${temp.path}-copy`) }).toEqual({ here: true, elsewhere: false });
  });
});

describe('npm start through the launcher', () => {
  it('runs the whole pipeline from the bundle, packages bundled in', async () => {
    // Prepare
    const home = await makeTempDir();
    try {
      // Act: what `npm start -- --artists 12` runs, with its state in a temporary home.
      const run = spawnSync(process.execPath, [fileURLToPath(new URL('../../local/launch.ts', import.meta.url)), 'local/start.ts', '--artists', '12'], {
        cwd: REPO_ROOT,
        env: { ...process.env, SIXPOTIFY_HOME: home.path },
        encoding: 'utf8',
        timeout: 110_000,
      });

      // Assess
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/✓ PipelineSucceeded/);
      expect(run.stdout).toMatch(/artists fetched +12 \(0 failed\)/);
    } finally {
      await home.remove();
    }
  });
});
