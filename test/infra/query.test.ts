// Athena: the pipeline and analysts workgroups, the example queries, and what the query task may do
// with them (issue 5, item 1: Athena).
import pkg from 'node-sql-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { analystQueries } from '../../infra/constructs/analyst-queries.js';
import { CURATED_TABLES, RAW_TABLES } from '../../tasks/lake/tables.js';
import {
  actionsOf,
  logicalIdOf,
  logicalIdsOf,
  resourcesOf,
  roleStatements,
  synthSixpotify,
  type Statement,
  type Synthesized,
} from '../../infra/synth.js';

const { Parser } = pkg as unknown as {
  Parser: new () => { astify(sql: string, options: object): unknown; tableList(sql: string, options: object): string[] };
};

type WorkGroup = {
  Name: string;
  WorkGroupConfiguration: {
    EnforceWorkGroupConfiguration: boolean;
    PublishCloudWatchMetricsEnabled: boolean;
    BytesScannedCutoffPerQuery: number;
    EngineVersion: { SelectedEngineVersion: string };
    ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: string }; OutputLocation: { 'Fn::Join': [string, unknown[]] } };
  };
};

let synthesized: Synthesized;
let workGroups: WorkGroup[];

beforeAll(() => {
  synthesized = synthSixpotify();
  workGroups = logicalIdsOf(synthesized.json, 'AWS::Athena::WorkGroup').map(
    (id) => synthesized.json.Resources[id]?.Properties as unknown as WorkGroup,
  );
});

describe('the Athena workgroups', () => {
  it('are the pipeline one and the analysts one, named after the stage', () => {
    expect(workGroups.map((group) => group.Name).sort()).toEqual(['sixpotify-dev', 'sixpotify-dev-analysts']);
  });

  it('enforce their configuration over what clients ask for', () => {
    expect(workGroups.every((group) => group.WorkGroupConfiguration.EnforceWorkGroupConfiguration)).toBe(true);
  });

  it('encrypt query results', () => {
    expect(workGroups.map((group) => group.WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration)).toEqual([
      { EncryptionOption: 'SSE_S3' },
      { EncryptionOption: 'SSE_S3' },
    ]);
  });

  it('write results under athena-results/ of the lake, where they expire', () => {
    for (const group of workGroups) {
      const [, parts] = group.WorkGroupConfiguration.ResultConfiguration.OutputLocation['Fn::Join'];
      expect(parts.at(-1)).toMatch(/^\/athena-results\/\w+\/$/);
    }
  });

  it('publish CloudWatch metrics', () => {
    expect(workGroups.every((group) => group.WorkGroupConfiguration.PublishCloudWatchMetricsEnabled)).toBe(true);
  });

  it('stop any query that scans more than the configured cutoff', () => {
    expect(workGroups.map((group) => group.WorkGroupConfiguration.BytesScannedCutoffPerQuery)).toEqual([
      synthesized.config.bytesScannedCutoffPerQuery,
      synthesized.config.bytesScannedCutoffPerQuery,
    ]);
  });

  it('run engine version 3, which has UNLOAD and fail()', () => {
    expect(workGroups.map((group) => group.WorkGroupConfiguration.EngineVersion.SelectedEngineVersion)).toEqual([
      'Athena engine version 3',
      'Athena engine version 3',
    ]);
  });
});

describe('the example queries for analysts', () => {
  const declared = new Set([...RAW_TABLES, ...CURATED_TABLES].map((table) => table.name));

  it('are saved in the analysts workgroup, on the lake database', () => {
    synthesized.template.resourceCountIs('AWS::Athena::NamedQuery', analystQueries('Asia/Seoul').length);
    synthesized.template.allResourcesProperties('AWS::Athena::NamedQuery', {
      WorkGroup: 'sixpotify-dev-analysts',
      Database: { Ref: logicalIdOf(synthesized.json, 'AWS::Glue::Database', 'Catalog') },
    });
  });

  it('parse as Trino SQL', () => {
    for (const query of analystQueries('Asia/Seoul')) {
      expect(() => new Parser().astify(query.sql, { database: 'trino' }), query.name).not.toThrow();
    }
  });

  it('read only declared tables (or their own CTEs)', () => {
    for (const query of analystQueries('Asia/Seoul')) {
      const ctes = [...query.sql.matchAll(/(\w+) as \(/g)].map((match) => match[1]);
      const tables = new Parser().tableList(query.sql, { database: 'trino' }).map((entry) => entry.split('::')[2] ?? '');

      expect(tables.filter((table) => !declared.has(table) && !ctes.includes(table)), query.name).toEqual([]);
    }
  });

  it("default to today's run in the configured time zone", () => {
    expect(analystQueries('Asia/Seoul')[0]?.sql).toContain("at_timezone(current_timestamp, 'Asia/Seoul')");
  });
});

describe('the analysts\' policy', () => {
  let statements: Statement[];

  beforeAll(() => {
    const policy = synthesized.json.Resources[logicalIdOf(synthesized.json, 'AWS::IAM::ManagedPolicy', 'QueryAnalystPolicy')];
    statements = (policy?.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
  });

  const objectsFor = (action: string) =>
    statements
      .filter((statement) => actionsOf(statement).includes(action))
      .flatMap(resourcesOf)
      .map((resource) => JSON.stringify(resource).match(/"\/([a-z-]+\/(?:[a-z-]+\/)?)\*"/)?.[1])
      .sort();

  it('reads the analysts\' own query results, which GetQueryResults fetches from S3 as the caller', () => {
    expect(objectsFor('s3:GetObject')).toContain('athena-results/analysts/');
  });

  it('reads and writes no other workgroup\'s results', () => {
    expect([...objectsFor('s3:GetObject'), ...objectsFor('s3:PutObject')].filter((prefix) => prefix?.startsWith('athena-results/'))).toEqual([
      'athena-results/analysts/',
      'athena-results/analysts/',
    ]);
  });

  it('lists the results folder and reads the bucket location, as Athena needs for results', () => {
    const listing = statements.find((statement) => actionsOf(statement).includes('s3:ListBucket'));
    const location = statements.find((statement) => actionsOf(statement).includes('s3:GetBucketLocation'));

    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': ['raw/*', 'curated/*', 'athena-results/analysts/*'] } });
    expect(location?.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf(synthesized.json, 'AWS::S3::Bucket', 'LakeBucket'), 'Arn'] });
  });

  it('only reads the lake\'s data: writes go to the results folder alone', () => {
    expect(objectsFor('s3:PutObject')).toEqual(['athena-results/analysts/']);
    expect(objectsFor('s3:DeleteObject')).toEqual(['athena-results/analysts/']);
  });
});

describe('the query task', () => {
  let statements: ReturnType<typeof roleStatements>;

  beforeAll(() => {
    statements = roleStatements(synthesized.json, logicalIdOf(synthesized.json, 'AWS::IAM::Role', 'TasksQueryRole'));
  });

  it('may use Athena in the pipeline workgroup only', () => {
    const athena = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('athena:')));

    expect(JSON.stringify(athena.flatMap(resourcesOf))).toMatch(/:workgroup\/sixpotify-dev"/);
    expect(athena.flatMap(resourcesOf)).toHaveLength(1);
  });

  it('may only read the Glue database and its tables', () => {
    const glue = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('glue:')));

    expect(glue.flatMap(actionsOf).every((action) => /^glue:(Get|BatchGet)/.test(action))).toBe(true);
    expect(glue.flatMap(resourcesOf)).toHaveLength(2 + RAW_TABLES.length + CURATED_TABLES.length);
  });
});
