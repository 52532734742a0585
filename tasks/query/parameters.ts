// The SQL steps' parameters from the Lambda's environment, set by CDK from the stack configuration:
// SIMILARITY_K (a whole number), SIMILARITY_WEIGHTS ({"collaboration":..,"genre":..,"audio":..}) and
// MAX_QUARANTINED_ARTIST_RATIO (a share from 0 to 1).
import { ConfigurationError } from '../errors.js';
import { DEFAULT_MAX_QUARANTINED_ARTIST_RATIO, type QueryParameters } from './query.js';

export function queryParametersFromEnv(env: NodeJS.ProcessEnv = process.env): QueryParameters {
  return {
    similarityK: similarityKFromEnv(env),
    weights: parseWeights(env.SIMILARITY_WEIGHTS),
    maxQuarantinedArtistRatio: parseRatio(env.MAX_QUARANTINED_ARTIST_RATIO),
  };
}

/** SIMILARITY_K alone, for tasks that keep K neighbours but blend nothing. */
export function similarityKFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const similarityK = Number(env.SIMILARITY_K ?? '10');
  if (!Number.isInteger(similarityK) || similarityK < 1) {
    throw new ConfigurationError(`SIMILARITY_K is '${env.SIMILARITY_K}', not a whole number of at least 1`);
  }
  return similarityK;
}

function parseRatio(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_MAX_QUARANTINED_ARTIST_RATIO;
  const ratio = Number(text);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new ConfigurationError(`MAX_QUARANTINED_ARTIST_RATIO is '${text}': use a number from 0 to 1, e.g. 0.05`);
  }
  return ratio;
}

function parseWeights(text: string | undefined): QueryParameters['weights'] {
  if (text === undefined || text.trim() === '') throw new ConfigurationError('SIMILARITY_WEIGHTS is not set');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`SIMILARITY_WEIGHTS is not JSON: ${text}`, { cause: error });
  }
  const weights = value as Record<string, unknown>;
  const read = (signal: string): number => {
    const weight = weights[signal];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new ConfigurationError(`SIMILARITY_WEIGHTS.${signal} is ${JSON.stringify(weight)}: use a number of 0 or more`);
    }
    return weight;
  };
  return { collaboration: read('collaboration'), genre: read('genre'), audio: read('audio') };
}
