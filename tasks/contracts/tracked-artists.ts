// The tracked artist set, read from the lake's config prefix: config/tracked-artists.json (a JSON
// array of ids, names, Spotify URIs or URLs, or {id}/{name} objects), config/tracked-artists.csv
// (one per row; an optional header names an id and/or a name column), and any .json or .csv file
// under config/tracked-artists/ (where artists added by the chatbot go). Another list key can be
// configured; its .json and .csv forms and its folder are read the same way. Duplicates are removed:
// ids exactly, names by their normalised form (case, spacing, Unicode form: Korean names included).
import { TrackedArtistsInvalid } from '../errors.js';
import { lakeKeys } from '../lake/keys.js';
import { normaliseName } from '../names.js';
import type { ObjectStore } from '../ports.js';
import { SPOTIFY_ID } from '../spotify/ids.js';

export type TrackedArtist = { kind: 'id'; id: string; name?: string } | { kind: 'name'; name: string };

/** The lists read for a configured key (default config/tracked-artists.json): its .json and .csv forms and its folder. */
export function trackedArtistSources(key: string = lakeKeys.trackedArtists): { json: string; csv: string; additionsPrefix: string } {
  const base = key.replace(/\.(json|csv)$/, '');
  return { json: `${base}.json`, csv: `${base}.csv`, additionsPrefix: `${base}/` };
}

const URI = /^spotify:artist:([0-9A-Za-z]{22})$/;
const URL_ID = /^https?:\/\/open\.spotify\.com\/(?:intl-[a-z-]+\/)?artist\/([0-9A-Za-z]{22})(?:[/?#].*)?$/;

export async function readTrackedArtists(store: ObjectStore, listKey: string = lakeKeys.trackedArtists): Promise<TrackedArtist[]> {
  const sources = trackedArtistSources(listKey);
  const keys = (await store.list(sources.json.replace(/\.json$/, '')))
    .filter((key) => key === sources.json || key === sources.csv || key.startsWith(sources.additionsPrefix))
    .filter((key) => key.endsWith('.json') || key.endsWith('.csv'));
  if (keys.length === 0) {
    throw new TrackedArtistsInvalid(
      `no tracked-artist list: put a JSON array of artist ids or names at ${sources.json} (or a CSV at ${sources.csv})`,
    );
  }
  const entries: TrackedArtist[] = [];
  for (const key of keys) {
    const body = await store.get(key);
    if (body === undefined) continue;
    const text = Buffer.from(body).toString('utf8').replace(/^\uFEFF/, '');
    entries.push(...(key.endsWith('.csv') ? parseTrackedCsv(text, key) : parseTrackedJson(text, key)));
  }
  const unique = dedupeTrackedArtists(entries);
  if (unique.length === 0) throw new TrackedArtistsInvalid(`the tracked-artist list (${keys.join(', ')}) is empty`);
  return unique;
}

export function parseTrackedJson(text: string, key: string): TrackedArtist[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TrackedArtistsInvalid(`${key} is not JSON (${(error as Error).message}): use a JSON array of artist ids or names`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new TrackedArtistsInvalid(`${key} must hold a JSON array of artist ids or names, not ${typeof parsed}`);
  return parsed.map((value, index) => {
    const where = `${key} entry ${index}`;
    if (typeof value === 'string') return entryFromText(value, where);
    if (typeof value === 'object' && value !== null) {
      const { id, name } = value as { id?: unknown; name?: unknown };
      if (typeof id === 'string' && id.trim() !== '') {
        const entry = entryFromText(id, where);
        if (entry.kind !== 'id') throw new TrackedArtistsInvalid(`${where}: id '${id}' is not a Spotify artist id (22 letters and digits)`);
        return typeof name === 'string' && name.trim() !== '' ? { ...entry, name: name.trim().normalize('NFC') } : entry;
      }
      if (typeof name === 'string' && name.trim() !== '') return { kind: 'name', name: name.trim().normalize('NFC') };
    }
    throw new TrackedArtistsInvalid(`${where} is ${JSON.stringify(value)}: use an artist id, a name, or an object with "id" or "name"`);
  });
}

export function parseTrackedCsv(text: string, key: string): TrackedArtist[] {
  const rows = parseCsv(text).filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const idColumn = header.findIndex((cell) => ['id', 'artist_id', 'spotify_id'].includes(cell));
  const nameColumn = header.findIndex((cell) => ['name', 'artist', 'artist_name'].includes(cell));
  const hasHeader = idColumn >= 0 || nameColumn >= 0;
  return rows.slice(hasHeader ? 1 : 0).flatMap((row, index) => {
    const where = `${key} row ${index + (hasHeader ? 2 : 1)}`;
    const id = idColumn >= 0 ? (row[idColumn] ?? '').trim() : '';
    const name = nameColumn >= 0 ? (row[nameColumn] ?? '').trim() : '';
    if (!hasHeader) return [entryFromText(row[0] ?? '', where)];
    if (id !== '') {
      const entry = entryFromText(id, where);
      if (entry.kind !== 'id') throw new TrackedArtistsInvalid(`${where}: id '${id}' is not a Spotify artist id (22 letters and digits)`);
      return [name === '' ? entry : { ...entry, name: name.normalize('NFC') }];
    }
    return name === '' ? [] : [{ kind: 'name' as const, name: name.normalize('NFC') }];
  });
}

function entryFromText(raw: string, where: string): TrackedArtist {
  const text = raw.trim();
  if (text === '') throw new TrackedArtistsInvalid(`${where} is empty: use an artist id or a name`);
  const id = SPOTIFY_ID.test(text) ? text : (URI.exec(text)?.[1] ?? URL_ID.exec(text)?.[1]);
  return id !== undefined ? { kind: 'id', id } : { kind: 'name', name: text.normalize('NFC') };
}

export function dedupeTrackedArtists(entries: readonly TrackedArtist[]): TrackedArtist[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = entry.kind === 'id' ? `id:${entry.id}` : `name:${normaliseName(entry.name)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** RFC 4180: quoted fields may hold commas, newlines and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
