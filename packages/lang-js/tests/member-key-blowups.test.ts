import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { parseJs, walk } from '../src/index.js';
import type { JsNode, JsSourceCode } from '../src/index.js';
import { methodCallsBy } from './work-counters.js';

/** `t[t[…t['a']…]]`, `n` levels deep. */
const nestedKey = (n: number) => {
  let key = `'a'`;
  for (let i = 0; i < n; i++) key = `t[${key}]`;
  return key;
};

/** The argument of the last `use(...)` call of the text, with the source code it was parsed into. */
function useArg(text: string): { sc: JsSourceCode; target: JsNode } {
  const sc = parseJs(text, 'a.js') as JsSourceCode;
  let target: JsNode | undefined;
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'use') target = n.arguments[0];
  });
  return { sc, target: target! };
}

describe('keys that are nested computed members are worked out once per level (review w38js)', () => {
  // `o[t[t[…]]].x = 1`, 40 levels (w38js P1-1, repro n40): listing the writes worked out the key of each level
  // twice (`memberWritten` sorted the keys before it saw that the writes were being listed): 2^40 steps
  it('lists a nested write keyed by a 40-level computed member in a number of steps linear in the depth', () => {
    const steps = (n: number) => {
      const { sc, target } = useArg(`const t = { a: 'a' }; const o = { a: { x: 'k' } };\no[${nestedKey(n)}].x = 1;\nuse(o.a.x);\n`);
      let value: unknown;
      const calls = methodCallsBy(sc, () => (value = sc.constant(target)), 20_000);
      expect(value).toBe(UNKNOWN); // `o.a.x` is written
      return calls;
    };
    const [n20, n40] = [steps(20), steps(40)];
    expect(n40).toBeLessThan(4 * n20);
  });

  it('still reads the value of a member the nested write leaves alone', () => {
    const { sc, target } = useArg(`const t = { a: 'a' }; const o = { a: { x: 'k' }, b: { y: 'v' } };\no[${nestedKey(40)}].x = 1;\nuse(o.b.y);\n`);
    expect(methodCallsBy(sc, () => expect(sc.constant(target)).toBe('v'), 20_000)).toBeGreaterThan(0);
  });
});

describe('a value read through keys that are nested computed members works each key out once (review w38js, r24)', () => {
  // `new Function(t[t[…'a']])`, 24 levels and no write at all: `memberWritten` and the member's own value each
  // worked out the key, so each level twice (24 levels: 17 s; 28: past 40 s)
  it.each([
    ['read as an argument', (k: string) => `const t = { a: 'a' };\nuse(${k});\n`],
    ['read through a const', (k: string) => `const t = { a: 'a' };\nconst x = ${k};\nuse(x);\n`],
    ['read under a static member', (k: string) => `const t = { a: { a: 'a' } };\nuse(${k.replace(/t\[/g, 't[').replace(/\]/g, '].a')});\n`],
  ])('%s, 40 levels deep, in a number of steps linear in the depth', (_, text) => {
    const steps = (n: number) => {
      const { sc, target } = useArg(text(nestedKey(n)));
      let value: unknown;
      const calls = methodCallsBy(sc, () => (value = sc.constant(target)), 20_000);
      expect(value).toBe('a');
      return calls;
    };
    const [n20, n40] = [steps(20), steps(40)];
    expect(n40).toBeLessThan(4 * n20);
  });

  it('a key read while the writes are listed is not the key read after (the file rewrites t.a)', () => {
    const { sc, target } = useArg(`const t = { a: 'a' }; t.a = 'b';\nuse(${nestedKey(30)});\n`);
    expect(methodCallsBy(sc, () => expect(sc.constant(target)).toBe(UNKNOWN), 20_000)).toBeGreaterThan(0);
  });
});

describe('a write keyed by a member the file rewrites is taken as a write of any member (review w38js P2-1)', () => {
  // the key `K.a` is read while the writes are listed, as if nothing wrote it: 'a', where the file makes it 'b'
  it.each([
    ['a nested write', `o[K.a].revision = 'main';`],
    ['a direct write', `o[K.a] = { revision: 'main' };`],
  ])('%s under o[K.a] after K.a = "b" may write o.b', (_, write) => {
    const { sc, target } = useArg(`const K = { a: 'a' }; K.a = 'b';\nconst o = { a: { revision: 'x' }, b: { revision: 'x' } };\n${write}\nuse(o.b.revision);\n`);
    expect(sc.constant(target)).toBe(UNKNOWN);
  });

  it('a key that is not rewritten still names the member written', () => {
    const { sc, target } = useArg(`const K = { a: 'a' }; K.z = 'b';\nconst o = { a: { revision: 'x' }, b: { revision: 'x' } };\no[K.a].revision = 'main';\nuse(o.b.revision);\n`);
    expect(sc.constant(target)).toBe('x');
  });
});
