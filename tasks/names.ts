// Name keys for lookups by artist name: the chatbot may type "bts", "B T S" or "ＢＴＳ" (full-width),
// and Korean names may arrive in composed or decomposed Hangul. NFKC folds compatibility forms
// (full-width Latin, decomposed jamo), lower-casing folds case, and spaces and punctuation are dropped.
export function normaliseName(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  const compact = folded.replace(/[\s\p{P}\p{S}]+/gu, '');
  // A name made only of punctuation ("!!!") still needs a key.
  return compact === '' ? folded.trim() : compact;
}
