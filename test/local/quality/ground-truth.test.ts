// A ground truth is read from JSON or CSV, or taken from the sample's planted groups, and a bad file
// gets an error that names the problem.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  groundTruthAsJson,
  parseCsvGroundTruth,
  parseJsonGroundTruth,
  readGroundTruth,
  sampleGroundTruth,
} from '../../../local/quality/ground-truth.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const asObject = (truth: Map<string, ReadonlySet<string>>) =>
  Object.fromEntries([...truth].map(([id, related]) => [id, [...related].sort()]));

describe('parseJsonGroundTruth', () => {
  it('reads artist id -> related ids, leaving an artist out of its own list', () => {
    expect(asObject(parseJsonGroundTruth('{"a": ["b", "a", "c"], "b": ["a"]}'))).toEqual({ a: ['b', 'c'], b: ['a'] });
  });

  it('refuses a list of groups, saying what shape it needs', () => {
    expect(() => parseJsonGroundTruth('[["a", "b"]]')).toThrow(/must be an object of artist id -> \[related ids\]/);
  });

  it('names the artist whose related ids are not a list of ids', () => {
    expect(() => parseJsonGroundTruth('{"a": "b"}')).toThrow(/the related ids of 'a' must be a list of ids/);
  });
});

describe('parseCsvGroundTruth', () => {
  it('reads one pair per line after an optional header, several ids on a line separated by ;', () => {
    const truth = parseCsvGroundTruth('artist_id,related_id\na,b\na,c;d\n\nb,a\n');

    expect(asObject(truth)).toEqual({ a: ['b', 'c', 'd'], b: ['a'] });
  });

  it('names the line that has no related id', () => {
    expect(() => parseCsvGroundTruth('a,b\nc\n', 'related.csv')).toThrow("ground truth related.csv: line 2 is 'c': use artist_id,related_id");
  });
});

describe('readGroundTruth', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    folder = await makeTempDir();
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('reads the sample’s ground truth back from the JSON it is written as', async () => {
    const truth = sampleGroundTruth({ plantedGroups: [['a', 'b', 'c'], ['d', 'e']] });
    const file = join(folder.path, 'truth.json');
    await writeFile(file, groundTruthAsJson(truth));

    expect(asObject(await readGroundTruth(file))).toEqual({ a: ['b', 'c'], b: ['a', 'c'], c: ['a', 'b'], d: ['e'], e: ['d'] });
  });

  it('refuses a file that is neither .json nor .csv', async () => {
    const file = join(folder.path, 'truth.txt');
    await writeFile(file, 'a,b');

    await expect(readGroundTruth(file)).rejects.toThrow(/neither \.json nor \.csv/);
  });

  it('says when the file cannot be read', async () => {
    await expect(readGroundTruth(join(folder.path, 'missing.csv'))).rejects.toMatchObject({ name: 'GroundTruthInvalid' });
  });
});
