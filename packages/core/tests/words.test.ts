import { describe, expect, it } from 'vitest';
import { wordFinder } from '../src/words.js';

/** The answer by definition: every word `includes` finds. */
const naive = (words: string[], text: string) => new Set(words.filter((w) => w.length > 0 && text.includes(w)));

/** A small deterministic generator (the same cases on every run). */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

describe('wordFinder (the prefilter pass)', () => {
  it('finds overlapping words, words inside words and prefixes of each other', () => {
    const words = ['load', 'download', 'load_model', 'model', 'model_x', 'hf.co/', 'od'];
    const finder = wordFinder(words);
    const text = 'keras.download_model_x()  # hf.co/x';
    expect([...finder.find(text)].sort()).toEqual([...naive(words, text)].sort());
    expect(finder.find('hfxco/ loader')).toEqual(new Set(['load']));
    expect(finder.find('')).toEqual(new Set());
  });

  it('gives the same answer as `includes` on random texts, ASCII words or not', () => {
    const next = random(7);
    const alphabet = ['a', 'b', 'c', '_', '.', ' ', '\n', 'é', '😀'];
    const pick = (length: number) => Array.from({ length }, () => alphabet[next(alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const ascii = round % 2 === 0;
      const words = Array.from({ length: 1 + next(12) }, () => pick(1 + next(5))).filter((w) => !ascii || /^[\x00-\x7f]*$/.test(w));
      const finder = wordFinder(words);
      for (let t = 0; t < 5; t++) {
        const text = pick(next(80));
        expect([...finder.find(text)].sort(), JSON.stringify({ words, text })).toEqual([...naive(words, text)].sort());
      }
    }
  });

  it('answers each text on its own (nothing carried over from the text before)', () => {
    const finder = wordFinder(['torch', 'load']);
    expect(finder.find('import torch\ntorch.load(p)')).toEqual(new Set(['torch', 'load']));
    expect(finder.find('import torch')).toEqual(new Set(['torch']));
    expect(finder.find('tor')).toEqual(new Set());
    expect(finder.find('ch')).toEqual(new Set());
  });

  it('has no word to find in an empty set', () => {
    expect(wordFinder([]).find('anything')).toEqual(new Set());
    expect(wordFinder(['']).find('anything')).toEqual(new Set());
  });
});
