// PlanQuerySteps / StartQuery / GetQueryStatus: run the SQL steps on the query engine (Athena on
// AWS, DuckDB locally). The state machine owns the Wait/poll loop; these calls list the steps (with
// the task steps of task-steps.ts between them), start one SQL step (after clearing the date's output
// so a re-run replaces it) and report its state, with the time elapsed since the start (the loop's
// bound) and the wait before the next poll: aimed just past the step's duration in the last run where
// there is one (step-history.ts), so the step's polls do not grow with the data. When a check step
// (one that writes nothing) succeeds, its rows are read and any violation fails the step with
// DataQualityCheckFailed, which the state machine never retries.
//
// Idempotent starts: the state machine passes its execution id and redrive count, and the start derives
// a request token from them and the step (Athena's ClientRequestToken). A Lambda retry of the same start
// (a lost response, a timeout) carries the same token: it finds the token in the run manifest, so it
// leaves the output prefix alone, and the engine answers with the query already started instead of
// starting a second UNLOAD into the prefix just emptied. A redrive or a new execution is a new attempt:
// a new token, the prefix cleared once, a new query.
import { createHash } from 'node:crypto';
import { ConfigurationError, QueryEngineBusy, QueryStartFailed, UnknownQueryStep } from '../errors.js';
import { readManifest, updateManifestSection } from '../lake/manifest.js';
import type { Clock, Logger, ObjectStore, QueryEngine, QueryState } from '../ports.js';
import {
  quarantineRatioSchema,
  settingProblem,
  SETTINGS_DEFAULTS,
  SIMILARITY_SIGNALS,
  similarityKSchema,
  similarityWeightsSchema,
  type SimilarityWeights,
} from '../settings/defaults.js';
import { pollPolicy, TIMING_BUDGET } from '../timing/budget.js';
import { pollTiming, startPolling, wallClock, type PollHint, type PollPolicy, type PollTiming } from '../timing/polling.js';
import { assertChecksPassed, readCheckResults, type CheckResult } from './checks.js';
import { renderSql, type SqlParameters } from './render.js';
import { lastStepSeconds } from './step-history.js';
import { listQuerySteps, readQueryStep, type QueryStep } from './steps.js';
import { withTaskSteps } from './task-steps.js';

export interface SimilarityParameters {
  /** Neighbours kept per artist. */
  similarityK: number;
  /** Blend weights; each signal's weight only counts for pairs where the signal exists. */
  weights: SimilarityWeights;
}

export interface QueryParameters extends SimilarityParameters {
  /**
   * 05_check_curated fails the run when more than this share of the date's tracked artists had rows
   * quarantined by 00_quarantine (default SETTINGS_DEFAULTS.maxQuarantinedArtistRatio): one artist's bad data
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
  /** The wall clock unless given. */
  clock?: Clock;
  /** The budget's policy unless given (the local runtime gives one scaled to its shortened waits). */
  polling?: PollPolicy;
}

/** Which attempt of a step a start belongs to, as the state machine's Context object says. */
export interface StartAttempt {
  /** $$.Execution.Id */
  execution: string;
  /** $$.Execution.RedriveCount: 0 until the execution is redriven. */
  redriveCount: number;
}

export interface QueryProgress extends PollTiming {
  step: string;
  queryId: string;
  /** Polls so far, for the record; the loop is bounded by elapsedSeconds. */
  attempt: number;
  state?: QueryState;
  reason?: string;
  /** Bytes the finished query scanned (Athena bills them); the run's cost reads it from here. */
  bytesScanned?: number;
}

/** What the manifest keeps of a step (runs/<dt>/manifest.json, query.steps.<step>). */
interface RecordedStep {
  requestToken?: string;
  queryId?: string;
  startedAt?: string;
  state?: QueryState;
  /** How long the step took when it last ran (the first poll aims just past it); absent the first time. */
  expectedSeconds?: number;
  /** The engine's measure of this run's duration, once over: the next run's expectedSeconds. */
  durationSeconds?: number | null;
}

export async function planQuerySteps(ports: Pick<QueryPorts, 'sqlDir' | 'logger'>): Promise<{ steps: string[] }> {
  const sqlSteps = await listQuerySteps(ports.sqlDir);
  if (sqlSteps.length === 0) throw new UnknownQueryStep(`no SQL steps (NN_<step>.sql) in ${ports.sqlDir}`);
  const steps = withTaskSteps(sqlSteps);
  // The state machine's worst case (history events, run time) is counted with this many Map iterations.
  if (steps.length > TIMING_BUDGET.query.maxSteps) {
    throw new ConfigurationError(
      `${ports.sqlDir} has ${steps.length} steps (SQL and task steps), more than the ${TIMING_BUDGET.query.maxSteps} the timing budget allows: ` +
        'raise query.maxSteps in tasks/timing/budget.ts and run the budget tests',
    );
  }
  ports.logger.info('query steps planned', { steps });
  return { steps };
}

/** Athena's ClientRequestToken takes 32 to 128 characters: a SHA-256 hex digest is 64. */
export function requestTokenFor(attempt: StartAttempt, step: string): string {
  return createHash('sha256').update(`${attempt.execution}\n${step}\nredrive ${attempt.redriveCount}`).digest('hex');
}

export async function startQueryStep(
  dt: string,
  stepName: string,
  ports: QueryPorts,
  attempt?: StartAttempt,
): Promise<QueryProgress> {
  const step = await readQueryStep(ports.sqlDir, stepName);
  const { sql, outputKey } = renderQueryStep(step, dt, ports);
  const requestToken = attempt === undefined ? undefined : requestTokenFor(attempt, step.name);
  const previous = await recordedStep(ports.store, dt, step.name);
  const retry = requestToken !== undefined && previous?.requestToken === requestToken;
  // A retry of this attempt keeps the estimate it made; a new attempt reads it before replacing the record.
  const expectedSeconds = retry ? previous?.expectedSeconds : await lastStepSeconds(ports.store, dt, step.name, previous);
  const hint: PollHint = { expectedSeconds };
  if (!retry) {
    await refuseWhileEarlierQueryRuns(step.name, previous, ports);
    // Athena's UNLOAD refuses a non-empty location, and a re-run must replace the date: clear it first,
    // once per attempt, and say so in the manifest before starting so a retry of this attempt knows.
    const deleted = outputKey === undefined ? 0 : await ports.store.deletePrefix(outputKey);
    await recordStep(ports.store, dt, step.name, { requestToken, output: outputKey ?? null, replacedObjects: deleted }, true);
  }
  let queryId: string;
  try {
    queryId = await ports.engine.start(sql, step.name, requestToken);
  } catch (error) {
    // By name, as the state machine matches it: an adapter's busy error may come from another module copy.
    if ((error as Error).name === QueryEngineBusy.name) throw error;
    throw new QueryStartFailed(`SQL step '${step.name}' could not be started: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const clock = ports.clock ?? wallClock;
  const policy = ports.polling ?? pollPolicy();
  // A retry that got the same query back keeps its start time, so the elapsed-time bound stays honest.
  const timing =
    retry && previous?.queryId === queryId && previous.startedAt !== undefined
      ? pollTiming(previous.startedAt, clock, policy, hint)
      : startPolling(clock, policy, hint);
  ports.logger.info('query started', { dt, step: step.name, queryId, output: outputKey ?? null, retry, expectedSeconds: expectedSeconds ?? null });
  await recordStep(ports.store, dt, step.name, {
    queryId,
    startedAt: timing.startedAt,
    ...(expectedSeconds === undefined ? {} : { expectedSeconds }),
  });
  return { step: step.name, queryId, attempt: 0, ...timing };
}

export async function getQueryStepStatus(
  input: { step: string; queryId: string; attempt: number; startedAt: unknown; dt?: string },
  ports: QueryPorts,
): Promise<QueryProgress> {
  // The start kept its estimate in the manifest: the state machine passes the poll only what it needs.
  const expectedSeconds = input.dt === undefined ? undefined : (await recordedStep(ports.store, input.dt, input.step))?.expectedSeconds;
  const timing = pollTiming(input.startedAt, ports.clock ?? wallClock, ports.polling ?? pollPolicy(), { expectedSeconds });
  const { state, reason, bytesScanned, durationSeconds } = await ports.engine.status(input.queryId);
  const progress: QueryProgress = { step: input.step, queryId: input.queryId, attempt: input.attempt, state, ...timing };
  if (bytesScanned !== undefined) progress.bytesScanned = bytesScanned;
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
      elapsedSeconds: timing.elapsedSeconds,
      // null, not absent, where the engine measured none: step-history.ts reads an absent one as an old record.
      durationSeconds: durationSeconds ?? null,
      ...(progress.reason === undefined ? {} : { reason: progress.reason }),
      ...(checks === undefined ? {} : { checks: Object.fromEntries(checks.map((check) => [check.check, check.violations])) }),
      ...(bytesScanned === undefined ? {} : { bytesScanned }),
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

/**
 * A new attempt clears the prefix an earlier attempt's query may still be writing into (a redrive after
 * a poll that failed, say): refuse until that query ends. QueryEngineBusy is retried with backoff.
 */
async function refuseWhileEarlierQueryRuns(step: string, previous: RecordedStep | undefined, ports: QueryPorts): Promise<void> {
  if (previous?.queryId === undefined || previous.state !== undefined) return;
  const { state } = await ports.engine.status(previous.queryId);
  if (state === 'QUEUED' || state === 'RUNNING') {
    throw new QueryEngineBusy(
      `SQL step '${step}': query ${previous.queryId} of an earlier attempt is still ${state}; its output is left alone until it ends`,
    );
  }
}

async function recordedStep(store: ObjectStore, dt: string, step: string): Promise<RecordedStep | undefined> {
  const section = (await readManifest(store, dt)).query as { steps?: Record<string, RecordedStep> } | undefined;
  return section?.steps?.[step];
}

function sqlParameters(dt: string, outputKey: string | undefined, ports: RenderPorts): SqlParameters {
  const { similarityK, weights } = ports.parameters;
  const maxQuarantinedArtistRatio = ports.parameters.maxQuarantinedArtistRatio ?? SETTINGS_DEFAULTS.maxQuarantinedArtistRatio;
  const problem =
    settingProblem(similarityKSchema, similarityK) ??
    settingProblem(similarityWeightsSchema, weights) ??
    settingProblem(quarantineRatioSchema, maxQuarantinedArtistRatio);
  if (problem !== undefined) {
    throw new ConfigurationError(
      `similarity K ${similarityK}, weights ${JSON.stringify(weights)}, quarantine ratio ${maxQuarantinedArtistRatio}: ${problem}`,
    );
  }
  const parameters: SqlParameters = {
    dt,
    similarity_k: similarityK,
    ...Object.fromEntries(SIMILARITY_SIGNALS.map((signal) => [`weight_${signal}`, weights[signal]])),
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
