// The operator CLI without the process: parse the command line, find the deployment, run one command,
// and turn any failure into one explained line. Returns the exit code (0 ok, 1 failed, 2 usage).
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { publishMarker } from '../../tasks/publish/marker-command.js';
import { parseCliArgs, USAGE, type CliCommand } from './args.js';
import type { AwsClients } from './aws-clients.js';
import { CliUsageError } from './cli-errors.js';
import { backfill } from './commands/backfill.js';
import { runQuery } from './commands/query.js';
import { redriveRun } from './commands/redrive.js';
import { showSimilar } from './commands/similar.js';
import { startRun } from './commands/start.js';
import { showStatus } from './commands/status.js';
import { watchExecution } from './commands/watch.js';
import { Deployment } from './deployment.js';
import { executionArnFor } from './executions.js';
import { explainError } from './explain-error.js';
import type { Write } from './output.js';

export interface CliDependencies {
  env: NodeJS.ProcessEnv;
  out: Write;
  err: Write;
  clients(config: { region?: string; profile?: string }): AwsClients;
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** The terminal's width when output goes to one; query results wider than this print one record per block. */
  columns?: number;
  /** Poll intervals; tests pass zeros with a sleep that returns at once. */
  pollMs?: Partial<PollIntervals>;
}

interface PollIntervals {
  watch: number;
  backfill: number;
  query: number;
}

const DEFAULT_POLL_MS: PollIntervals = { watch: 2_000, backfill: 15_000, query: 1_000 };

export async function runCli(argv: readonly string[], deps: CliDependencies): Promise<number> {
  let command: CliCommand;
  let target;
  try {
    ({ command, target } = parseCliArgs(argv, deps.env));
  } catch (error) {
    deps.err(`${explainError(error)}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === 'help') {
    deps.out(USAGE);
    return 0;
  }
  try {
    const clients = deps.clients({ region: target.region, profile: target.profile });
    const deployment = new Deployment(clients.cloudFormation, target.stage, target.overrides);
    return await dispatch(command, { ...deps, clients, deployment, poll: { ...DEFAULT_POLL_MS, ...deps.pollMs } });
  } catch (error) {
    deps.err(explainError(error));
    return error instanceof CliUsageError ? 2 : 1;
  }
}

interface Context extends Omit<CliDependencies, 'clients'> {
  clients: AwsClients;
  deployment: Deployment;
  poll: PollIntervals;
}

async function dispatch(command: Exclude<CliCommand, { name: 'help' }>, context: Context): Promise<number> {
  const { clients, deployment, out } = context;
  const stateMachineArn = () => deployment.require('stateMachineArn');
  const watch = async (executionArn: string) => {
    const outcome = await watchExecution(clients.sfn, executionArn, { pollMs: context.poll.watch, sleep: context.sleep }, out);
    return outcome.status === 'SUCCEEDED' ? 0 : 1;
  };
  // A bare execution name needs the state machine's ARN; a full ARN does not need the stack at all.
  const executionArn = async (execution: string) =>
    execution.startsWith('arn:') ? execution : executionArnFor(await stateMachineArn(), execution);

  switch (command.name) {
    case 'start': {
      const arn = await startRun(clients.sfn, await stateMachineArn(), { dt: command.dt, force: command.force, now: context.now() }, out);
      return command.watch ? watch(arn) : 0;
    }
    case 'backfill': {
      const outcome = await backfill(
        clients.sfn,
        await stateMachineArn(),
        { ...command, pollMs: context.poll.backfill, now: context.now, sleep: context.sleep },
        out,
      );
      return outcome.failed === undefined ? 0 : 1;
    }
    case 'watch':
      return watch(await executionArn(command.execution));
    case 'redrive': {
      const arn = await executionArn(command.execution);
      await redriveRun(clients.sfn, arn, out);
      return command.watch ? watch(arn) : 0;
    }
    case 'status':
      await showStatus(clients.sfn, await stateMachineArn(), { limit: command.limit, now: context.now() }, out);
      return 0;
    case 'similar': {
      const table = await deployment.require('resultsTable');
      const answers = await showSimilar(new DynamoDbResultsStore(clients.dynamodb, table), command.query, table, out);
      return answers.length > 0 ? 0 : 1;
    }
    case 'publish-marker': {
      const table = await deployment.require('resultsTable');
      return publishMarker(
        new DynamoDbResultsStore(clients.dynamodb, table),
        {
          dt: command.dt,
          confirm: command.confirm,
          now: context.now(),
          // The pipeline's time zone is not known here; no place on earth is further ahead than this one,
          // and ResolveRunDate applies the configured one to every run anyway.
          timeZone: 'Pacific/Kiritimati',
          rerun: (dt) => `npm run ops -- start --dt ${dt} --watch`,
          confirmWith: (dt) => `npm run ops -- publish-marker --dt ${dt} --confirm`,
        },
        out,
      );
    }
    case 'query':
      await runQuery(
        clients.athena,
        command.sql,
        {
          workGroup: await deployment.require('workGroup'),
          database: await deployment.find('database'),
          maxRows: command.maxRows,
          pollMs: context.poll.query,
          sleep: context.sleep,
          maxLineWidth: context.columns,
        },
        out,
      );
      return 0;
  }
}
