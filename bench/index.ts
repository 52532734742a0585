// `npm run bench -- <name> [args]`: runs bench/<name>.ts, which prints its own figures.
import { readdir } from 'node:fs/promises';

const [name, ...args] = process.argv.slice(2);
const available = (await readdir(new URL('./', import.meta.url)))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -'.ts'.length));

if (name === undefined || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]; benchmarks: ${available.join(', ')}`);
  process.exit(2);
}
process.argv = [process.argv[0] as string, new URL(`./${name}.ts`, import.meta.url).pathname, ...args];
await import(`./${name}.ts`);
