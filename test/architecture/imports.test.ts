// The house rules for imports, checked by reading every import: a task folder (one with a Lambda
// entry) never imports another task's folder, so what two tasks share lives in a neutral home
// (tasks/contracts/, tasks/settings/, tasks/lake/, ...); and bench/ never reaches into test/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../infra/paths.js';

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Each file's relative imports, resolved to repository paths. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(repoPath('.'), resolve(dirname(file), specifier)));
}

const tasksRoot = repoPath('tasks');
const taskFolders = readdirSync(tasksRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && ['lambda.ts'].some((file) => existsSync(join(tasksRoot, entry.name, file))))
  .map((entry) => entry.name);

function foreignTaskImports(): string[] {
  const found: string[] = [];
  for (const task of taskFolders) {
    for (const file of sourceFiles(join(tasksRoot, task))) {
      for (const target of relativeImports(file)) {
        const [root, folder] = target.split(sep);
        if (root === 'tasks' && folder !== task && folder !== undefined && taskFolders.includes(folder)) {
          found.push(`${relative(repoPath('.'), file)} imports ${target}`);
        }
      }
    }
  }
  return found;
}

describe('imports', () => {
  it('finds the task folders by their Lambda entries', () => {
    expect(taskFolders).toEqual(expect.arrayContaining(['fetch', 'load', 'publish', 'query', 'similar']));
  });

  it('never lets a task folder import another task folder', () => {
    expect(foreignTaskImports()).toEqual([]);
  });

  it('never lets bench/ import from test/', () => {
    const intoTest = sourceFiles(repoPath('bench')).flatMap((file) =>
      relativeImports(file)
        .filter((target) => target.split(sep)[0] === 'test')
        .map((target) => `${relative(repoPath('.'), file)} imports ${target}`),
    );

    expect(intoTest).toEqual([]);
  });
});
