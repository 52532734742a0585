// `npm run similar -- [--artists N] [--access ...] [--live] "<artist name or id>"`: read the local
// DynamoDB (dynalite) of one data set as the chatbot does, and print the artist's neighbours with
// score and reason. It says which data set it read; without options, the last `npm start`'s. It
// works during a run too: the run's DynamoDB endpoint is read instead of the data folder it holds.
import { findSimilar } from '../tasks/similar/find-similar.js';
import { namesakeLines } from '../tasks/similar/namesakes.js';
import { DATA_SET_USAGE, dataSetToRead, describeDataSet, startCommandFor, takeDataSetOptions } from './data-set.js';
import { readLocalResults } from './dynamodb.js';
import { homeLayout } from './paths.js';

const USAGE = `usage: npm run similar -- ${DATA_SET_USAGE} "<artist name or Spotify id>"`;

async function main(): Promise<number> {
  const { options, rest } = takeDataSetOptions(process.argv.slice(2));
  const query = rest.join(' ').trim();
  if (query === '' || query === '--help') {
    console.error(USAGE);
    return query === '' ? 2 : 0;
  }
  const dataSet = await dataSetToRead(options);
  console.error(describeDataSet(dataSet));
  const answers = await readLocalResults(homeLayout(dataSet.home), (results) => findSimilar(query, results));
  if (answers.length === 0) {
    console.log(
      `No artist named or with id "${query}" in data set ${dataSet.name}. Names match whatever their case, spacing, ` +
        `script or accents; an artist appears once \`${startCommandFor(dataSet.name)}\` has published it.`,
    );
    return 1;
  }
  const namesakes = namesakeLines(query, answers);
  for (const line of namesakes) console.log(line);
  if (namesakes.length > 0) console.log('');
  for (const answer of answers) {
    console.log(`${answer.name} (${answer.artistId}), published for dt=${answer.dt}`);
    if (answer.genres.length > 0) console.log(`  genres: ${answer.genres.join(', ')}`);
    if (answer.neighbours.length === 0) console.log('  no similar artists found yet');
    for (const neighbour of answer.neighbours) {
      const score = neighbour.score.toFixed(3);
      console.log(`  ${String(neighbour.rank).padStart(2)}. ${neighbour.name ?? neighbour.id}  ${score}  ${neighbour.reason}`);
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  },
);
