// The analyst's DuckDB: the lake's tables copied into memory, then the engine locked, so a statement
// can read those tables and nothing else. DuckDB's allow-lists (allowed_directories, allowed_paths)
// do not tell reading from writing: with the lake allowed, `COPY ... TO '<lake file>'` still
// overwrites it. So the tables a statement names are loaded first, and then every file, network
// and extension access is switched off and the configuration locked, as DuckDB's "Securing DuckDB"
// page advises (https://duckdb.org/docs/stable/operations_manual/securing_duckdb/overview):
// even a statement that got past the checks below cannot touch a file.
import { JSDuckDBValueConverter, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { CURATED_TABLES, RAW_TABLES, type TableDefinition } from '../../tasks/lake/tables.js';
import { hasPartitionFiles, viewQuery } from '../duckdb/catalog.js';
import { createDuckDb, type LocalDuckDb } from '../duckdb/database.js';
import { plainValue } from '../duckdb/rows.js';
import { assertReadOnly, READ_ONLY_HINT, StatementRefused } from './read-only-sql.js';

/** Settings applied, in this order, once the tables are loaded; the last one makes them all final. */
export const LOCKED_SETTINGS = [
  // No file, network or extension access at all: COPY, ATTACH, INSTALL, LOAD and every file reader fail.
  'set enable_external_access = false',
  'set allow_community_extensions = false',
  'set allow_persistent_secrets = false',
  // Refuses any later SET or RESET, so none of the above can be undone.
  'set lock_configuration = true',
] as const;

/** Statement types DuckDB's own parser may report for an analyst query (SHOW, DESCRIBE and SUMMARIZE parse as SELECT). */
const READ_STATEMENT_TYPES = new Set([StatementType.SELECT, StatementType.EXPLAIN]);

export interface QueryRows {
  columns: string[];
  /** At most `limit` rows, as plain JavaScript values. */
  rows: unknown[][];
  /** Rows the statement produced in all. */
  total: number;
}

export class ReadOnlyLake {
  private constructor(
    private readonly database: LocalDuckDb,
    /** Exposed so tests can run statements past every check and see the engine's lock hold. */
    readonly connection: DuckDBConnection,
  ) {}

  /**
   * Loads the tables named in `sql` (all of them when `sql` is omitted) from the lake; every other
   * table exists too, typed and empty, so SHOW TABLES and DESCRIBE see the whole catalog.
   */
  static async open(lakeRoot: string, sql?: string): Promise<ReadOnlyLake> {
    const database = await createDuckDb();
    const connection = await database.instance.connect();
    try {
      const named = sql === undefined ? undefined : wordsOf(sql);
      for (const table of [...RAW_TABLES, ...CURATED_TABLES]) {
        const load = named === undefined || named.has(table.name);
        await connection.run(`create table ${identifier(table.name)} as ${await sourceQuery(table, lakeRoot, load)}`);
      }
      for (const setting of LOCKED_SETTINGS) await connection.run(setting);
    } catch (error) {
      connection.closeSync();
      database.close();
      throw error;
    }
    return new ReadOnlyLake(database, connection);
  }

  /**
   * Runs one read-only statement and returns its first `limit` rows and its row count. Refuses
   * (StatementRefused, nothing run) anything else: first by the text (the same check Athena
   * queries get), then by DuckDB's own parser.
   */
  async query(sql: string, options: { limit: number }): Promise<QueryRows> {
    const statement = assertReadOnly(sql);
    const extracted = await this.connection.extractStatements(statement);
    if (extracted.count !== 1) throw new StatementRefused(`DuckDB reads ${extracted.count} statements here: ${READ_ONLY_HINT}`);
    const prepared = await extracted.prepare(0).catch(explainLock);
    if (!READ_STATEMENT_TYPES.has(prepared.statementType)) {
      throw new StatementRefused(`DuckDB parses this as ${StatementType[prepared.statementType]}: ${READ_ONLY_HINT}`);
    }
    const result = await prepared.stream().catch(explainLock);
    const rows: unknown[][] = [];
    let total = 0;
    for await (const chunk of result) {
      const wanted = Math.max(0, Math.min(chunk.rowCount, options.limit - total));
      if (wanted > 0) rows.push(...chunk.convertRows(JSDuckDBValueConverter).slice(0, wanted).map((row) => row.map(plainValue)));
      total += chunk.rowCount;
    }
    return { columns: result.columnNames(), rows, total };
  }

  close(): void {
    this.connection.closeSync();
    this.database.close();
  }
}

/** The lock at work (a file reader, ATTACH, an extension) is a refusal: say why, not only DuckDB's words. */
function explainLock(error: Error): never {
  if (error.message.startsWith('Permission Error')) {
    const reason = error.message.split('\n')[0] as string;
    throw new StatementRefused(`${reason}: queries here read the catalog's tables only (no files, extensions or network)`);
  }
  throw error;
}

/** The catalog view's query for a table to load, or its typed empty form for one left out. */
async function sourceQuery(table: TableDefinition, lakeRoot: string, load: boolean): Promise<string> {
  return viewQuery(table, lakeRoot, load && (await hasPartitionFiles(lakeRoot, table)));
}

/**
 * Every word of the statement, literals included: a table named only inside a string (as in
 * `query_table('artists')`) is still loaded. Loading one too many only costs time.
 */
function wordsOf(sql: string): Set<string> {
  return new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
