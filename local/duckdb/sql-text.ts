// Just enough SQL lexing to rewrite statements safely: code is told apart from string literals,
// quoted identifiers and comments, so a rewrite never touches the text of a message or a path.
// Used by the dialect layer and by the tests that parse the Athena files.

/** A SQL string literal holding `value`. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface Segment {
  text: string;
  /** False for string literals, quoted identifiers and comments. */
  code: boolean;
}

export function segments(sql: string): Segment[] {
  const result: Segment[] = [];
  let code = '';
  let index = 0;
  const flushCode = () => {
    if (code !== '') result.push({ text: code, code: true });
    code = '';
  };
  while (index < sql.length) {
    const char = sql[index] as string;
    const next = sql[index + 1];
    let end = -1;
    if (char === "'" || char === '"') {
      end = index + 1;
      // A doubled quote is an escaped quote inside the literal.
      while (end < sql.length && !(sql[end] === char && sql[end + 1] !== char)) end += sql[end] === char ? 2 : 1;
      end = Math.min(end + 1, sql.length);
    } else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index);
      end = newline === -1 ? sql.length : newline;
    } else if (char === '/' && next === '*') {
      const close = sql.indexOf('*/', index + 2);
      end = close === -1 ? sql.length : close + 2;
    }
    if (end === -1) {
      code += char;
      index += 1;
    } else {
      flushCode();
      result.push({ text: sql.slice(index, end), code: false });
      index = end;
    }
  }
  flushCode();
  return result;
}

/** Applies `rewrite` to the code only, leaving literals, quoted identifiers and comments untouched. */
export function rewriteCode(sql: string, rewrite: (code: string) => string): string {
  return segments(sql)
    .map((segment) => (segment.code ? rewrite(segment.text) : segment.text))
    .join('');
}

export interface Unload {
  /** The SELECT (or WITH ... SELECT) inside `unload ( ... )`. */
  query: string;
  /** The `to '...'` location, unescaped. */
  location: string;
  /** The `with ( ... )` properties, keys lower-cased: format, compression, ... */
  properties: Record<string, string>;
}

/** Splits an Athena `UNLOAD (query) TO 'location' WITH (...)` statement; undefined for anything else. */
export function parseUnload(sql: string): Unload | undefined {
  const start = firstCodeIndex(sql);
  const head = /^unload\s*\(/i.exec(sql.slice(start));
  if (!head) return undefined;
  const open = start + head[0].length - 1;
  const close = closingBracket(sql, open);
  const tail = /^\s*to\s*'((?:[^']|'')*)'\s*with\s*\(([^)]*)\)\s*;?\s*$/i.exec(stripComments(sql.slice(close + 1)));
  if (!tail) throw new Error(`UNLOAD must end with TO '<location>' WITH (...), got: ${sql.slice(close + 1).trim()}`);
  const properties: Record<string, string> = {};
  for (const match of (tail[2] as string).matchAll(/(\w+)\s*=\s*'([^']*)'/g)) {
    properties[(match[1] as string).toLowerCase()] = match[2] as string;
  }
  return {
    query: sql.slice(open + 1, close),
    location: (tail[1] as string).replaceAll("''", "'"),
    properties,
  };
}

/** Offset of the first character of code that is not white space (comments skipped). */
function firstCodeIndex(sql: string): number {
  let offset = 0;
  for (const part of segments(sql)) {
    if (part.code) {
      const lead = /^\s*/.exec(part.text) as RegExpExecArray;
      if (lead[0].length < part.text.length) return offset + lead[0].length;
    }
    offset += part.text.length;
  }
  return sql.length;
}

function stripComments(sql: string): string {
  return segments(sql)
    .filter((segment) => segment.code || !/^(--|\/\*)/.test(segment.text))
    .map((segment) => segment.text)
    .join('');
}

export interface Replacement {
  /** Offset of the first character replaced. */
  start: number;
  /** Offset just past the last character replaced. */
  end: number;
  text: string;
}

/**
 * Finds `/* duckdb: <expression> *\/ <term>` annotations, where <term> is a call `name(...)` or an
 * `array[...]` constructor: the Athena file keeps its Trino term, and DuckDB is given <expression>.
 */
export function duckDbAnnotations(sql: string): Replacement[] {
  const replacements: Replacement[] = [];
  let offset = 0;
  for (const part of segments(sql)) {
    const start = offset;
    offset += part.text.length;
    const annotation = /^\/\*\s*duckdb:([\s\S]*)\*\/$/.exec(part.text);
    if (part.code || !annotation) continue;
    const termStart = offset + (/^\s*/.exec(sql.slice(offset)) as RegExpExecArray)[0].length;
    const term = /^(array\s*\[|[a-z_][a-z0-9_]*\s*\()/i.exec(sql.slice(termStart));
    if (!term) throw new Error(`a /* duckdb: ... */ annotation must precede a call or array[...]: ${part.text}`);
    const open = termStart + term[0].length - 1;
    const end = closingBracket(sql, open);
    replacements.push({ start, end: end + 1, text: (annotation[1] as string).trim() });
  }
  return replacements;
}

/** Offset of the bracket that closes the one at `open`, ignoring brackets in literals and comments. */
export function closingBracket(sql: string, open: number): number {
  const opening = sql[open];
  const closing = opening === '(' ? ')' : ']';
  let depth = 0;
  let offset = 0;
  for (const part of segments(sql)) {
    const partStart = offset;
    offset += part.text.length;
    if (!part.code || offset <= open) continue;
    for (let i = Math.max(open, partStart); i < offset; i += 1) {
      if (sql[i] === opening) depth += 1;
      if (sql[i] === closing) depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`no closing '${closing}' for the '${opening}' at offset ${open}`);
}
