// The SQL steps' parameters from the Lambda's environment, set by CDK from the stack configuration:
// SIMILARITY_K (a whole number), SIMILARITY_WEIGHTS (one weight per signal of tasks/signals.ts) and
// MAX_QUARANTINED_ARTIST_RATIO (a share from 0 to 1).
import { ConfigurationError } from '../errors.js';
import { parseSimilarityWeights, type SimilarityWeights } from '../signals.js';
import { DEFAULT_MAX_QUARANTINED_ARTIST_RATIO, type QueryParameters } from './query.js';

export function queryParametersFromEnv(env: NodeJS.ProcessEnv = process.env): QueryParameters {
  const similarityK = Number(env.SIMILARITY_K ?? '10');
  if (!Number.isInteger(similarityK) || similarityK < 1) {
    throw new ConfigurationError(`SIMILARITY_K is '${env.SIMILARITY_K}', not a whole number of at least 1`);
  }
  return {
    similarityK,
    weights: parseWeights(env.SIMILARITY_WEIGHTS),
    maxQuarantinedArtistRatio: parseRatio(env.MAX_QUARANTINED_ARTIST_RATIO),
  };
}

function parseRatio(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_MAX_QUARANTINED_ARTIST_RATIO;
  const ratio = Number(text);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new ConfigurationError(`MAX_QUARANTINED_ARTIST_RATIO is '${text}': use a number from 0 to 1, e.g. 0.05`);
  }
  return ratio;
}

function parseWeights(text: string | undefined): SimilarityWeights {
  if (text === undefined || text.trim() === '') throw new ConfigurationError('SIMILARITY_WEIGHTS is not set');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`SIMILARITY_WEIGHTS is not JSON: ${text}`, { cause: error });
  }
  return parseSimilarityWeights(value, 'SIMILARITY_WEIGHTS');
}
