import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../infra/cli/args.js';
import { CliUsageError } from '../../infra/cli/cli-errors.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCliArgs(argv, env);

describe('parseCliArgs', () => {
  it('parses start with a dt and --watch', () => {
    // Act
    const { command } = parse(['start', '--dt', '2026-11-23', '--watch']);

    // Assess
    expect(command).toEqual({ name: 'start', dt: '2026-11-23', force: false, watch: true });
  });

  it('parses backfill with its range and --force', () => {
    // Act
    const { command } = parse(['backfill', '--from', '2026-11-01', '--to', '2026-11-07', '--force']);

    // Assess
    expect(command).toEqual({ name: 'backfill', from: '2026-11-01', to: '2026-11-07', force: true });
  });

  it('requires both ends of a backfill range', () => {
    // Act
    const parsing = () => parse(['backfill', '--from', '2026-11-01']);

    // Assess
    expect(parsing).toThrow(new CliUsageError('backfill needs --from and --to'));
  });

  it('takes the execution of watch and redrive as their argument', () => {
    // Act
    const commands = [parse(['watch', 'dt-2026-11-23-x']).command, parse(['redrive', 'dt-2026-11-23-x', '--watch']).command];

    // Assess
    expect(commands).toEqual([
      { name: 'watch', execution: 'dt-2026-11-23-x' },
      { name: 'redrive', execution: 'dt-2026-11-23-x', watch: true },
    ]);
  });

  it('joins the words of an unquoted artist name', () => {
    // Act
    const { command } = parse(['similar', 'Big', 'Bang']);

    // Assess
    expect(command).toEqual({ name: 'similar', query: 'Big Bang' });
  });

  it('parses query with --max-rows', () => {
    // Act
    const { command } = parse(['query', 'select 1', '--max-rows', '5']);

    // Assess
    expect(command).toEqual({ name: 'query', sql: 'select 1', maxRows: 5 });
  });

  it('defaults status to the last 10 executions', () => {
    // Act
    const { command } = parse(['status']);

    // Assess
    expect(command).toEqual({ name: 'status', limit: 10 });
  });

  it('rejects a limit that is not a positive whole number', () => {
    // Act
    const parsing = () => parse(['status', '--limit', 'ten']);

    // Assess
    expect(parsing).toThrow("--limit is 'ten': give a whole number from 1 to 1000");
  });

  it('rejects an option the command does not take', () => {
    // Act
    const parsing = () => parse(['status', '--dt', '2026-11-23']);

    // Assess
    expect(parsing).toThrow(new CliUsageError('status does not take --dt'));
  });

  it('rejects an unknown option', () => {
    // Act
    const parsing = () => parse(['start', '--date', '2026-11-23']);

    // Assess
    expect(parsing).toThrow(CliUsageError);
  });

  it('rejects an unknown command', () => {
    // Act
    const parsing = () => parse(['rerun']);

    // Assess
    expect(parsing).toThrow(new CliUsageError("unknown command 'rerun'"));
  });

  it('asks for help with no command', () => {
    // Act
    const { command } = parse([]);

    // Assess
    expect(command).toEqual({ name: 'help' });
  });

  it('targets stage dev when neither --stage nor SIXPOTIFY_STAGE is given', () => {
    // Act
    const { target } = parse(['status']);

    // Assess
    expect(target).toEqual({ stage: 'dev', region: undefined, profile: undefined, overrides: {} });
  });

  it('lets flags win over environment variables for the stage and resources', () => {
    // Act
    const { target } = parse(['status', '--stage', 'prod', '--workgroup', 'wg-flag', '--region', 'ap-northeast-2'], {
      SIXPOTIFY_STAGE: 'staging',
      ATHENA_WORKGROUP: 'wg-env',
      RESULTS_TABLE: 'table-env',
      SIXPOTIFY_STATE_MACHINE_ARN: '',
    });

    // Assess
    expect(target).toEqual({
      stage: 'prod',
      region: 'ap-northeast-2',
      profile: undefined,
      overrides: { workGroup: 'wg-flag', resultsTable: 'table-env' },
    });
  });
});
