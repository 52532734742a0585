// One run writes a home at a time: `npm start` takes the home's run.lock before anything else, and a
// second one on the same home stops at once, saying who holds it. Readers never take it.
import { acquireLock, describeHolder, LockHeld, type HeldLock } from './lock-file.js';
import type { HomeLayout } from './paths.js';

/** Another live process is running the pipeline on this home. */
export class LocalRunInProgress extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalRunInProgress';
  }
}

export async function acquireRunLock(layout: Pick<HomeLayout, 'home' | 'runLock'>): Promise<HeldLock> {
  try {
    return await acquireLock(layout.runLock, 'run');
  } catch (error) {
    if (!(error instanceof LockHeld)) throw error;
    throw new LocalRunInProgress(
      `another run is writing ${layout.home}: ${describeHolder(error.holder)}. ` +
        `Wait for it to end, or stop it; \`npm run similar\` and \`npm run query\` work meanwhile`,
    );
  }
}
