// DuckDB hands BIGINT and HUGEINT back as bigint, which JSON.stringify and most callers cannot use;
// counts and ids fit in a double, so they become numbers, and only an unsafe value stays exact as text.

export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plainValue(inner)]));
  }
  return value;
}

export function plainRows(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => plainValue(row) as Record<string, unknown>);
}
