// Where the CDK app finds the repository's own files: the task entry points, the SQL steps and the
// state machine definition. Resolved from this file so `cdk synth` works from any working directory.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function repoPath(relative: string): string {
  return fileURLToPath(new URL(relative, new URL('..', import.meta.url)));
}

/** The repository's SQL steps, copied into the query function's bundle. */
export const SQL_SOURCE_DIR = repoPath('sql');

/** Folder name of the SQL steps inside the bundle, and where Lambda mounts the bundle. */
export const SQL_BUNDLE_FOLDER = 'sql';
export const LAMBDA_TASK_ROOT = '/var/task';
/** The query task's SQL_DIR on Lambda: the bundle's sql/ folder. */
export const LAMBDA_SQL_DIR = `${LAMBDA_TASK_ROOT}/${SQL_BUNDLE_FOLDER}`;
