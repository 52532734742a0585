// How analyst results print: a compact table for people, CSV and JSON for programs.
import { describe, expect, it } from 'vitest';
import { describeRowCount, displayValue, formatCsv, formatJson, formatTable } from '../../local/analyst/result-table.js';

const similarity = {
  columns: ['neighbour_name', 'rank', 'score', 'signals'],
  rows: [
    ['The Violet Comets', 1, 0.7958149999, ['collaboration', 'genre']],
    ['아이유', 2, 0.5, ['collaboration']],
  ],
};

describe('formatTable', () => {
  it('prints a header, a rule and one aligned line per row, with no index column', () => {
    // Act
    const lines = formatTable(similarity);

    // Assess
    expect(lines).toEqual([
      'neighbour_name     rank     score  signals',
      '-----------------  ----  --------  --------------------',
      'The Violet Comets     1  0.795815  collaboration, genre',
      '아이유                2       0.5  collaboration',
    ]);
  });

  it('cuts a cell longer than the widest allowed and ends it with an ellipsis', () => {
    // Act
    const lines = formatTable({ columns: ['name'], rows: [['The Little Drifters and the Velvet Garden']] }, { maxCellWidth: 12 });

    // Assess
    expect(lines.at(-1)).toBe('The Little …');
  });

  it('narrows the widest column to fit the terminal', () => {
    // Act
    const lines = formatTable({ columns: ['name', 'n'], rows: [['The Little Drifters and the Velvet Garden', 1]] }, { maxLineWidth: 20 });

    // Assess
    expect(lines.at(-1)).toBe('The Little Drift…  1');
  });

  it('prints one block per row when the table cannot fit the terminal', () => {
    // Act
    const lines = formatTable(similarity, { maxLineWidth: 24 });

    // Assess
    expect(lines.slice(0, 5)).toEqual([
      '-[ row 1 ]--------------',
      'neighbour_name  The Vio…',
      'rank            1',
      'score           0.795815',
      'signals         collabo…',
    ]);
  });

  it('prints NULL for a missing value', () => {
    // Act
    const lines = formatTable({ columns: ['audio_score'], rows: [[null]] });

    // Assess
    expect(lines.at(-1)).toBe('NULL');
  });
});

describe('displayValue', () => {
  it.each([
    [['collaboration', 'genre'], 'collaboration, genre'],
    [{ name: 'IU', genres: ['k-pop', 'ballad'] }, 'name: IU, genres: [k-pop, ballad]'],
    [new Date('2026-11-20T00:00:00Z'), '2026-11-20'],
    [new Date('2026-11-20T01:02:03Z'), '2026-11-20 01:02:03'],
    ['two\nlines', 'two lines'],
    [new Uint8Array(3), '<3 bytes>'],
  ])('shows %j as %j', (value, shown) => {
    // Act
    const text = displayValue(value);

    // Assess
    expect(text).toBe(shown);
  });
});

describe('describeRowCount', () => {
  it('says how many rows were cut and how to see them', () => {
    // Act
    const line = describeRowCount(50, 3000);

    // Assess
    expect(line).toBe('50 of 3,000 rows shown; use --limit N for more');
  });

  it('counts the rows when none were cut', () => {
    // Act
    const line = describeRowCount(1, 1);

    // Assess
    expect(line).toBe('1 row');
  });

  it('says there are more when the total is unknown', () => {
    // Act
    const line = describeRowCount(100, undefined, '--max-rows');

    // Assess
    expect(line).toBe('100 rows shown; there are more: use --max-rows N to see them');
  });
});

describe('formatCsv', () => {
  it('writes a header, quotes fields that need it, lists as JSON and NULL as empty', () => {
    // Act
    const lines = formatCsv({ columns: ['name', 'signals', 'audio'], rows: [['Crosby, Stills "&" Nash', ['genre'], null]] });

    // Assess
    expect(lines).toEqual(['name,signals,audio', '"Crosby, Stills ""&"" Nash","[""genre""]",']);
  });
});

describe('formatJson', () => {
  it('writes an array of row objects keyed by column, one row per line', () => {
    // Act
    const text = formatJson(similarity);

    // Assess
    expect(JSON.parse(text)).toEqual([
      { neighbour_name: 'The Violet Comets', rank: 1, score: 0.7958149999, signals: ['collaboration', 'genre'] },
      { neighbour_name: '아이유', rank: 2, score: 0.5, signals: ['collaboration'] },
    ]);
    expect(text.split('\n')).toHaveLength(4);
  });
});
