import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkedStateMachine, digestOf } from '../../local/checked-state-machine.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Each test builds definitions no other test builds (the Comment differs), so the process-wide memory
// of checked definitions cannot carry over from one test to another.
const passing = (tag: string) =>
  ({ Comment: tag, StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }) as unknown as StateMachineDefinition;
const failing = (tag: string) =>
  ({ Comment: tag, StartAt: 'Go', States: { Go: { Type: 'Pass', Next: 'Nowhere' } } }) as unknown as StateMachineDefinition;

describe('checkedStateMachine', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(() => temp.remove());

  it('refuses a definition that is not valid ASL, naming the problem', () => {
    expect(() => checkedStateMachine(failing('refused'), temp.path)).toThrow(/Nowhere/);
  });

  it('remembers nothing of a definition that failed the check', () => {
    expect(() => checkedStateMachine(failing('forgotten'), temp.path)).toThrow();
    expect(existsSync(temp.path) ? readdirSync(temp.path) : []).toEqual([]);
  });

  it('leaves a marker named by its digest for a definition that passed the check', () => {
    const definition = passing('marked');
    checkedStateMachine(definition, temp.path);
    expect(readdirSync(temp.path)).toEqual([digestOf(definition)]);
  });

  it('does not check again a definition whose marker is there', async () => {
    // Prepare: a marker for a broken definition, as if it had passed before.
    const definition = failing('trusted');
    await mkdir(temp.path, { recursive: true });
    await writeFile(join(temp.path, digestOf(definition)), '');

    // Act
    const building = () => checkedStateMachine(definition, temp.path);

    // Assess: had it been checked, it would have been refused.
    expect(building).not.toThrow();
  });

  it('checks a definition again once its text has changed', () => {
    // Prepare
    const definition = passing('edited') as unknown as { States: Record<string, unknown> };
    checkedStateMachine(definition as unknown as StateMachineDefinition, temp.path);

    // Act
    definition.States.Done = { Type: 'Pass', Next: 'Nowhere' };

    // Assess
    expect(() => checkedStateMachine(definition as unknown as StateMachineDefinition, temp.path)).toThrow(/Nowhere/);
  });
});
