import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declaredOutput, listQuerySteps, readQueryStep, REPOSITORY_SQL_DIR } from '../../tasks/query/steps.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

describe('listQuerySteps', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('lists NN_<step>.sql files by name, in order, ignoring anything else', async () => {
    for (const file of ['02_b.sql', '01_a.sql', 'README.md', 'draft.sql', '10_c.sql']) {
      await writeFile(join(dir.path, file), '-- output: none\nselect 1');
    }

    expect(await listQuerySteps(dir.path)).toEqual(['01_a', '02_b', '10_c']);
  });

  it('lists exactly the files of the repository sql/ folder', async () => {
    const files = (await readdir(REPOSITORY_SQL_DIR)).filter((file) => file.endsWith('.sql')).sort();

    expect((await listQuerySteps(REPOSITORY_SQL_DIR)).map((step) => `${step}.sql`)).toEqual(files);
  });

  it('rejects a step that is not in the folder, naming the known ones', async () => {
    await writeFile(join(dir.path, '01_a.sql'), '-- output: none\nselect 1');

    await expect(readQueryStep(dir.path, '99_nope')).rejects.toMatchObject({
      name: 'UnknownQueryStep',
      message: expect.stringContaining('the steps are 01_a'),
    });
  });
});

describe('declaredOutput', () => {
  it('reads the output prefix from the header', () => {
    expect(declaredOutput('01_a', '-- purpose: x\n-- output:  curated/artists\nunload (select 1)')).toBe('curated/artists');
  });

  it('reads none as no output', () => {
    expect(declaredOutput('05_check', '-- output: none (a check)\nselect 1')).toBeUndefined();
  });

  it('requires the header to declare an output', () => {
    expect(() => declaredOutput('01_a', 'select 1')).toThrow(/no '-- output:' line/);
  });

  it('refuses an output outside curated/ and exports/, which would be deleted before the step runs', () => {
    expect(() => declaredOutput('01_a', '-- output: raw/artists\nselect 1')).toThrow(
      expect.objectContaining({ name: 'QueryStartFailed' }),
    );
  });
});
