// Where the local runtime keeps its state. Each catalog source gets its own home, so a run against
// the real Spotify API never mixes with the built-in sample.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const ROOT = resolve(process.env.SIXPOTIFY_HOME ?? '.sixpotify');

export interface HomeLayout {
  home: string;
  lake: string;
  dynamodb: string;
  logs: string;
  alerts: string;
  /** Held by the run writing this home (npm start): one at a time. */
  runLock: string;
  /** Held by the process serving the local DynamoDB, with its endpoint (local/dynamodb.ts). */
  dynamodbLock: string;
  /** The local crawler's history (how long its last crawl ran), as Glue keeps its crawls. */
  crawlHistory: string;
}

export function homeLayout(home: string): HomeLayout {
  return {
    home,
    lake: join(home, 'lake'),
    dynamodb: join(home, 'dynamodb'),
    logs: join(home, 'logs'),
    alerts: join(home, 'alerts.log'),
    runLock: join(home, 'run.lock'),
    dynamodbLock: join(home, 'dynamodb.lock'),
    crawlHistory: join(home, 'crawler-history.json'),
  };
}

export interface LastRun {
  home: string;
  dt: string;
  status: string;
}

const LAST_RUN = 'last-run.json';

export async function saveLastRun(run: LastRun, root = ROOT): Promise<void> {
  await mkdir(root, { recursive: true });
  await writeFile(join(root, LAST_RUN), JSON.stringify(run, null, 2));
}

/** The home of the latest `npm start`, for `npm run similar` and `npm run query`. */
export async function loadLastRun(root = ROOT): Promise<LastRun> {
  try {
    return JSON.parse(await readFile(join(root, LAST_RUN), 'utf8')) as LastRun;
  } catch {
    throw new Error('no local run yet: run `npm start` first');
  }
}
