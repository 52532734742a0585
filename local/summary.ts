// What `npm start` prints at the end: what the run fetched, wrote and published, read back from
// the lake, the local catalog and the run manifest (not from counters kept on the side), and why
// when something is missing: which artists failed, why nothing was published.
import { lakeKeys } from '../tasks/lake/keys.js';
import type { CostEstimate } from '../tasks/cost/estimate.js';
import { CURATED_TABLES, RAW_TABLES } from '../tasks/lake/tables.js';
import { readManifest } from '../tasks/lake/manifest.js';
import { precisionAtK, type PrecisionAtK, type SimilarityRow } from './precision.js';
import { displayPath } from './data-set.js';
import type { LocalRuntime } from './runtime.js';

/** Failed artists listed in the summary; the manifest has them all. */
export const FAILED_ARTISTS_SHOWN = 3;

export interface FailedArtist {
  artist: string;
  name?: string;
  reason: string;
}

export interface PublishOutcome {
  itemsWritten: number;
  /** Set when the run published nothing because a newer date is published. */
  skippedAsOlder: boolean;
  publishedDt?: string;
  note?: string;
  /** False when the manifest has no publish section (the run never reached PublishResults). */
  recorded: boolean;
}

export interface RunSummary {
  dt: string;
  artistsFetched: number;
  artistsFailed: number;
  /** Every artist that failed for good, with the reason, as the manifest keeps them. */
  failedArtists: FailedArtist[];
  /** Where the run manifest is on disk. */
  manifestPath: string;
  /** How far the fetch got, as the manifest says it ("1,840 of 5,000 artists complete; about 2 more nights ..."). */
  fetchProgress?: string;
  rowsPerTable: Record<string, number>;
  similarityRows: number;
  publish: PublishOutcome;
  capabilities: Record<string, unknown>;
  /** Against the sample's planted groups; absent for a run on the real API. */
  quality?: PrecisionAtK;
  /** What the run would cost on AWS, as measured and priced into the manifest (local/cost-meter.ts). */
  cost?: CostEstimate;
}

export async function summariseRun(runtime: LocalRuntime, dt: string): Promise<RunSummary> {
  const manifest = await readManifest(runtime.store, dt);
  const fetch = (manifest.fetch ?? {}) as Record<string, unknown>;
  const rowsPerTable: Record<string, number> = {};
  for (const table of [...RAW_TABLES, ...CURATED_TABLES]) {
    const [row] = await runtime.engines.run(`select count(*) as n from ${table.name} where dt = '${dt}'`);
    rowsPerTable[table.name] = Number(row?.n ?? 0);
  }
  return {
    dt,
    artistsFetched: Number(fetch.artistsStaged ?? rowsPerTable.raw_artists ?? 0),
    artistsFailed: Number(fetch.artistsFailed ?? 0),
    failedArtists: failedArtists(fetch.failed),
    manifestPath: runtime.store.locationOf(lakeKeys.manifest(dt)),
    fetchProgress: (fetch.progress as { text?: string } | undefined)?.text,
    rowsPerTable,
    similarityRows: rowsPerTable.artist_similarity ?? 0,
    publish: publishOutcome(manifest.publish),
    capabilities: (manifest.capabilities ?? {}) as Record<string, unknown>,
    quality: runtime.catalog ? await measureQuality(runtime, dt, runtime.catalog.plantedGroups) : undefined,
    cost: (manifest.cost as { estimate?: CostEstimate } | undefined)?.estimate,
  };
}

export interface SummaryContext {
  /** Options that choose the data set, appended to suggested commands ('' for the default sample). */
  dataSetOptions: string;
}

/** The summary as printed, one line per entry. */
export function summaryLines(summary: RunSummary, context: SummaryContext): string[] {
  const lines = [`Summary for dt=${summary.dt}`];
  lines.push(`  artists fetched      ${summary.artistsFetched} (${summary.artistsFailed} failed)`);
  lines.push(...failureLines(summary));
  if (summary.fetchProgress !== undefined) lines.push(`  fetch progress       ${summary.fetchProgress}`);
  for (const [table, rows] of Object.entries(summary.rowsPerTable)) {
    lines.push(`  ${table.padEnd(20)} ${rows} rows`);
  }
  lines.push(`  similarity rows      ${summary.similarityRows}`);
  if (summary.quality) {
    const { k, precision, evaluated, grouped } = summary.quality;
    lines.push(
      `  quality              precision@${k} ${precision.toFixed(3)} against the sample's planted groups (${evaluated} of ${grouped} grouped artists had neighbours)`,
    );
  }
  lines.push(...publishLines(summary, context));
  lines.push(`  capabilities         ${describeCapabilities(summary.capabilities)}`);
  return lines;
}

function failureLines(summary: RunSummary): string[] {
  if (summary.failedArtists.length === 0) return [];
  const shown = summary.failedArtists.slice(0, FAILED_ARTISTS_SHOWN).map((failure) => {
    const who = failure.name === undefined || failure.name === failure.artist ? failure.artist : `${failure.name} (${failure.artist})`;
    return `                       ✗ ${who}: ${failure.reason}`;
  });
  const all = summary.failedArtists.length > FAILED_ARTISTS_SHOWN ? `all ${summary.failedArtists.length}` : 'the list';
  return [...shown, `                       ${all} with reasons: ${displayPath(summary.manifestPath)}, under "fetch.failed"`];
}

function publishLines(summary: RunSummary, context: SummaryContext): string[] {
  const { publish, dt } = summary;
  const head = `  DynamoDB items       ${publish.itemsWritten}`;
  const options = context.dataSetOptions === '' ? '' : ` ${context.dataSetOptions}`;
  if (publish.skippedAsOlder) {
    const note = publish.note ?? `published answers stay at dt=${publish.publishedDt ?? '?'} (newer)`;
    return [
      `${head}: ${note}`,
      `                       to publish dt=${dt} instead: npm run publish-marker -- --dt ${dt} --confirm${options}, then npm start -- --dt ${dt}${options}`,
    ];
  }
  if (!publish.recorded) return [`${head}: PublishResults left no record in ${displayPath(summary.manifestPath)}`];
  if (publish.itemsWritten === 0) return [`${head}: the publish export for dt=${dt} had no artists`];
  return [head];
}

function failedArtists(value: unknown): FailedArtist[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: Record<string, unknown>) => ({
    artist: String(entry.artist ?? entry.id ?? '?'),
    ...(typeof entry.name === 'string' ? { name: entry.name } : {}),
    reason: String(entry.reason ?? 'no reason recorded'),
  }));
}

function publishOutcome(value: unknown): PublishOutcome {
  if (typeof value !== 'object' || value === null) return { itemsWritten: 0, skippedAsOlder: false, recorded: false };
  const publish = value as Record<string, unknown>;
  return {
    itemsWritten: Number(publish.itemsWritten ?? 0),
    skippedAsOlder: publish.skippedAsOlder === true,
    ...(typeof publish.publishedDt === 'string' ? { publishedDt: publish.publishedDt } : {}),
    ...(typeof publish.note === 'string' ? { note: publish.note } : {}),
    recorded: true,
  };
}

function describeCapabilities(capabilities: Record<string, unknown>): string {
  const flags = Object.entries(capabilities).filter(([, value]) => typeof value === 'boolean');
  if (flags.length === 0) return 'not probed';
  return flags.map(([name, value]) => `${name} ${value ? 'yes' : 'no'}`).join(', ');
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
