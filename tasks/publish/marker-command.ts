// The operator's `publish-marker [--dt YYYY-MM-DD] [--confirm]`, shared by `npm run publish-marker`
// (local) and `npm run ops -- publish-marker` (AWS) so both say the same: show the published marker
// (the newest dt whose answers the chatbot reads), or move it back so an older date can publish
// again. Moving it needs --confirm; without it the command only says what it would do.
import type { ResultsStore } from '../ports.js';
import { movePublishedMarkerBack, readPublishedMarker } from './marker.js';

type Write = (line: string) => void;

export interface PublishMarkerOptions {
  dt?: string;
  confirm: boolean;
  now: Date;
  /** The pipeline's time zone, for the run date window. */
  timeZone: string;
  /** How to re-run a date, as the host that prints this starts runs. */
  rerun: (dt: string) => string;
  /** How to confirm, as the host that prints this takes options. */
  confirmWith: (dt: string) => string;
}

/** Returns the exit code: 0 when shown or moved, 1 when there is nothing published. */
export async function publishMarker(results: ResultsStore, options: PublishMarkerOptions, write: Write): Promise<number> {
  if (options.dt === undefined) {
    const marker = await readPublishedMarker(results);
    if (marker === undefined) {
      write('Nothing is published yet: the first run that succeeds publishes its date.');
      return 1;
    }
    const moved = marker.movedBackFrom === undefined ? '' : ` (moved back from dt=${marker.movedBackFrom} at ${marker.movedAt ?? 'an unknown time'})`;
    write(`Published answers are at dt=${marker.dt}${moved}: runs of older dates publish nothing.`);
    write(`To let an older date publish again: ${options.confirmWith('YYYY-MM-DD')}`);
    return 0;
  }
  const move = await movePublishedMarkerBack(results, options.dt, options);
  if (!move.moved) {
    write(`The published marker is at dt=${move.from}. Moving it back to dt=${move.to} lets runs of ${move.to} and later publish again;`);
    write(`the chatbot keeps reading the dt=${move.from} answers until such a run publishes over them.`);
    write(`Nothing changed. To move it: ${options.confirmWith(move.to)}`);
    return 0;
  }
  write(`Moved the published marker back from dt=${move.from} to dt=${move.to}.`);
  write(`Publish that date's answers now: ${options.rerun(move.to)}`);
  return 0;
}
