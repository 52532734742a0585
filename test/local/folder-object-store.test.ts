import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { startLocalRuntime } from '../../local/runtime.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** The pid of a process that has already ended: what an interrupted run leaves in its file names. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

/** A temporary file as put() names it, left behind by the process `pid`. */
async function leaveTemporary(root: string, key: string, pid: number): Promise<string> {
  const path = join(root, `${key}.${pid}.1700000000000.tmp`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, 'half an object');
  return path;
}

describe('FolderObjectStore', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: FolderObjectStore;
  beforeEach(async () => {
    temp = await makeTempDir();
    store = new FolderObjectStore(temp.path);
  });
  afterEach(() => temp.remove());

  it('reads back what it wrote, and undefined for a missing key', async () => {
    await store.put('raw/artists/dt=2026-11-23/part-00000.json.gz', 'hello');
    expect(Buffer.from((await store.get('raw/artists/dt=2026-11-23/part-00000.json.gz'))!).toString()).toBe('hello');
    expect(await store.get('raw/artists/missing')).toBeUndefined();
  });

  it('lists keys under a prefix, sorted, and nothing for an absent folder', async () => {
    await store.put('raw/b/dt=1/x', '1');
    await store.put('raw/a/dt=1/y', '2');
    await store.put('raw/a/dt=10/z', '3');
    expect(await store.list('raw/a/dt=1/')).toEqual(['raw/a/dt=1/y']);
    expect(await store.list('raw/')).toEqual(['raw/a/dt=1/y', 'raw/a/dt=10/z', 'raw/b/dt=1/x']);
    expect(await store.list('curated/')).toEqual([]);
  });

  it('deletes a date prefix without touching another date', async () => {
    await store.put('raw/a/dt=2026-11-22/x', '1');
    await store.put('raw/a/dt=2026-11-23/x', '2');
    expect(await store.deletePrefix('raw/a/dt=2026-11-23/')).toBe(1);
    expect(await store.list('raw/a/')).toEqual(['raw/a/dt=2026-11-22/x']);
  });

  it('removes the temporary file of an interrupted write when its prefix is replaced', async () => {
    await store.put('raw/a/dt=2026-11-23/x', '1');
    await leaveTemporary(temp.path, 'raw/a/dt=2026-11-23/y', deadPid());

    await store.deletePrefix('raw/a/dt=2026-11-23/');

    expect(await readdir(join(temp.path, 'raw/a/dt=2026-11-23'))).toEqual([]);
  });

  it('keeps the temporary file of a write still in flight in a live process', async () => {
    const path = await leaveTemporary(temp.path, 'raw/a/dt=2026-11-23/y', process.pid);

    expect(await store.removeStaleTemporaries()).toBe(0);
    expect(await readdir(dirname(path))).toEqual([path.slice(dirname(path).length + 1)]);
  });

  it('never lists a temporary file as an object', async () => {
    await leaveTemporary(temp.path, 'staging/dt=2026-11-23/artists/a.json.gz', deadPid());

    expect(await store.list('staging/')).toEqual([]);
  });

  it('clears what an interrupted run left in staging when the local runtime starts', async () => {
    const lake = join(temp.path, 'home', 'lake');
    const left = await leaveTemporary(lake, 'staging/dt=2026-11-23/artists/a.json.gz', deadPid());

    const runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: 5 } });
    await runtime.close();

    expect(await readdir(dirname(left))).toEqual([]);
  });

  it('refuses a key that escapes the lake', async () => {
    await expect(store.put('../outside', 'x')).rejects.toThrow("key '../outside' is outside the lake");
  });
});

describe('FolderObjectStore request counts', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: FolderObjectStore;
  beforeEach(async () => {
    temp = await makeTempDir();
    store = new FolderObjectStore(temp.path);
  });
  afterEach(() => temp.remove());

  it('counts the PUT, GET, LIST and DELETE requests S3 would get for the same calls', async () => {
    // Act
    await store.put('raw/a/dt=1/x', '1');
    await store.put('raw/a/dt=1/y', '2');
    await store.get('raw/a/dt=1/x');
    await store.get('raw/a/missing');
    await store.list('raw/');
    await store.deletePrefix('raw/a/dt=1/');

    // Assess: deletePrefix lists once and deletes both keys in one DeleteObjects
    expect(store.requests).toEqual({ put: 2, get: 2, list: 2, delete: 1 });
  });

  it('counts one LIST per page of 1000 keys', async () => {
    // Prepare
    await Promise.all(Array.from({ length: 1001 }, (_, index) => store.put(`raw/a/dt=1/${index}`, '')));

    // Act
    await store.list('raw/a/');

    // Assess
    expect(store.requests.list).toBe(2);
  });
});
