import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { spotifyCredentialsFromSecret } from '../../tasks/aws/secrets.js';
import { ConfigurationError } from '../../tasks/errors.js';

const secrets = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sixpotify/spotify-AbCdEf';
const GOOD = JSON.stringify({ clientId: 'id-1', clientSecret: 'secret-1' });

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-11-23T16:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const credentials = (clock = manualClock()) =>
  spotifyCredentialsFromSecret(new SecretsManagerClient({ region: 'eu-west-1' }), ARN, { ttlMs: 60_000, clock });

afterEach(() => {
  secrets.reset();
});

describe('spotifyCredentialsFromSecret', () => {
  it('reads the client id and secret from the secret named by its ARN', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: GOOD });

    // Act
    const value = await credentials()();

    // Assess
    expect(value).toEqual({ clientId: 'id-1', clientSecret: 'secret-1' });
  });

  it('reads Secrets Manager once within the TTL, however often it is asked', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: GOOD });
    const read = credentials();

    // Act
    await Promise.all([read(), read()]);
    await read();

    // Assess
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads the secret again once the TTL has passed, so a rotated secret is picked up', async () => {
    // Prepare
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: GOOD })
      .resolves({ SecretString: JSON.stringify({ clientId: 'id-2', clientSecret: 'secret-2' }) });
    const clock = manualClock();
    const read = credentials(clock);
    await read();

    // Act
    clock.advance(60_000);
    const value = await read();

    // Assess
    expect(value).toEqual({ clientId: 'id-2', clientSecret: 'secret-2' });
  });

  it('does not cache a failed read: the next call tries again', async () => {
    // Prepare
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'not found yet', $metadata: {} }))
      .resolves({ SecretString: GOOD });
    const read = credentials();
    await expect(read()).rejects.toThrow('not found yet');

    // Act
    const value = await read();

    // Assess
    expect(value).toEqual({ clientId: 'id-1', clientSecret: 'secret-1' });
  });

  it('fails with a ConfigurationError naming the missing field', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ clientId: 'id-1' }) });

    // Act
    const reading = credentials()();

    // Assess
    await expect(reading).rejects.toThrow(ConfigurationError);
    await expect(reading).rejects.toThrow(`Spotify credentials secret ${ARN} is malformed: clientSecret is missing or empty.`);
  });

  it('fails when both fields are empty strings', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ clientId: ' ', clientSecret: '' }) });

    // Act
    const reading = credentials()();

    // Assess
    await expect(reading).rejects.toThrow('clientId and clientSecret are missing or empty');
  });

  it('never puts the secret value in the error when the secret is not JSON', async () => {
    // Prepare
    const value = 'client-id:super-secret-value';
    secrets.on(GetSecretValueCommand).resolves({ SecretString: value });

    // Act
    const error = await credentials()().then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toContain('it is not JSON');
    expect(JSON.stringify({ message: error?.message, stack: error?.stack, cause: String(error?.cause) })).not.toContain('super-secret');
  });

  it('fails clearly for a binary secret', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });

    // Act
    const reading = credentials()();

    // Assess
    await expect(reading).rejects.toThrow('it has no string value (a binary secret?)');
  });

  it('fails clearly for JSON that is not an object', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '["id-1","secret-1"]' });

    // Act
    const reading = credentials()();

    // Assess
    await expect(reading).rejects.toThrow('it is not a JSON object');
  });
});
