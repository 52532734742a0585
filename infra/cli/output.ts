// How the CLI prints: commands write lines through an injected function (stdout in main.ts, an array
// in tests), so every command is a plain function that tests call directly.
import { displayWidth } from '../../local/analyst/result-table.js';

/** Prints one line. */
export type Write = (line: string) => void;

/** 850ms, 12.3s, 4m05s, 2h03m: short enough for a column, precise where it matters. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1_000);
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m${pad(seconds % 60)}s`;
  return `${Math.floor(seconds / 3_600)}h${pad(Math.floor(seconds / 60) % 60)}m`;
}

/** Elapsed time since the execution started, as +MM:SS (or +H:MM:SS), for the watch log. */
export function formatOffset(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  const hours = Math.floor(seconds / 3_600);
  const clock = `${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return `+${hours > 0 ? `${hours}:` : ''}${clock}`;
}

/** A UTC time to the second, the way AWS consoles show it: 2026-11-23 16:05:00Z. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Rows as left-aligned columns separated by two spaces; the first row is the header. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, displayWidth(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - displayWidth(cell))))
      .join('  ')
      .trimEnd(),
  );
}

/** Terminal columns a string takes (Hangul and CJK count two); one definition for every table we print. */
export { displayWidth };

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
