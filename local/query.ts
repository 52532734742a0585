// `npm run query -- "<sql>"`: one read-only statement over the local catalog (raw_* and curated
// tables), as an analyst queries the Glue catalog with Athena. Anything that is not one read-only
// statement is refused before it runs; the engine is locked behind that (local/analyst/read-only-lake.ts).
import { parseArgs } from 'node:util';
import { ReadOnlyLake } from './analyst/read-only-lake.js';
import { assertReadOnly, StatementRefused } from './analyst/read-only-sql.js';
import { describeRowCount, formatCsv, formatJson, formatTable } from './analyst/result-table.js';
import { dataSetToRead, describeDataSet, takeDataSetOptions, type DataSet } from './data-set.js';
import { homeLayout } from './paths.js';

const USAGE = `usage: npm run query -- "<one read-only statement>" [--limit N] [--json | --csv] [--artists N] [--access development|extended] [--live]
  e.g. npm run query -- "select * from artist_similarity limit 10"
  --limit N   rows to print (default 50); the last line says how many there were
  --json      rows as a JSON array of objects, --csv as CSV with a header (for programs)`;

const DEFAULT_LIMIT = 50;

async function main(): Promise<number> {
  const { args, chooseDataSet } = dataSetArguments(process.argv.slice(2));
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const sql = positionals.join(' ').trim();
  if (values.help || sql === '') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.json && values.csv) throw new Error('--json and --csv exclude each other: choose one');
  const limit = parseLimit(values.limit);
  // Refused before anything opens: nothing runs, nothing changes.
  assertReadOnly(sql);

  const { home } = await chooseDataSet();
  const lake = await ReadOnlyLake.open(homeLayout(home).lake, sql);
  try {
    const result = await lake.query(sql, { limit });
    const count = describeRowCount(result.rows.length, result.total);
    if (values.json || values.csv) {
      console.log(values.json ? formatJson(result) : formatCsv(result).join('\n'));
      // The data stays machine-readable on stdout; a cut is said on stderr.
      if (result.rows.length < result.total) console.error(count);
      return 0;
    }
    const maxLineWidth = process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined;
    for (const line of formatTable(result, { maxLineWidth })) console.log(line);
    console.log(count);
    return 0;
  } finally {
    lake.close();
  }
}

/**
 * Takes the data set options (as `npm start` takes them) out of the command line; the data set is
 * the one they name, else the last `npm start`'s, and is named on stderr so piped output stays clean.
 */
function dataSetArguments(argv: string[]): { args: string[]; chooseDataSet: () => Promise<DataSet> } {
  const { options, rest } = takeDataSetOptions(argv);
  const chooseDataSet = async () => {
    const dataSet = await dataSetToRead(options);
    console.error(describeDataSet(dataSet));
    return dataSet;
  };
  return { args: rest, chooseDataSet };
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit '${raw}' is not a positive whole number`);
  return limit;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof StatementRefused ? `✗ refused: ${error.message}` : `✗ ${error.message}`);
    process.exit(1);
  },
);
