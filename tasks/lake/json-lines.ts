// Gzipped JSON Lines: the raw zone's and the exports' file format (one object per line).
import { gunzipSync, gzipSync } from 'node:zlib';

export function toJsonLinesGz(records: readonly unknown[]): Uint8Array {
  const text = records.map((record) => JSON.stringify(record)).join('\n') + (records.length > 0 ? '\n' : '');
  return gzipSync(text);
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
