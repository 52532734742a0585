// `npm run query -- "<sql>"`: DuckDB over the local catalog (raw_* and curated tables), as an analyst
// queries the Glue catalog with Athena.
import { dataSetToRead, describeDataSet, takeDataSetOptions, type DataSet } from './data-set.js';
import { openLocalEngines } from './duckdb/engines.js';
import { homeLayout } from './paths.js';

async function main(): Promise<number> {
  const { args, chooseDataSet } = dataSetArguments(process.argv.slice(2));
  const sql = args.join(' ').trim();
  if (sql === '') {
    console.error(`usage: npm run query -- [--artists N] [--access development|extended] [--live] "select * from artist_similarity limit 10"`);
    return 2;
  }
  const { home } = await chooseDataSet();
  const engines = await openLocalEngines({ lakeRoot: homeLayout(home).lake });
  try {
    const rows = await engines.run(sql);
    console.table(rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, display(value)]))));
    console.log(`${rows.length} row(s)`);
    return 0;
  } finally {
    await engines.close();
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

function display(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? Number(inner) : inner));
  return value;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  },
);
