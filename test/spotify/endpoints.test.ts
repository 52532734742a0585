// Where the Spotify client is pointed: Spotify's own endpoints unless SPOTIFY_API_URL and
// SPOTIFY_TOKEN_URL name a Spotify-compatible one (issue 8, item 8).
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../tasks/errors.js';
import { SPOTIFY_API_BASE_URL, SPOTIFY_TOKEN_URL } from '../../tasks/spotify/client.js';
import { isHttpUrl, spotifyEndpointsFromEnv } from '../../tasks/spotify/endpoints.js';

describe('spotifyEndpointsFromEnv', () => {
  it("defaults to Spotify's own API and token endpoint", () => {
    const endpoints = spotifyEndpointsFromEnv({});

    expect(endpoints).toEqual({ apiBaseUrl: SPOTIFY_API_BASE_URL, tokenUrl: SPOTIFY_TOKEN_URL });
  });

  it('takes the API from SPOTIFY_API_URL and the token endpoint from SPOTIFY_TOKEN_URL', () => {
    const endpoints = spotifyEndpointsFromEnv({
      SPOTIFY_API_URL: 'http://127.0.0.1:8080/v1',
      SPOTIFY_TOKEN_URL: 'https://proxy.example.com/api/token',
    });

    expect(endpoints).toEqual({ apiBaseUrl: 'http://127.0.0.1:8080/v1', tokenUrl: 'https://proxy.example.com/api/token' });
  });

  it('treats an empty variable as unset', () => {
    const endpoints = spotifyEndpointsFromEnv({ SPOTIFY_API_URL: '  ', SPOTIFY_TOKEN_URL: '' });

    expect(endpoints).toEqual({ apiBaseUrl: SPOTIFY_API_BASE_URL, tokenUrl: SPOTIFY_TOKEN_URL });
  });

  it('refuses a SPOTIFY_API_URL that is not an http(s) URL, naming the variable', () => {
    const read = () => spotifyEndpointsFromEnv({ SPOTIFY_API_URL: 'api.spotify.com/v1' });

    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/^SPOTIFY_API_URL is 'api.spotify.com\/v1', not an http\(s\) URL/);
  });

  it('refuses a SPOTIFY_TOKEN_URL with another scheme, naming the variable', () => {
    const read = () => spotifyEndpointsFromEnv({ SPOTIFY_TOKEN_URL: 'ftp://accounts.example.com/api/token' });

    expect(read).toThrow(/^SPOTIFY_TOKEN_URL is 'ftp:\/\/accounts.example.com\/api\/token', not an http\(s\) URL/);
  });
});

describe('isHttpUrl', () => {
  it('accepts absolute http and https URLs only', () => {
    const verdicts = ['https://api.spotify.com/v1', 'http://127.0.0.1:9/v1', 'file:///tmp/x', '/v1', 'not a url'].map(isHttpUrl);

    expect(verdicts).toEqual([true, true, false, false, false]);
  });
});
