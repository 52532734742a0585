// Several artists may answer to one name (Spotify has many "Luna"s): the chatbot and the CLIs must
// say so, and say what tells them apart, instead of printing them back to back as if they were one.
import type { SimilarAnswer } from './find-similar.js';

/** "2 artists named "Luna":" and one line per artist with what tells it apart; nothing for one artist. */
export function namesakeLines(query: string, answers: readonly SimilarAnswer[]): string[] {
  if (answers.length < 2) return [];
  return [
    `${answers.length} artists named "${query.trim()}":`,
    ...answers.map((answer, index) => `  ${index + 1}) ${answer.name}: ${whatTellsApart(answer)}`),
  ];
}

/** Genres, a track and the id: the genres and track are what a person recognises, the id is unique. */
export function whatTellsApart(answer: SimilarAnswer): string {
  const genres = answer.genres.length === 0 ? 'no genres' : `genres ${answer.genres.slice(0, 3).join(', ')}`;
  const track = answer.topTracks[0] === undefined ? 'no tracks' : `track "${answer.topTracks[0].name}"`;
  return `${genres}; ${track}; id ${answer.artistId}`;
}
