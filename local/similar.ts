// `npm run similar -- [--artists N] [--access ...] [--live] "<artist name or id>"`: ask what the
// chatbot asks, through the same handle function its Lambda calls (tasks/similar/), bound to one local
// data set (local/lookup-ports.ts): a published artist is answered from the local DynamoDB (dynalite)
// with its neighbours, score and reason; an artist the data set has not published is looked up on the
// data set's Spotify (the built-in server on the sample's catalog, or Spotify itself for --live), added
// as a profile and to the tracked set, as the Lambda does. It says which data set it read; without
// options, the last `npm start`'s. It works during a run too: the run's DynamoDB endpoint is used
// instead of the data folder it holds.
import { existsSync } from 'node:fs';
import { handleSimilar, type SimilarResponse } from '../tasks/similar/handle.js';
import type { SimilarAnswer } from '../tasks/similar/find-similar.js';
import { DATA_SET_USAGE, dataSetToRead, describeDataSet, startCommandFor, takeDataSetOptions, type DataSet } from './data-set.js';
import { readLocalResults } from './dynamodb.js';
import { localLookupPorts } from './lookup-ports.js';
import { homeLayout } from './paths.js';

const USAGE = `usage: npm run similar -- ${DATA_SET_USAGE} "<artist name or Spotify id>"`;

async function main(): Promise<number> {
  const { options, rest } = takeDataSetOptions(process.argv.slice(2));
  const query = rest.join(' ').trim();
  if (query === '' || query === '--help') {
    console.error(USAGE);
    return query === '' ? 2 : 0;
  }
  // As `npm start` reads it: the time zone a new profile is dated in, and --live's credentials.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const dataSet = await dataSetToRead(options);
  console.error(describeDataSet(dataSet));
  const { response, spotifyName } = await readLocalResults(homeLayout(dataSet.home), async (results) => {
    const lookup = localLookupPorts(dataSet, results);
    try {
      return { response: await handleSimilar({ query }, lookup.ports), spotifyName: lookup.spotifyName };
    } finally {
      await lookup.close();
    }
  });
  return printResponse(query, response, dataSet, spotifyName);
}

function printResponse(query: string, response: SimilarResponse, dataSet: DataSet, spotifyName: string): number {
  if (response.status === 'bad_request') {
    console.error(response.message);
    return 2;
  }
  if (response.status === 'not_found') {
    console.log(
      `No artist named or with id "${query}" in data set ${dataSet.name}, and ${spotifyName} knows none matching it. ` +
        'Names match whatever their case, spacing, script or accents.',
    );
    return 1;
  }
  if (response.status === 'added') {
    for (const answer of response.answers) {
      console.log(`${answer.name} (${answer.artistId}) was not in data set ${dataSet.name}: found on ${spotifyName}, added for dt=${answer.dt}`);
      printGenres(answer);
    }
    console.log(`  ${response.message} (\`${startCommandFor(dataSet.name)}\`)`);
    return 0;
  }
  if (response.message !== undefined) console.log(`${response.message}\n`);
  for (const answer of response.answers) {
    const when = answer.published ? `published for dt=${answer.dt}` : `added for dt=${answer.dt}, not yet published by a run`;
    console.log(`${answer.name} (${answer.artistId}), ${when}`);
    printGenres(answer);
    if (answer.neighbours.length === 0) console.log('  no similar artists found yet');
    for (const neighbour of answer.neighbours) {
      const score = neighbour.score.toFixed(3);
      console.log(`  ${String(neighbour.rank).padStart(2)}. ${neighbour.name ?? neighbour.id}  ${score}  ${neighbour.reason}`);
    }
  }
  return 0;
}

function printGenres(answer: SimilarAnswer): void {
  if (answer.genres.length > 0) console.log(`  genres: ${answer.genres.join(', ')}`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  },
);
