// PublishResults: read the publish export for dt from the lake (the query's output files, not paged
// GetQueryResults), validate every row, then write profiles, neighbours and name lookups for the
// chatbot. Nothing is written unless every row is valid; an older dt never overwrites a newer one.
import { expiryFor, itemKeys } from '../contracts/result-items.js';
import { PublishInputInvalid } from '../errors.js';
import { exportFileKeys, readExportRows } from '../lake/exports.js';
import { lakeKeys } from '../lake/keys.js';
import { recordInManifest } from '../lake/manifest.js';
import type { Clock, Logger, ObjectStore, ResultsStore } from '../ports.js';
import { exportRowSchema, type ExportRow } from './export-row.js';
import { itemsForArtist } from './items.js';

export const PUBLISH_EXPORT = 'artist_profiles';

export interface PublishPorts {
  store: ObjectStore;
  results: ResultsStore;
  logger: Logger;
  clock: Clock;
  ttlDays: number;
}

export interface PublishResult {
  artists: number;
  neighbours: number;
  itemsWritten: number;
  /** True when a newer dt was already published and this run wrote nothing. */
  skippedAsOlder: boolean;
  /** The dt whose answers the chatbot reads after this run: this one, or the newer one that was kept. */
  publishedDt: string;
}

export async function runPublish(dt: string, ports: PublishPorts): Promise<PublishResult> {
  const started = ports.clock.now().getTime();
  const rows = await readExport(dt, ports.store);

  const published = await ports.results.get(itemKeys.publishedPk, itemKeys.publishedSk);
  const newest = typeof published?.dt === 'string' ? published.dt : undefined;
  if (newest !== undefined && newest > dt) {
    const note = olderDateNote(newest);
    ports.logger.warn(`a newer date is already published; nothing written: ${note}`, { dt, newest });
    const skipped = { artists: rows.length, neighbours: 0, itemsWritten: 0, skippedAsOlder: true, publishedDt: newest };
    await recordInManifest(ports.store, dt, 'publish', { ...skipped, note, millis: ports.clock.now().getTime() - started });
    return skipped;
  }

  const expiresAt = expiryFor(dt, ports.ttlDays);
  const items = rows.flatMap((row) => itemsForArtist(row, dt, expiresAt));
  const itemsWritten = await ports.results.putItems(items);
  // The marker goes last: it is only moved once every item of this date is stored. It has no expiry:
  // the guard against older dates must outlive the items it protects.
  await ports.results.putItems([{ pk: itemKeys.publishedPk, sk: itemKeys.publishedSk, dt, artists: rows.length }]);

  const result: PublishResult = {
    artists: rows.length,
    neighbours: rows.reduce((sum, row) => sum + (row.neighbours?.length ?? 0), 0),
    itemsWritten,
    skippedAsOlder: false,
    publishedDt: dt,
  };
  await recordInManifest(ports.store, dt, 'publish', { ...result, millis: ports.clock.now().getTime() - started });
  ports.logger.info('published', { dt, ...result });
  return result;
}

/** What the run manifest and the local summary say when an older date publishes nothing. */
export function olderDateNote(publishedDt: string): string {
  return `published answers stay at dt=${publishedDt} (newer)`;
}

async function readExport(dt: string, store: ObjectStore): Promise<ExportRow[]> {
  const prefix = lakeKeys.exportPartition(PUBLISH_EXPORT, dt);
  const keys = await exportFileKeys(store, prefix);
  if (keys.length === 0) {
    throw new PublishInputInvalid(`no publish export under ${prefix}: the last SQL step did not write it`);
  }
  return readExportRows(store, keys, exportRowSchema, (where, problem) => new PublishInputInvalid(`${where} is not a valid export row: ${problem}`));
}
