// The SQL steps of sql/ as the tests read them: the files in run order, their text, and their text
// rendered with a sample value for every parameter the query task supplies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_SQL_DIR } from '../../tasks/query/steps.js';
import { SETTINGS_DEFAULTS, SIMILARITY_SIGNALS } from '../../tasks/settings/defaults.js';

export const SAMPLE_PARAMETERS: Record<string, string> = {
  dt: '2026-01-02',
  output_location: 's3://lake/curated/x/dt=2026-01-02/',
  similarity_k: '10',
  ...Object.fromEntries(SIMILARITY_SIGNALS.map((signal) => [`weight_${signal}`, String(SETTINGS_DEFAULTS.similarityWeights[signal])])),
  max_quarantined_artist_ratio: '0.05',
};

export const KNOWN_PARAMETERS = Object.keys(SAMPLE_PARAMETERS);

export const sqlFiles = readdirSync(REPOSITORY_SQL_DIR)
  .filter((file) => file.endsWith('.sql'))
  .sort();

export function readSql(file: string): string {
  return readFileSync(join(REPOSITORY_SQL_DIR, file), 'utf8');
}

export function renderedSql(file: string): string {
  return readSql(file).replace(/\{\{(\w+)\}\}/g, (_, name: string) => SAMPLE_PARAMETERS[name] ?? '');
}
