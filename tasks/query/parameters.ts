// The SQL steps' parameters from the Lambda's environment, set by CDK from the stack configuration:
// the similarity K (a whole number), the weights (one per signal of SIMILARITY_SIGNALS, as JSON) and
// the largest share of quarantined artists (0 to 1). Each falls back to SETTINGS_DEFAULTS when unset.
import {
  quarantineRatioSchema,
  SETTINGS_DEFAULTS,
  similarityWeightsSchema,
  type SimilarityWeights,
} from '../settings/defaults.js';
import { ENV } from '../settings/environment.js';
import { settingFromEnv, similarityKFromEnv } from '../settings/from-env.js';
import type { z } from 'zod';
import type { QueryParameters } from './query.js';

export function queryParametersFromEnv(env: NodeJS.ProcessEnv = process.env): QueryParameters {
  return {
    similarityK: similarityKFromEnv(env),
    weights: setting<SimilarityWeights>(env, ENV.similarityWeights, similarityWeightsSchema, SETTINGS_DEFAULTS.similarityWeights, json),
    maxQuarantinedArtistRatio: setting(
      env,
      ENV.maxQuarantinedArtistRatio,
      quarantineRatioSchema,
      SETTINGS_DEFAULTS.maxQuarantinedArtistRatio,
      Number,
    ),
  };
}

function setting<T>(env: NodeJS.ProcessEnv, name: string, schema: z.ZodType, fallback: T, decode: (text: string) => unknown): T {
  return settingFromEnv(env, name, schema, fallback, decode);
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
