import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { powertoolsLogger } from '../../tasks/aws/powertools-logger.js';

/** Captures what Powertools writes (one JSON object per line on stdout or stderr). */
function captureLines(): { lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return {
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('powertoolsLogger', () => {
  it('logs a structured JSON line with the message, level and attributes', () => {
    // Prepare
    const output = captureLines();
    const logger = powertoolsLogger(new PowertoolsLogger({ serviceName: 'sixpotify-test' }));

    // Act
    logger.info('slice done', { dt: '2026-11-23', artistsStaged: 42 });

    // Assess
    expect(output.lines()).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'slice done', service: 'sixpotify-test', dt: '2026-11-23', artistsStaged: 42 }),
    ]);
  });

  it('logs a message without attributes as just the message', () => {
    // Prepare
    const output = captureLines();
    const logger = powertoolsLogger(new PowertoolsLogger({ serviceName: 'sixpotify-test' }));

    // Act
    logger.warn('genres are not returned for this app');

    // Assess
    const [line] = output.lines();
    expect(Object.keys(line ?? {}).sort()).toEqual(['level', 'message', 'sampling_rate', 'service', 'timestamp']);
  });

  it('logs errors with their level', () => {
    // Prepare
    const output = captureLines();
    const logger = powertoolsLogger(new PowertoolsLogger({ serviceName: 'sixpotify-test' }));

    // Act
    logger.error('artist failed', { artistId: '4Z8W4fKeB5YxbusRsdQVPb', reason: 'timeout' });

    // Assess
    expect(output.lines()).toEqual([expect.objectContaining({ level: 'ERROR', artistId: '4Z8W4fKeB5YxbusRsdQVPb', reason: 'timeout' })]);
  });
});
