// `npm run publish-marker -- [--dt YYYY-MM-DD [--confirm]] [--artists N] [--access ...] [--live]`:
// show the local published marker (the newest dt whose answers `npm run similar` reads), or move it
// back so an older date can publish again. Moving it needs --confirm, so it never happens by accident.
import { parseArgs } from 'node:util';
import { publishMarker } from '../tasks/publish/marker-command.js';
import { timeZoneFromEnv } from '../tasks/settings/from-env.js';
import { DATA_SET_USAGE, dataSetToRead, describeDataSet, optionsFor, takeDataSetOptions } from './data-set.js';
import { readLocalResults } from './dynamodb.js';
import { homeLayout } from './paths.js';

const USAGE = `usage: npm run publish-marker -- [--dt YYYY-MM-DD [--confirm]] ${DATA_SET_USAGE}`;

async function main(): Promise<number> {
  const { options, rest } = takeDataSetOptions(process.argv.slice(2));
  const { values } = parseArgs({
    args: rest,
    options: { dt: { type: 'string' }, confirm: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.confirm && values.dt === undefined) throw new Error('--confirm needs --dt, the date to move the marker back to');
  const dataSet = await dataSetToRead(options);
  console.error(describeDataSet(dataSet));
  const chosen = optionsFor(dataSet.name);
  const withOptions = chosen === '' ? '' : ` ${chosen}`;
  // Through the running local DynamoDB when a run holds it, as `similar` reads.
  return readLocalResults(homeLayout(dataSet.home), (results) =>
    publishMarker(
      results,
      {
        dt: values.dt,
        confirm: values.confirm,
        now: new Date(),
        timeZone: timeZoneFromEnv(),
        rerun: (dt) => `npm start -- --dt ${dt}${withOptions}`,
        confirmWith: (dt) => `npm run publish-marker -- --dt ${dt} --confirm${withOptions}`,
      },
      (line) => console.log(line),
    ),
  );
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    // A plain Error is one of our own usage messages; a typed one says its name (InvalidRunDate ...).
    console.error(error.name === 'Error' ? `✗ ${error.message}` : `✗ ${error.name}: ${error.message}`);
    console.error(USAGE);
    process.exit(1);
  },
);
