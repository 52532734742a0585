// `npm run similar -- "<artist name or id>"`: read the local DynamoDB (dynalite) as the chatbot
// does, and print the artist's neighbours with score and reason.
import { findSimilar } from '../tasks/similar/find-similar.js';
import { readLocalResults } from './dynamodb.js';
import { homeLayout, loadLastRun } from './paths.js';

async function main(): Promise<number> {
  const query = process.argv.slice(2).join(' ').trim();
  if (query === '') {
    console.error('usage: npm run similar -- "<artist name or Spotify id>"');
    return 2;
  }
  const { home } = await loadLastRun();
  // Works during a run too: the run's DynamoDB endpoint is read instead of the data folder it holds.
  const answers = await readLocalResults(homeLayout(home), (results) => findSimilar(query, results));
  if (answers.length === 0) {
    console.log(`No artist named or with id "${query}" in the local results (run \`npm start\` first?).`);
    return 1;
  }
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
