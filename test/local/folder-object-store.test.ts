import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';

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

  it('refuses a key that escapes the lake', async () => {
    await expect(store.put('../outside', 'x')).rejects.toThrow("key '../outside' is outside the lake");
  });
});
