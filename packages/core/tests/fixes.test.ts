import { describe, expect, it } from 'vitest';
import { applyFixes, mergeFixes } from '../src/fixes.js';

describe('applyFixes', () => {
  it('applies edits sorted by range', () => {
    const result = applyFixes('abcdef', [
      { range: [4, 5], text: 'E' },
      { range: [0, 1], text: 'A' },
    ]);
    expect(result.output).toBe('AbcdEf');
    expect(result.skipped).toEqual([]);
  });

  it('skips fixes overlapping or touching an earlier one', () => {
    const result = applyFixes('abcdef', [
      { range: [0, 3], text: 'X' },
      { range: [2, 4], text: 'Y' },
      { range: [3, 3], text: 'Z' },
      { range: [5, 6], text: 'F' },
    ]);
    expect(result.output).toBe('XdeF');
    expect(result.skipped.map((f) => f.text)).toEqual(['Y', 'Z']);
  });

  it('is deterministic for equal ranges (first reported wins)', () => {
    expect(applyFixes('ab', [{ range: [1, 1], text: '1' }, { range: [1, 1], text: '2' }]).output).toBe('a1b');
  });
});

describe('mergeFixes', () => {
  it('merges the edits of one fix keeping the text between them', () => {
    expect(mergeFixes([{ range: [4, 5], text: ')' }, { range: [0, 0], text: 'f(' }], 'abcde')).toEqual({ range: [0, 5], text: 'f(abcd)' });
  });
  it('rejects overlapping edits', () => {
    expect(() => mergeFixes([{ range: [0, 2], text: '' }, { range: [1, 3], text: '' }], 'abcd')).toThrow(/overlapping/);
  });
});
