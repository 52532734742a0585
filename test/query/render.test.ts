import { describe, expect, it } from 'vitest';
import { renderSql } from '../../tasks/query/render.js';

describe('renderSql', () => {
  it('fills every {{parameter}}', () => {
    expect(renderSql(`select '{{dt}}' as dt, {{k}} as k`, { dt: '2026-01-02', k: 10 }, 'step')).toBe(
      `select '2026-01-02' as dt, 10 as k`,
    );
  });

  it('doubles single quotes so a value cannot end its literal', () => {
    expect(renderSql(`to '{{output_location}}'`, { output_location: "/home/o'neil/" }, 'step')).toBe(
      `to '/home/o''neil/'`,
    );
  });

  it('names every parameter the caller did not supply', () => {
    expect(() => renderSql('select {{a}}, {{b}}, {{dt}}', { dt: 'x' }, '07_x')).toThrow(
      expect.objectContaining({ name: 'QueryStartFailed', message: expect.stringContaining("'07_x' uses unknown parameter(s) {{a}}, {{b}}") }),
    );
  });
});
