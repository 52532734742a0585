// Tracked artists given by name: resolved with a search (limit 10), preferring the result whose
// normalised name equals the listed one (case, spacing and Unicode form ignored: Korean names too),
// else Spotify's best match, logged. The answer is kept in the checkpoint so it is searched once per run.
import { normaliseName } from '../names.js';
import type { CallOptions } from '../spotify/client.js';
import type { FetchCheckpoint } from './checkpoint.js';
import { quarantine } from './quarantine.js';
import type { FetchPorts } from './types.js';

/** Search (limit 10), preferring an exact match of the normalised name, else Spotify's best match. */
export async function resolveName(name: string, checkpoint: FetchCheckpoint, ports: FetchPorts, call: CallOptions): Promise<string | undefined> {
  const found = await ports.spotify.searchArtists(name, call);
  if (found.rejected.length > 0) {
    await quarantine(ports.store, `fetch-search-${Buffer.from(name).toString('base64url').slice(0, 40)}`, {
      dt: checkpoint.dt,
      name,
      quarantinedAt: ports.clock.now().toISOString(),
      rejectedItems: found.rejected,
    });
  }
  const wanted = normaliseName(name);
  const exact = found.items.find((artist) => normaliseName(artist.name) === wanted);
  const chosen = exact ?? found.items[0];
  if (chosen === undefined) return undefined;
  checkpoint.resolvedNames[name] = { id: chosen.id, name: chosen.name, match: exact !== undefined ? 'exact' : 'top-result' };
  if (exact === undefined) {
    ports.logger.warn('tracked name has no exact match on Spotify; using the best match', { name, id: chosen.id, matched: chosen.name });
  }
  return chosen.id;
}
