// `npm start` (and the other local commands) run through this launcher: it bundles the entry with
// esbuild into .sixpotify/build/, once, and again only when one of the bundled sources, tsconfig.json,
// the installed packages or this file changes; then it imports the bundle. Loading one bundled module
// costs a fraction of what compiling and resolving a few hundred TypeScript files through tsx, and
// a few thousand package files through Node's resolver, costs on every run.
//
// Node runs this file directly (it strips the types), before anything can compile TypeScript: so it
// imports nothing of ours, uses only erasable TypeScript syntax, and loads esbuild only to build.
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAUNCHER = fileURLToPath(import.meta.url);
/**
 * Packages left in node_modules: native addons (DuckDB's bindings; dynalite's LevelDB) and modules that
 * pick their files at run time (dynalite requires each action by name).
 */
const NOT_BUNDLED = ['@duckdb/*', 'dynalite'];
/**
 * Files every bundle depends on besides its own sources: build settings, the dependency tree (npm
 * rewrites node_modules/.package-lock.json on every install), this launcher.
 */
const ALWAYS_WATCHED = ['tsconfig.json', 'package-lock.json', 'node_modules/.package-lock.json', LAUNCHER];

export interface BuildStamp {
  /** Where the bundle was built: a moved or copied checkout rebuilds. */
  root: string;
  /** Path (relative to root, or absolute) -> mtime in ms of every file the bundle was made from. */
  inputs: Record<string, number>;
}

export interface Bundle {
  /** The bundled ES module to import. */
  path: string;
  /** Whether this call had to build it. */
  built: boolean;
}

/** The bundle of `entry` (a repository-relative .ts path), built first if missing or out of date. */
export async function bundleFor(entry: string, options: { root?: string; outDir?: string } = {}): Promise<Bundle> {
  const root = options.root ?? REPO_ROOT;
  const outDir = options.outDir ?? join(root, '.sixpotify', 'build');
  // local/start.ts -> local-start.mjs: entries of the same name in different folders never share a bundle.
  const name = relative(root, resolve(root, entry)).replace(/\.ts$/, '').replace(/[\\/]/g, '-');
  const path = join(outDir, `${name}.mjs`);
  const stampPath = join(outDir, `${name}.json`);
  if (isFresh(readStamp(stampPath), root)) return { path, built: false };
  await build(resolve(root, entry), root, path, stampPath);
  return { path, built: true };
}

/** True when the stamp names this root and every input still has the mtime it had at build time. */
export function isFresh(stamp: BuildStamp | undefined, root: string): boolean {
  if (stamp === undefined || stamp.root !== root) return false;
  for (const [input, mtime] of Object.entries(stamp.inputs)) {
    if (mtimeOf(resolve(root, input)) !== mtime) return false;
  }
  return true;
}

async function build(entryPath: string, root: string, outPath: string, stampPath: string): Promise<void> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entryPath],
    outfile: outPath,
    write: false,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: NOT_BUNDLED,
    // Bundled CommonJS packages call require() for Node's built-in modules: give them one.
    banner: { js: "import { createRequire as __sixpotifyRequire } from 'node:module'; const require = __sixpotifyRequire(import.meta.url);" },
    // Error classes are named by their class name, which the state machine's ErrorEquals matches.
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceLocations()],
  });
  const inputs: Record<string, number> = {};
  // Package files are watched through package-lock.json: npm changes it whenever it changes them.
  const sources = Object.keys(result.metafile.inputs).filter((input) => !isPackageFile(input));
  for (const input of [...sources, ...ALWAYS_WATCHED]) {
    inputs[input] = mtimeOf(resolve(root, input));
  }
  mkdirSync(dirname(outPath), { recursive: true });
  // The map first, the bundle after it, the stamp last; each written beside its name and renamed into
  // place, so a run started meanwhile never imports half a file.
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  for (const file of files) writeAtomically(file.path, file.contents);
  writeAtomically(stampPath, JSON.stringify({ root, inputs } satisfies BuildStamp, null, 1));
}

function writeAtomically(path: string, contents: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * Our modules find files beside them (the ASL, the SQL folder) from `import.meta.url`; in a bundle that
 * would be the bundle's own location. Each source keeps its own URL instead.
 */
function sourceLocations(): Plugin {
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (isPackageFile(args.path)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

function isPackageFile(path: string): boolean {
  return path.split(/[\\/]/).includes('node_modules');
}

function readStamp(path: string): BuildStamp | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BuildStamp;
  } catch {
    return undefined;
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

// `node local/launch.ts <entry.ts> [args...]`: the entry runs as if started directly, with its own arguments.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === LAUNCHER) {
  const [entry, ...args] = process.argv.slice(2);
  if (entry === undefined) {
    console.error('usage: node local/launch.ts <entry.ts> [args...]');
    process.exit(2);
  }
  const bundle = await bundleFor(entry).catch(() => {
    // esbuild has printed what is wrong, with file and line.
    console.error(`✗ ${entry} did not build: see the errors above`);
    process.exit(1);
  });
  // V8 keeps the compiled bundle (and the few packages left outside it) beside it: later runs skip
  // parsing and compiling a few MB of JavaScript. Node checks each entry against the file's content.
  // (Node 22.1+; on 22.0 the run only compiles as before.)
  nodeModule.enableCompileCache?.(join(dirname(bundle.path), 'compile-cache'));
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0] as string, bundle.path, ...args];
  await import(pathToFileURL(bundle.path).href);
}
