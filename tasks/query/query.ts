// PlanQuerySteps / StartQuery / GetQueryStatus: run the SQL steps on the query engine (Athena on
// AWS, DuckDB locally). The state machine owns the Wait/poll loop; these calls list the steps, start
// one (after clearing the date's output so a re-run replaces it) and report its state. When a check
// step (one that writes nothing) succeeds, its rows are read and any violation fails the step with
// DataQualityCheckFailed, which the state machine never retries.
import { ConfigurationError, QueryEngineBusy, QueryStartFailed, UnknownQueryStep } from '../errors.js';
import { updateManifestSection } from '../lake/manifest.js';
import type { Logger, ObjectStore, QueryEngine, QueryState } from '../ports.js';
import { parseSimilarityWeights, weightParameters, type SimilarityWeights } from '../signals.js';
import { assertChecksPassed, readCheckResults, type CheckResult } from './checks.js';
import { renderSql, type SqlParameters } from './render.js';
import { listQuerySteps, readQueryStep, type QueryStep } from './steps.js';

export interface SimilarityParameters {
  /** Neighbours kept per artist. */
  similarityK: number;
  /** Blend weights, one per signal of tasks/signals.ts; each counts only for pairs where its signal exists. */
  weights: SimilarityWeights;
}

/** The default share of tracked artists that may be quarantined (see QueryParameters). */
export const DEFAULT_MAX_QUARANTINED_ARTIST_RATIO = 0.05;

export interface QueryParameters extends SimilarityParameters {
  /**
   * 05_check_curated fails the run when more than this share of the date's tracked artists had rows
   * quarantined by 00_quarantine (default DEFAULT_MAX_QUARANTINED_ARTIST_RATIO): one artist's bad data
   * is set aside, a share this large means something broke for everyone.
   */
  maxQuarantinedArtistRatio?: number;
}

export interface QueryPorts {
  store: ObjectStore;
  engine: QueryEngine;
  logger: Logger;
  /** Folder holding the NN_<step>.sql files. */
  sqlDir: string;
  parameters: QueryParameters;
}

export interface QueryProgress {
  step: string;
  queryId: string;
  attempt: number;
  state?: QueryState;
  reason?: string;
}

export async function planQuerySteps(ports: Pick<QueryPorts, 'sqlDir' | 'logger'>): Promise<{ steps: string[] }> {
  const steps = await listQuerySteps(ports.sqlDir);
  if (steps.length === 0) throw new UnknownQueryStep(`no SQL steps (NN_<step>.sql) in ${ports.sqlDir}`);
  ports.logger.info('query steps planned', { steps });
  return { steps };
}

export async function startQueryStep(dt: string, stepName: string, ports: QueryPorts): Promise<QueryProgress> {
  const step = await readQueryStep(ports.sqlDir, stepName);
  const { sql, outputKey } = renderQueryStep(step, dt, ports);
  // Athena's UNLOAD refuses a non-empty location, and a re-run must replace the date: clear it first.
  const deleted = outputKey === undefined ? 0 : await ports.store.deletePrefix(outputKey);
  let queryId: string;
  try {
    queryId = await ports.engine.start(sql, step.name);
  } catch (error) {
    // By name, as the state machine matches it: an adapter's busy error may come from another module copy.
    if ((error as Error).name === QueryEngineBusy.name) throw error;
    throw new QueryStartFailed(`SQL step '${step.name}' could not be started: ${(error as Error).message}`, {
      cause: error,
    });
  }
  ports.logger.info('query started', { dt, step: step.name, queryId, output: outputKey ?? null, deleted });
  await recordStep(ports.store, dt, step.name, {
    queryId,
    output: outputKey ?? null,
    replacedObjects: deleted,
    startedAt: new Date().toISOString(),
  }, true);
  return { step: step.name, queryId, attempt: 0 };
}

export async function getQueryStepStatus(
  input: { step: string; queryId: string; attempt: number; dt?: string },
  ports: QueryPorts,
): Promise<QueryProgress> {
  const { state, reason } = await ports.engine.status(input.queryId);
  const progress: QueryProgress = { step: input.step, queryId: input.queryId, attempt: input.attempt, state };
  // Choice states cannot test for a missing field, so a failed query always carries a reason.
  if (state === 'FAILED' || state === 'CANCELLED') progress.reason = reason ?? 'the query engine gave no reason';
  ports.logger.info('query status', { ...progress });
  const checks = state === 'SUCCEEDED' ? await checkResults(input.step, input.queryId, ports) : undefined;
  const finished = state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
  // The state machine passes dt to the poll only if its definition does; without it there is no manifest to write.
  if (finished && input.dt !== undefined) {
    await recordStep(ports.store, input.dt, input.step, {
      state,
      finishedAt: new Date().toISOString(),
      polls: input.attempt,
      ...(progress.reason === undefined ? {} : { reason: progress.reason }),
      ...(checks === undefined ? {} : { checks: Object.fromEntries(checks.map((check) => [check.check, check.violations])) }),
    });
  }
  if (checks !== undefined) {
    try {
      assertChecksPassed(input.step, input.dt, checks);
    } catch (error) {
      ports.logger.error('data quality check failed', { step: input.step, dt: input.dt ?? null, message: (error as Error).message });
      throw error;
    }
  }
  return progress;
}

/** A check step's results (undefined for a step that writes a table, whose rows are not checks). */
async function checkResults(step: string, queryId: string, ports: QueryPorts): Promise<CheckResult[] | undefined> {
  const { output } = await readQueryStep(ports.sqlDir, step);
  if (output !== undefined) return undefined;
  return readCheckResults(step, await ports.engine.readResults(queryId));
}

/** What renders a step: the similarity parameters and where the engine's object store puts a key. */
export type RenderPorts = Pick<QueryPorts, 'parameters'> & { store: Pick<ObjectStore, 'locationOf'> };

/**
 * The statement a step runs for dt, exactly as the engine receives it, and the lake prefix it writes
 * (undefined for a check). `npm run sql` prints the Athena rendering from here too.
 */
export function renderQueryStep(step: QueryStep, dt: string, ports: RenderPorts): { sql: string; outputKey?: string } {
  const outputKey = step.output === undefined ? undefined : `${step.output}/dt=${dt}/`;
  return { sql: renderSql(step.sql, sqlParameters(dt, outputKey, ports), step.name), outputKey };
}

function sqlParameters(dt: string, outputKey: string | undefined, ports: RenderPorts): SqlParameters {
  const { similarityK, weights } = ports.parameters;
  if (!Number.isInteger(similarityK) || similarityK < 1) {
    throw new ConfigurationError(`similarity K is ${similarityK}: it must be a whole number of at least 1`);
  }
  parseSimilarityWeights(weights, 'the similarity weights');
  const maxQuarantinedArtistRatio = ports.parameters.maxQuarantinedArtistRatio ?? DEFAULT_MAX_QUARANTINED_ARTIST_RATIO;
  if (!Number.isFinite(maxQuarantinedArtistRatio) || maxQuarantinedArtistRatio < 0 || maxQuarantinedArtistRatio > 1) {
    throw new ConfigurationError(
      `the largest share of quarantined artists is ${maxQuarantinedArtistRatio}: use a number from 0 to 1, e.g. 0.05`,
    );
  }
  const parameters: SqlParameters = {
    dt,
    similarity_k: similarityK,
    ...weightParameters(weights),
    max_quarantined_artist_ratio: maxQuarantinedArtistRatio,
  };
  if (outputKey !== undefined) {
    const location = ports.store.locationOf(outputKey);
    // UNLOAD writes into the folder: its location ends with '/' on S3 and locally alike.
    parameters.output_location = location.endsWith('/') ? location : `${location}/`;
  }
  return parameters;
}

async function recordStep(
  store: ObjectStore,
  dt: string,
  step: string,
  data: Record<string, unknown>,
  replace = false,
): Promise<void> {
  await updateManifestSection(store, dt, 'query', (current) => {
    const section = (current ?? {}) as { steps?: Record<string, Record<string, unknown>> };
    const steps = section.steps ?? {};
    steps[step] = replace ? data : { ...steps[step], ...data };
    return { ...section, steps };
  });
}
