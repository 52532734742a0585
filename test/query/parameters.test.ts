import { describe, expect, it } from 'vitest';
import { queryParametersFromEnv } from '../../tasks/query/parameters.js';
import { SETTINGS_DEFAULTS } from '../../tasks/settings/defaults.js';

describe('queryParametersFromEnv', () => {
  it('reads K and the weights CDK sets', () => {
    const env = { SIMILARITY_K: '12', SIMILARITY_WEIGHTS: '{"collaboration":0.6,"genre":0.3,"audio":0.1}' };

    expect(queryParametersFromEnv(env)).toMatchObject({
      similarityK: 12,
      weights: { collaboration: 0.6, genre: 0.3, audio: 0.1 },
    });
  });

  it('reads the largest share of quarantined artists CDK sets', () => {
    const env = { MAX_QUARANTINED_ARTIST_RATIO: '0.02', SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0}' };

    expect(queryParametersFromEnv(env).maxQuarantinedArtistRatio).toBe(0.02);
  });

  it('defaults the largest share of quarantined artists to 0.05', () => {
    const env = { SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0}' };

    expect(queryParametersFromEnv(env).maxQuarantinedArtistRatio).toBe(0.05);
  });

  it('refuses a share of quarantined artists above 1, naming the variable', () => {
    const env = { MAX_QUARANTINED_ARTIST_RATIO: '5', SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0}' };

    expect(() => queryParametersFromEnv(env)).toThrow(/MAX_QUARANTINED_ARTIST_RATIO is '5'/);
  });

  it('defaults K to 10', () => {
    const env = { SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0}' };

    expect(queryParametersFromEnv(env).similarityK).toBe(10);
  });

  it('names a weight that is missing or negative', () => {
    const env = { SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":-1,"audio":0}' };

    expect(() => queryParametersFromEnv(env)).toThrow(/SIMILARITY_WEIGHTS is .*genre: use a number of 0 or more/);
  });

  it('refuses a K that is not a whole number', () => {
    const env = { SIMILARITY_K: '2.5', SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0}' };

    expect(() => queryParametersFromEnv(env)).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
  });

  it('defaults the weights to the settings defaults when unset', () => {
    expect(queryParametersFromEnv({}).weights).toEqual(SETTINGS_DEFAULTS.similarityWeights);
  });

  it('refuses weights with a signal the blend does not know, naming it', () => {
    const env = { SIMILARITY_WEIGHTS: '{"collaboration":1,"genre":0,"audio":0,"lyrics":1}' };

    expect(() => queryParametersFromEnv(env)).toThrow(/lyrics/);
  });
});
