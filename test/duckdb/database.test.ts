import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDb, DUCKDB_MEMORY_LIMIT_VARIABLE } from '../../local/duckdb/database.js';

async function setting(sqlName: string, database: Awaited<ReturnType<typeof createDuckDb>>): Promise<string> {
  const connection = await database.instance.connect();
  try {
    const reader = await connection.runAndReadAll(`select current_setting('${sqlName}') as value`);
    return String(reader.getRowObjects()[0]?.value);
  } finally {
    connection.closeSync();
  }
}

describe('the local DuckDB', () => {
  const saved = process.env[DUCKDB_MEMORY_LIMIT_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[DUCKDB_MEMORY_LIMIT_VARIABLE];
    else process.env[DUCKDB_MEMORY_LIMIT_VARIABLE] = saved;
  });

  it('holds at most 1.5 GB by default instead of 80% of the machine', async () => {
    delete process.env[DUCKDB_MEMORY_LIMIT_VARIABLE];
    const database = await createDuckDb();
    try {
      // DuckDB reports 1.5GB (1.5 x 10^9 bytes) in binary units.
      expect(await setting('memory_limit', database)).toBe('1.3 GiB');
    } finally {
      database.close();
    }
  });

  it('takes its memory limit from SIXPOTIFY_DUCKDB_MEMORY_LIMIT', async () => {
    process.env[DUCKDB_MEMORY_LIMIT_VARIABLE] = '512MB';
    const database = await createDuckDb();
    try {
      expect(await setting('memory_limit', database)).toBe('488.2 MiB');
    } finally {
      database.close();
    }
  });

  it('refuses a memory limit that is not a size, naming the variable', async () => {
    process.env[DUCKDB_MEMORY_LIMIT_VARIABLE] = 'lots';
    await expect(createDuckDb()).rejects.toThrow(/SIXPOTIFY_DUCKDB_MEMORY_LIMIT must be a size such as 1GB or 800MB, got "lots"/);
  });

  it('spills to a folder of its own and removes it when closed', async () => {
    const database = await createDuckDb({ memoryLimit: '100MB' });
    const spillFolder = await setting('temp_directory', database);
    expect(spillFolder).toMatch(/sixpotify-duckdb-/);
    expect(existsSync(spillFolder)).toBe(true);
    database.close();
    expect(existsSync(spillFolder)).toBe(false);
  });
});

describe('spill folders of ended processes', () => {
  it('are removed when the next local DuckDB opens', async () => {
    // Prepare: a folder named for a process id that cannot be running (above Linux's pid_max).
    const stale = join(tmpdir(), 'sixpotify-duckdb-4999999-test');
    mkdirSync(stale, { recursive: true });

    const database = await createDuckDb({ memoryLimit: '100MB' });
    database.close();

    expect(existsSync(stale)).toBe(false);
  });
});
