// `npm run bench -- synth`: how long the CDK app takes to synthesize, so the infra tests (which
// synthesize once per file) stay fast. Prints the median of a few runs of: synth without bundling
// (what the template tests do), cdk-nag over the stack, and the full entry point with esbuild
// bundling of every task (what `npx cdk synth` does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AwsSolutionsChecks } from 'cdk-nag';
import { REPO_ROOT } from '../infra/paths.js';
import { cdkJsonContext, synthSixpotify } from '../infra/synth.js';

const runs = Number(process.argv[2] ?? '3');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(task: () => void): number {
  const start = performance.now();
  task();
  return performance.now() - start;
}

const synthMs: number[] = [];
const nagMs: number[] = [];
const entryMs: number[] = [];
for (let run = 0; run < runs; run += 1) {
  let synthesized: ReturnType<typeof synthSixpotify> | undefined;
  synthMs.push(time(() => (synthesized = synthSixpotify())));
  nagMs.push(time(() => new AwsSolutionsChecks().validateScope(synthesized!.stack)));
  const outdir = mkdtempSync(join(tmpdir(), 'sixpotify-bench-'));
  entryMs.push(
    time(() => {
      const result = spawnSync(process.execPath, [fileURLToPath(import.meta.resolve('tsx/cli')), 'infra/bin/app.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(cdkJsonContext()) },
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`infra/bin/app.ts failed:\n${result.stderr}`);
    }),
  );
  rmSync(outdir, { recursive: true, force: true });
}

console.log(`CDK synth benchmark, median of ${runs} runs`);
console.log(`  synth, no bundling (template tests)   ${median(synthMs).toFixed(0)} ms`);
console.log(`  cdk-nag AwsSolutions over the stack   ${median(nagMs).toFixed(0)} ms`);
console.log(`  infra/bin/app.ts with esbuild bundles ${median(entryMs).toFixed(0)} ms`);
