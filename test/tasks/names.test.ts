import { describe, expect, it } from 'vitest';
import { foldedNameKey, normaliseName } from '../../tasks/names.js';

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

describe('foldedNameKey', () => {
  it('drops accents and diacritics, so a name typed without them matches', () => {
    expect(foldedNameKey('Björn Núñez')).toBe(normaliseName('Bjorn Nunez'));
    expect(foldedNameKey('François Dvořák')).toBe('francoisdvorak');
    expect(foldedNameKey('Çağla Gonçalves')).toBe('caglagoncalves');
  });

  it('spells out letters that have no decomposition', () => {
    expect(foldedNameKey('Søren Øster')).toBe('sorenoster');
    expect(foldedNameKey('Łukasz Jørgensen')).toBe('lukaszjorgensen');
  });

  it('leaves Hangul untouched, composed or decomposed', () => {
    expect(foldedNameKey('아이유')).toBe('아이유');
    expect(foldedNameKey('방탄 소년단'.normalize('NFD'))).toBe('방탄소년단');
  });

  it('leaves Japanese voicing marks untouched', () => {
    expect(foldedNameKey('ガガ')).toBe('ガガ');
  });

  it('folds a query with some accents to the same key as the full name', () => {
    expect(foldedNameKey('Bjorn Nuñez')).toBe(foldedNameKey('Björn Núñez'));
  });
});
