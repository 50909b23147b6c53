import { describe, expect, it } from 'vitest';
import { withoutSpans } from '../src/index.js';

describe('withoutSpans', () => {
  it('replaces each span by one space and keeps the rest', () => {
    expect(withoutSpans('a # c\nb', [2, 5])).toBe('a  \nb');
    expect(withoutSpans('x/*1*/y/*2*/z', [1, 6, 7, 12])).toBe('x y z');
    expect(withoutSpans('#all', [0, 4])).toBe(' ');
  });

  it('returns the same text when there is nothing to leave out', () => {
    const text = 'load(x)';
    expect(withoutSpans(text, [])).toBe(text);
  });
});
