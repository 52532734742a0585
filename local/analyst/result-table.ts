// How analyst query results print, locally (`npm run query`) and from Athena (`npm run ops -- query`):
// a compact aligned table for people (no index column, lists and structs written plainly, long
// cells cut with an ellipsis, the table fitted to the terminal), CSV and JSON for programs.

export interface ResultSet {
  columns: string[];
  rows: readonly (readonly unknown[])[];
}

export interface TableOptions {
  /** Widest a cell may print, in terminal columns; longer values end in `…`. */
  maxCellWidth?: number;
  /** Widest a line may print (the terminal's width); wider tables narrow their widest columns. */
  maxLineWidth?: number;
}

const DEFAULT_MAX_CELL_WIDTH = 40;
/** A column is never narrowed below this (or below its own width when that is smaller). */
const MIN_COLUMN_WIDTH = 8;
const GAP = '  ';

/**
 * Header, a rule, then one line per row; numeric columns are right-aligned. A table too wide for
 * `maxLineWidth`, even with its widest columns narrowed, prints one record per block instead
 * (`column  value` lines), as psql's expanded display does: nothing is hidden.
 */
export function formatTable(result: ResultSet, options: TableOptions = {}): string[] {
  const maxCell = options.maxCellWidth ?? DEFAULT_MAX_CELL_WIDTH;
  const cells = result.rows.map((row) => result.columns.map((_, column) => displayValue(row[column])));
  const widths = result.columns.map((name, column) =>
    Math.min(maxCell, Math.max(displayWidth(name), ...cells.map((row) => displayWidth(row[column] as string)))),
  );
  if (!fitToLine(widths, result.columns, options.maxLineWidth)) {
    return formatRecords(result.columns, cells, options.maxLineWidth as number);
  }
  const numeric = result.columns.map(
    (_, column) =>
      result.rows.some((row) => typeof row[column] === 'number') &&
      result.rows.every((row) => row[column] === null || typeof row[column] === 'number'),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => {
        const text = truncate(value, widths[column] as number);
        const padding = ' '.repeat((widths[column] as number) - displayWidth(text));
        return numeric[column] ? padding + text : text + padding;
      })
      .join(GAP)
      .trimEnd();
  return [line(result.columns), widths.map((width) => '-'.repeat(width)).join(GAP), ...cells.map(line)];
}

/** One block per row: a `-[ row N ]-` rule, then each column's name and value on a line of its own. */
function formatRecords(columns: readonly string[], cells: readonly (readonly string[])[], maxLineWidth: number): string[] {
  const labelWidth = Math.max(...columns.map(displayWidth));
  const valueWidth = Math.max(MIN_COLUMN_WIDTH, maxLineWidth - labelWidth - GAP.length);
  const longest = Math.max(0, ...cells.flat().map(displayWidth));
  const ruleWidth = labelWidth + GAP.length + Math.min(valueWidth, longest);
  return cells.flatMap((row, index) => {
    const title = `-[ row ${index + 1} ]`;
    return [
      title + '-'.repeat(Math.max(0, ruleWidth - title.length)),
      ...columns.map((name, column) =>
        `${name}${' '.repeat(labelWidth - displayWidth(name))}${GAP}${truncate(row[column] as string, valueWidth)}`.trimEnd(),
      ),
    ];
  });
}

/** What a shown result leaves out: `3 rows`, or `50 of 3,000 rows shown; use --limit N for more`. */
export function describeRowCount(shown: number, total: number | undefined, limitFlag = '--limit'): string {
  const plural = (count: number) => `${count.toLocaleString('en-US')} row${count === 1 ? '' : 's'}`;
  if (total === undefined) return `${plural(shown)} shown; there are more: use ${limitFlag} N to see them`;
  if (shown < total) return `${shown.toLocaleString('en-US')} of ${plural(total)} shown; use ${limitFlag} N for more`;
  return plural(total);
}

/** RFC 4180 CSV with a header line; lists and structs as JSON text, NULL as an empty field. */
export function formatCsv(result: ResultSet): string[] {
  const field = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : textOf(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [result.columns.map(field).join(','), ...result.rows.map((row) => row.map(field).join(','))];
}

/** A JSON array of row objects keyed by column name, one row per line. */
export function formatJson(result: ResultSet): string {
  const rows = result.rows.map((row) => JSON.stringify(Object.fromEntries(result.columns.map((name, column) => [name, row[column] ?? null]))));
  return rows.length === 0 ? '[]' : `[\n${rows.map((row) => `  ${row}`).join(',\n')}\n]`;
}

/** A value as a person reads it: a list's items and a struct's fields without brackets or quotes, on one line. */
export function displayValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(nestedValue).join(', ');
  if (isRecord(value)) return Object.entries(value).map(([key, inner]) => `${key}: ${nestedValue(inner)}`).join(', ');
  return oneLine(textOf(value));
}

function nestedValue(value: unknown): string {
  if (Array.isArray(value)) return `[${displayValue(value)}]`;
  if (isRecord(value)) return `{${displayValue(value)}}`;
  return oneLine(textOf(value));
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  if (value instanceof Date) return formatDate(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return String(value);
}

function formatDate(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

/**
 * Narrows the widest columns, one terminal column at a time, until the table fits `maxLineWidth`;
 * a column keeps at least its header's width (or MIN_COLUMN_WIDTH). False when it cannot fit.
 */
function fitToLine(widths: number[], columns: readonly string[], maxLineWidth: number | undefined): boolean {
  if (maxLineWidth === undefined) return true;
  const floor = widths.map((width, column) => Math.min(width, Math.max(MIN_COLUMN_WIDTH, displayWidth(columns[column] as string))));
  const lineWidth = () => widths.reduce((sum, width) => sum + width, 0) + GAP.length * (widths.length - 1);
  while (lineWidth() > maxLineWidth) {
    let widest = -1;
    widths.forEach((width, column) => {
      if (width > (floor[column] as number) && (widest === -1 || width > (widths[widest] as number))) widest = column;
    });
    if (widest === -1) return false;
    widths[widest] = (widths[widest] as number) - 1;
  }
  return true;
}

function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let result = '';
  for (const character of text) {
    if (displayWidth(result + character) > width - 1) break;
    result += character;
  }
  return `${result}…`;
}

// Hangul, CJK and full-width forms take two terminal columns; Korean artist names are common here.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Terminal columns a string takes: two per wide character, one per other code point. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}
