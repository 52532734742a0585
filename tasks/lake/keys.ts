// The data lake's key layout, in one place. Every task and both runtimes build keys
// here, so the S3 bucket and the local folder lake have exactly the same shape.
import { SETTINGS_DEFAULTS } from '../settings/defaults.js';

/** Raw entities written by Load and crawled into `raw_<entity>` tables. */
export const RAW_ENTITIES = ['artists', 'albums', 'tracks', 'audio_features'] as const;
export type RawEntity = (typeof RAW_ENTITIES)[number];

export const lakeKeys = {
  trackedArtists: SETTINGS_DEFAULTS.trackedArtistsKey,
  stagingPrefix: (dt: string) => `staging/dt=${dt}/`,
  stagedArtist: (dt: string, artistId: string) => `staging/dt=${dt}/artists/${artistId}.json.gz`,
  stagedArtistsPrefix: (dt: string) => `staging/dt=${dt}/artists/`,
  quarantinePrefix: (dt: string) => `quarantine/dt=${dt}/`,
  quarantined: (dt: string, name: string) => `quarantine/dt=${dt}/${name}.json`,
  rawRoot: 'raw/',
  rawEntityRoot: (entity: RawEntity) => `raw/${entity}/`,
  rawPartition: (entity: RawEntity, dt: string) => `raw/${entity}/dt=${dt}/`,
  rawPart: (entity: RawEntity, dt: string, part: number) =>
    `raw/${entity}/dt=${dt}/part-${String(part).padStart(5, '0')}.json.gz`,
  curatedRoot: (table: string) => `curated/${table}/`,
  curatedPartition: (table: string, dt: string) => `curated/${table}/dt=${dt}/`,
  /** The one file of a curated table a task (not a SQL step) writes. */
  curatedJsonPart: (table: string, dt: string) => `curated/${table}/dt=${dt}/part-00000.json.gz`,
  exportPartition: (name: string, dt: string) => `exports/${name}/dt=${dt}/`,
  runPrefix: (dt: string) => `runs/${dt}/`,
  manifest: (dt: string) => `runs/${dt}/manifest.json`,
} as const;
