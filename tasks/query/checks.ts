// The data-quality check steps' common tail, in one place: a check step (a SQL step with
// `-- output: none`) returns one row per check, (check_name, violation_count, example); this reads
// those rows and turns any check with violations into one DataQualityCheckFailed that names each
// failed check with its count and an example. The SQL holds no failure logic: Athena documents no
// function that fails a query (Trino's fail() is hidden), and a result the task reads is the same
// on Athena and DuckDB.
import { CheckResultMalformed, DataQualityCheckFailed } from '../errors.js';
import type { QueryResultRow } from '../ports.js';

export interface CheckResult {
  check: string;
  violations: number;
  /** A value that broke the check, or what is missing; null when the check has none to give. */
  example: string | null;
}

export const CHECK_COLUMNS = ['check_name', 'violation_count', 'example'] as const;

/** Reads a check step's rows, in check-name order; rows of another shape are refused, naming the step. */
export function readCheckResults(step: string, rows: readonly QueryResultRow[]): CheckResult[] {
  return rows
    .map((row, index) => {
      const missing = CHECK_COLUMNS.filter((column) => !(column in row));
      const violations = Number(row.violation_count);
      if (missing.length > 0 || !row.check_name || !Number.isInteger(violations) || violations < 0) {
        throw new CheckResultMalformed(
          `check step '${step}' returned row ${index + 1} as ${JSON.stringify(row)}: a check returns ` +
            `${CHECK_COLUMNS.join(', ')} with a whole violation count (sql/README.md)`,
        );
      }
      return { check: row.check_name, violations, example: row.example ?? null };
    })
    .sort((a, b) => a.check.localeCompare(b.check));
}

/** Throws DataQualityCheckFailed, naming every failed check with its count and example, when any check found violations. */
export function assertChecksPassed(step: string, dt: string | undefined, results: readonly CheckResult[]): void {
  const failed = results.filter((result) => result.violations > 0);
  if (failed.length === 0) return;
  const described = failed.map(
    (result) => `${result.check}: ${result.violations} violation(s), e.g. ${result.example ?? '(no example)'}`,
  );
  throw new DataQualityCheckFailed(
    `data quality check(s) failed in ${step}${dt === undefined ? '' : ` for dt ${dt}`}: ${described.join('; ')}`,
    { step, failedChecks: failed },
  );
}
