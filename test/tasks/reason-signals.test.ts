// A neighbour's reason says on which signals its score rests, as `signals` lists them.
import { describe, expect, it } from 'vitest';
import { reasonFor } from '../../tasks/publish/reason.js';

describe('reasonFor', () => {
  it('says a score rests on genres alone when the pair had no other signal', () => {
    const reason = reasonFor({ artist_id: 'b', rank: 1, score: 1, signals: ['genre'], genre_score: 1, shared_genres: ['drone'] });

    expect(reason).toBe('shared genres: drone (scored on genre)');
  });

  it('names a signal the score used even when it found nothing shared', () => {
    const reason = reasonFor({
      artist_id: 'b',
      rank: 1,
      score: 0.4,
      signals: ['collaboration', 'genre'],
      collaboration_score: 0.6,
      genre_score: 0,
      shared_tracks: 2,
      shared_genres: [],
    });

    expect(reason).toBe('credited together on 2 tracks (scored on collaboration, genre)');
  });
});
