// `similar <artist name or id>`: what the chatbot would answer, read from the deployed DynamoDB table
// through the same lookup the chatbot Lambda uses (tasks/similar/find-similar.ts).
import type { ResultsStore } from '../../../tasks/ports.js';
import { findSimilar, type SimilarAnswer } from '../../../tasks/similar/find-similar.js';
import { namesakeLines } from '../../../tasks/similar/namesakes.js';
import { formatTable, type Write } from '../output.js';

/** Prints every artist matching the query with its neighbours; returns them (empty when none matched). */
export async function showSimilar(results: ResultsStore, query: string, tableName: string, write: Write): Promise<SimilarAnswer[]> {
  const answers = await findSimilar(query, results);
  if (answers.length === 0) {
    write(
      `No artist "${query}" in ${tableName}. Names match whatever their case, spacing, script or accents; ` +
        'an artist appears once a run that tracks it has been published.',
    );
    return [];
  }
  const namesakes = namesakeLines(query, answers);
  for (const line of namesakes) write(line);
  if (namesakes.length > 0) write('');
  answers.forEach((answer, index) => {
    if (index > 0) write('');
    printAnswer(answer, write);
  });
  return answers;
}

function printAnswer(answer: SimilarAnswer, write: Write): void {
  const dt = answer.dt === '' ? 'an unknown date' : answer.dt;
  write(`${answer.name} (${answer.artistId}), ${answer.published ? `published for ${dt}` : `added by the chatbot for ${dt}, not yet published by a run`}`);
  if (answer.genres.length > 0) write(`genres: ${answer.genres.join(', ')}`);
  if (answer.neighbours.length === 0) {
    write('no similar artists: no signal connects this artist to another tracked one yet');
    return;
  }
  const rows = answer.neighbours.map((neighbour) => [
    String(neighbour.rank),
    neighbour.name ?? neighbour.id,
    neighbour.score.toFixed(3),
    neighbour.signals.join(', '),
    neighbour.reason,
  ]);
  for (const line of formatTable([['RANK', 'ARTIST', 'SCORE', 'SIGNALS', 'WHY'], ...rows])) write(line);
}
