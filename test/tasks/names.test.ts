import { describe, expect, it } from 'vitest';
import { normaliseName } from '../../tasks/names.js';

describe('normaliseName', () => {
  it('ignores case and spacing', () => {
    expect(normaliseName('The  Black Keys')).toBe(normaliseName('theblackkeys'));
  });

  it('folds full-width Latin letters', () => {
    expect(normaliseName('ＢＴＳ')).toBe(normaliseName('bts'));
  });

  it('matches composed and decomposed Hangul', () => {
    const composed = '아이유';
    expect(normaliseName(composed.normalize('NFD'))).toBe(normaliseName(composed));
    expect(normaliseName(' 아이 유 ')).toBe('아이유');
  });

  it('keeps a key for a name made only of punctuation', () => {
    expect(normaliseName('!!!')).toBe('!!!');
  });

  it('keeps accents apart from plain letters', () => {
    expect(normaliseName('Beyoncé')).not.toBe(normaliseName('Beyonce'));
  });
});
