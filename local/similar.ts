// `npm run similar -- "<artist name or id>"`: read the local DynamoDB (dynalite) as the chatbot
// does, and print the artist's neighbours with score and reason.
import { DynamoDbResultsStore } from '../tasks/aws/dynamodb-results-store.js';
import { findSimilar } from '../tasks/similar/find-similar.js';
import { startLocalDynamoDb } from './dynamodb.js';
import { homeLayout, loadLastRun } from './paths.js';

async function main(): Promise<number> {
  const query = process.argv.slice(2).join(' ').trim();
  if (query === '') {
    console.error('usage: npm run similar -- "<artist name or Spotify id>"');
    return 2;
  }
  const { home } = await loadLastRun();
  const dynamo = await startLocalDynamoDb(homeLayout(home).dynamodb);
  try {
    const answers = await findSimilar(query, new DynamoDbResultsStore(dynamo.client, dynamo.tableName));
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
  } finally {
    await dynamo.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  },
);
