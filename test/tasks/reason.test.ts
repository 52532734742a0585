import { describe, expect, it } from 'vitest';
import type { Neighbour } from '../../tasks/publish/export-row.js';
import { reasonFor } from '../../tasks/publish/reason.js';

// Parts as sql/09 computes them with the default weights (collaboration 0.6, genre 0.3, audio 0.1).
function neighbour(fields: Partial<Neighbour>): Neighbour {
  return { artist_id: 'n', name: 'N', rank: 1, score: 0.5, signals: [], ...fields };
}

describe('reasonFor', () => {
  it('says it with numbers: tracks, collaborators, genres and the audio score', () => {
    const reason = reasonFor(
      neighbour({
        collaboration_score: 0.8, collaboration_part: 0.48, shared_tracks: 3, shared_collaborators: 2,
        genre_score: 0.8, genre_part: 0.24, shared_genres: ['k-pop', 'k-indie', 'trot', 'k-rap'],
        audio_score: 0.95, audio_part: 0.095,
      }),
    );

    expect(reason).toBe('credited together on 3 tracks; 2 shared collaborators; 4 shared genres (k-pop, k-indie, trot, …)');
  });

  it('orders the signals by their part of the score', () => {
    const reason = reasonFor(
      neighbour({
        collaboration_score: 0.15, collaboration_part: 0.09, shared_collaborators: 1,
        genre_score: 1, genre_part: 0.3, shared_genres: ['jazz fusion'],
        audio_score: 0.97, audio_part: 0.097,
      }),
    );

    expect(reason).toBe('1 shared genre (jazz fusion); close audio profile (0.97); 1 shared collaborator');
  });

  it('leaves out a signal whose part of the score is too small to matter', () => {
    const reason = reasonFor(
      neighbour({
        collaboration_score: 0.9, collaboration_part: 0.6, shared_tracks: 9,
        genre_score: 0.1, genre_part: 0.03, shared_genres: ['trot'],
      }),
    );

    expect(reason).toBe('credited together on 9 tracks');
  });

  it('never calls a far audio profile close, whatever its share', () => {
    // The least similar audio pair of the extended sample: collaboration 0.05, genre 0.333, audio 0.374.
    const reason = reasonFor(
      neighbour({
        score: 0.167,
        collaboration_score: 0.05, collaboration_part: 0.03, shared_collaborators: 1,
        genre_score: 0.333, genre_part: 0.1, shared_genres: ['drum and bass'],
        audio_score: 0.374, audio_part: 0.0374,
      }),
    );

    expect(reason).toBe('1 shared genre (drum and bass); 1 shared collaborator');
    expect(reason).not.toMatch(/audio/);
  });

  it('says how loose the link is when only a far audio profile connects the pair', () => {
    const reason = reasonFor(neighbour({ collaboration_score: 0, collaboration_part: 0, audio_score: 0.62, audio_part: 0.0886 }));

    expect(reason).toBe('only a loose audio resemblance (0.62)');
  });

  it('reads an export without parts from the signal scores', () => {
    const reason = reasonFor(neighbour({ signals: ['genre'], genre_score: 0.5, shared_genres: ['k-pop'] }));

    expect(reason).toBe('1 shared genre (k-pop)');
  });
});
