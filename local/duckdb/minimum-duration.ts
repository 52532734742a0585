// Local work often finishes in milliseconds; holding the final state back until a minimum duration
// has passed lets the state machine's Wait/poll loops (and their tests) see the in-between states.
import { setTimeout as sleep } from 'node:timers/promises';

export async function waitUntilElapsed(startedAt: number, minimumMs: number): Promise<void> {
  const remaining = startedAt + minimumMs - Date.now();
  if (remaining > 0) await sleep(remaining, undefined, { ref: false });
}
