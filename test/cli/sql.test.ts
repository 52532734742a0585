// `npm run sql`: the statement Athena runs for a SQL step, as the deployed query task renders it, for
// an operator to paste into the Athena console (issue 8, item 8).
import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET_PLACEHOLDER, runSqlCli, type SqlCliDependencies } from '../../infra/cli/sql.js';
import { SQL_SOURCE_DIR } from '../../infra/paths.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { AthenaQueryEngine } from '../../tasks/aws/athena-query-engine.js';
import { S3ObjectStore } from '../../tasks/aws/s3-object-store.js';
import { startQueryStep } from '../../tasks/query/query.js';
import { listQuerySteps } from '../../tasks/query/steps.js';
import { RecordingLogger } from '../helpers/silent-logger.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { captureOutput } from './capture.js';

const athena = mockClient(AthenaClient);
const cloudFormation = mockClient(CloudFormationClient);

const CONTEXT: Record<string, unknown> = {
  'sixpotify:stage': 'dev',
  'sixpotify:timeZone': 'Asia/Seoul',
  'sixpotify:similarityK': 7,
  'sixpotify:similarityWeights': { collaboration: 0.5, genre: 0.25, audio: 0.25 },
};

function run(argv: string[], overrides: Partial<SqlCliDependencies> = {}) {
  const out = captureOutput();
  const err = captureOutput();
  const code = runSqlCli(argv, {
    env: {},
    out: out.write,
    err: err.write,
    // 16:30 UTC on the 20th is 01:30 on the 21st in Seoul, when the nightly run starts.
    now: () => new Date('2026-11-20T16:30:00Z'),
    cloudFormation: () => new CloudFormationClient({ region: 'ap-northeast-2' }),
    context: (key) => CONTEXT[key],
    ...overrides,
  });
  return code.then((exitCode) => ({ exitCode, stdout: out.text(), stderr: err.text() }));
}

/** The lake as the Lambda sees it: S3 locations, with the objects kept in a folder for the test. */
class S3LocatedFolderStore extends FolderObjectStore {
  private readonly s3 = new S3ObjectStore(new S3Client({}), 'sixpotify-dev-lake');
  override locationOf(key: string): string {
    return this.s3.locationOf(key);
  }
}

afterEach(() => {
  athena.reset();
  cloudFormation.reset();
});

describe('npm run sql -- <step>', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('prints exactly the QueryString the query task starts on Athena for that step and date', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    const engine = new AthenaQueryEngine(new AthenaClient({ region: 'ap-northeast-2' }), { workGroup: 'sixpotify-dev', database: 'sixpotify_dev' });
    await startQueryStep('2026-11-21', '07_artist_similarity', {
      store: new S3LocatedFolderStore(temp.path),
      engine,
      logger: new RecordingLogger(),
      sqlDir: SQL_SOURCE_DIR,
      parameters: { similarityK: 7, weights: { collaboration: 0.5, genre: 0.25, audio: 0.25 } },
    });
    const started = athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input.QueryString;

    // Act
    const printed = await run(['07_artist_similarity', '--dt', '2026-11-21', '--bucket', 'sixpotify-dev-lake']);

    // Assess
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).toBe(started);
  });

  it("prints Athena's statement, not the DuckDB rewrite the local engine runs", async () => {
    const printed = await run(['01_artists', '--dt', '2026-11-21', '--bucket', 'sixpotify-dev-lake']);

    expect(printed.stdout).toMatch(/^unload \($/m);
    expect(printed.stdout).toContain("to 's3://sixpotify-dev-lake/curated/artists/dt=2026-11-21/'");
    expect(printed.stdout).not.toMatch(/^copy \(/m);
  });

  it('fills every parameter: the date, the output location and the similarity settings from the CDK context', async () => {
    const printed = await run(['07_artist_similarity', '--dt', '2026-11-21', '--bucket', 'sixpotify-dev-lake']);

    expect(printed.stdout).not.toContain('{{');
    expect(printed.stdout).toContain("dt = '2026-11-21'");
    expect(printed.stdout).toContain('where ranked.neighbour_rank <= 7');
    expect(printed.stdout).toContain("select 'collaboration' as signal, 1 as position, cast(0.5 as double) as weight");
  });

  it('defaults the date to today in the configured time zone, as the nightly run does', async () => {
    const printed = await run(['01_artists', '--bucket', 'sixpotify-dev-lake']);

    expect(printed.stdout).toContain("where dt = '2026-11-21'");
  });

  it('says on stderr where to run it and where the step writes', async () => {
    const printed = await run(['01_artists', '--dt', '2026-11-21', '--bucket', 'sixpotify-dev-lake']);

    expect(printed.stderr).toContain('run in workgroup sixpotify-dev with database sixpotify_dev selected');
    expect(printed.stderr).toContain('01_artists writes s3://sixpotify-dev-lake/curated/artists/dt=2026-11-21/');
  });

  it('shows a placeholder for the bucket when none is given, and says how to fill it in', async () => {
    const printed = await run(['01_artists', '--dt', '2026-11-21']);

    expect(printed.stdout).toContain(`to 's3://${BUCKET_PLACEHOLDER}/curated/artists/dt=2026-11-21/'`);
    expect(printed.stderr).toContain(`replace ${BUCKET_PLACEHOLDER} with the stack output LakeBucketName, or pass --bucket NAME or --lookup`);
  });

  it('needs no bucket for a check, which writes nothing', async () => {
    const printed = await run(['05_check_curated', '--dt', '2026-11-21']);

    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).not.toContain(BUCKET_PLACEHOLDER);
    expect(printed.stderr).not.toContain('replace');
  });

  it('takes the bucket from LAKE_BUCKET', async () => {
    const printed = await run(['01_artists', '--dt', '2026-11-21'], { env: { LAKE_BUCKET: 'env-lake' } });

    expect(printed.stdout).toContain("to 's3://env-lake/curated/artists/dt=2026-11-21/'");
  });

  it('with --lookup, takes the bucket, workgroup and database from the outputs of stack Sixpotify-<stage>', async () => {
    // Prepare
    cloudFormation.on(DescribeStacksCommand, { StackName: 'Sixpotify-prod' }).resolves({
      Stacks: [
        {
          StackName: 'Sixpotify-prod',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date('2026-11-01T00:00:00Z'),
          Outputs: [
            { OutputKey: 'LakeBucketName', OutputValue: 'sixpotify-prod-lakebucket-1a2b3c' },
            { OutputKey: 'AthenaWorkGroup', OutputValue: 'sixpotify-prod' },
            { OutputKey: 'GlueDatabaseName', OutputValue: 'sixpotify_prod' },
          ],
        },
      ],
    });

    // Act
    const printed = await run(['01_artists', '--dt', '2026-11-21', '--lookup', '--stage', 'prod']);

    // Assess
    expect(printed.stdout).toContain("to 's3://sixpotify-prod-lakebucket-1a2b3c/curated/artists/dt=2026-11-21/'");
    expect(printed.stderr).toContain('run in workgroup sixpotify-prod with database sixpotify_prod selected');
  });
});

describe('npm run sql -- --all', () => {
  it('prints every step, in run order, each under its name', async () => {
    const printed = await run(['--all', '--dt', '2026-11-21', '--bucket', 'sixpotify-dev-lake']);
    const headed = printed.stdout.split('\n').filter((line) => /^-- \d{2}_[a-z0-9_]+$/.test(line));

    expect(printed.exitCode).toBe(0);
    expect(headed).toEqual((await listQuerySteps(SQL_SOURCE_DIR)).map((step) => `-- ${step}`));
  });
});

describe('npm run sql, misused', () => {
  it('refuses an unknown step, listing the steps there are', async () => {
    const printed = await run(['07_similarity']);

    expect(printed.exitCode).toBe(2);
    expect(printed.stderr).toMatch(/^SQL step '07_similarity' is not in .*: the steps are 00_quarantine, 01_artists, 02_albums, .*09_export_artist_profiles$/m);
  });

  it('refuses a date that is not YYYY-MM-DD', async () => {
    const printed = await run(['01_artists', '--dt', '2026-13-01']);

    expect(printed.exitCode).toBe(2);
    expect(printed.stderr).toContain("dt '2026-13-01' is not a date: use YYYY-MM-DD");
  });

  it('asks for a step when given none', async () => {
    const printed = await run([]);

    expect(printed.exitCode).toBe(2);
    expect(printed.stderr).toMatch(/^which step\? give a step name or --all/);
  });

  it('refuses a bucket and --lookup together', async () => {
    const printed = await run(['01_artists', '--bucket', 'a', '--lookup']);

    expect(printed.exitCode).toBe(2);
    expect(printed.stderr).toMatch(/^give --bucket \(or LAKE_BUCKET\) or --lookup, not both/);
  });
});
