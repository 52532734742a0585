// `npm run query -- "<sql>"`: DuckDB over the local catalog (raw_* and curated tables), as an analyst
// queries the Glue catalog with Athena.
import { openLocalEngines } from './duckdb/engines.js';
import { homeLayout, loadLastRun } from './paths.js';

async function main(): Promise<number> {
  const sql = process.argv.slice(2).join(' ').trim();
  if (sql === '') {
    console.error(`usage: npm run query -- "select * from artist_similarity limit 10"`);
    return 2;
  }
  const { home } = await loadLastRun();
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
