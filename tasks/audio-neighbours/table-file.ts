// The date's file of artist_audio_neighbours (tasks/lake/tables.ts): gzipped JSON Lines, one row per
// (artist, neighbour), artists in id order, nearest first. Streamed from the kernel's lists one
// artist at a time, so 50,000 artists' 500,000 rows are never all objects, nor one string, at once.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { NeighbourLists } from './kernel.js';

/** One row of artist_audio_neighbours. */
export interface AudioNeighbourRow {
  artist_id: string;
  neighbour_id: string;
  rank: number;
  distance: number;
}

/** Chunks of JSON Lines for the compressor, big enough that passing them costs nothing. */
const CHUNK_CHARACTERS = 1 << 20;

/** The rows as chunks of whole JSON lines; nothing for an artist without neighbours. */
export function* neighbourLines(ids: readonly string[], lists: NeighbourLists): Generator<string> {
  let chunk = '';
  for (let point = 0; point < ids.length; point += 1) {
    for (let slot = 0; slot < (lists.counts[point] as number); slot += 1) {
      const row: AudioNeighbourRow = {
        artist_id: ids[point] as string,
        neighbour_id: ids[lists.indexes[point * lists.k + slot] as number] as string,
        rank: slot + 1,
        distance: lists.distances[point * lists.k + slot] as number,
      };
      chunk += `${JSON.stringify(row)}\n`;
    }
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export async function gzipLines(lines: Iterable<string>): Promise<Uint8Array> {
  const compressed: Buffer[] = [];
  await pipeline(Readable.from(lines, { objectMode: false }), createGzip(), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) compressed.push(chunk);
  });
  return Buffer.concat(compressed);
}
