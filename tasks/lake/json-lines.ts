// Gzipped JSON Lines: the raw zone's and the exports' file format (one object per line).
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';

const gzipAsync = promisify(gzip);

export function toJsonLinesGz(records: readonly unknown[]): Uint8Array {
  const text = records.map((record) => JSON.stringify(record)).join('\n') + (records.length > 0 ? '\n' : '');
  return gzipSync(text);
}

/**
 * The same bytes as toJsonLinesGz, for lines already serialised (one JSON value each, no newline).
 * Compresses on libuv's thread pool: a raw part is megabytes, and several compress at once while the
 * main thread goes on. (Small objects, such as staged artists, decompress faster in the calling thread.)
 */
export async function jsonLinesGz(lines: readonly string[]): Promise<Uint8Array> {
  return gzipAsync(lines.length > 0 ? lines.join('\n') + '\n' : '');
}

export function fromJsonLines(body: Uint8Array, gzipped: boolean): unknown[] {
  const text = Buffer.from(gzipped ? gunzipSync(body) : body).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export function toJsonGz(value: unknown): Uint8Array {
  return gzipSync(JSON.stringify(value));
}

export function fromJsonGz(body: Uint8Array): unknown {
  return JSON.parse(Buffer.from(gunzipSync(body)).toString('utf8')) as unknown;
}
