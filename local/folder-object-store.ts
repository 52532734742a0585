// The local data lake: an ObjectStore over a folder, with S3's key layout (key K at <root>/K).
// Writes go to a temporary file and are renamed into place, so a reader never sees half an object; a
// write cut off by a killed process leaves its temporary file, which the next replace of its prefix,
// or the next start of the runtime, removes once its writer is gone.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { S3Requests } from '../tasks/cost/usage.js';
import type { ObjectStore } from '../tasks/ports.js';
import { folderEntries } from './folder-entries.js';

/** S3 returns at most 1000 keys per ListObjectsV2 page and deletes at most 1000 per DeleteObjects. */
const S3_PAGE = 1000;

export class FolderObjectStore implements ObjectStore {
  readonly root: string;
  /** The S3 requests the same calls would make (tasks/aws/s3-object-store.ts), for the run's cost. */
  readonly requests: S3Requests = { put: 0, get: 0, list: 0, delete: 0 };

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    this.requests.put += 1;
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = temporaryPathOf(path);
    await writeFile(temporary, body);
    await rename(temporary, path);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    this.requests.get += 1;
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys = (await this.filesUnder(prefix)).filter((key) => !key.endsWith(TEMPORARY_SUFFIX));
    this.requests.list += Math.max(1, Math.ceil(keys.length / S3_PAGE));
    return keys;
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    this.requests.delete += Math.ceil(keys.length / S3_PAGE);
    await Promise.all(keys.map((key) => rm(this.pathOf(key), { force: true })));
    await this.removeStaleTemporaries(prefix);
    return keys.length;
  }

  /**
   * Removes the temporary files under `prefix` whose writing process is gone (an interrupted run);
   * a live process's are its writes in flight and stay. Returns how many were removed.
   */
  async removeStaleTemporaries(prefix = ''): Promise<number> {
    const stale = (await this.filesUnder(prefix)).filter((key) => key.endsWith(TEMPORARY_SUFFIX) && !writerIsAlive(key));
    await Promise.all(stale.map((key) => rm(this.pathOf(key), { force: true })));
    return stale.length;
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

  /** Every file under the prefix, temporary ones included, sorted. */
  private async filesUnder(prefix: string): Promise<string[]> {
    // Walk only the folder the prefix names, not the whole lake.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys = await this.walk(this.pathOf(folder));
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  private async walk(folder: string): Promise<string[]> {
    const entries = await folderEntries(folder);
    const nested = await Promise.all(
      entries.map(async (entry) => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return this.walk(path);
        return [relative(this.root, path).split(sep).join('/')];
      }),
    );
    return nested.flat();
  }
}

const TEMPORARY_SUFFIX = '.tmp';

/**
 * Where a writer of this process writes `path` before renaming it into place: hidden from list(),
 * and removed by deletePrefix() or the runtime's start once this process is gone.
 */
export function temporaryPathOf(path: string): string {
  return `${path}.${process.pid}.${Date.now()}${TEMPORARY_SUFFIX}`;
}

/** Whether the process that named a temporary file `<key>.<pid>.<millis>.tmp` still runs. */
function writerIsAlive(temporaryKey: string): boolean {
  const pid = Number(/\.(\d+)\.\d+\.tmp$/.exec(temporaryKey)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    // Signal 0 only asks whether the process exists.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
