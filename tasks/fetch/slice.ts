// One FetchArtists slice: resume from the checkpoint, probe capabilities on the run's first slice,
// then fetch artists (several at once) until none is left, the time budget is spent, or Spotify says
// stop. Each artist is staged on its own as soon as it is complete, so nothing fetched is ever lost;
// one artist's failure is recorded with its reason and never stops the others.
//
// How a slice ends, and why:
// - every artist staged or failed for good: done=true, complete=true.
// - this execution's last slice (settings.slicesPerExecution) with artists left: done=true,
//   complete=false. The night goes on to load and publish what is staged; the next night fetches
//   the artists fetched longest ago first (night-order.ts), so a tracked set too large for one
//   night is covered over several, and the manifest says how far it got and how many nights remain.
// - time budget spent, or a Retry-After longer than the time left: done=false, and the state machine
//   runs the next slice (which first waits out the Retry-After, kept in the checkpoint as notBefore).
// - a quota 429 (QUOTA_EXCEEDED): checkpoint and manifest are written, then SpotifyQuotaExceeded is
//   thrown. Returning done=false instead would make the state machine call again at once, up to its
//   slice bound, which is exactly the retry loop Spotify asks clients not to make; failing names the
//   cause in the alert, and a redrive after the quota resets resumes from the checkpoint.
// - the wait Spotify asked for (notBefore) ends after this slice's budget: SpotifyRateLimited, for the
//   same reason: a slice that can do nothing must not return at once to be called again.
// - refused credentials: SpotifyAuthFailed. More artists failed for good than maxFailureRatio allows:
//   TooManyArtistsFailed. Both after writing the checkpoint and the manifest.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SpotifyMalformedResponse,
  SpotifyQuotaExceeded,
  SpotifyRateLimited,
  SpotifyRequestFailed,
  SpotifyUnavailable,
  TooManyArtistsFailed,
} from '../errors.js';
import { lakeKeys } from '../lake/keys.js';
import { recordInManifest } from '../lake/manifest.js';
import type { Clock, Logger, ObjectStore } from '../ports.js';
import { probeCapabilities, type SpotifyCapabilities } from '../spotify/capabilities.js';
import type { CallOptions } from '../spotify/client.js';
import {
  readCheckpoint,
  readEarlierCheckpoint,
  writeCheckpoint,
  type FetchCheckpoint,
  type StopReason,
} from './checkpoint.js';
import type { ArtistFetchContext } from './fetch-artist.js';
import { fetchOne, nameKey, stopFor, type Stop } from './fetch-one.js';
import { emptyHistory, readLakeHistory } from './lake-history.js';
import { artistLoader, sharedAlbumTracks } from './loaders.js';
import { longestUnfetchedFirst, markFetched } from './night-order.js';
import { resolveName } from './resolve-name.js';
import type { FetchSettings } from './settings.js';
import { recordSlice } from './slice-record.js';
import { readTrackedArtists, type TrackedArtist } from '../contracts/tracked-artists.js';
import type { FetchPorts, FetchResult } from './types.js';

export type { FetchPorts, FetchResult } from './types.js';

export async function runFetchSlice(dt: string, ports: FetchPorts, options: { execution?: string } = {}): Promise<FetchResult> {
  const { store, spotify, logger, clock, settings } = ports;
  const startedAt = clock.now();
  const budgetEnd = startedAt.getTime() + settings.sliceBudgetMs;
  const call: CallOptions = { deadline: budgetEnd + settings.finishGraceMs };
  const statsBefore = spotify.stats();

  const checkpoint = await readCheckpoint(store, dt);
  if (options.execution !== undefined && checkpoint.execution !== options.execution) {
    checkpoint.execution = options.execution;
    checkpoint.slice = 0;
  }
  checkpoint.slice += 1;
  // Counted before any work, so a slice that dies still counts against the state machine's bound.
  await writeCheckpoint(store, checkpoint);

  const tracked = await readTrackedArtists(store, settings.trackedArtistsKey);
  const staged = await stagedIds(store, dt);
  // A date's first slice carries over what the last night knew: who it fetched, and the rate it learned.
  const earlier = checkpoint.lastFetched === undefined || checkpoint.requestsPerWindow === undefined ? await readEarlierCheckpoint(store, dt) : undefined;
  checkpoint.lastFetched ??= { ...earlier?.lastFetched };
  // A cold client starts from the rate learned earlier today, or on the last night, instead of probing again.
  const learned = checkpoint.requestsPerWindow ?? earlier?.requestsPerWindow;
  if (learned !== undefined && !spotify.rateLimit.state.measured) spotify.rateLimit.assume(learned);
  logger.info('fetch slice starting', { dt, slice: checkpoint.slice, tracked: tracked.length, alreadyStaged: staged.size });

  let stop: Stop | undefined;
  let stoppedBy: StopReason = 'done';
  let stagedThisSlice = 0;
  let failedThisSlice = 0;
  const queue = longestUnfetchedFirst(pendingWork(tracked, checkpoint, staged, settings), checkpoint);
  try {
    await waitForNotBefore(checkpoint, clock, budgetEnd);
  } catch (error) {
    // Returning done=false here would have the state machine call again at once, and again: fail instead.
    stop = { reason: 'rate-limited', error, rethrow: true };
  }
  if (stop === undefined && checkpoint.capabilities === undefined && queue.length > 0) {
    try {
      checkpoint.capabilities = await probe(queue, checkpoint, ports, call);
    } catch (error) {
      stop = stopFor(error) ?? { reason: 'error', error };
    }
  }

  if (stop === undefined && queue.length > 0 && checkpoint.capabilities !== undefined) {
    const capabilities = checkpoint.capabilities;
    const history = settings.incremental
      ? await readLakeHistory(store, dt, { audio: capabilities.audioFeatures, fetchedOn: Object.values(checkpoint.lastFetched) })
      : emptyHistory;
    const claimed = new Set<string>();
    const context: ArtistFetchContext = {
      spotify,
      capabilities,
      history,
      settings,
      call,
      artistObject: artistLoader(spotify, capabilities, queue, call, (reason) => refused(capabilities, 'batchArtists', reason, logger)),
      albumTracks: sharedAlbumTracks(spotify, call, () => (checkpoint.totals.albumsFetched += 1)),
      refused: (endpoint, reason) => refused(capabilities, endpoint, reason, logger),
      fetchedAt: () => clock.now().toISOString(),
    };

    let started = 0;
    const worker = async () => {
      while (stop === undefined && queue.length > 0) {
        if (started > 0 && clock.now().getTime() >= budgetEnd) {
          stoppedBy = 'budget';
          return;
        }
        if (settings.maxArtistsPerSlice !== undefined && started >= settings.maxArtistsPerSlice) {
          stoppedBy = 'slice-limit';
          return;
        }
        const entry = queue.shift() as TrackedArtist;
        started += 1;
        const outcome = await fetchOne(entry, { dt, ports, checkpoint, context, staged, claimed });
        if (outcome.kind === 'staged') stagedThisSlice += 1;
        else if (outcome.kind === 'failed') failedThisSlice += 1;
        else if (outcome.kind === 'stop') {
          stop ??= outcome.stop;
          // The artist was not fetched: it stays pending for the next slice or the redrive.
          queue.unshift(entry);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
  }

  if (stop !== undefined) stoppedBy = stop.reason;
  if (stop?.error instanceof SpotifyRateLimited) {
    checkpoint.notBefore = new Date(clock.now().getTime() + stop.error.retryAfterSeconds * 1000).toISOString();
  }
  const remaining = pendingWork(tracked, checkpoint, staged, settings).length;
  markFetched(checkpoint, tracked, staged, dt);
  const result = await recordSlice(ports, checkpoint, {
    dt,
    startedAt,
    statsBefore,
    trackedCount: tracked.length,
    stagedCount: staged.size,
    stagedThisSlice,
    failedThisSlice,
    remaining,
    stoppedBy,
    lastOfNight: checkpoint.slice >= settings.slicesPerExecution,
  });

  const failed = result.artistsFailed;
  if (failed / tracked.length > settings.maxFailureRatio) {
    throw new TooManyArtistsFailed(
      `${failed} of ${tracked.length} tracked artists failed (${percent(failed / tracked.length)}), more than the ` +
        `${percent(settings.maxFailureRatio)} allowed: see "fetch.failed" in ${lakeKeys.manifest(dt)}`,
    );
  }
  if (stop?.reason === 'quota') {
    throw new SpotifyQuotaExceeded(
      `Spotify's quota for this app is exceeded (429 QUOTA_EXCEEDED) after ${result.artistsStaged} of ${tracked.length} artists; ` +
        `the checkpoint is kept: redrive the execution once the quota has reset and the fetch resumes where it stopped`,
      { cause: stop.error },
    );
  }
  if (stop?.reason === 'auth' || stop?.reason === 'error' || stop?.rethrow === true) throw stop.error;
  return result;
}

/** Tracked entries still to try: not staged, not failed for good, transient failures with attempts left. */
function pendingWork(tracked: readonly TrackedArtist[], checkpoint: FetchCheckpoint, staged: Set<string>, settings: FetchSettings): TrackedArtist[] {
  const seen = new Set<string>();
  return tracked.filter((entry) => {
    const id = entry.kind === 'id' ? entry.id : checkpoint.resolvedNames[entry.name]?.id;
    if (id !== undefined && (staged.has(id) || seen.has(id))) return false;
    if (id !== undefined) seen.add(id);
    const failure = checkpoint.failed[id ?? nameKey(entry)];
    return failure === undefined || (failure.transient && failure.attempts < settings.maxAttemptsPerArtist);
  });
}

async function stagedIds(store: ObjectStore, dt: string): Promise<Set<string>> {
  const prefix = lakeKeys.stagedArtistsPrefix(dt);
  const keys = await store.list(prefix);
  return new Set(keys.filter((key) => key.endsWith('.json.gz')).map((key) => key.slice(prefix.length, -'.json.gz'.length)));
}

/** A Retry-After from the previous slice: wait it out if it ends within this slice's budget. */
async function waitForNotBefore(checkpoint: FetchCheckpoint, clock: Clock, budgetEnd: number): Promise<void> {
  if (checkpoint.notBefore === undefined) return;
  const until = Date.parse(checkpoint.notBefore);
  const now = clock.now().getTime();
  if (until > budgetEnd) {
    throw new SpotifyRateLimited(
      `Spotify asked not to call before ${checkpoint.notBefore}, after this slice's time budget`,
      Math.ceil((until - now) / 1000),
    );
  }
  if (until > now) await sleep(until - now);
  delete checkpoint.notBefore;
}

const PROBE_CANDIDATES = 5;

/**
 * Probes with the first tracked artist that can be read (resolving a name first if need be). An
 * artist that is missing or malformed is that artist's problem, reported when it is fetched: the
 * probe moves on to the next one.
 */
async function probe(queue: TrackedArtist[], checkpoint: FetchCheckpoint, ports: FetchPorts, call: CallOptions): Promise<SpotifyCapabilities> {
  let capabilities: SpotifyCapabilities | undefined;
  let lastProblem = 'no tracked artist could be resolved to an id';
  for (const entry of queue.slice(0, PROBE_CANDIDATES)) {
    try {
      const id = entry.kind === 'id' ? entry.id : (checkpoint.resolvedNames[entry.name]?.id ?? (await resolveName(entry.name, checkpoint, ports, call)));
      if (id === undefined) continue;
      capabilities = await probeCapabilities(ports.spotify, id, ports.clock.now(), call);
      break;
    } catch (error) {
      if (!(error instanceof SpotifyMalformedResponse || error instanceof SpotifyRequestFailed || error instanceof SpotifyUnavailable)) throw error;
      lastProblem = error.message;
    }
  }
  if (capabilities === undefined) {
    throw new SpotifyUnavailable(`could not probe this app's capabilities with the first ${PROBE_CANDIDATES} tracked artists: ${lastProblem}`);
  }
  await recordInManifest(ports.store, checkpoint.dt, 'capabilities', { ...capabilities });
  ports.logger.info('Spotify capabilities for this run', {
    genres: capabilities.genres,
    followers: capabilities.followers,
    popularity: capabilities.popularity,
    topTracks: capabilities.topTracks,
    audioFeatures: capabilities.audioFeatures,
    batchArtists: capabilities.batchArtists,
  });
  return capabilities;
}

function refused(capabilities: SpotifyCapabilities, endpoint: 'topTracks' | 'audioFeatures' | 'batchArtists', reason: string, logger: Logger): void {
  if (!capabilities[endpoint]) return;
  capabilities[endpoint] = false;
  capabilities.notes[endpoint] = reason;
  logger.warn('Spotify refused an optional endpoint; that signal is off for the rest of the run', { endpoint, reason });
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
