// Artist, album and track names for the sample catalog. The mix is deliberate: the pipeline must
// cope with Korean (Hangul) names, accents, very long names and names that differ only in case or
// spacing, because the chatbot looks artists up by name.
import { normaliseName } from '../../tasks/names.js';
import type { Random } from './random.js';

const ADJECTIVES = [
  'Velvet', 'Midnight', 'Golden', 'Silver', 'Electric', 'Paper', 'Neon', 'Quiet', 'Wild', 'Hollow',
  'Crimson', 'Lunar', 'Static', 'Amber', 'Frozen', 'Broken', 'Little', 'Northern', 'Secret', 'Glass',
  'Violet', 'Rusty', 'Sunday', 'Cosmic', 'Gentle', 'Savage', 'Blue', 'Western', 'Tidal', 'Holy',
];
const NOUNS = [
  'Owls', 'Harbor', 'Engines', 'Tigers', 'Rivers', 'Ghosts', 'Parade', 'Satellites', 'Orchard', 'Wolves',
  'Lanterns', 'Machines', 'Cathedral', 'Foxes', 'Horizon', 'Echoes', 'Avenue', 'Pilots', 'Garden', 'Drifters',
  'Comets', 'Monarchs', 'Waves', 'Sparrows', 'Signals', 'Rebels', 'Tapes', 'Mirrors', 'Valley', 'Heights',
];
const FIRST_NAMES = ['Mina', 'Leo', 'Ava', 'Noah', 'Iris', 'Omar', 'Luca', 'Nora', 'Kai', 'Elena', 'Theo', 'Sofia', 'Jun', 'Maya', 'Felix'];
const LAST_NAMES = ['Park', 'Rivera', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Hughes', 'Costa', 'Novak', 'Ibrahim', 'Walsh', 'Kim'];
const ACCENTED_FIRST = ['Zoë', 'José', 'Chloé', 'Inès', 'Søren', 'Björn', 'Renée', 'Ágnes', 'Çağla', 'Łukasz', 'François', 'Mário'];
const ACCENTED_LAST = ['Ångström', 'Núñez', 'Dubois-Lefèvre', 'Øster', 'Gonçalves', 'Müller', 'Dvořák', 'Pérez', 'Škoda', 'Jørgensen'];
const HANGUL_SYLLABLES = [
  '하', '늘', '별', '빛', '바', '람', '새', '벽', '달', '노', '을', '소', '리', '꽃', '비', '구', '름', '파', '도', '숲',
  '서', '울', '너', '울', '아', '이', '유', '진', '민', '수', '지', '현', '은', '태', '양', '산', '호', '해', '온', '결',
];
const KOREAN_FAMILY = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const KOREAN_SUFFIXES = ['', '', '', ' 밴드', ' 소년단', ' 프로젝트', '와 친구들'];
const TRACK_WORDS = ['Love', 'Night', 'Run', 'Home', 'Fire', 'Rain', 'Light', 'Dream', 'Road', 'Heart', 'Summer', 'Gravity', 'Echo', 'Stay'];
const KOREAN_TRACK_WORDS = ['사랑', '밤', '꿈', '여름', '눈물', '하루', '바다', '약속', '기억', '빛'];

function hangulWord(random: Random, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i += 1) word += random.pick(HANGUL_SYLLABLES);
  return word;
}

function englishName(random: Random): string {
  const adjective = random.pick(ADJECTIVES);
  const noun = random.pick(NOUNS);
  switch (random.int(0, 3)) {
    case 0:
      return `The ${adjective} ${noun}`;
    case 1:
      return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    default:
      return `${adjective} ${noun}`;
  }
}

function koreanName(random: Random): string {
  return random.chance(0.5)
    ? `${random.pick(KOREAN_FAMILY)}${hangulWord(random, 2)}`
    : `${hangulWord(random, random.int(2, 3))}${random.pick(KOREAN_SUFFIXES)}`;
}

function accentedName(random: Random): string {
  return `${random.pick(ACCENTED_FIRST)} ${random.pick(ACCENTED_LAST)}`;
}

function longName(random: Random): string {
  return (
    `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} and the ${random.pick(ADJECTIVES)} ` +
    `${random.pick(NOUNS)} of the ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} Orchestra`
  );
}

/** A name of exactly `length` characters (Spotify caps nothing: ensembles and "feat." credits run long). */
export function nameOfLength(random: Random, length: number): string {
  let name = `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
  while (name.length < length) name += ` and the ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
  name = name.slice(0, length);
  // A trailing space would be trimmed by any reader: end on a letter so the length is what it says.
  return name.endsWith(' ') ? `${name.slice(0, -1)}s` : name;
}

/** Names that are no name at all, as some catalogue entries have: empty, and whitespace only. */
export const BLANK_NAMES = ['', '   '] as const;

/** The same name with different case or spacing: a trap for a lookup that compares raw strings. */
export function nearDuplicateOf(name: string, random: Random): string {
  switch (random.int(0, 2)) {
    case 0:
      return name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase();
    case 1:
      return name.toLowerCase();
    default:
      return name.includes(' ') ? name.replace(' ', '  ') : `${name} `;
  }
}

/** Hands out artist names, unique apart from the near-duplicates it is asked for on purpose. */
export class ArtistNamer {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  next(): string {
    const kind = this.random.next();
    const make =
      kind < 0.25 ? koreanName : kind < 0.35 ? accentedName : kind < 0.4 ? longName : englishName;
    for (let attempt = 0; ; attempt += 1) {
      // Past a few collisions the pools are exhausted for this kind: number the name, as bands do.
      const base = make(this.random);
      const name = attempt < 8 ? base : `${base} ${attempt - 6}`;
      const key = normaliseName(name);
      if (!this.used.has(key)) {
        this.used.add(key);
        return name;
      }
    }
  }
}

export function albumName(random: Random, index: number): string {
  return random.chance(0.2)
    ? `${random.pick(KOREAN_TRACK_WORDS)} ${index + 1}`
    : `${random.pick(ADJECTIVES)} ${random.pick(TRACK_WORDS)}${random.chance(0.3) ? ' (Deluxe)' : ''}`;
}

export function trackName(random: Random): string {
  return random.chance(0.2)
    ? `${random.pick(KOREAN_TRACK_WORDS)}${random.chance(0.5) ? ` ${random.pick(KOREAN_TRACK_WORDS)}` : ''}`
    : `${random.pick(TRACK_WORDS)}${random.chance(0.4) ? ` ${random.pick(TRACK_WORDS)}` : ''}`;
}
