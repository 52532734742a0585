// How much work the similarity step did, per tracked artist: the candidate pairs it scored and the
// contenders it ranked in full (tie-break evidence and all), read by running the step's own CTEs
// with a counting SELECT in place of its final one. A step without one of those CTEs (an older 07,
// measured as a reference) reports it as undefined.
import { parseUnload, segments } from '../../local/duckdb/sql-text.js';

export interface SimilarityCounts {
  artists: number;
  /** Candidate pairs scored, per tracked artist. */
  candidatesPerArtist?: number;
  /** Candidates ranked with their evidence (those at or above the artist's K-th best score), per tracked artist. */
  contendersPerArtist?: number;
}

const COUNTED = ['candidates', 'contenders'] as const;

/** `renderedStep` is the statement the query task started (an UNLOAD); `run` runs Athena SQL locally. */
export async function similarityCounts(
  renderedStep: string,
  run: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<SimilarityCounts> {
  const query = parseUnload(renderedStep)?.query ?? renderedStep;
  const present = COUNTED.filter((name) => new RegExp(`\\b${name}\\s+as\\s*\\(`, 'i').test(query));
  const counts = present.map((name) => `(select count(*) from ${name}) as ${name}`);
  const [row] = await run(`${withFinalSelect(query)} select (select count(*) from tracked) as artists, ${counts.join(', ')}`);
  const artists = Number(row?.artists ?? 0);
  const perArtist = (name: (typeof COUNTED)[number]) =>
    present.includes(name) && artists > 0 ? Number(row?.[name] ?? 0) / artists : undefined;
  return { artists, candidatesPerArtist: perArtist('candidates'), contendersPerArtist: perArtist('contenders') };
}

/** The WITH clause of a query, without the SELECT that follows it (the last SELECT outside brackets). */
function withFinalSelect(query: string): string {
  let depth = 0;
  let offset = 0;
  let last = -1;
  for (const part of segments(query)) {
    if (part.code) {
      for (let i = 0; i < part.text.length; i += 1) {
        const char = part.text[i];
        if (char === '(') depth += 1;
        else if (char === ')') depth -= 1;
        else if (depth === 0 && /^select\b/i.test(part.text.slice(i)) && !/[a-z0-9_]/i.test(part.text[i - 1] ?? ' ')) last = offset + i;
      }
    }
    offset += part.text.length;
  }
  if (last === -1 || !/^\s*with\b/i.test(query)) throw new Error('the similarity step is not a WITH ... SELECT: nothing to count');
  return query.slice(0, last);
}
