// Name keys for lookups by artist name: the chatbot may type "bts", "B T S" or "ＢＴＳ" (full-width),
// and Korean names may arrive in composed or decomposed Hangul. NFKC folds compatibility forms
// (full-width Latin, decomposed jamo), lower-casing folds case, and spaces and punctuation are dropped.
export function normaliseName(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  const compact = folded.replace(/[\s\p{P}\p{S}]+/gu, '');
  // A name made only of punctuation ("!!!") still needs a key.
  return compact === '' ? folded.trim() : compact;
}

// Combining marks of the Latin, Greek and Cyrillic scripts (accents, cedillas, carons, ogoneks...), the
// ones NFD splits off letters such as é, ñ or ř. Only these are dropped: NFD also splits each Hangul
// syllable into conjoining jamo, which are letters, not marks, so they stay and NFC puts the syllable
// back together; kana voicing marks (U+3099, U+309A) are outside these blocks and stay too.
const LATIN_MARK_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], // Combining Diacritical Marks
  [0x1ab0, 0x1aff], // Combining Diacritical Marks Extended
  [0x1dc0, 0x1dff], // Combining Diacritical Marks Supplement
  [0x20d0, 0x20ff], // Combining Diacritical Marks for Symbols
  [0xfe20, 0xfe2f], // Combining Half Marks
];

function isLatinMark(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return LATIN_MARK_BLOCKS.some(([first, last]) => code >= first && code <= last);
}

// Letters with a stroke or ligatures have no decomposition: spelled out as people type them.
const UNDECOMPOSABLE: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', ħ: 'h', ŧ: 't', ı: 'i', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss' };
const UNDECOMPOSABLE_PATTERN = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'gu');

/**
 * The name key without accents and diacritics: "Bjorn Nunez" for "Björn Núñez", "soren oster" for
 * "Søren Øster". A second, looser key, looked up only when the exact key finds nothing.
 */
export function foldedNameKey(name: string): string {
  const key = normaliseName(name);
  const folded = [...key.normalize('NFD')]
    .filter((character) => !isLatinMark(character))
    .join('')
    .normalize('NFC')
    .replace(UNDECOMPOSABLE_PATTERN, (letter) => UNDECOMPOSABLE[letter] ?? letter);
  return folded === '' ? key : folded;
}
