// The deployment's tunable defaults, written once: CDK config (infra/config.ts) falls back to them,
// the Lambdas fall back to them when a variable is unset, and the local runtime, the bench and the
// tests read them. cdk.json holds only values that differ from these.
import { z } from 'zod';

/** The similarity signals the blend (sql/) weighs, in the order their weights are listed. */
export const SIMILARITY_SIGNALS = ['collaboration', 'genre', 'audio'] as const;
export type SimilaritySignal = (typeof SIMILARITY_SIGNALS)[number];

const weight = z.number().finite().min(0, 'use a number of 0 or more');

/** One weight per signal, nothing else; each counts only for pairs where its signal exists, so not all may be 0. */
export const similarityWeightsSchema = z
  .strictObject(Object.fromEntries(SIMILARITY_SIGNALS.map((signal) => [signal, weight])) as Record<SimilaritySignal, typeof weight>)
  .refine((weights) => SIMILARITY_SIGNALS.some((signal) => weights[signal] > 0), {
    message: 'the weights are all 0: give at least one signal a weight',
  });
export type SimilarityWeights = z.infer<typeof similarityWeightsSchema>;

/** Neighbours kept per artist. */
export const similarityKSchema = z.number().int().min(1, 'use a whole number of at least 1');

/** The largest share of tracked artists that may be quarantined before the night fails. */
export const quarantineRatioSchema = z.number().finite().min(0).max(1, 'use a number from 0 to 1, e.g. 0.05');

export const SETTINGS_DEFAULTS = {
  /** IANA time zone of the schedule and of the run date (`dt` defaults to today there). */
  timeZone: 'Asia/Seoul',
  /** Days a published DynamoDB item lives after its run: long enough to outlast weeks of failed runs. */
  resultTtlDays: 30,
  similarityK: 10,
  similarityWeights: { collaboration: 0.6, genre: 0.3, audio: 0.1 } satisfies SimilarityWeights,
  /** Lake key of the tracked-artist list the fetch reads and the chatbot lookup appends to. */
  trackedArtistsKey: 'config/tracked-artists.json',
  maxQuarantinedArtistRatio: 0.05,
} as const;

/** What is wrong with a value for `schema`, naming the field (`audio: use a number of 0 or more`), or undefined when it fits. */
export function settingProblem(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  return result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
