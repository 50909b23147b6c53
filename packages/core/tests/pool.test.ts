import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE_START_COST, pickSlot, taskCost } from '../src/pool.js';

const slot = (name: string, load: number, languages: string[] = []) => ({ name, load, languages: new Set(languages) });

describe('pickSlot', () => {
  it('takes the least busy worker when none has the language yet, or when that one has it', () => {
    expect(pickSlot([slot('a', 3), slot('b', 1)], 'javascript').name).toBe('b');
    expect(pickSlot([slot('a', 3, ['python']), slot('b', 1, ['python'])], 'python').name).toBe('b');
  });

  it('keeps a language on the worker that already initialised it while it is not much busier', () => {
    expect(pickSlot([slot('a', 3, ['javascript']), slot('b', 1)], 'javascript').name).toBe('a');
    expect(pickSlot([slot('a', 1 + DEFAULT_LANGUAGE_START_COST, ['javascript']), slot('b', 1)], 'javascript').name).toBe('a');
  });

  it('spreads the language over another worker once the warm one falls behind', () => {
    expect(pickSlot([slot('a', 2 + DEFAULT_LANGUAGE_START_COST, ['javascript']), slot('b', 1)], 'javascript').name).toBe('b');
  });

  it("counts the language's own start cost when it says one", () => {
    expect(pickSlot([slot('a', 101, ['javascript']), slot('b', 1)], 'javascript', 100).name).toBe('a');
    expect(pickSlot([slot('a', 102, ['javascript']), slot('b', 1)], 'javascript', 100).name).toBe('b');
  });
});

describe('taskCost', () => {
  it('grows with the text, so the least busy worker is the one with the least queued work', () => {
    expect(taskCost({})).toBe(1);
    expect(taskCost({ text: 'x' })).toBe(2);
    expect(taskCost({ text: 'x'.repeat(4096 * 10) })).toBe(11);
    // one big queued file weighs more than three small ones
    const big = taskCost({ text: 'x'.repeat(200_000) });
    const small = 3 * taskCost({ text: 'x'.repeat(2_000) });
    expect(pickSlot([slot('big', big, ['python']), slot('small', small, ['python'])], 'python').name).toBe('small');
  });
});

describe('largestFirst (the order files go to workers)', () => {
  it('puts the biggest files first, keeps ties and unreadable files in their order', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { largestFirst } = await import('../src/scan.js');
    const dir = mkdtempSync(join(tmpdir(), 'oculum-order-'));
    const file = (name: string, size: number) => {
      writeFileSync(join(dir, name), 'x'.repeat(size));
      return join(dir, name);
    };
    const [a, b, c, d] = [file('a.py', 10), file('b.py', 3000), file('c.py', 10), file('d.py', 200)];
    const gone = join(dir, 'gone.py');
    expect(largestFirst([a, gone, b, c, d])).toEqual([b, d, a, c, gone]);
  });
});
