// `npm run sql -- <step> | --all [--dt YYYY-MM-DD]`: see infra/cli/sql.ts.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { runSqlCli } from './sql.js';

process.exitCode = await runSqlCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  now: () => new Date(),
  cloudFormation: (config) => new CloudFormationClient(config),
});
