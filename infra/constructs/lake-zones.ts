// The lake's top-level prefixes ("zones"), derived from the key layout every task uses
// (tasks/lake/keys.ts), so IAM grants and lifecycle rules follow the same layout as the code.
import { lakeKeys } from '../../tasks/lake/keys.js';

/** 'staging/dt=2026-01-01/' -> 'staging/' */
function zoneOf(key: string): string {
  return key.slice(0, key.indexOf('/') + 1);
}

export const LAKE_ZONES = {
  config: zoneOf(lakeKeys.trackedArtists),
  staging: zoneOf(lakeKeys.stagingPrefix('')),
  quarantine: zoneOf(lakeKeys.quarantinePrefix('')),
  raw: lakeKeys.rawRoot,
  curated: zoneOf(lakeKeys.curatedRoot('')),
  exports: zoneOf(lakeKeys.exportPartition('', '')),
  runs: zoneOf(lakeKeys.runPrefix('')),
  /** Athena's query results (not a task's data): expired by a lifecycle rule. */
  athenaResults: 'athena-results/',
} as const;

export type LakeZone = keyof typeof LAKE_ZONES;

/** Why a grant on a zone must be its whole prefix: how the zone's object keys are named. */
export const ZONE_KEYS: Record<LakeZone, string> = {
  config: 'the tracked-artist list and the additions filed next to it, one per artist',
  staging: 'named by run date and artist id',
  quarantine: 'named by run date and rejected record',
  raw: 'named by entity, run date and part number',
  curated: 'named by table and run date, with file names chosen by Athena UNLOAD',
  exports: 'named by export and run date, with file names chosen by Athena UNLOAD',
  runs: 'named by run date (manifest, checkpoint)',
  athenaResults: 'named by Athena query id',
};
