// The similarity signals, listed once. sql/07_artist_similarity.sql scores each signal in a section
// of its own and blends the signals through one weights row per entry here; the query task renders
// each entry's weight as the parameter {{weight_<name>}}, and every reader of the weights (the
// query Lambda's environment, the stack's configuration, the local runtime) validates them with
// the schema below. Adding a signal: an entry here, its section in 07 (with its row in
// signal_weights and its score column), and the column in tasks/lake/tables.ts.
import { z } from 'zod';
import { ConfigurationError } from './errors.js';

export interface SimilaritySignal {
  /** The name in `signals`, in the weights object and in {{weight_<name>}}. */
  name: string;
  /**
   * set: a set of items per artist (collaborators, genres), scored by the Jaccard of the two sets and
   * proposing candidates through shared items; vector: a point per artist, scored by distance and
   * proposing its K nearest.
   */
  kind: 'set' | 'vector';
  defaultWeight: number;
  /** When an artist has evidence for it: a pair is scored on the signal only when both artists have. */
  evidence: string;
}

export const SIMILARITY_SIGNALS = [
  { name: 'collaboration', kind: 'set', defaultWeight: 0.6, evidence: 'credited on at least one track' },
  { name: 'genre', kind: 'set', defaultWeight: 0.3, evidence: 'at least one genre' },
  { name: 'audio', kind: 'vector', defaultWeight: 0.1, evidence: 'audio features (extended access)' },
] as const satisfies readonly SimilaritySignal[];

export type SignalName = (typeof SIMILARITY_SIGNALS)[number]['name'];

export const SIGNAL_NAMES: readonly SignalName[] = SIMILARITY_SIGNALS.map((signal) => signal.name);

/** One non-negative weight per signal, not all 0; a signal whose weight is 0 is not used. */
export type SimilarityWeights = Record<SignalName, number>;

export const DEFAULT_SIMILARITY_WEIGHTS = Object.fromEntries(
  SIMILARITY_SIGNALS.map((signal) => [signal.name, signal.defaultWeight]),
) as SimilarityWeights;

export const similarityWeightsSchema = z
  .strictObject(
    Object.fromEntries(SIGNAL_NAMES.map((name) => [name, z.number().min(0)])) as Record<SignalName, z.ZodNumber>,
  )
  .refine((weights) => Object.values(weights).some((weight) => weight > 0), { message: 'the weights are all 0' });

/** The weights, or a ConfigurationError that names `source` and says what a valid value looks like. */
export function parseSimilarityWeights(value: unknown, source: string): SimilarityWeights {
  const parsed = similarityWeightsSchema.safeParse(value);
  if (parsed.success) return parsed.data as SimilarityWeights;
  const problems = parsed.error.issues.map((issue) =>
    issue.path.length === 0
      ? `${source}: ${issue.message}`
      : `${[source, ...issue.path].join('.')} is ${JSON.stringify((value as Record<PropertyKey, unknown>)[issue.path[0] as PropertyKey])}`,
  );
  throw new ConfigurationError(
    `${problems.join('; ')}: ` +
      `use {${SIGNAL_NAMES.map((name) => `"${name}": n`).join(', ')}} with numbers of 0 or more, not all 0`,
  );
}

/** The SQL parameters {{weight_<name>}}, one per signal. */
export function weightParameters(weights: SimilarityWeights): Record<`weight_${SignalName}`, number> {
  return Object.fromEntries(SIGNAL_NAMES.map((name) => [`weight_${name}`, weights[name]])) as Record<
    `weight_${SignalName}`,
    number
  >;
}
