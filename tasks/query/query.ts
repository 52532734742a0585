// PlanQuerySteps / StartQuery / GetQueryStatus: run the SQL steps on the query engine (Athena on
// AWS, DuckDB locally). The state machine owns the Wait/poll loop; these calls list the steps (with
// the task steps of task-steps.ts between them), start one SQL step (after clearing the date's
// output so a re-run replaces it) and report its state.
import { ConfigurationError, QueryEngineBusy, QueryStartFailed, UnknownQueryStep } from '../errors.js';
import { updateManifestSection } from '../lake/manifest.js';
import type { Logger, ObjectStore, QueryEngine, QueryState } from '../ports.js';
import { renderSql, type SqlParameters } from './render.js';
import { listQuerySteps, readQueryStep } from './steps.js';
import { withTaskSteps } from './task-steps.js';

export interface SimilarityParameters {
  /** Neighbours kept per artist. */
  similarityK: number;
  /** Blend weights; each signal's weight only counts for pairs where the signal exists. */
  weights: { collaboration: number; genre: number; audio: number };
}

export interface QueryPorts {
  store: ObjectStore;
  engine: QueryEngine;
  logger: Logger;
  /** Folder holding the NN_<step>.sql files. */
  sqlDir: string;
  parameters: SimilarityParameters;
}

export interface QueryProgress {
  step: string;
  queryId: string;
  attempt: number;
  state?: QueryState;
  reason?: string;
}

export async function planQuerySteps(ports: Pick<QueryPorts, 'sqlDir' | 'logger'>): Promise<{ steps: string[] }> {
  const sqlSteps = await listQuerySteps(ports.sqlDir);
  if (sqlSteps.length === 0) throw new UnknownQueryStep(`no SQL steps (NN_<step>.sql) in ${ports.sqlDir}`);
  const steps = withTaskSteps(sqlSteps);
  ports.logger.info('query steps planned', { steps });
  return { steps };
}

export async function startQueryStep(dt: string, stepName: string, ports: QueryPorts): Promise<QueryProgress> {
  const step = await readQueryStep(ports.sqlDir, stepName);
  const outputKey = step.output === undefined ? undefined : `${step.output}/dt=${dt}/`;
  const sql = renderSql(step.sql, sqlParameters(dt, outputKey, ports), step.name);
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
  const finished = state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
  // The state machine passes dt to the poll only if its definition does; without it there is no manifest to write.
  if (finished && input.dt !== undefined) {
    await recordStep(ports.store, input.dt, input.step, {
      state,
      finishedAt: new Date().toISOString(),
      polls: input.attempt,
      ...(progress.reason === undefined ? {} : { reason: progress.reason }),
    });
  }
  return progress;
}

function sqlParameters(dt: string, outputKey: string | undefined, ports: QueryPorts): SqlParameters {
  const { similarityK, weights } = ports.parameters;
  if (!Number.isInteger(similarityK) || similarityK < 1) {
    throw new ConfigurationError(`similarity K is ${similarityK}: it must be a whole number of at least 1`);
  }
  for (const [signal, weight] of Object.entries(weights)) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new ConfigurationError(`the ${signal} weight is ${weight}: weights must be numbers of 0 or more`);
    }
  }
  if (weights.collaboration + weights.genre + weights.audio <= 0) {
    throw new ConfigurationError('the similarity weights are all 0: give at least one signal a weight');
  }
  const parameters: SqlParameters = {
    dt,
    similarity_k: similarityK,
    weight_collaboration: weights.collaboration,
    weight_genre: weights.genre,
    weight_audio: weights.audio,
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
