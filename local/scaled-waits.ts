// Local Wait durations: every Wait lasts its seconds times a scale factor, shortened, never skipped, so
// the poll loops really poll. A Wait with Seconds lasts Seconds x scale; a Wait with SecondsPath lasts
// the number its path points at x scale. aws-local-stepfunctions overrides a Wait by a fixed number of
// ms per state name, read each time the Wait runs, so each override is a getter: it reads the number
// from the last output of the task that writes it (the Task whose ResultPath holds the SecondsPath).
import type { AslMachine, AslState } from '../statemachine/asl.js';

export interface ScaledWaits {
  /** waitTimeOverrides for aws-local-stepfunctions: ms per Wait state, computed on each read. */
  overrides: Record<string, number>;
  /** Call with each Task's result, so the Waits that read it know their next duration. */
  observe(taskName: string, result: unknown): void;
}

export function scaledWaits(machine: AslMachine, scale: number): ScaledWaits {
  if (!(scale > 0)) throw new Error(`the wait scale must be a number above 0, got ${scale}`);
  const states = statesOneAtATime(machine);
  const lastSeconds = new Map<string, number>();
  const readers = new Map<string, { wait: string; field: string[] }[]>();
  const overrides: Record<string, number> = {};

  for (const [waitName, wait] of states) {
    if (wait.Type !== 'Wait') continue;
    if (typeof wait.Seconds === 'number') {
      overrides[waitName] = wait.Seconds * 1000 * scale;
      continue;
    }
    if (typeof wait.SecondsPath !== 'string') continue;
    const secondsPath = wait.SecondsPath;
    for (const [taskName, task] of states) {
      const resultPath = task.Type === 'Task' ? (task.ResultPath === undefined ? '$' : task.ResultPath) : null;
      if (typeof resultPath !== 'string' || !secondsPath.startsWith(`${resultPath}.`)) continue;
      const field = secondsPath.slice(resultPath.length + 1).split('.');
      readers.set(taskName, [...(readers.get(taskName) ?? []), { wait: waitName, field }]);
    }
    Object.defineProperty(overrides, waitName, {
      enumerable: true,
      // Undefined until a task wrote the number: the library then reads SecondsPath itself, in whole seconds.
      get: () => {
        const seconds = lastSeconds.get(waitName);
        return seconds === undefined ? undefined : seconds * 1000 * scale;
      },
    });
  }

  return {
    overrides,
    observe(taskName, result) {
      for (const { wait, field } of readers.get(taskName) ?? []) {
        const seconds = field.reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], result);
        if (typeof seconds === 'number') lastSeconds.set(wait, seconds);
      }
    },
  };
}

/**
 * Every state, nested ones included. One number per Wait is only right if one iteration runs at a time:
 * a Map holding a SecondsPath Wait must have MaxConcurrency 1.
 */
function statesOneAtATime(machine: AslMachine): [string, AslState][] {
  return Object.entries(machine.States).flatMap(([name, state]) => {
    const nested = state.ItemProcessor ?? state.Iterator;
    if (nested === undefined) return [[name, state] as [string, AslState]];
    const inner = statesOneAtATime(nested);
    if (state.MaxConcurrency !== 1 && inner.some(([, child]) => child.Type === 'Wait' && child.SecondsPath !== undefined)) {
      throw new Error(`Map state ${name} runs a SecondsPath Wait with MaxConcurrency ${String(state.MaxConcurrency)}: the local runner needs 1`);
    }
    return [[name, state] as [string, AslState], ...inner];
  });
}
