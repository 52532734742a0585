// Real processes for tests: a local command run as its npm script runs it, and a holder (a TypeScript
// script run by Node with tsx's loader, so the child's pid is the script's own) that keeps part of a
// home until the test lets go.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAUNCHER = join(REPO_ROOT, 'local', 'launch.ts');

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the local command `script` (local/start.ts, local/similar.ts, ...) to its end as `npm start`
 * and the other npm scripts do: `node local/launch.ts <script>`, the script's bundle built on first use
 * and reused after. `env` is added to this process's environment.
 */
export async function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  try {
    const { stdout, stderr } = await run(process.execPath, [LAUNCHER, script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

export interface Holder {
  pid: number;
  /** Lets go (closes the child's stdin) and waits for it to end. */
  stop(): Promise<void>;
}

/** Starts test/helpers/hold-home.ts with `args` and waits until it holds. */
export async function startHolder(...args: string[]): Promise<Holder> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hold-home.ts', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`hold-home.ts ${args.join(' ')} ended with code ${String(code)} before holding`);
    }),
  ])) as [Buffer];
  if (!String(line).startsWith('ready ')) throw new Error(`hold-home.ts said ${String(line)}`);
  return {
    pid: child.pid as number,
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}

/** The pid of a process that has already ended. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid as number;
}
