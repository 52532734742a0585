import { afterEach, describe, expect, it } from 'vitest';
import { probeCapabilities } from '../../tasks/spotify/capabilities.js';
import { startHarness, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const at = new Date('2026-05-01T00:00:00Z');

describe('capability probe', () => {
  it('finds only the 2026 development-mode surface for a development-mode app', async () => {
    harness = await startHarness({ access: 'development' });

    const capabilities = await probeCapabilities(harness.client, harness.catalog.artists[0]!.id, at);

    expect(capabilities).toMatchObject({
      genres: true,
      followers: false,
      popularity: false,
      topTracks: false,
      audioFeatures: false,
      batchArtists: false,
    });
    expect(capabilities.notes.audioFeatures).toMatch(/answered 403/);
  });

  it('notices when a development-mode app gets no genres', async () => {
    harness = await startHarness({ access: 'development', simulator: { genres: false } });

    const capabilities = await probeCapabilities(harness.client, harness.catalog.artists[0]!.id, at);

    expect(capabilities.genres).toBe(false);
  });

  it('finds every optional endpoint and field for an extended-access app', async () => {
    harness = await startHarness({ access: 'extended' });

    const capabilities = await probeCapabilities(harness.client, harness.catalog.artists[0]!.id, at);

    expect(capabilities).toMatchObject({
      genres: true,
      followers: true,
      popularity: true,
      topTracks: true,
      audioFeatures: true,
      batchArtists: true,
      notes: {},
    });
  });
});
