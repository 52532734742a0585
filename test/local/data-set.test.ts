import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataSetKind, dataSetKindOf, dataSetName, dataSetToRead, describeDataSet, MAX_SAMPLE_ARTISTS, takeDataSetOptions } from '../../local/data-set.js';
import { saveLastRun } from '../../local/paths.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('choosing a local data set', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const home = (name: string) => join(temp.path, name);
  beforeEach(async () => {
    temp = await makeTempDir();
    for (const name of ['sample', 'sample-2000', 'sample-extended']) await mkdir(join(home(name), 'lake'), { recursive: true });
  });
  afterEach(() => temp.remove());

  it('takes the data set options out of a command line and leaves the rest in order', () => {
    expect(takeDataSetOptions(['--artists', '2000', 'Velvet', '--access=extended', 'Owls', '--json'])).toEqual({
      options: { artists: '2000', access: 'extended' },
      rest: ['Velvet', 'Owls', '--json'],
    });
  });

  it('refuses more sample artists than the bound, saying the bound and why', () => {
    expect(() => dataSetKind({ artists: '10000000' })).toThrow(
      `--artists 10000000 is more than the sample catalog's ${MAX_SAMPLE_ARTISTS.toLocaleString('en-US')}`,
    );
    expect(() => dataSetKind({ artists: '10000000' })).toThrow('generated in memory');
  });

  it('accepts the bound itself', () => {
    expect(dataSetKind({ artists: String(MAX_SAMPLE_ARTISTS) })).toEqual({ kind: 'sample', artists: MAX_SAMPLE_ARTISTS, access: 'development' });
  });

  it.each(['0', '-5', '2.5', '1e3', 'many'])('refuses --artists %j as not a positive whole number', (artists) => {
    expect(() => dataSetKind({ artists })).toThrow(`--artists '${artists}' is not a positive whole number`);
  });

  it('gives the default sample size the default home', () => {
    expect(dataSetName(dataSetKind({ artists: '300' }))).toBe('sample');
    expect(dataSetName(dataSetKind({ artists: '2000', access: 'extended' }))).toBe('sample-extended-2000');
  });

  it.each([{}, { artists: '20' }, { access: 'extended' }, { artists: '2000', access: 'extended' }, { live: true }])(
    'reads back from its home’s name the data set the options %j name',
    (options) => {
      const kind = dataSetKind(options);

      expect(dataSetKindOf(dataSetName(kind))).toEqual(kind);
    },
  );

  it.each(['custom', 'sample-0', 'sample-300', 'sample-50001', 'sample-development', 'live-20'])('names no data set for a home called %j', (name) => {
    expect(dataSetKindOf(name)).toBeUndefined();
  });

  it('reads the data set the options name', async () => {
    const dataSet = await dataSetToRead({ artists: '2000' }, temp.path);

    expect(dataSet).toEqual({ name: 'sample-2000', home: home('sample-2000'), chosenBy: 'chosen with --artists 2000' });
  });

  it('refuses a data set no run has written, saying how to write it and which ones exist', async () => {
    await expect(dataSetToRead({ artists: '500', access: 'extended' }, temp.path)).rejects.toThrow(
      /^no local data set sample-extended-500 yet \(.*\): run `npm start -- --access extended --artists 500` first; local data sets: sample \(no options\), sample-2000 \(--artists 2000\), sample-extended \(--access extended\)$/,
    );
  });

  it('reads the last run’s data set when no option names one', async () => {
    await saveLastRun({ home: home('sample-extended'), dt: '2026-11-20', status: 'SUCCEEDED' }, temp.path);

    const dataSet = await dataSetToRead({}, temp.path);

    expect(dataSet).toEqual({ name: 'sample-extended', home: home('sample-extended'), chosenBy: 'the last `npm start`, dt=2026-11-20' });
  });

  it('says which data set it reads, and how to choose each of the others', () => {
    const line = describeDataSet({ name: 'sample-2000', home: home('sample-2000'), chosenBy: 'chosen with --artists 2000' }, temp.path);

    expect(line).toBe(
      `data set: sample-2000 (${home('sample-2000')}), chosen with --artists 2000; others: sample (no options), sample-extended (--access extended)`,
    );
  });
});
