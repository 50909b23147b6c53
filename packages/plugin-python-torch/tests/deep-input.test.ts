import { describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { initParser, parsePython, PythonSourceCode } from '@oculum/lang-python';
import { ancestorsOf } from '../src/utils.js';
import { fixturesDir, lintAll } from './helpers.js';

const findings = (text: string) => lintAll(text, { file: 'hostile.py' });

// `ancestorsOf` finds a node's ancestors from the root down: the same nodes, in the same order, as a
// walk up by `.parent`, which web-tree-sitter answers from the root at each step (quadratic in the depth)
describe('ancestorsOf', () => {
  it('is the chain of parents', async () => {
    await initParser();
    for (const file of readdirSync(fixturesDir).filter((f) => f.endsWith('.py'))) {
      const sc = parsePython(readFileSync(`${fixturesDir}${file}`, 'utf8'));
      for (const call of sc.ast.descendantsOfType(['call', 'identifier', 'string']).filter((_, i) => i % 7 === 0)) {
        const up: number[] = [];
        for (let p = call.parent; p; p = p.parent) up.push(p.id);
        expect(ancestorsOf(call).map((n) => n.id)).toEqual(up);
      }
    }
  });
});

// review ray P3-1: `torch.load` inside 8,000 parentheses took 17.8 s (every ancestor walk of the rule quadratic)
describe('deeply nested parentheses around a load', () => {
  it('walks up by .parent a bounded number of steps', async () => {
    await initParser();
    // web-tree-sitter answers each `.parent` by a walk down from the root (as deep as the node): a walk up the
    // 6,000 parentheses by `.parent` is depth² steps inside the runtime, so the steps taken by `.parent` are counted
    const NodeClass = Object.getPrototypeOf(parsePython('x = 1\n').ast) as object;
    const parent = vi.spyOn(NodeClass as { parent: unknown }, 'parent', 'get');
    const depth = 6_000;
    const text = `import torch\nx = ${'('.repeat(depth)}torch.load("m.pt")${')'.repeat(depth)}\n`;
    try {
      const found = (await findings(text)).filter((f) => f.ruleId === 'torch/load-without-weights-only');
      expect(found).toHaveLength(1);
      // (it was every ancestor walk of the rule up by `.parent`: 17.8 s for 8,000 parentheses)
      expect(parent.mock.calls.length).toBeLessThan(depth);
    } finally {
      parent.mockRestore();
    }
  }, 60_000);
});

// review rag P3-1: a path reassigned in thousands of branches, then loaded (whether it is a shared place
// was read back through every earlier value from each value: quadratic)
describe('a path reassigned in many branches', () => {
  it('reads the values behind the path a bounded number of times, and the load stays reported', async () => {
    const n = 2_000;
    let text = "import os, torch\ndef f(c):\n    p = 'a.pt'\n";
    for (let i = 0; i < n; i++) text += `    if c == ${i}:\n        p = os.path.join(p, 'x${i}')\n`;
    text += '    return torch.load(p)\n';
    const reaching = vi.spyOn(PythonSourceCode.prototype, 'reachingBindings');
    try {
      const found = (await findings(text)).filter((f) => f.ruleId === 'torch/load-without-weights-only');
      expect(found).toHaveLength(1);
      // it was each value at each of four depths (13 n; 6,000 branches 5.7 s, 12,000 20.6 s)
      expect(reaching.mock.calls.length).toBeLessThan(8 * n);
    } finally {
      reaching.mockRestore();
    }
  }, 90_000);

  // each value is read once for the file, not once per load: a save then a load after each branch
  // (the file the function just saved: not reported)
  it('reads each value once, with a save and a load after each branch', async () => {
    const n = 1_500;
    let text = "import os, torch\ndef f(c, m):\n    p = 'a.pt'\n";
    for (let i = 0; i < n; i++) text += `    if c == ${i}:\n        p = os.path.join(p, 'x${i}')\n    torch.save(m, p)\n    torch.load(p)\n`;
    const found = (await findings(text)).filter((f) => f.ruleId === 'torch/load-without-weights-only');
    expect(found).toHaveLength(0);
  }, 90_000);

  // past the file's own-write budget (the bindings of the loaded path summed over its loads), a load's
  // question is undecided: reported at medium, never at high and never dropped (review s36py P1-1)
  it('leaves the own-write question undecided past its budget: medium, never high', async () => {
    const n = 2_200;
    let text = "import os, torch\ndef f(c, m):\n    p = 'a.pt'\n";
    for (let i = 0; i < n; i++) text += `    if c == ${i}:\n        p = os.path.join(p, 'x${i}')\n    torch.save(m, p)\n    torch.load(p)\n`;
    const found = (await findings(text)).filter((f) => f.ruleId === 'torch/load-without-weights-only');
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(n);
    expect(new Set(found.map((f) => f.confidence))).toEqual(new Set(['medium']));
  }, 90_000);
});

// (whole-change review w38py P1-1) a flag passed on through wrappers is read through each wrapper's callers: what the
// calls of a function pass for a parameter is read once per file, not once per load and per call site (1,000 loads
// in `_l0`, 64 calls of it in `_l1`, 3,000 of `_l1` in `_l2` took 12.5 s)
describe('a flag passed on through wide wrappers', () => {
  const file = (top: string, loads: number, mid: number, calls: number) =>
    [
      'import torch',
      'def _l0(p, weights_only):',
      ...Array.from({ length: loads }, () => '    torch.load(p, weights_only=weights_only)'),
      'def _l1(p, weights_only):',
      ...Array.from({ length: mid }, () => '    _l0(p, weights_only=weights_only)'),
      'def _l2(p, weights_only):',
      ...Array.from({ length: calls }, () => '    _l1(p, weights_only=weights_only)'),
      `_l2("m.pt", weights_only=${top})`,
    ].join('\n');

  const countingArgumentFor = async <T>(run: () => Promise<T>): Promise<{ value: T; reads: number }> => {
    const original = PythonSourceCode.prototype.argumentFor;
    let reads = 0;
    PythonSourceCode.prototype.argumentFor = function (this: PythonSourceCode, ...args: Parameters<typeof original>) {
      reads++;
      return original.apply(this, args);
    };
    try {
      return { value: await run(), reads };
    } finally {
      PythonSourceCode.prototype.argumentFor = original;
    }
  };

  it('reads each call site once for the file, whatever the number of loads', async () => {
    const loads = 400;
    const mid = 64;
    const calls = 600;
    const unsafe = await countingArgumentFor(() => findings(file('False', loads, mid, calls)));
    const rule = unsafe.value.filter((f) => f.ruleId === 'torch/load-without-weights-only');
    expect(rule).toHaveLength(loads);
    expect(rule.every((f) => f.messageId === 'explicitFalse' && f.confidence === 'high')).toBe(true);
    // each call site's argument read a few times in all (not once per load: 400 × (64 + 600) = 265,600)
    expect(unsafe.reads).toBeLessThan(8 * (mid + calls + 1) + 4 * loads);
    // every path passes True: nothing to report, read as cheaply
    const safe = await countingArgumentFor(() => findings(file('True', loads, mid, calls)));
    expect(safe.value.filter((f) => f.ruleId === 'torch/load-without-weights-only')).toEqual([]);
    expect(safe.reads).toBeLessThan(8 * (mid + calls + 1) + 4 * loads);
  });
});
