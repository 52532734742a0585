// A lock held by one process at a time: a small JSON file created exclusively, saying who holds it
// (pid, since when, the command) and anything the holder wants to share (the DynamoDB endpoint it
// serves). A lock whose process is gone (killed, crashed) is cleared by the next process that looks.
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, relative } from 'node:path';

export interface LockHolder {
  pid: number;
  /** ISO time the lock was taken. */
  since: string;
  /** The command line of the holder, as a person would type it. */
  command: string;
  /** What the holder does with it: `run` (npm start) or `lookup` (npm run similar). */
  role: string;
  /** The local DynamoDB endpoint the holder serves, once it is listening. */
  endpoint?: string;
}

/** The lock is held by another live process. */
export class LockHeld extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder,
    message: string,
  ) {
    super(message);
    this.name = 'LockHeld';
  }
}

export interface HeldLock {
  readonly holder: LockHolder;
  /** Adds to what the lock says about its holder (atomically: a reader never sees half a file). */
  update(changes: Partial<LockHolder>): Promise<void>;
  /** Removes the lock if it is still this process's. */
  release(): Promise<void>;
}

/** Takes the lock at `path` or throws LockHeld naming its live holder; a dead holder's lock is cleared first. */
export async function acquireLock(path: string, role: string): Promise<HeldLock> {
  let holder: LockHolder = { pid: process.pid, since: new Date().toISOString(), command: commandLine(), role };
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify(holder, null, 1));
      await file.close();
      return {
        get holder() {
          return holder;
        },
        update: async (changes) => {
          holder = { ...holder, ...changes };
          const temporary = `${path}.${process.pid}.tmp`;
          await writeFile(temporary, JSON.stringify(holder, null, 1));
          await rename(temporary, path);
        },
        release: async () => {
          const current = await readHolder(path);
          if (typeof current === 'object' && current.pid === holder.pid && current.since === holder.since) await unlink(path).catch(ignoreMissing);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = await liveHolder(path);
      if (current !== undefined) throw new LockHeld(path, current, `${basename(path)} is held by ${describeHolder(current)}`);
    }
  }
  throw new Error(`${path} was taken again while a dead holder's lock was being cleared: try again`);
}

/**
 * The live process holding the lock at `path`, or undefined when there is none. A lock left by a
 * process that no longer runs is removed here.
 */
export async function liveHolder(path: string): Promise<LockHolder | undefined> {
  const holder = await readHolder(path);
  if (holder === undefined || holder === 'unreadable') return undefined;
  if (holder === 'starting' || isAlive(holder.pid)) return holder === 'starting' ? STARTING : holder;
  // Re-read just before removing, so a lock a live process took meanwhile is never removed.
  const again = await readHolder(path);
  if (typeof again === 'object' && again.pid === holder.pid && again.since === holder.since) await unlink(path).catch(ignoreMissing);
  return undefined;
}

/** Who holds a lock that was created but not written yet. */
const STARTING: LockHolder = { pid: 0, since: new Date(0).toISOString(), command: 'a process starting up', role: 'unknown' };
/** A lock file still empty after this long was left by a process that died while taking it. */
const STARTING_MS = 10_000;

/** `pid 4242 (npm start -- --dt 2026-11-20) since 2026-11-20 10:15:02Z` */
export function describeHolder(holder: LockHolder): string {
  const since = holder.since.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return `pid ${holder.pid} (${holder.command}) since ${since}`;
}

async function readHolder(path: string): Promise<LockHolder | 'starting' | 'unreadable' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as LockHolder;
  } catch {
    const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
    if (age < STARTING_MS) return 'starting';
    await unlink(path).catch(ignoreMissing);
    return 'unreadable';
  }
}

/** Signal 0 checks a process exists without touching it; EPERM means it exists under another user. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `npm start -- --dt 2026-11-20` when npm started this script, else the script and its arguments. */
function commandLine(): string {
  const script = relative(process.cwd(), process.argv[1] ?? 'node');
  const args = process.argv.slice(2).join(' ');
  // npm passes its variables down to every child: only trust them when npm's script is this one.
  const event = process.env.npm_lifecycle_event;
  if (event !== undefined && (process.env.npm_lifecycle_script ?? '').includes(script)) {
    return `npm ${event === 'start' ? 'start' : `run ${event}`}${args === '' ? '' : ` -- ${args}`}`;
  }
  return [script, args].filter((part) => part !== '').join(' ');
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
