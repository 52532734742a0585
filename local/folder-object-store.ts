// The local data lake: an ObjectStore over a folder, with S3's key layout (key K at <root>/K).
// Writes go to a temporary file and are renamed into place, so a reader never sees half an object.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ObjectStore } from '../tasks/ports.js';

export class FolderObjectStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, path);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    // Walk only the folder the prefix names, not the whole lake.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys = await this.walk(this.pathOf(folder));
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    await Promise.all(keys.map((key) => rm(this.pathOf(key), { force: true })));
    return keys.length;
  }

  locationOf(key: string): string {
    return this.pathOf(key);
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    // A key such as '../x' must never escape the lake.
    if (path !== this.root && !path.startsWith(this.root + sep)) {
      throw new Error(`key '${key}' is outside the lake`);
    }
    return path;
  }

  private async walk(folder: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const nested = await Promise.all(
      entries.map(async (entry) => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return this.walk(path);
        if (entry.name.endsWith('.tmp')) return [];
        return [relative(this.root, path).split(sep).join('/')];
      }),
    );
    return nested.flat();
  }
}
