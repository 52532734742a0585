// The end of every slice: the checkpoint for the next one, the manifest's fetch section for people
// (what was staged, what failed and why, requests and totals), and the small result for the state machine.
import { recordInManifest } from '../lake/manifest.js';
import type { SpotifyClientStats } from '../spotify/client.js';
import { writeCheckpoint, type FetchCheckpoint, type StopReason } from './checkpoint.js';
import { fetchProgress } from './progress.js';
import type { FetchPorts, FetchResult } from './types.js';

export interface SliceFacts {
  dt: string;
  startedAt: Date;
  statsBefore: SpotifyClientStats;
  trackedCount: number;
  stagedCount: number;
  stagedThisSlice: number;
  failedThisSlice: number;
  remaining: number;
  stoppedBy: StopReason;
  /** This execution may run no more slices: the fetch is done for tonight, complete or not. */
  lastOfNight: boolean;
}

/** Writes the checkpoint and the manifest's fetch section; returns the state's small result. */
export async function recordSlice(ports: FetchPorts, checkpoint: FetchCheckpoint, facts: SliceFacts): Promise<FetchResult> {
  const { store, spotify, clock, logger } = ports;
  const stats = spotify.stats();
  const requests = stats.requests - facts.statsBefore.requests;
  checkpoint.totals.requests += requests;
  checkpoint.totals.rateLimited += stats.rateLimited - facts.statsBefore.rateLimited;
  checkpoint.totals.retries += stats.retries - facts.statsBefore.retries;
  if (spotify.rateLimit.state.measured) checkpoint.requestsPerWindow = spotify.rateLimit.state.requestsPerWindow;
  const millis = clock.now().getTime() - facts.startedAt.getTime();
  checkpoint.slices.push({
    slice: checkpoint.slice,
    startedAt: facts.startedAt.toISOString(),
    millis,
    staged: facts.stagedThisSlice,
    failed: facts.failedThisSlice,
    requests,
    stoppedBy: facts.stoppedBy,
  });
  await writeCheckpoint(store, checkpoint);

  const failedForGood = Object.entries(checkpoint.failed).filter(([, failure]) => !failure.transient);
  const progress = fetchProgress({
    tracked: facts.trackedCount,
    staged: facts.stagedCount,
    failed: failedForGood.length,
    remaining: facts.remaining,
    slices: checkpoint.slices,
    slicesPerExecution: ports.settings.slicesPerExecution,
  });
  const result: FetchResult = {
    done: progress.complete || facts.lastOfNight,
    complete: progress.complete,
    slice: checkpoint.slice,
    artistsStaged: facts.stagedCount,
    artistsFailed: failedForGood.length,
    artistsRemaining: facts.remaining,
  };
  await recordInManifest(store, facts.dt, 'fetch', {
    ...result,
    tracked: facts.trackedCount,
    slices: checkpoint.slices.length,
    stoppedBy: facts.stoppedBy,
    progress,
    failed: failedForGood.map(([key, failure]) => ({ artist: key, ...failure })),
    retryingLater: Object.entries(checkpoint.failed)
      .filter(([, failure]) => failure.transient)
      .map(([key, failure]) => ({ artist: key, ...failure })),
    namesResolved: Object.entries(checkpoint.resolvedNames).map(([listed, found]) => ({ listed, id: found.id, matched: found.name, match: found.match })),
    totals: checkpoint.totals,
    requestsPerArtist: facts.stagedCount > 0 ? Math.round((checkpoint.totals.requests / facts.stagedCount) * 100) / 100 : null,
    rateLimit: spotify.rateLimit.state.measured ? { learnedRequestsPerWindow: spotify.rateLimit.state.requestsPerWindow } : null,
  });
  if (checkpoint.capabilities !== undefined) await recordInManifest(store, facts.dt, 'capabilities', { ...checkpoint.capabilities });
  logger.info('fetch slice finished', {
    dt: facts.dt,
    slice: checkpoint.slice,
    stagedThisSlice: facts.stagedThisSlice,
    artistsStaged: facts.stagedCount,
    artistsFailed: result.artistsFailed,
    artistsRemaining: facts.remaining,
    progress: progress.text,
    requests,
    millis,
    stoppedBy: facts.stoppedBy,
  });
  return result;
}
