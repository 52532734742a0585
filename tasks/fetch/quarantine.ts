// Responses and items that failed validation go to the lake's quarantine (quarantine/dt=<dt>/),
// with the artist they were fetched for, the URL and the reasons: never silently dropped, never
// fatal, and there for an engineer to inspect or replay.
import { lakeKeys } from '../lake/keys.js';
import type { ObjectStore } from '../ports.js';
import type { RejectedItem } from '../spotify/client.js';

export interface QuarantineRecord {
  dt: string;
  artistId?: string;
  name?: string;
  quarantinedAt: string;
  /** A whole response that could not be used (not JSON, or not the expected envelope). */
  malformedResponse?: { url: string; issues: string[]; body: string };
  /** Items of an otherwise good response that failed validation. */
  rejectedItems?: RejectedItem[];
}

const MAX_BODY_CHARS = 256 * 1024;

export async function quarantine(store: ObjectStore, name: string, record: QuarantineRecord): Promise<string> {
  const key = lakeKeys.quarantined(record.dt, name);
  const body = record.malformedResponse?.body;
  const kept =
    body !== undefined && body.length > MAX_BODY_CHARS
      ? { ...record, malformedResponse: { ...record.malformedResponse!, body: `${body.slice(0, MAX_BODY_CHARS)}... [truncated]` } }
      : record;
  await store.put(key, JSON.stringify(kept, null, 2));
  return key;
}
