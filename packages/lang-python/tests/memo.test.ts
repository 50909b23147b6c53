import { describe, expect, it } from 'vitest';
import { DepthBoundMemo } from '../src/index.js';

describe('DepthBoundMemo', () => {
  it('answers each key once when nothing was cut short', () => {
    const memo = new DepthBoundMemo<number>();
    let computed = 0;
    const ask = (depth: number) => memo.answer(1, depth, () => ++computed);
    expect([ask(0), ask(3), ask(0)]).toEqual([1, 1, 1]);
    expect(computed).toBe(1);
  });

  it('reuses a cut-short answer only as deep or deeper, and passes the cut on to what holds it', () => {
    const memo = new DepthBoundMemo<string>();
    const inner = (depth: number) =>
      memo.answer(2, depth, () => {
        memo.cut();
        return `cut at ${depth}`;
      });
    expect(inner(4)).toBe('cut at 4');
    expect(inner(5)).toBe('cut at 4'); // deeper: no more to read
    expect(inner(2)).toBe('cut at 2'); // shallower: asked again
    // an outer answer that reused the cut-short one is cut short too: asked again shallower
    let outer = 0;
    const ask = (depth: number) => memo.answer(3, depth, () => `${++outer}:${inner(depth + 1)}`);
    expect(ask(2)).toBe('1:cut at 2');
    expect(ask(1)).toBe('2:cut at 2');
  });

  it('keeps nothing that read an answer still being worked out', () => {
    const memo = new DepthBoundMemo<number>();
    let computed = 0;
    const ask = () =>
      memo.answer(4, 0, () => {
        memo.cycle();
        return ++computed;
      });
    expect([ask(), ask()]).toEqual([1, 2]);
  });
});
