// FetchArtists against the real parts: the built-in Spotify server, the production client and a
// folder lake in a temporary directory.
import { FolderObjectStore } from '../../local/folder-object-store.js';
import type { AccessLevel, SampleCatalog } from '../../local/spotify/catalog.js';
import type { SimulatorOptions } from '../../local/spotify/server.js';
import { readCheckpoint, type FetchCheckpoint } from '../../tasks/fetch/checkpoint.js';
import { defaultFetchSettings, handleFetch, type FetchPorts, type FetchResult, type FetchSettings } from '../../tasks/fetch/handle.js';
import type { StagedArtist } from '../../tasks/contracts/staged-artist.js';
import { fromJsonGz } from '../../tasks/lake/json-lines.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { readManifest } from '../../tasks/lake/manifest.js';
import type { SpotifyClientConfig } from '../../tasks/spotify/client.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startHarness, type Harness } from '../spotify/harness.js';

export const DT = '2026-05-10';

export interface FetchHarness extends Harness {
  store: FolderObjectStore;
  logger: RecordingLogger;
  ports(settings?: Partial<FetchSettings>): FetchPorts;
  fetch(settings?: Partial<FetchSettings>, dt?: string): Promise<FetchResult>;
  /** Runs slices until one says done (at most `bound`), as the state machine's loop does. */
  fetchUntilDone(settings?: Partial<FetchSettings>, dt?: string, bound?: number): Promise<FetchResult[]>;
  staged(dt?: string): Promise<Map<string, StagedArtist>>;
  fetchSection(dt?: string): Promise<Record<string, unknown>>;
  capabilities(dt?: string): Promise<Record<string, unknown>>;
  checkpoint(dt?: string): Promise<FetchCheckpoint>;
}

export async function startFetchHarness(
  options: {
    artists?: number;
    access?: AccessLevel;
    catalog?: SampleCatalog;
    simulator?: SimulatorOptions;
    client?: Partial<SpotifyClientConfig>;
    settings?: Partial<FetchSettings>;
    tracked?: (catalog: SampleCatalog) => unknown[];
  } = {},
): Promise<FetchHarness> {
  const spotify = await startHarness(options);
  const temp = await makeTempDir('sixpotify-fetch-');
  const store = new FolderObjectStore(temp.path);
  const logger = new RecordingLogger();
  const tracked = options.tracked?.(spotify.catalog) ?? spotify.catalog.artists.map((artist) => artist.id);
  await store.put(lakeKeys.trackedArtists, JSON.stringify(tracked));

  const ports = (settings: Partial<FetchSettings> = {}): FetchPorts => ({
    store,
    spotify: spotify.client,
    logger,
    clock: { now: () => new Date() },
    settings: { ...defaultFetchSettings, concurrency: 4, ...options.settings, ...settings },
  });
  const fetch = (settings?: Partial<FetchSettings>, dt = DT) => handleFetch({ dt }, ports(settings));

  return {
    ...spotify,
    store,
    logger,
    ports,
    fetch,
    fetchUntilDone: async (settings, dt = DT, bound = 50) => {
      const results: FetchResult[] = [];
      for (let slice = 0; slice < bound; slice += 1) {
        const result = await fetch(settings, dt);
        results.push(result);
        if (result.done) break;
      }
      return results;
    },
    staged: async (dt = DT) => {
      const prefix = lakeKeys.stagedArtistsPrefix(dt);
      const staged = new Map<string, StagedArtist>();
      for (const key of await store.list(prefix)) {
        staged.set(key.slice(prefix.length, -'.json.gz'.length), fromJsonGz((await store.get(key))!) as StagedArtist);
      }
      return staged;
    },
    fetchSection: async (dt = DT) => (await readManifest(store, dt)).fetch as Record<string, unknown>,
    capabilities: async (dt = DT) => (await readManifest(store, dt)).capabilities as Record<string, unknown>,
    checkpoint: (dt = DT) => readCheckpoint(store, dt),
    close: async () => {
      await spotify.close();
      await temp.remove();
    },
  };
}
