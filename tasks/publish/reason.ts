// A short, human reason for each neighbour, so the chatbot can say why two artists are similar. A
// reason names only what holds: a signal appears when it carries a real share of the pair's score,
// strongest first, with the numbers behind it ("credited together on 3 tracks", "4 shared genres").
import type { Neighbour } from './export-row.js';

export interface ReasonRules {
  /** A signal is named when its part of the score is at least this share of it. */
  minShare: number;
  /**
   * Audio is a distance: every pair has one, and the nearest of a far lot is still far. It is named
   * only from this audio score up (1 - d / sqrt(6); the sample's planted groups sit above 0.9, pairs
   * across groups mostly between 0.5 and 0.85).
   */
  minAudioScore: number;
  /** Genres listed by name after their count. */
  genresNamed: number;
}

export const DEFAULT_REASON_RULES: ReasonRules = { minShare: 0.15, minAudioScore: 0.9, genresNamed: 3 };

type Signal = 'collaboration' | 'genre' | 'audio';

interface Evidence {
  signal: Signal;
  /** The signal's part of the score; the signal's own score where the export has no parts. */
  part: number;
  words: string[];
}

export function reasonFor(neighbour: Neighbour, rules: ReasonRules = DEFAULT_REASON_RULES): string {
  const evidence = evidenceFor(neighbour, rules);
  const total = evidence.reduce((sum, item) => sum + item.part, 0);
  const holds = evidence
    .filter((item) => item.words.length > 0 && total > 0 && item.part / total >= rules.minShare)
    .filter((item) => item.signal !== 'audio' || (neighbour.audio_score ?? 0) >= rules.minAudioScore)
    .sort((a, b) => b.part - a.part);
  if (holds.length > 0) return holds.flatMap((item) => item.words).join('; ');
  return weakReason(neighbour, evidence);
}

function evidenceFor(neighbour: Neighbour, rules: ReasonRules): Evidence[] {
  const tracks = neighbour.shared_tracks ?? 0;
  const collaborators = neighbour.shared_collaborators ?? 0;
  const genres = neighbour.shared_genres ?? [];
  const audio = neighbour.audio_score;
  const listed = new Set(neighbour.signals ?? []);
  // An export from before the parts were added: the signal's own score, else whether it was listed.
  const part = (signal: Signal, value: number | null | undefined, own: number | null | undefined) =>
    value ?? own ?? (listed.has(signal) ? 1 : 0);
  return [
    {
      signal: 'collaboration',
      part: part('collaboration', neighbour.collaboration_part, neighbour.collaboration_score),
      words: [
        ...(tracks > 0 ? [`credited together on ${plural(tracks, 'track')}`] : []),
        ...(collaborators > 0 ? [plural(collaborators, 'shared collaborator')] : []),
      ],
    },
    {
      signal: 'genre',
      part: part('genre', neighbour.genre_part, neighbour.genre_score),
      words: genres.length > 0 ? [describeGenres(genres, rules.genresNamed)] : [],
    },
    {
      signal: 'audio',
      part: part('audio', neighbour.audio_part, audio),
      words: audio === null || audio === undefined ? [] : [`close audio profile (${audio.toFixed(2)})`],
    },
  ];
}

/** When no signal carries the pair, say how little links it rather than overstate it. */
function weakReason(neighbour: Neighbour, evidence: Evidence[]): string {
  const strongest = evidence.filter((item) => item.part > 0 && item.words.length > 0).sort((a, b) => b.part - a.part)[0];
  if (strongest === undefined) {
    const signals = neighbour.signals ?? [];
    return `signals: ${signals.length === 0 ? 'none' : signals.join(', ')}`;
  }
  if (strongest.signal === 'audio') return `only a loose audio resemblance (${(neighbour.audio_score ?? 0).toFixed(2)})`;
  return `a weak link: ${strongest.words.join('; ')}`;
}

function describeGenres(genres: string[], genresNamed: number): string {
  const named = genres.slice(0, genresNamed).join(', ');
  const more = genres.length > genresNamed ? ', …' : '';
  return `${plural(genres.length, 'shared genre')} (${named}${more})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
