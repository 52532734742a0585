// A ground truth for similarity: for each judged artist, the artists an outside judgement calls
// related. Read from a file, JSON or CSV, so any judgement can score a run (npm run bench -- quality):
//   JSON  {"<artist id>": ["<related id>", ...], ...}
//   CSV   one line per artist and related artist: artist_id,related_id (a header line of exactly
//         that is skipped); several related ids may share a line, separated by ';'.
// The sample catalog ships its own: each artist planted in a group is related to the group's others.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { SampleCatalog } from '../spotify/catalog.js';

/** Judged artist id -> the ids it is related to (never itself). */
export type GroundTruth = Map<string, ReadonlySet<string>>;

export class GroundTruthInvalid extends Error {
  override name = 'GroundTruthInvalid';
}

export async function readGroundTruth(file: string): Promise<GroundTruth> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new GroundTruthInvalid(`ground truth ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return parseJsonGroundTruth(text, file);
  if (extension === '.csv') return parseCsvGroundTruth(text, file);
  throw new GroundTruthInvalid(`ground truth ${file} is neither .json nor .csv: name it after its format`);
}

export function parseJsonGroundTruth(text: string, source = 'JSON'): GroundTruth {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GroundTruthInvalid(`ground truth ${source} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GroundTruthInvalid(`ground truth ${source} must be an object of artist id -> [related ids]`);
  }
  const truth: GroundTruth = new Map();
  for (const [artistId, related] of Object.entries(value)) {
    if (!Array.isArray(related) || !related.every((id) => typeof id === 'string' && id !== '')) {
      throw new GroundTruthInvalid(`ground truth ${source}: the related ids of '${artistId}' must be a list of ids`);
    }
    addRelated(truth, artistId, related as string[]);
  }
  return truth;
}

export function parseCsvGroundTruth(text: string, source = 'CSV'): GroundTruth {
  const truth: GroundTruth = new Map();
  text.split(/\r?\n/).forEach((line, index) => {
    const cells = line.split(',').map((cell) => cell.trim());
    if (line.trim() === '' || (index === 0 && cells[0] === 'artist_id')) return;
    const [artistId, ...rest] = cells;
    const related = rest.flatMap((cell) => cell.split(';')).map((id) => id.trim()).filter((id) => id !== '');
    if (artistId === undefined || artistId === '' || related.length === 0) {
      throw new GroundTruthInvalid(`ground truth ${source}: line ${index + 1} is '${line}': use artist_id,related_id`);
    }
    addRelated(truth, artistId, related);
  });
  return truth;
}

/** The sample catalog's own ground truth: its planted groups (an artist planted in none is judged by none). */
export function sampleGroundTruth(catalog: Pick<SampleCatalog, 'plantedGroups'>): GroundTruth {
  const truth: GroundTruth = new Map();
  for (const group of catalog.plantedGroups) {
    for (const artistId of group) addRelated(truth, artistId, group);
  }
  return truth;
}

export function groundTruthAsJson(truth: GroundTruth): string {
  return JSON.stringify(Object.fromEntries([...truth].map(([artistId, related]) => [artistId, [...related].sort()])));
}

function addRelated(truth: GroundTruth, artistId: string, related: readonly string[]): void {
  const set = new Set(truth.get(artistId) ?? []);
  for (const id of related) if (id !== artistId) set.add(id);
  if (set.size > 0) truth.set(artistId, set);
}
