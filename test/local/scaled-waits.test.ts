// Local Waits last their seconds times a scale: a fixed Wait at once, a SecondsPath Wait from the number
// the task before it wrote, read again each time the Wait runs.
import { describe, expect, it } from 'vitest';
import type { AslMachine } from '../../statemachine/asl.js';
import { scaledWaits } from '../../local/scaled-waits.js';

const machine: AslMachine = {
  StartAt: 'StartJob',
  States: {
    StartJob: { Type: 'Task', Resource: 'arn:job', ResultPath: '$.job', Next: 'WaitForJob' },
    WaitForJob: { Type: 'Wait', SecondsPath: '$.job.waitSeconds', Next: 'GetJobStatus' },
    GetJobStatus: { Type: 'Task', Resource: 'arn:job', ResultPath: '$.job', Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 20, End: true },
  },
};

describe('scaledWaits', () => {
  it('shortens a fixed Wait by the scale', () => {
    expect(scaledWaits(machine, 0.05).overrides.Pause).toBe(1000);
  });

  it('waits the seconds the last task wrote at the SecondsPath, shortened by the scale', () => {
    const waits = scaledWaits(machine, 0.05);

    waits.observe('StartJob', { waitSeconds: 2 });
    const first = waits.overrides.WaitForJob;
    waits.observe('GetJobStatus', { waitSeconds: 40 });

    expect(first).toBe(100);
    expect(waits.overrides.WaitForJob).toBe(2000);
  });

  it('leaves a SecondsPath Wait to the interpreter until a task has written its seconds', () => {
    expect(scaledWaits(machine, 0.05).overrides.WaitForJob).toBeUndefined();
  });

  it('refuses a Map that runs SecondsPath Waits of several iterations at once', () => {
    const parallel: AslMachine = {
      StartAt: 'EachJob',
      States: { EachJob: { Type: 'Map', MaxConcurrency: 4, ItemProcessor: machine, End: true } },
    };

    expect(() => scaledWaits(parallel, 0.05)).toThrow(/MaxConcurrency 4: the local runner needs 1/);
  });
});
