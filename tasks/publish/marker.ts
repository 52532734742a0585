// The published marker (PIPELINE/PUBLISHED): the newest dt whose answers the chatbot reads. Runs
// only move it forward, so a re-run of an older date never overwrites newer answers. Moving it back
// is an operator's decision (after a wrong date was published, say): this is the one place that does
// it, only when asked to confirm, and only backwards.
import type { ResultsStore } from '../ports.js';
import { parseRunDate, refuseFutureRunDate } from '../run-date.js';
import { itemKeys } from '../contracts/result-items.js';

/** The operator asked for a move the marker does not allow; nothing was changed. */
export class PublishMarkerMoveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface PublishedMarker {
  dt: string;
  artists?: number;
  movedBackFrom?: string;
  movedAt?: string;
}

export async function readPublishedMarker(results: ResultsStore): Promise<PublishedMarker | undefined> {
  const item = await results.get(itemKeys.publishedPk, itemKeys.publishedSk);
  if (typeof item?.dt !== 'string') return undefined;
  return {
    dt: item.dt,
    ...(typeof item.artists === 'number' ? { artists: item.artists } : {}),
    ...(typeof item.movedBackFrom === 'string' ? { movedBackFrom: item.movedBackFrom } : {}),
    ...(typeof item.movedAt === 'string' ? { movedAt: item.movedAt } : {}),
  };
}

export type MarkerMove =
  | { moved: false; from: string; to: string }
  | { moved: true; from: string; to: string };

/**
 * Moves the marker back to `to` when `confirm` is true; without it, only checks the move and says
 * what it would do. Refuses a date that is not earlier than the current marker or is later than
 * tomorrow in `timeZone`, and a store where nothing is published yet. The published items stay as they are until a run of `to` (or later)
 * publishes over them.
 */
export async function movePublishedMarkerBack(
  results: ResultsStore,
  to: string,
  options: { confirm: boolean; now: Date; timeZone: string },
): Promise<MarkerMove> {
  // A future date would freeze publishing again, exactly what moving the marker back is meant to undo.
  const target = refuseFutureRunDate(parseRunDate(to), options.timeZone, options.now);
  const current = await readPublishedMarker(results);
  if (current === undefined) {
    throw new PublishMarkerMoveRefused('nothing is published yet, so there is no marker to move: any run publishes');
  }
  if (target >= current.dt) {
    throw new PublishMarkerMoveRefused(
      `the published marker is at dt=${current.dt}; it can only be moved back, to an earlier date than that ` +
        '(a run of a later date moves it forward by itself)',
    );
  }
  if (!options.confirm) return { moved: false, from: current.dt, to: target };
  await results.putItems([
    {
      pk: itemKeys.publishedPk,
      sk: itemKeys.publishedSk,
      dt: target,
      movedBackFrom: current.dt,
      movedAt: options.now.toISOString(),
    },
  ]);
  return { moved: true, from: current.dt, to: target };
}
