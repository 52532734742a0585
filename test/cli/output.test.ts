import { describe, expect, it } from 'vitest';
import { displayWidth, formatDuration, formatOffset, formatTable } from '../../infra/cli/output.js';

describe('formatDuration', () => {
  it.each([
    [850, '850ms'],
    [12_340, '12.3s'],
    [245_000, '4m05s'],
    [7_380_000, '2h03m'],
  ])('writes %d ms as %s', (ms, text) => {
    // Act
    const formatted = formatDuration(ms);

    // Assess
    expect(formatted).toBe(text);
  });
});

describe('formatOffset', () => {
  it('writes the time since the start as +MM:SS, with hours once past the first', () => {
    // Act
    const offsets = [formatOffset(95_400), formatOffset(3_725_000)];

    // Assess
    expect(offsets).toEqual(['+01:35', '+1:02:05']);
  });
});

describe('formatTable', () => {
  it('aligns columns counting Hangul as two terminal columns', () => {
    // Act
    const lines = formatTable([
      ['ARTIST', 'SCORE'],
      ['아이유', '0.812'],
      ['AKMU', '0.410'],
    ]);

    // Assess
    expect(lines).toEqual(['ARTIST  SCORE', '아이유  0.812', 'AKMU    0.410']);
    expect(displayWidth('아이유')).toBe(6);
  });
});
