// Which local data set a command works on. Each sample variant (and the live API) has its own home
// under .sixpotify/: `npm start` picks it from --artists, --access and --live; `similar`, `query` and
// `publish-marker` take the same options, and without them read the data set of the last `npm start`,
// saying which, so a lookup never answers silently from another sample than the one the user meant.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_SAMPLE_ARTISTS } from './spotify/catalog.js';
import { loadLastRun, ROOT } from './paths.js';

/**
 * The sample catalog is generated in memory and served by the local server. The README offers sizes up
 * to this; beyond it generation alone takes minutes and gigabytes before the run starts, so it is
 * refused at once (`npm run bench` measures scale without a whole run).
 */
export const MAX_SAMPLE_ARTISTS = 50_000;

export interface DataSetOptions {
  artists?: string;
  access?: string;
  live?: boolean;
}

export type DataSetKind =
  | { kind: 'sample'; artists?: number; access: 'development' | 'extended' }
  | { kind: 'live' };

export interface DataSet {
  /** The home's folder name under .sixpotify/, e.g. `sample-extended-2000`. */
  name: string;
  home: string;
  /** How it was chosen, for the line that says which data set a command reads. */
  chosenBy: string;
}

export const DATA_SET_USAGE = '[--artists N] [--access development|extended] [--live]';

/** Validates the data set options as `npm start` takes them; throws an Error naming the bad value. */
export function dataSetKind(options: DataSetOptions): DataSetKind {
  if (options.live === true) {
    if (options.artists !== undefined || options.access !== undefined) {
      throw new Error('--live reads the real Spotify API: it takes no --artists or --access');
    }
    return { kind: 'live' };
  }
  const access = options.access ?? 'development';
  if (access !== 'development' && access !== 'extended') {
    throw new Error(`--access '${access}' is not known: use development or extended`);
  }
  if (options.artists === undefined) return { kind: 'sample', access };
  const artists = Number(options.artists);
  if (!/^\s*\d+\s*$/.test(options.artists) || !Number.isSafeInteger(artists) || artists < 1) {
    throw new Error(`--artists '${options.artists}' is not a positive whole number`);
  }
  if (artists > MAX_SAMPLE_ARTISTS) {
    throw new Error(
      `--artists ${artists} is more than the sample catalog's ${MAX_SAMPLE_ARTISTS.toLocaleString('en-US')}: it is ` +
        'generated in memory, and a larger one takes minutes and gigabytes before the run starts. ' +
        `Use --artists ${MAX_SAMPLE_ARTISTS} or less, \`npm run bench\` for scale, or --live for real data`,
    );
  }
  // The default size has one home, whether or not --artists names it.
  return { kind: 'sample', artists: artists === DEFAULT_SAMPLE_ARTISTS ? undefined : artists, access };
}

/**
 * Each sample variant gets its own home: a re-run of a date resumes from its fetch checkpoint, which
 * must belong to the same catalog and access level.
 */
export function dataSetName(kind: DataSetKind): string {
  if (kind.kind === 'live') return 'live';
  const variant = [kind.access === 'extended' ? 'extended' : '', kind.artists === undefined ? '' : `${kind.artists}`];
  return ['sample', ...variant.filter((part) => part !== '')].join('-');
}

/** The data set a home's name stands for (`dataSetName`'s inverse), or undefined for a home no options name. */
export function dataSetKindOf(name: string): DataSetKind | undefined {
  if (name === 'live') return { kind: 'live' };
  const match = /^sample(-extended)?(?:-([1-9]\d*))?$/.exec(name);
  if (match === null) return undefined;
  const artists = match[2] === undefined ? undefined : Number(match[2]);
  if (artists !== undefined && artists > MAX_SAMPLE_ARTISTS) return undefined;
  const kind = dataSetKind({ access: match[1] === undefined ? undefined : 'extended', artists: match[2] });
  // `sample-300` is no home of its own: the default size lives in `sample`.
  return dataSetName(kind) === name ? kind : undefined;
}

/** The options that choose this data set, as a user would type them ('' for the default sample). */
export function optionsFor(name: string): string {
  if (name === 'live') return '--live';
  const parts = name.split('-').slice(1);
  return parts.map((part) => (part === 'extended' ? '--access extended' : `--artists ${part}`)).join(' ');
}

/** `npm start` with the options that write this data set. */
export function startCommandFor(name: string): string {
  const options = optionsFor(name);
  return options === '' ? 'npm start' : `npm start -- ${options}`;
}

function describeOptions(name: string): string {
  const options = optionsFor(name);
  return options === '' ? 'no options' : options;
}

function listed(names: string[]): string {
  return names.map((name) => `${name} (${describeOptions(name)})`).join(', ');
}

/** The data sets present under the root: homes that a run has written to. */
export function localDataSets(root = ROOT): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'lake')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The data set a reading command uses: the one its options name (it must exist), else the last
 * `npm start`'s.
 */
export async function dataSetToRead(options: DataSetOptions, root = ROOT): Promise<DataSet> {
  const named = options.artists !== undefined || options.access !== undefined || options.live === true;
  if (named) {
    const name = dataSetName(dataSetKind(options));
    const home = join(root, name);
    if (!existsSync(join(home, 'lake'))) {
      throw new Error(`no local data set ${name} yet (${displayPath(home)}): run \`${startCommandFor(name)}\` first${othersThan(name, root)}`);
    }
    return { name, home, chosenBy: `chosen with ${describeOptions(name)}` };
  }
  const last = await loadLastRun(root);
  const name = relative(root, last.home) || last.home;
  const when = last.dt === '' ? '' : `, dt=${last.dt}`;
  return { name, home: last.home, chosenBy: `the last \`npm start\`${when}` };
}

/** One line saying which data set a command reads and how to pick another. */
export function describeDataSet(dataSet: DataSet, root = ROOT): string {
  const others = localDataSets(root).filter((name) => name !== dataSet.name);
  const choose = others.length === 0 ? '' : `; others: ${listed(others)}`;
  return `data set: ${dataSet.name} (${displayPath(dataSet.home)}), ${dataSet.chosenBy}${choose}`;
}

/**
 * Takes --artists, --access and --live (with a value as the next word or after `=`) out of a command
 * line, leaving the rest to the command's own parser.
 */
export function takeDataSetOptions(argv: readonly string[]): { options: DataSetOptions; rest: string[] } {
  const options: DataSetOptions = {};
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index] as string;
    const match = /^--(artists|access|live)(?:=(.*))?$/.exec(word);
    if (match === null) {
      rest.push(word);
      continue;
    }
    const [, name, inline] = match;
    if (name === 'live') {
      if (inline !== undefined) throw new Error('--live takes no value');
      options.live = true;
      continue;
    }
    const value = inline ?? argv[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new Error(`--${name} needs a value`);
    if (inline === undefined) index += 1;
    options[name as 'artists' | 'access'] = value;
  }
  return { options, rest };
}

/** A path as the user can open it from where they stand. */
export function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere === '' || fromHere.startsWith('..') ? path : fromHere;
}

function othersThan(name: string, root: string): string {
  const others = localDataSets(root).filter((other) => other !== name);
  return others.length === 0 ? '' : `; local data sets: ${listed(others)}`;
}
