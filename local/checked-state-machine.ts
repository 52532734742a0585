// aws-local-stepfunctions checks a definition with asl-validator every time a StateMachine is built,
// and asl-validator compiles its JSON schemas on every check: about a quarter of a second per local
// run. The definition only changes when its file does, so a definition that passed is remembered by
// a digest of its text, the validator's options and the validator's version: in this process, and as
// an empty marker file under .sixpotify/build/ for later runs. Anything else (a changed file, a new
// version of the library) is checked again; a definition that fails is never remembered.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

export const DEFAULT_CHECKED_DIR = fileURLToPath(new URL('../.sixpotify/build/checked-asl/', import.meta.url));

const VALIDATION = { checkArn: true, checkPaths: true } as const;
const checkedHere = new Set<string>();

export function checkedStateMachine(definition: StateMachineDefinition, checkedDir = DEFAULT_CHECKED_DIR): StateMachine {
  const marker = join(checkedDir, digestOf(definition));
  if (checkedHere.has(marker) || existsSync(marker)) {
    return new StateMachine(definition, { validationOptions: { ...VALIDATION, noValidate: true } });
  }
  // Throws, naming every problem, when the definition is not valid ASL. asl-validator writes defaults
  // into what it checks: give it a copy, so the caller's definition keeps the digest it had.
  const machine = new StateMachine(structuredClone(definition), { validationOptions: VALIDATION });
  checkedHere.add(marker);
  try {
    mkdirSync(checkedDir, { recursive: true });
    writeFileSync(marker, '');
  } catch {
    // A read-only checkout only loses the cache: the next run checks again.
  }
  return machine;
}

/** The marker's file name: what was checked, with which options, by which version of the library. */
export function digestOf(definition: StateMachineDefinition): string {
  return createHash('sha256')
    .update(JSON.stringify({ definition, validation: VALIDATION, library: libraryVersion() }))
    .digest('hex');
}

let version: string | undefined;
function libraryVersion(): string {
  if (version === undefined) {
    // The package exports no package.json; its main entry sits in build/, one level below it.
    const entry = createRequire(import.meta.url).resolve('aws-local-stepfunctions');
    version = (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  }
  return version;
}
