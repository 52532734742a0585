// The operator's CLI over the deployed pipeline: `npm run ops -- <command>` (see infra/cli/args.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { awsClients } from './aws-clients.js';
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  clients: awsClients,
  columns: process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined,
  now: () => new Date(),
  sleep: async (ms) => {
    await sleep(ms);
  },
});
