// The run manifest (`runs/<dt>/manifest.json`): each task records its own section (what it fetched,
// capabilities, counts, timings). Tasks run one after another, so read-merge-write is safe.
import type { ObjectStore } from '../ports.js';
import { lakeKeys } from './keys.js';

export type Manifest = { dt: string } & Record<string, unknown>;

export async function readManifest(store: ObjectStore, dt: string): Promise<Manifest> {
  const body = await store.get(lakeKeys.manifest(dt));
  if (body === undefined) return { dt };
  return JSON.parse(Buffer.from(body).toString('utf8')) as Manifest;
}

export async function recordInManifest(
  store: ObjectStore,
  dt: string,
  section: string,
  data: Record<string, unknown>,
): Promise<void> {
  await updateManifestSection(store, dt, section, () => data);
}

/** Replaces one section with what `update` makes of its current value, in one read and one write. */
export async function updateManifestSection(
  store: ObjectStore,
  dt: string,
  section: string,
  update: (current: Record<string, unknown> | undefined) => Record<string, unknown>,
): Promise<void> {
  const manifest = await readManifest(store, dt);
  manifest[section] = update(manifest[section] as Record<string, unknown> | undefined);
  await store.put(lakeKeys.manifest(dt), JSON.stringify(manifest, null, 2));
}

/**
 * The manifest of the newest run before `dt` (undefined when there is none): what the last night did,
 * for a run that estimates from it. A LIST of `runs/` (a request per 1,000 keys), then one GET.
 */
export async function readEarlierManifest(store: ObjectStore, dt: string): Promise<Manifest | undefined> {
  const earlier = (await store.list('runs/'))
    .map((key) => /^runs\/(\d{4}-\d{2}-\d{2})\/manifest\.json$/.exec(key)?.[1])
    .filter((date): date is string => date !== undefined && date < dt)
    .sort()
    .at(-1);
  return earlier === undefined ? undefined : readManifest(store, earlier);
}
