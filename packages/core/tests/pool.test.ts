import { describe, expect, it } from 'vitest';
import { LANGUAGE_AFFINITY_SLACK, pickSlot } from '../src/pool.js';

const slot = (name: string, pending: number, languages: string[] = []) => ({ name, pending: { size: pending }, languages: new Set(languages) });

describe('pickSlot', () => {
  it('takes the least busy worker when none has the language yet, or when that one has it', () => {
    expect(pickSlot([slot('a', 3), slot('b', 1)], 'javascript').name).toBe('b');
    expect(pickSlot([slot('a', 3, ['python']), slot('b', 1, ['python'])], 'python').name).toBe('b');
  });

  it('keeps a language on the worker that already initialised it while it is not much busier', () => {
    expect(pickSlot([slot('a', 3, ['javascript']), slot('b', 1)], 'javascript').name).toBe('a');
    expect(pickSlot([slot('a', 1 + LANGUAGE_AFFINITY_SLACK, ['javascript']), slot('b', 1)], 'javascript').name).toBe('a');
  });

  it('spreads the language over another worker once the warm one falls behind', () => {
    expect(pickSlot([slot('a', 2 + LANGUAGE_AFFINITY_SLACK, ['javascript']), slot('b', 1)], 'javascript').name).toBe('b');
  });
});
