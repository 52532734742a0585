// What `npm start` prints at the end: what the run fetched, wrote and published, read back from
// the lake, the local catalog and the run manifest (not from counters kept on the side).
import type { CostEstimate } from '../tasks/cost/estimate.js';
import { CURATED_TABLES, RAW_TABLES } from '../tasks/lake/tables.js';
import { readManifest } from '../tasks/lake/manifest.js';
import { precisionAtK, type PrecisionAtK, type SimilarityRow } from '../tasks/query/precision.js';
import type { LocalRuntime } from './runtime.js';

export interface RunSummary {
  dt: string;
  artistsFetched: number;
  artistsFailed: number;
  rowsPerTable: Record<string, number>;
  similarityRows: number;
  itemsWritten: number;
  capabilities: Record<string, unknown>;
  /** Against the sample's planted groups; absent for a run on the real API. */
  quality?: PrecisionAtK;
  /** What the run would cost on AWS, as measured and priced into the manifest (local/cost-meter.ts). */
  cost?: CostEstimate;
}

export async function summariseRun(runtime: LocalRuntime, dt: string): Promise<RunSummary> {
  const manifest = await readManifest(runtime.store, dt);
  const fetch = (manifest.fetch ?? {}) as Record<string, unknown>;
  const publish = (manifest.publish ?? {}) as Record<string, unknown>;
  const rowsPerTable: Record<string, number> = {};
  for (const table of [...RAW_TABLES, ...CURATED_TABLES]) {
    const [row] = await runtime.engines.run(`select count(*) as n from ${table.name} where dt = '${dt}'`);
    rowsPerTable[table.name] = Number(row?.n ?? 0);
  }
  return {
    dt,
    artistsFetched: Number(fetch.artistsStaged ?? rowsPerTable.raw_artists ?? 0),
    artistsFailed: Number(fetch.artistsFailed ?? 0),
    rowsPerTable,
    similarityRows: rowsPerTable.artist_similarity ?? 0,
    itemsWritten: Number(publish.itemsWritten ?? 0),
    capabilities: (manifest.capabilities ?? {}) as Record<string, unknown>,
    quality: runtime.catalog ? await measureQuality(runtime, dt, runtime.catalog.plantedGroups) : undefined,
    cost: (manifest.cost as { estimate?: CostEstimate } | undefined)?.estimate,
  };
}

async function measureQuality(runtime: LocalRuntime, dt: string, plantedGroups: string[][]): Promise<PrecisionAtK> {
  const rows = await runtime.engines.run(
    `select artist_id, neighbour_id, rank from artist_similarity where dt = '${dt}'`,
  );
  const similarity: SimilarityRow[] = rows.map((row) => ({
    artist_id: String(row.artist_id),
    neighbour_id: String(row.neighbour_id),
    rank: Number(row.rank),
  }));
  return precisionAtK(similarity, plantedGroups);
}
