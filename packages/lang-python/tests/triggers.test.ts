import { describe, expect, it } from 'vitest';
import { importTrigger } from '../src/index.js';
import { calleeName, parse } from './helpers.js';

const trigger = importTrigger(['datasets', 'six.moves']);

/** Every way the semantic model roots a call in `datasets`: the trigger must match each one. */
const IMPORTING = [
  'import datasets\ndatasets.load_dataset("x")',
  'import datasets as ds\nds.load_dataset("x")',
  'import os, datasets\ndatasets.load_dataset("x")',
  'import os, \\\n    datasets\ndatasets.load_dataset("x")',
  'import os; import datasets\ndatasets.load_dataset("x")',
  'from datasets import load_dataset\nload_dataset("x")',
  'from datasets import load_dataset as L\nL("x")',
  'from datasets.load import load_dataset\nload_dataset("x")',
  'from \\\n  datasets import load_dataset\nload_dataset("x")',
  'from\tdatasets import *\nload_dataset("x")',
  'import datasets.load\ndatasets.load.load_dataset("x")',
  'import importlib\nimportlib.import_module("datasets").load_dataset("x")',
  "import importlib\nm = importlib.import_module('datasets')\nm.load_dataset('x')",
  '__import__("datasets").load_dataset("x")',
  'import sys\nsys.modules["datasets"].load_dataset("x")',
  'def f():\n    import datasets\n    return datasets.load_dataset("x")\nf()',
];

describe('importTrigger', () => {
  it.each(IMPORTING)('matches every import spelling the semantic model resolves: %j', async (text) => {
    const sc = await parse(text);
    const call = /(?:load_dataset|\bL)\("x"\)|load_dataset\('x'\)/.exec(text)!;
    const start = text.lastIndexOf('\n', call.index) + 1;
    const prefix = text.slice(start, call.index + call[0].length).replace(/^\s*return\s+|^f\(\)$/, '');
    expect(calleeName(sc, prefix.trimStart())).toMatch(/^datasets\./);
    expect(trigger.test(text)).toBe(true);
  });

  it('does not match the name in prose, comments turned code or other modules', () => {
    for (const text of [
      'add_docstr(f, "Loads datasets from disk.")',
      'x = "we evaluate datasets here"',
      'import mydatasets\nmydatasets.load()',
      'from mydatasets import load',
      'import os\ndatasets = 1',
      'from .datasets import load',
      'import datasets_extra',
    ]) {
      expect(trigger.test(text), text).toBe(false);
    }
  });

  it('escapes dotted module names', () => {
    expect(trigger.test('from six.moves import urllib')).toBe(true);
    expect(trigger.test('from sixxmoves import urllib')).toBe(false);
  });

  it('needs at least one module', () => {
    expect(() => importTrigger([])).toThrow(/at least one module/);
  });
});
