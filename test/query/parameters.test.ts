import { describe, expect, it } from 'vitest';
import { similarityParametersFromEnv } from '../../tasks/query/parameters.js';

describe('similarityParametersFromEnv', () => {
  it('reads K and the weights CDK sets', () => {
    const env = { SIMILARITY_K: '12', SIMILARITY_WEIGHTS: '{"collaboration":0.6,"genre":0.3,"audio":0.1}' };

    expect(similarityParametersFromEnv(env)).toEqual({
      similarityK: 12,
      weights: { collaboration: 0.6, genre: 0.3, audio: 0.1 },
    });
  });

  it('defaults K to 10', () => {
    const env = { SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0}' };

    expect(similarityParametersFromEnv(env).similarityK).toBe(10);
  });

  it('names a weight that is missing or negative', () => {
    const env = { SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":-1,"audio":0}' };

    expect(() => similarityParametersFromEnv(env)).toThrow(/SIMILARITY_WEIGHTS.genre is -1/);
  });

  it('refuses a K that is not a whole number', () => {
    const env = { SIMILARITY_K: '2.5', SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0}' };

    expect(() => similarityParametersFromEnv(env)).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
  });

  it('says when the weights are not set', () => {
    expect(() => similarityParametersFromEnv({})).toThrow('SIMILARITY_WEIGHTS is not set');
  });
});
