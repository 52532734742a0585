// The CDK entry point itself, run as `npx cdk synth` runs it (a child process given the cdk.json
// context and an output folder): it synthesizes offline with no credentials, bundles every task
// with esbuild (no Docker), ships the SQL steps with the query task, and passes cdk-nag.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/function-defaults.js';
import { REPO_ROOT, SQL_SOURCE_DIR } from '../../infra/paths.js';
import { WORKER_MARKER, type NeighbourLists, type WorkerJob } from '../../tasks/audio-neighbours/kernel.js';
import { cdkJsonContext } from '../../infra/synth.js';

type Template = { Resources: Record<string, { Type: string; Metadata?: Record<string, string> }> };

let outdir: string;
let run: SpawnSyncReturns<string>;
let template: Template;

/** The bundle folder of the function whose logical id starts with `prefix`. */
function bundleOf(prefix: string): string {
  const [, resource] = Object.entries(template.Resources).find(
    ([id, candidate]) => candidate.Type === 'AWS::Lambda::Function' && id.startsWith(prefix),
  ) ?? ['', undefined];
  return join(outdir, resource?.Metadata?.['aws:asset:path'] ?? 'missing');
}

beforeAll(() => {
  // Inside the repository, so a bundle's external imports (@aws-sdk/*) resolve when a test loads it.
  mkdirSync(join(REPO_ROOT, 'node_modules', '.cache'), { recursive: true });
  outdir = mkdtempSync(join(REPO_ROOT, 'node_modules', '.cache', 'sixpotify-synth-'));
  // The CDK CLI adds asset metadata to the context; it names each function's bundle folder.
  const context = { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true };
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) };
  // No credentials, as on a fresh clone: synth must not need them.
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
  run = spawnSync(process.execPath, [fileURLToPath(import.meta.resolve('tsx/cli')), 'infra/bin/app.ts'], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const templatePath = join(outdir, 'Sixpotify-dev.template.json');
  template = existsSync(templatePath) ? (JSON.parse(readFileSync(templatePath, 'utf8')) as Template) : { Resources: {} };
}, 200_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('infra/bin/app.ts', () => {
  it('synthesizes Sixpotify-dev offline, without credentials, with no cdk-nag error', () => {
    expect(run.stderr + run.stdout).not.toMatch(/AwsSolutions-\w+/);
    expect(run.status).toBe(0);
    expect(Object.keys(template.Resources).length).toBeGreaterThan(0);
  });

  it('bundles every task as an ES module that can still require CommonJS dependencies', () => {
    // The task functions; CDK's own bucket-notifications handler is inline code, not a bundle.
    const functions = Object.keys(template.Resources).filter(
      (id) => template.Resources[id]?.Type === 'AWS::Lambda::Function' && id.startsWith('Tasks'),
    );

    expect(functions).toHaveLength(9);
    for (const id of functions) {
      const code = readFileSync(join(bundleOf(id), 'index.mjs'), 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER), id).toBe(true);
      expect(existsSync(join(bundleOf(id), 'index.mjs.map')), id).toBe(true);
    }
  });

  it('leaves the AWS SDK to the Lambda runtime instead of bundling it', () => {
    const crawl = readFileSync(join(bundleOf('TasksCrawlFunction'), 'index.mjs'), 'utf8');

    expect(crawl).toMatch(/from\s*["']@aws-sdk\/client-glue["']/);
  });

  it('ships the SQL steps of sql/ next to the query bundle', () => {
    const shipped = readdirSync(join(bundleOf('TasksQueryFunction'), 'sql')).sort();
    const inRepo = readdirSync(SQL_SOURCE_DIR).sort();

    expect(shipped).toEqual(inRepo);
    for (const file of inRepo) {
      expect(readFileSync(join(bundleOf('TasksQueryFunction'), 'sql', file), 'utf8')).toBe(readFileSync(join(SQL_SOURCE_DIR, file), 'utf8'));
    }
  });

  it('keeps error class names in the bundle, so the ASL ErrorEquals still match them', async () => {
    process.env.LAKE_BUCKET ??= 'bundle-test-bucket';
    process.env.AWS_REGION ??= 'us-east-1';
    const bundle = (await import(pathToFileURL(join(bundleOf('TasksLoadFunction'), 'index.mjs')).href)) as {
      handler: (event: unknown) => Promise<unknown>;
    };

    await expect(bundle.handler({ notADate: true })).rejects.toMatchObject({ name: 'InvalidTaskInput' });
  });

  it('lets the audio-neighbours bundle serve as its own worker script', async () => {
    const vectors = new Float64Array([0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0]);
    const job: WorkerJob = { marker: WORKER_MARKER, vectors, k: 1, start: 0, end: 3 };
    const worker = new Worker(pathToFileURL(join(bundleOf('TasksAudioNeighboursFunction'), 'index.mjs')), { workerData: job });

    const lists = await new Promise<NeighbourLists>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });

    expect([...lists.indexes]).toEqual([1, 0, 1]);
    expect([...lists.distances]).toEqual([0.5, 0.5, 1.5]);
  });

  it('ships no SQL with the other tasks', () => {
    expect(existsSync(join(bundleOf('TasksPublishFunction'), 'sql'))).toBe(false);
  });
});
