// The Spotify app's credentials on AWS: a Secrets Manager secret holding {"clientId","clientSecret"}.
// Read lazily, cached for a while per Lambda container (so a rotation is picked up without a redeploy),
// and never logged: no error message or cause built here contains any part of the secret's value.
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '../errors.js';
import type { Clock } from '../ports.js';

export interface SpotifyCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SecretCacheOptions {
  /** How long a read value is reused; default 5 minutes. */
  ttlMs?: number;
  clock?: Clock;
}

const DEFAULT_TTL_MS = 5 * 60 * 1000;

/** A function returning the credentials, reading the secret at most once per TTL (concurrent callers share one read). */
export function spotifyCredentialsFromSecret(
  client: SecretsManagerClient,
  secretArn: string,
  options: SecretCacheOptions = {},
): () => Promise<SpotifyCredentials> {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const clock = options.clock ?? { now: () => new Date() };
  let cached: { value: Promise<SpotifyCredentials>; expiresAt: number } | undefined;

  return async () => {
    const now = clock.now().getTime();
    if (cached === undefined || now >= cached.expiresAt) {
      const value = readCredentials(client, secretArn);
      cached = { value, expiresAt: now + ttlMs };
      // A failed read must not be served from the cache: the next call tries again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}

async function readCredentials(client: SecretsManagerClient, secretArn: string): Promise<SpotifyCredentials> {
  const response = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (response.SecretString === undefined) {
    throw malformed(secretArn, 'it has no string value (a binary secret?)');
  }
  return parseCredentials(response.SecretString, secretArn);
}

/** Validates the secret's JSON. Errors name the secret and what is wrong, never its content. */
export function parseCredentials(secretString: string, secretArn: string): SpotifyCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    // The parser's message quotes the text it choked on, which is the secret: leave it out, with no cause.
    throw malformed(secretArn, 'it is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed(secretArn, 'it is not a JSON object');
  }
  const { clientId, clientSecret } = parsed as Record<string, unknown>;
  if (isFilled(clientId) && isFilled(clientSecret)) return { clientId, clientSecret };
  const missing = Object.entries({ clientId, clientSecret })
    .filter(([, value]) => !isFilled(value))
    .map(([name]) => name);
  throw malformed(secretArn, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing or empty`);
}

function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function malformed(secretArn: string, problem: string): ConfigurationError {
  return new ConfigurationError(
    `Spotify credentials secret ${secretArn} is malformed: ${problem}. Store {"clientId": "...", "clientSecret": "..."} in it.`,
  );
}
