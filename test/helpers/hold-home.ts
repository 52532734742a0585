// A separate process that holds part of a local home until its stdin closes, so tests can meet the
// locks as a second process would. Prints `ready <pid>` once it holds.
//   hold-home.ts lock <path> <role>   take one lock file
//   hold-home.ts run <home>           be a run: the home's run lock and its DynamoDB, served
import { openLocalDynamoDb } from '../../local/dynamodb.js';
import { acquireLock } from '../../local/lock-file.js';
import { homeLayout } from '../../local/paths.js';
import { acquireRunLock } from '../../local/run-lock.js';

const [what, target, role] = process.argv.slice(2);
const release: (() => Promise<void>)[] = [];
if (what === 'lock') {
  const lock = await acquireLock(target as string, role ?? 'run');
  release.push(() => lock.release());
} else {
  const layout = homeLayout(target as string);
  const runLock = await acquireRunLock(layout);
  const dynamo = await openLocalDynamoDb(layout, 'run');
  release.push(() => dynamo.close(), () => runLock.release());
}
console.log(`ready ${process.pid}`);
process.stdin.resume();
process.stdin.on('end', async () => {
  for (const step of release) await step();
  process.exit(0);
});
