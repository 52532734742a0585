import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start dynalite, DuckDB and an HTTP server; CDK synth bundles with esbuild.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
