// What `npm start` prints once when a run fails: the state that failed, the error with any lake key
// in it turned into a path the user can open, and where the alert and the task log are.
import { join } from 'node:path';
import { displayPath } from './data-set.js';
import type { HomeLayout } from './paths.js';

/** The lake's top-level folders (tasks/lake/keys.ts): a word starting with one of them is a lake key. */
const LAKE_KEY = /(?<![\w./-])(?:runs|raw|curated|exports|staging|quarantine|config)\/[^\s"'`,;()]+/g;

export interface RunFailure {
  /** The top-level state that failed, when known. */
  state?: string;
  error?: string;
  cause?: unknown;
}

export function failureLines(failure: RunFailure, layout: HomeLayout): string[] {
  const where = failure.state === undefined ? '' : ` at ${failure.state}`;
  const cause = failure.cause === undefined ? '' : `: ${withLakePaths(String(failure.cause), layout.lake)}`;
  return [
    `✗ the run failed${where}: ${failure.error ?? 'unknown error'}${cause}`,
    `  alert:    ${displayPath(layout.alerts)}`,
    `  task log: ${displayPath(join(layout.logs, 'tasks.log'))}`,
  ];
}

/** Replaces lake keys (`runs/<dt>/manifest.json`) in a message with their paths in the local lake. */
export function withLakePaths(text: string, lakeRoot: string): string {
  return text.replace(LAKE_KEY, (key) => displayPath(join(lakeRoot, key)));
}
