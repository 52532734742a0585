// The deployment configuration: one typed place, read from cdk.json context with defaults, and a
// clear synth-time error naming the context key for every malformed value (issue 5, item 2).
import { describe, expect, it } from 'vitest';
import { bundlingTarget, CONFIG_CONTEXT_KEYS, DEFAULT_CONFIG, InvalidDeploymentConfig, readConfig } from '../../infra/config.js';
import { cdkJsonContext } from '../../infra/synth.js';

function contextOf(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

describe('readConfig', () => {
  it('defaults to stage dev, a 01:00 Asia/Seoul schedule and Node.js 24', () => {
    const config = readConfig(contextOf({}));

    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config).toMatchObject({ stage: 'dev', scheduleExpression: 'cron(0 1 * * ? *)', timeZone: 'Asia/Seoul', nodeRuntime: 'nodejs24.x' });
  });

  it('finds in cdk.json only real overrides: no key there repeats its default', () => {
    const context = cdkJsonContext();
    const config = readConfig(contextOf(context));

    const repeated = (Object.keys(CONFIG_CONTEXT_KEYS) as (keyof typeof CONFIG_CONTEXT_KEYS)[]).filter(
      (key) => CONFIG_CONTEXT_KEYS[key] in context && JSON.stringify(config[key]) === JSON.stringify(DEFAULT_CONFIG[key]),
    );
    expect(repeated).toEqual([]);
  });

  it('takes every value from the context when given', () => {
    const config = readConfig(
      contextOf({
        'sixpotify:stage': 'prod',
        'sixpotify:scheduleExpression': 'cron(30 2 * * ? *)',
        'sixpotify:timeZone': 'Europe/Berlin',
        'sixpotify:trackedArtistsKey': 'config/artists-prod.json',
        'sixpotify:similarityK': 10,
        'sixpotify:similarityWeights': { collaboration: 1, genre: 0, audio: 0 },
        'sixpotify:maxQuarantinedArtistRatio': 0.02,
        'sixpotify:bytesScannedCutoffPerQuery': 100_000_000,
        'sixpotify:alertEmail': 'oncall@example.com',
        'sixpotify:nodeRuntime': 'nodejs22.x',
        'sixpotify:resultTtlDays': 7,
        'sixpotify:logRetentionDays': 30,
        'sixpotify:spotifyApiUrl': 'https://spotify-proxy.internal/v1',
        'sixpotify:spotifyTokenUrl': 'https://spotify-proxy.internal/api/token',
      }),
    );

    expect(config).toEqual({
      stage: 'prod',
      scheduleExpression: 'cron(30 2 * * ? *)',
      timeZone: 'Europe/Berlin',
      trackedArtistsKey: 'config/artists-prod.json',
      similarityK: 10,
      similarityWeights: { collaboration: 1, genre: 0, audio: 0 },
      maxQuarantinedArtistRatio: 0.02,
      bytesScannedCutoffPerQuery: 100_000_000,
      alertEmail: 'oncall@example.com',
      nodeRuntime: 'nodejs22.x',
      resultTtlDays: 7,
      logRetentionDays: 30,
      spotifyApiUrl: 'https://spotify-proxy.internal/v1',
      spotifyTokenUrl: 'https://spotify-proxy.internal/api/token',
    });
  });

  it('parses numbers and weights given as strings on the command line (cdk -c key=value)', () => {
    const config = readConfig(
      contextOf({ 'sixpotify:similarityK': '5', 'sixpotify:similarityWeights': '{"collaboration":0.5,"genre":0.5,"audio":0}' }),
    );

    expect(config.similarityK).toBe(5);
    expect(config.similarityWeights).toEqual({ collaboration: 0.5, genre: 0.5, audio: 0 });
  });

  it('treats an empty alert e-mail as none', () => {
    expect(readConfig(contextOf({ 'sixpotify:alertEmail': '' })).alertEmail).toBeUndefined();
  });

  it("treats empty Spotify endpoints as Spotify's own", () => {
    const config = readConfig(contextOf({ 'sixpotify:spotifyApiUrl': '', 'sixpotify:spotifyTokenUrl': '' }));

    expect({ api: config.spotifyApiUrl, token: config.spotifyTokenUrl }).toEqual({ api: undefined, token: undefined });
  });

  it.each([
    ['sixpotify:stage', 'Prod'],
    ['sixpotify:scheduleExpression', '0 1 * * *'],
    ['sixpotify:timeZone', 'Seoul'],
    ['sixpotify:trackedArtistsKey', 'raw/tracked.json'],
    ['sixpotify:similarityK', 0],
    ['sixpotify:similarityWeights', { collaboration: 0, genre: 0, audio: 0 }],
    ['sixpotify:similarityWeights', { collaboration: 1, popularity: 1 }],
    ['sixpotify:maxQuarantinedArtistRatio', 1.5],
    ['sixpotify:bytesScannedCutoffPerQuery', 1_000],
    ['sixpotify:alertEmail', 'not-an-address'],
    ['sixpotify:nodeRuntime', 'nodejs8.x'],
    ['sixpotify:logRetentionDays', 45],
    ['sixpotify:spotifyApiUrl', 'api.spotify.com/v1'],
    ['sixpotify:spotifyTokenUrl', 'ftp://accounts.example.com/api/token'],
  ])('rejects %s = %j with an error naming the key', (key, value) => {
    expect(() => readConfig(contextOf({ [key]: value }))).toThrow(InvalidDeploymentConfig);
    expect(() => readConfig(contextOf({ [key]: value }))).toThrow(`context ${key} is`);
  });
});

describe('bundlingTarget', () => {
  it("targets esbuild at the runtime's Node.js version", () => {
    expect(bundlingTarget({ ...DEFAULT_CONFIG, nodeRuntime: 'nodejs24.x' })).toBe('node24');
  });
});
