import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two groups of test files. Files in test/aws and test/cli stub process-wide things (AWS clients
// through aws-sdk-client-mock, environment variables), so each runs in a fresh worker of its own.
// Every other file shares its worker's modules with the files that ran there before it: one import
// of aws-cdk-lib, DuckDB or the AWS SDK per worker instead of one per file, and one synthesis of the
// stack (infra/synth.ts). Such a file must leave nothing process-wide behind: a test that needs
// to stub a client or the environment goes in test/aws or test/cli.
const ISOLATED = ['test/aws/**/*.test.ts', 'test/cli/**/*.test.ts'];

export default defineConfig({
  test: {
    // End-to-end tests start dynalite, DuckDB and an HTTP server; CDK synth bundles with esbuild.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core machine. These
    // files spend much of their time waiting (DuckDB's own threads, child processes, local servers,
    // the local runner's Waits), so two run at once even there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
