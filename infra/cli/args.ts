// The operator CLI's command line: `npm run ops -- <command> [arguments] [options]`. Parsing is pure
// (argv and environment in, a typed command out), so it is tested without starting a process.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ENV } from '../../tasks/settings/environment.js';
import { withoutUndefined } from '../../tasks/without-undefined.js';
import { CliUsageError } from './cli-errors.js';
import type { DeploymentValue } from './deployment.js';

export type CliCommand =
  | { name: 'help' }
  | { name: 'start'; dt?: string; force: boolean; watch: boolean }
  | { name: 'backfill'; from: string; to: string; force: boolean }
  | { name: 'watch'; execution: string }
  | { name: 'redrive'; execution: string; watch: boolean }
  | { name: 'status'; limit: number }
  | { name: 'similar'; query: string }
  | { name: 'query'; sql: string; maxRows: number }
  | { name: 'publish-marker'; dt?: string; confirm: boolean };

export interface CliTarget {
  stage: string;
  region?: string;
  profile?: string;
  overrides: Partial<Record<DeploymentValue, string>>;
}

export const USAGE = `Usage: npm run ops -- <command> [options]

Commands:
  start [--dt YYYY-MM-DD] [--watch] [--force]   start one run (default dt: today in the pipeline's time zone)
  backfill --from YYYY-MM-DD --to YYYY-MM-DD [--force]
                                                 one run per date, one at a time; skips dates that already
                                                 succeeded unless --force; stops at the first failure
  watch <execution>                              live progress of an execution's states until it ends
  redrive <execution> [--watch]                  restart a failed execution from the state that failed
  status [--limit N]                             recent executions: outcome, dt, duration, cost (default 10)
  similar <artist name or id>                    neighbours of an artist, as the chatbot reads them
  query "<sql>" [--max-rows N]                   run SQL in the stack's Athena workgroup (default 100 rows)
  publish-marker [--dt YYYY-MM-DD [--confirm]]   show the newest published dt (older runs publish nothing);
                                                 with --dt, move it back to that date (only with --confirm)

<execution> is an execution ARN or name (as printed by start and status).

Where the pipeline is (flags win over environment variables, which win over the stack's outputs):
  --stage <name>               stack Sixpotify-<name> (SIXPOTIFY_STAGE, default dev)
  --region <region>            AWS region (AWS_REGION)
  --profile <name>             AWS credentials profile (AWS_PROFILE)
  --state-machine-arn <arn>    (SIXPOTIFY_STATE_MACHINE_ARN)
  --table <name>               results table (${ENV.resultsTable})
  --workgroup <name>           Athena workgroup (${ENV.athenaWorkGroup})
  --database <name>            Glue database (${ENV.glueDatabase})`;

const GLOBAL_OPTIONS = ['stage', 'region', 'profile', 'state-machine-arn', 'table', 'workgroup', 'database', 'help'];

const COMMAND_OPTIONS: Record<Exclude<CliCommand['name'], 'help'>, string[]> = {
  start: ['dt', 'force', 'watch'],
  backfill: ['from', 'to', 'force'],
  watch: [],
  redrive: ['watch'],
  status: ['limit'],
  similar: [],
  query: ['max-rows'],
  'publish-marker': ['dt', 'confirm'],
};

/** The options every operator command line takes (`ops`, `sql`): which stage, in which region, as whom, and help. */
export const COMMON_OPTIONS = {
  stage: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** node:util's parseArgs, strict and with positionals; what it refuses is a CliUsageError. */
export function parseCommandLine<Options extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new CliUsageError((error as Error).message, { cause: error });
  }
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { command: CliCommand; target: CliTarget } {
  const { values, positionals } = parseCommandLine(argv, {
    ...COMMON_OPTIONS,
    'state-machine-arn': { type: 'string' },
    table: { type: 'string' },
    workgroup: { type: 'string' },
    database: { type: 'string' },
    dt: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    force: { type: 'boolean' },
    confirm: { type: 'boolean' },
    watch: { type: 'boolean' },
    limit: { type: 'string' },
    'max-rows': { type: 'string' },
  });
  const target: CliTarget = {
    stage: values.stage ?? envValue(env, 'SIXPOTIFY_STAGE') ?? 'dev',
    region: values.region,
    profile: values.profile,
    overrides: withoutUndefined({
      stateMachineArn: values['state-machine-arn'] ?? envValue(env, 'SIXPOTIFY_STATE_MACHINE_ARN'),
      resultsTable: values.table ?? envValue(env, ENV.resultsTable),
      workGroup: values.workgroup ?? envValue(env, ENV.athenaWorkGroup),
      database: values.database ?? envValue(env, ENV.glueDatabase),
    }),
  };

  const [name, ...rest] = positionals;
  if (values.help === true || name === undefined || name === 'help') return { command: { name: 'help' }, target };
  if (!isCommandName(name)) throw new CliUsageError(`unknown command '${name}'`);
  const misplaced = Object.keys(values).filter((option) => !GLOBAL_OPTIONS.includes(option) && !COMMAND_OPTIONS[name].includes(option));
  if (misplaced.length > 0) throw new CliUsageError(`${name} does not take ${misplaced.map((option) => `--${option}`).join(', ')}`);

  const force = values.force === true;
  const watch = values.watch === true;
  switch (name) {
    case 'start':
      noPositionals(name, rest);
      return { command: { name, dt: values.dt, force, watch }, target };
    case 'backfill':
      noPositionals(name, rest);
      if (values.from === undefined || values.to === undefined) throw new CliUsageError('backfill needs --from and --to');
      return { command: { name, from: values.from, to: values.to, force }, target };
    case 'watch':
      return { command: { name, execution: onePositional(name, rest, '<execution>') }, target };
    case 'redrive':
      return { command: { name, execution: onePositional(name, rest, '<execution>'), watch }, target };
    case 'status':
      noPositionals(name, rest);
      return { command: { name, limit: positiveInteger('--limit', values.limit, 10, 1000) }, target };
    case 'similar':
      return { command: { name, query: joined(name, rest, '<artist name or id>') }, target };
    case 'query':
      return { command: { name, sql: joined(name, rest, '"<sql>"'), maxRows: positiveInteger('--max-rows', values['max-rows'], 100, 10_000) }, target };
    case 'publish-marker':
      noPositionals(name, rest);
      if (values.confirm === true && values.dt === undefined) throw new CliUsageError('publish-marker --confirm needs --dt, the date to move the marker back to');
      return { command: { name, dt: values.dt, confirm: values.confirm === true }, target };
  }
}

function isCommandName(name: string): name is keyof typeof COMMAND_OPTIONS {
  return Object.hasOwn(COMMAND_OPTIONS, name);
}

function noPositionals(command: string, rest: string[]): void {
  if (rest.length > 0) throw new CliUsageError(`${command} takes no arguments, got '${rest.join(' ')}'`);
}

function onePositional(command: string, rest: string[], what: string): string {
  const [only, ...extra] = rest;
  if (only === undefined || extra.length > 0) throw new CliUsageError(`${command} takes exactly one ${what}`);
  return only;
}

/** Unquoted words are joined, so `similar Big Bang` works as well as `similar "Big Bang"`. */
function joined(command: string, rest: string[], what: string): string {
  const text = rest.join(' ').trim();
  if (text === '') throw new CliUsageError(`${command} needs ${what}`);
  return text;
}

function positiveInteger(option: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new CliUsageError(`${option} is '${raw}': give a whole number from 1 to ${max}`);
  }
  return value;
}

/** A variable's value, or undefined when it is unset or blank. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
