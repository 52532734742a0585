// `npm test`: the type check, the lint and the test suite, started together and each run to its end;
// it fails when any of them fails. Run one after another they took the sum of their times, while the
// test files spend much of theirs waiting (on DuckDB's threads, child processes, local servers): the
// type check and the lint fill those waits. What each step runs is its own script in package.json
// (`npm run typecheck`, `npm run lint`); arguments after `npm test --` go to vitest.
//
// The test suite writes to the terminal as it goes; the type check and the lint are short, so their
// output is held and printed after the suite's, under their names, rather than cut into its lines.
//
// Node runs this file directly (it strips the types): it imports nothing of ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

interface Step {
  name: string;
  command: string;
  /** Prints as it runs (true), or holds its output until the end. */
  live: boolean;
}

interface Finished {
  step: Step;
  code: number;
  output: string;
  seconds: number;
}

const quote = (argument: string) => `'${argument.replaceAll("'", "'\\''")}'`;

function steps(vitestArgs: readonly string[]): Step[] {
  return [
    { name: 'tests', command: ['vitest', 'run', ...vitestArgs.map(quote)].join(' '), live: true },
    { name: 'typecheck', command: script('typecheck'), live: false },
    { name: 'lint', command: script('lint'), live: false },
  ];
}

function script(name: string): string {
  const command = SCRIPTS[name];
  if (command === undefined) throw new Error(`package.json has no "${name}" script`);
  return command;
}

const children = new Set<ChildProcess>();
// A stop sent to `npm test` (a CI timeout, Ctrl-C) stops all three; each then ends as failed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

function run(step: Step): Promise<Finished> {
  const started = performance.now();
  // As npm runs a script: through the shell, with the installed packages' commands on the PATH.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [join(ROOT, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(delimiter) };
  // Held output keeps its colours, as it would have had on the terminal.
  if (!step.live && process.stdout.isTTY) env.FORCE_COLOR ??= '1';
  const child = spawn('sh', ['-c', `exec ${step.command}`], { cwd: ROOT, env, stdio: step.live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({
        step,
        // Killed by a signal: the shell's convention, 128 + its number.
        code: code ?? 128 + (signal === null ? 0 : constants.signals[signal]),
        output: Buffer.concat(chunks).toString('utf8'),
        seconds: (performance.now() - started) / 1000,
      });
    });
  });
}

async function main(): Promise<number> {
  const finished = await Promise.all(steps(process.argv.slice(2)).map(run));
  for (const { step, code, output } of finished) {
    if (step.live || output.trim() === '') continue;
    console.log(`\n── ${step.name} (${step.command}) ${code === 0 ? 'passed' : `failed, exit code ${code}`}`);
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  console.log('');
  for (const { step, code, seconds } of finished) {
    console.log(`${code === 0 ? '✓' : '✗'} ${step.name.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s${code === 0 ? '' : `  (exit code ${code})`}`);
  }
  return finished.every(({ code }) => code === 0) ? 0 : 1;
}

process.exitCode = await main();
