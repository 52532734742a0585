// A local folder read as S3 lists a prefix: a folder nothing has written to yet (no such directory)
// has no entries rather than being an error. The folder lake, the local catalog and the local engine
// all read the lake this way.
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';

export async function folderEntries(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
