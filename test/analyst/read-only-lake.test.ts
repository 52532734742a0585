// The analyst's DuckDB (`npm run query`) on a real folder lake: it reads the catalog's tables, refuses
// every statement that is not one read-only statement, and, were that check ever fooled, the locked
// engine itself still cannot touch a file: each refusal is asserted against the lake on disk.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReadOnlyLake } from '../../local/analyst/read-only-lake.js';
import { StatementRefused } from '../../local/analyst/read-only-sql.js';
import { SIMILARITY_DT as dt, writeSimilarityLake } from '../helpers/similarity-lake.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let lakeRoot: string;
let curatedFile: string;
let lake: ReadOnlyLake;

/** Every file under the lake with a hash of its bytes: what "the lake is untouched" means. */
async function lakeFiles(): Promise<Record<string, string>> {
  const entries = await readdir(lakeRoot, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[path] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

beforeAll(async () => {
  temp = await makeTempDir();
  lakeRoot = join(temp.path, 'lake');
  curatedFile = await writeSimilarityLake(lakeRoot);
});
afterAll(async () => {
  await temp.remove();
});

beforeEach(async () => {
  lake = await ReadOnlyLake.open(lakeRoot);
});
afterEach(() => {
  lake.close();
});

describe('npm run query: reading', () => {
  it("reads the catalog's tables from the lake", async () => {
    // Act
    const result = await lake.query(`select count(*) as pairs from artist_similarity where dt = '${dt}'`, { limit: 50 });

    // Assess
    expect(result).toEqual({ columns: ['pairs'], rows: [[3000]], total: 1 });
  });

  it('returns at most the limit and counts every row', async () => {
    // Act
    const result = await lake.query(`select * from artist_similarity where dt = '${dt}'`, { limit: 50 });

    // Assess
    expect(result.rows).toHaveLength(50);
    expect(result.total).toBe(3000);
  });

  it('shows every table of the catalog, loaded or not', async () => {
    // Act
    const result = await lake.query('show tables', { limit: 100 });

    // Assess
    expect(result.rows.flat()).toEqual(expect.arrayContaining(['artists', 'artist_similarity', 'raw_artists', 'track_artists']));
  });

  it('loads only the tables a statement names, leaving the others empty', async () => {
    // Prepare
    const narrow = await ReadOnlyLake.open(lakeRoot, 'select * from artists');

    // Act
    const named = await narrow.query('select count(*) from artists', { limit: 1 });
    const other = await narrow.query('select count(*) from artist_similarity', { limit: 1 });
    narrow.close();

    // Assess
    expect(named.rows).toEqual([[1]]);
    expect(other.rows).toEqual([[0]]);
  });
});

describe('npm run query: refusals change nothing', () => {
  const refused: [string, () => string][] = [
    ['COPY over the whole lake', () => `copy (select 1 as x) to '${lakeRoot}' (format parquet, per_thread_output true, overwrite true)`],
    ['COPY onto a curated file', () => `copy (select 1 as x) to '${curatedFile}' (format parquet)`],
    ['ATTACH of a new database file in the lake', () => `attach '${join(lakeRoot, 'x.duckdb')}' as x`],
    ['INSTALL', () => 'install httpfs'],
    ['LOAD', () => 'load httpfs'],
    ['SET that reopens file access', () => 'set enable_external_access = true'],
    ['RESET of the lock', () => 'reset lock_configuration'],
    ['a read statement followed by a COPY', () => `select 1; copy (select 1 as x) to '${join(lakeRoot, 'second.csv')}'`],
    ['EXPLAIN ANALYZE of a COPY', () => `explain analyze copy (select 1 as x) to '${join(lakeRoot, 'explained.csv')}'`],
    ['WITH ... INSERT', () => 'with a as (select 1 as x) insert into artists select * from artists'],
    ['reading a file outside the lake', () => "select * from read_text('/etc/hostname')"],
    ['read_csv on a path of the analyst\'s choosing', () => `select * from read_csv('${join(temp.path, 'outside.csv')}')`],
    ['an escape string that hides a second statement from the text check', () => `select E'\\''; copy (select 1 as x) to '${curatedFile}' (format csv)`],
  ];

  it.each(refused)('refuses %s with StatementRefused and leaves every lake file as it was', async (_case, statement) => {
    // Prepare
    await writeFile(join(temp.path, 'outside.csv'), 'secret\nvalue\n');
    const before = await lakeFiles();

    // Act
    const running = lake.query(statement(), { limit: 50 });

    // Assess
    await expect(running).rejects.toThrow(StatementRefused);
    expect(await lakeFiles()).toEqual(before);
  });

  it('runs neither statement of `select 1; copy ...`', async () => {
    // Prepare
    const target = join(lakeRoot, 'second.csv');

    // Act
    await lake.query(`select 1; copy (select 1 as x) to '${target}'`, { limit: 50 }).catch(() => undefined);

    // Assess
    expect(existsSync(target)).toBe(false);
  });

  it('says which statement types run when it refuses', async () => {
    // Act
    const running = lake.query(`copy (select 1 as x) to '${lakeRoot}' (format parquet, per_thread_output true, overwrite true)`, { limit: 50 });

    // Assess
    await expect(running).rejects.toThrow(/^COPY is not a read-only statement: only one read-only statement runs here \(SELECT, WITH, VALUES, SHOW, DESCRIBE or EXPLAIN\), and nothing was run$/);
  });
});

describe('npm run query: the locked engine, with no statement check in front', () => {
  const blocked: [string, () => string, RegExp][] = [
    ['COPY over the whole lake', () => `copy (select 1 as x) to '${lakeRoot}' (format parquet, per_thread_output true, overwrite true)`, /Permission Error/],
    ['COPY onto a curated file, in place', () => `copy (select 1 as x) to '${curatedFile}' (format csv, use_tmp_file false)`, /Permission Error/],
    ['ATTACH of a new database file in the lake', () => `attach '${join(lakeRoot, 'x.duckdb')}' as x`, /Permission Error/],
    ['reading a file outside the lake', () => "select * from read_text('/etc/hostname')", /Permission Error/],
    ['reading a lake file directly', () => `select * from read_parquet('${curatedFile}')`, /Permission Error/],
    ['INSTALL', () => 'install httpfs', /Permission Error/],
    ['LOAD', () => 'load httpfs', /Permission Error/],
    ['SET that reopens file access', () => 'set enable_external_access = true', /the configuration has been locked/],
    ['RESET of the allowed paths', () => 'reset allowed_directories', /the configuration has been locked/],
    ['unlocking the configuration', () => 'set lock_configuration = false', /the configuration has been locked/],
  ];

  it.each(blocked)('refuses %s itself and leaves every lake file as it was', async (_case, statement, error) => {
    // Prepare
    const before = await lakeFiles();

    // Act
    const running = lake.connection.run(statement());

    // Assess
    await expect(running).rejects.toThrow(error);
    expect(await lakeFiles()).toEqual(before);
  });
});
