// One tracked entry of a slice: resolve its name if need be, fetch the artist, quarantine bad items,
// stage it. Failures are sorted: Spotify-wide conditions (quota, a long Retry-After, refused
// credentials) stop the slice; an artist's own problem (missing, malformed, unavailable) fails that
// artist alone, for good or, when Spotify was only unavailable, until a later slice tries again.
import {
  SpotifyAuthFailed,
  SpotifyMalformedResponse,
  SpotifyQuotaExceeded,
  SpotifyRateLimited,
  SpotifyRequestFailed,
  SpotifyUnavailable,
} from '../errors.js';
import { toJsonGz } from '../lake/json-lines.js';
import { lakeKeys } from '../lake/keys.js';
import { withoutUndefined } from '../without-undefined.js';
import type { FailedArtist, FetchCheckpoint, StopReason } from './checkpoint.js';
import { fetchArtist, type ArtistFetchContext } from './fetch-artist.js';
import { quarantine } from './quarantine.js';
import { resolveName } from './resolve-name.js';
import type { TrackedArtist } from '../contracts/tracked-artists.js';
import type { FetchPorts } from './types.js';

/** Why the slice stopped early; `rethrow` makes the slice fail once the checkpoint is written. */
export type Stop = { reason: Exclude<StopReason, 'done' | 'budget' | 'slice-limit'>; error: unknown; rethrow?: boolean };

export const nameKey = (entry: TrackedArtist) => (entry.kind === 'name' ? `name:${entry.name}` : entry.id);

export type Outcome = { kind: 'staged' } | { kind: 'failed' } | { kind: 'skipped' } | { kind: 'stop'; stop: Stop };

export interface FetchOneContext {
  dt: string;
  ports: FetchPorts;
  checkpoint: FetchCheckpoint;
  context: ArtistFetchContext;
  staged: Set<string>;
  claimed: Set<string>;
}

export async function fetchOne(entry: TrackedArtist, run: FetchOneContext): Promise<Outcome> {
  const { dt, ports, checkpoint } = run;
  let key = nameKey(entry);
  try {
    let id = entry.kind === 'id' ? entry.id : checkpoint.resolvedNames[entry.name]?.id;
    if (id === undefined && entry.kind === 'name') {
      id = await resolveName(entry.name, checkpoint, ports, run.context.call);
      if (id === undefined) return fail(run, key, { name: entry.name, reason: 'no Spotify artist matches this name', transient: false });
      delete checkpoint.failed[key];
    }
    if (id === undefined) return { kind: 'skipped' };
    key = id;
    // Two entries may name the same artist (an id and a name, or two spellings): fetch it once.
    if (run.staged.has(id) || run.claimed.has(id)) return { kind: 'skipped' };
    run.claimed.add(id);

    const result = await fetchArtist(id, run.context);
    if (result.rejected.length > 0) {
      const at = await quarantine(ports.store, `fetch-${id}`, {
        dt,
        artistId: id,
        quarantinedAt: ports.clock.now().toISOString(),
        rejectedItems: result.rejected,
      });
      checkpoint.totals.quarantinedItems += result.rejected.length;
      ports.logger.warn('invalid items quarantined; the rest of the artist is kept', { dt, artistId: id, items: result.rejected.length, key: at });
    }
    await ports.store.put(lakeKeys.stagedArtist(dt, id), toJsonGz(result.staged));
    run.staged.add(id);
    delete checkpoint.failed[id];
    checkpoint.totals.albumsListed += result.albumsListed;
    checkpoint.totals.albumsSkipped += result.albumsSkipped;
    checkpoint.totals.albumsFromLake += result.albumsFromLake;
    checkpoint.totals.tracksFromLake += result.tracksFromLake;
    checkpoint.totals.audioFeaturesFromLake += result.audioFeaturesFromLake;
    return { kind: 'staged' };
  } catch (error) {
    if (key !== nameKey(entry)) run.claimed.delete(key);
    const stop = stopFor(error);
    if (stop !== undefined) return { kind: 'stop', stop };
    const name = entry.name;
    if (error instanceof SpotifyUnavailable) {
      return fail(run, key, { id: key === nameKey(entry) ? undefined : key, name, reason: error.message, transient: true });
    }
    if (error instanceof SpotifyMalformedResponse) {
      const at = await quarantine(ports.store, `fetch-${key.replace(/[^0-9A-Za-z_-]/g, '_').slice(0, 60)}`, {
        dt,
        artistId: key,
        quarantinedAt: ports.clock.now().toISOString(),
        malformedResponse: { url: error.url, issues: error.issues, body: error.body },
      });
      checkpoint.totals.quarantinedItems += 1;
      return fail(run, key, { id: key, name, reason: error.message, transient: false, quarantine: at });
    }
    if (error instanceof SpotifyRequestFailed) return fail(run, key, { id: key, name, reason: error.message, transient: false });
    return { kind: 'stop', stop: { reason: 'error', error } };
  }
}

function fail(run: FetchOneContext, key: string, failure: Omit<FailedArtist, 'attempts'>): Outcome {
  const attempts = (run.checkpoint.failed[key]?.attempts ?? 0) + 1;
  const record: FailedArtist = { ...failure, attempts };
  if (record.transient && attempts >= run.ports.settings.maxAttemptsPerArtist) record.transient = false;
  run.checkpoint.failed[key] = withoutUndefined(record) as FailedArtist;
  run.ports.logger.warn('artist failed', { dt: run.dt, artist: key, reason: failure.reason, attempts, willRetry: record.transient });
  return { kind: 'failed' };
}

/** Errors that end the slice rather than one artist. */
export function stopFor(error: unknown): Stop | undefined {
  if (error instanceof SpotifyQuotaExceeded) return { reason: 'quota', error };
  if (error instanceof SpotifyRateLimited) return { reason: 'rate-limited', error };
  if (error instanceof SpotifyAuthFailed) return { reason: 'auth', error };
  return undefined;
}
