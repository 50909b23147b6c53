import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { parseJs, walk } from '../src/index.js';
import type { JsNode } from '../src/index.js';

/** The argument of the last `use(...)` call of the text, with the source code it was parsed into. */
function useArg(text: string) {
  const sc = parseJs(text, 'a.js');
  let target: JsNode | undefined;
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'use') target = n.arguments[0];
  });
  return { sc, target: target! };
}

describe('member writes keyed by a member read (writtenMemberKeys is not asked again while it lists the keys)', () => {
  // `grid[node.level][node.lane] = node` (TypeScript's own lib/typescript.js, `Debug.formatControlFlowGraph`): the key
  // of `grid[node.level]` is the constant `node.level`, which asked whether `node.level` is written, which listed the
  // keys again from the start: one stack frame deeper each time, until the stack overflowed
  it('reads a member used as a key of a nested write without overflowing the stack', () => {
    const { sc, target } = useArg(`function place(grid, node) { grid[node.level][node.lane] = node; use(node.level); }`);
    expect(() => sc.constant(target)).not.toThrow();
    expect(sc.constant(target)).toBe(UNKNOWN); // a parameter's member
  });

  it('reads every member and resolves every call of a generated file of such writes', () => {
    const writes = Array.from({ length: 300 }, (_, i) => `function w${i}(g, n) { g[n.a${i}][n.b${i}] = n; g[n.c][n.d].e = n.f; }`);
    const { sc, target } = useArg(`${writes.join('\n')}\nconst t = require('@huggingface/transformers');\nuse(t.pipeline);`);
    expect(() =>
      walk(sc.ast, (n) => {
        if (n.type === 'MemberExpression') sc.constant(n);
        else if (n.type === 'CallExpression') sc.qualifiedName(n.callee);
      }),
    ).not.toThrow();
    expect(sc.qualifiedName(target)).toBe('@huggingface/transformers.pipeline');
  });

  it('still names the member a nested write is under through a constant key', () => {
    // `opts[K.a].revision = …` writes `opts.a`: its nested `revision` is no longer the literal's
    const { sc, target } = useArg(`const K = { a: 'a' }; const opts = { a: { revision: 'main' } }; opts[K.a].revision = other(); use(opts.a.revision);`);
    expect(sc.constant(target)).toBe(UNKNOWN);
    const untouched = useArg(`const K = { a: 'a' }; const opts = { a: { revision: 'main' }, b: {} }; opts[K.a === 'a' ? 'b' : 'a'].x = 1; use(opts.a.revision);`);
    expect(untouched.sc.constant(untouched.target)).toBe('main');
  });
});
