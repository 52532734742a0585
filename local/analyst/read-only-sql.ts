// Which analyst statements may run: exactly one read-only statement (SELECT, WITH ... SELECT, VALUES,
// TABLE, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN of one of those). Shared by `npm run query` (DuckDB) and
// the ops CLI's `query` (Athena), so both refuse the same things with the same words. It reads the
// text only (literals and comments skipped), so it works for both dialects; locally DuckDB's own
// parser and its locked configuration stand behind it (./read-only-lake.ts).
import { closingBracket, segments } from '../duckdb/sql-text.js';

/** A statement the analyst tools will not run; nothing was run when this is thrown. */
export class StatementRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementRefused';
  }
}

/** First keywords of statements that only read. `from` and `summarize` are DuckDB's; Athena refuses them as syntax errors. */
const READ_KEYWORDS = new Set(['select', 'values', 'table', 'from', 'show', 'describe', 'desc', 'summarize']);
/** What may follow a WITH clause: the query itself, never INSERT, UPDATE, DELETE or COPY. */
const QUERY_KEYWORDS = new Set(['select', 'values', 'table', 'from']);

export const READ_ONLY_HINT = 'only one read-only statement runs here (SELECT, WITH, VALUES, SHOW, DESCRIBE or EXPLAIN), and nothing was run';

/** Throws StatementRefused unless `sql` is exactly one read-only statement; returns it without a trailing `;`. */
export function assertReadOnly(sql: string): string {
  const statements = splitStatements(sql);
  if (statements.length === 0) throw new StatementRefused(`no statement given: ${READ_ONLY_HINT}`);
  if (statements.length > 1) {
    const second = preview(statements[1] as string);
    throw new StatementRefused(`${statements.length} statements given (the second: \`${second}\`): ${READ_ONLY_HINT}`);
  }
  const statement = statements[0] as string;
  checkStatement(statement);
  return statement;
}

/** The statements of `sql`, split at semicolons outside literals and comments, empty ones dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const segment of segments(sql)) {
    if (!segment.code) {
      current += segment.text;
      continue;
    }
    const parts = segment.text.split(';');
    current += parts[0];
    for (const part of parts.slice(1)) {
      statements.push(current);
      current = part;
    }
  }
  statements.push(current);
  return statements.filter((statement) => codeOf(statement).trim() !== '').map((statement) => statement.trim());
}

function checkStatement(statement: string): void {
  const { word, rest, start } = firstWord(statement);
  if (word === '(') return checkStatement(statement.slice(start + 1, closingBracket(statement, start)));
  if (READ_KEYWORDS.has(word)) return;
  if (word === 'with') return checkWith(rest);
  if (word === 'explain') return checkExplain(rest);
  throw new StatementRefused(`${word === '' ? 'this statement' : word.toUpperCase()} is not a read-only statement: ${READ_ONLY_HINT}`);
}

/** `WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query), ...` must be followed by a query. */
function checkWith(text: string): void {
  let rest = text;
  if (firstWord(rest).word === 'recursive') rest = firstWord(rest).rest;
  for (;;) {
    rest = firstWord(rest).rest; // the CTE's name
    let next = firstWord(rest);
    if (next.word === '(') {
      rest = rest.slice(closingBracket(rest, next.start) + 1);
      next = firstWord(rest);
    }
    if (next.word !== 'as') throw new StatementRefused(`WITH clause not understood near \`${preview(rest)}\`: ${READ_ONLY_HINT}`);
    rest = next.rest;
    while (['not', 'materialized'].includes(firstWord(rest).word)) rest = firstWord(rest).rest;
    const body = firstWord(rest);
    if (body.word !== '(') throw new StatementRefused(`WITH clause not understood near \`${preview(rest)}\`: ${READ_ONLY_HINT}`);
    rest = rest.slice(closingBracket(rest, body.start) + 1);
    const after = firstWord(rest);
    if (after.word !== ',') {
      if (QUERY_KEYWORDS.has(after.word) || after.word === '(') return checkStatement(rest);
      throw new StatementRefused(`WITH ... ${after.word.toUpperCase()} is not a read-only statement: ${READ_ONLY_HINT}`);
    }
    rest = after.rest;
  }
}

/** EXPLAIN [ANALYZE] [VERBOSE] [(options)] runs (ANALYZE) or plans the statement after it: that one must be read-only too. */
function checkExplain(text: string): void {
  let rest = text;
  while (['analyze', 'analyse', 'verbose'].includes(firstWord(rest).word)) rest = firstWord(rest).rest;
  const options = firstWord(rest);
  // `explain (format json) select ...` (DuckDB) or `explain (type io) select ...` (Trino), but not `explain (select 1)`.
  if (options.word === '(' && !QUERY_KEYWORDS.has(firstWord(rest.slice(options.start + 1)).word)) {
    rest = rest.slice(closingBracket(rest, options.start) + 1);
  }
  try {
    checkStatement(rest);
  } catch (error) {
    if (error instanceof StatementRefused) throw new StatementRefused(`EXPLAIN of ${error.message}`);
    throw error;
  }
}

interface Word {
  /** Lower-cased keyword or identifier, a single punctuation character, or '' at the end. */
  word: string;
  /** Offset of the word in the text it was read from. */
  start: number;
  /** The text after the word. */
  rest: string;
}

/** The first word of code in `text`, skipping white space and comments. */
function firstWord(text: string): Word {
  let offset = 0;
  for (const segment of segments(text)) {
    if (!segment.code) {
      if (/^(--|\/\*)/.test(segment.text)) {
        offset += segment.text.length;
        continue;
      }
      // A literal or quoted identifier is a word of its own (a CTE name can be quoted).
      return { word: segment.text, start: offset, rest: text.slice(offset + segment.text.length) };
    }
    const match = /\S/.exec(segment.text);
    if (match) {
      const start = offset + match.index;
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(start))?.[0] ?? (text[start] as string);
      return { word: word.toLowerCase(), start, rest: text.slice(start + word.length) };
    }
    offset += segment.text.length;
  }
  return { word: '', start: text.length, rest: '' };
}

function codeOf(sql: string): string {
  return segments(sql)
    .filter((segment) => segment.code)
    .map((segment) => segment.text)
    .join(' ');
}

function preview(statement: string): string {
  const flat = statement.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
