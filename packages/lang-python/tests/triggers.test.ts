import { describe, expect, it } from 'vitest';
import { callTrigger, closingBracket, codeText, importTrigger, memberTrigger } from '../src/index.js';
import { calleeName, nodesOfType, parse } from './helpers.js';

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

const load = memberTrigger('load', ['torch', 'torch.serialization']);
const matches = (text: string) => load.some((t) => typeof t !== 'string' && t.test(codeText(text)));

/** Every way the semantic model names `torch.load`: the last call `…(p)` of each text resolves to it. */
const NAMING_LOAD = [
  'import torch\ntorch.load(p)',
  'import torch as t\nt . load(p)',
  'import torch\ntorch.\\\n    load(p)',
  'from torch import serialization\nserialization.load(p)',
  'import torch.serialization\ntorch.serialization.load(p)',
  'from torch import load\nload(p)',
  'from torch import load as L\nL(p)',
  'from torch import save, load\nload(p)',
  'from torch import save,load\nload(p)',
  'from torch import (\n    save,\n    load,\n)\nload(p)',
  'from torch import (  # the loader\n    load)\nload(p)',
  'from torch import \\\n    load\nload(p)',
  'from torch.serialization import load as _load\n_load(p)',
  'import torch\nf = torch.load\nf(p)',
  'import torch\ngetattr(torch, "load")(p)',
  "import torch\ngetattr(torch, 'load')(p)",
  'from torch import *\nload(p)',
  'from torch.serialization import *\nload(p)',
  'from \\\n  torch import \\\n  *\nload(p)',
  'import torch as th\nth.load(p)',
  'from torch import serialization as ser\nser.load(p)',
  'import torch\nm = n = torch\nm.load(p)',
  'import torch\nm, k = torch, 1\nm.load(p)',
  'import torch\nm: object = torch\nm.load(p)',
  'import torch\nclass A:\n    def __init__(self):\n        self.backend = torch\n    def f(self):\n        return self.backend.load(p)',
  'import importlib\nimportlib.import_module("torch").load(p)',
  'import sys\nsys.modules["torch"].load(p)',
  'import torch\n(torch).load(p)',
  'import torch\ngetattr(torch, "serialization").load(p)',
];

describe('memberTrigger', () => {
  it.each(NAMING_LOAD)('matches every spelling the semantic model resolves to the function: %j', async (text) => {
    const sc = await parse(text);
    const calls = nodesOfType(sc, 'call').filter((c) => sc.getText(c).endsWith('(p)'));
    expect(sc.qualifiedName(sc.callee(calls[calls.length - 1])!)).toMatch(/^torch\.(?:serialization\.)?load$/);
    expect(matches(text)).toBe(true);
  });

  it('does not match a local function of that name, the word in prose, or longer names', async () => {
    for (const text of [
      'import torch\ndef load(module, prefix=""):\n    load(module.child)\nload(self)\ndel load',
      'import torch\nraise ValueError(f"load time was {rank}")',
      'import torch\nx = "load the model"',
      'import torch\nloader = make_loader()\ndownload(url)\npayload(x)\nx.load_state_dict(sd)',
      'import torch\n# torch.load(p) in a comment\nx = 1',
      'from numpy import *\nload(p)',
      'from torchvision import *\nload(p)',
      'import json\nimport torch\nwith open(p) as f:\n    cfg = json.load(f)',
      'import torch, yaml\nyaml.load(s)',
      'import torch\ntorch.jit.load(p)',
      'import torch\nfrom .load import helpers\nfrom ..load import other',
    ]) {
      const sc = await parse(text);
      for (const call of nodesOfType(sc, 'call')) expect(sc.qualifiedName(sc.callee(call)!) ?? '', text).not.toMatch(/^torch\.(?:serialization\.)?load$/);
      expect(matches(text), text).toBe(false);
    }
  });

  it('needs a Python name and at least one module', () => {
    expect(() => memberTrigger('a.b', ['torch'])).toThrow(/not a Python name/);
    expect(() => memberTrigger('load', [])).toThrow(/at least one module/);
    expect(() => memberTrigger('load', 'torch' as never)).toThrow(/modules must be an array of module names/);
  });
});

describe('memberTrigger stays linear', () => {
  it('gives up on naming receivers after a few and says yes', () => {
    const [test] = memberTrigger('load', ['torch']);
    const many = Array.from({ length: 40 }, (_, i) => `r${i}.load(p)`).join('\n');
    expect(typeof test !== 'string' && test.test(many)).toBe(true);
    const few = Array.from({ length: 10 }, (_, i) => `r${i}.load(p)`).join('\n');
    expect(typeof test !== 'string' && test.test(few)).toBe(false);
  });
});

describe('closingBracket', () => {
  const end = (text: string) => closingBracket(text, text.indexOf('('));
  it('finds the bracket that closes a call, reading strings, comments and nesting', () => {
    for (const [text, args] of [
      ['f(a, b) + 1', '(a, b)'],
      ['f(")", x) + 1', '(")", x)'],
      ["f(')', [1, (2)], {3: ']'}) or g()", "(')', [1, (2)], {3: ']'})"],
      ['f(x,  # a comment )\n  y) + 1', '(x,  # a comment )\n  y)'],
      ['f(f"{a[\')\']}", b) + 1', '(f"{a[\')\']}", b)'],
      ['f("""a ) \n b""", \\\n c)', '("""a ) \n b""", \\\n c)'],
      ["f(r'\\\\', x)", "(r'\\\\', x)"],
    ]) {
      expect(text.slice(text.indexOf('('), end(text)), text).toBe(args);
    }
  });
  it('says -1 when it cannot tell', () => {
    for (const text of ["f(r'\\', x)", 'f(a, b', 'f(a]', 'f("a)', 'f(a, "b\n", c)', 'f(a \\ b)', 'x = 1']) expect(end(text), text).toBe(-1);
  });
});

describe('callTrigger', () => {
  const trigger = callTrigger(/fetch\w*\s*\(/, /data|set/i);
  it('needs the words in the name or the argument list of a call its pattern finds', () => {
    for (const text of ['fetch_data(url)', 'x.fetch(url, "dataset")', 'fetch(url,\n      kind=DATA)', 'fetch(")", data)', 'fetch(url, [1, 2], subset=s)', 'fetch(x, fetch(y), data)', 'fetch(url, "a"', 'y = fetch (a) + fetch(b, data)']) {
      expect(trigger.test(text), text).toBe(true);
    }
    for (const text of ['fetch(url)', 'fetch(url) + dataset', 'x = fetch_url(u, "model")\ndata = 1', 'fetcher = 1  # data', 'fetch(url)\n"data"']) {
      expect(trigger.test(text), text).toBe(false);
    }
  });
  it('says what is wrong with its arguments', () => {
    expect(() => callTrigger(/fetch\w*\s*\(/, ['data'] as never)).toThrow(/words must be a RegExp/);
    expect(() => callTrigger(/fetch/, /data/)).toThrow(/callee must be a RegExp that ends at the call's `\(`/);
    expect(() => callTrigger('fetch(' as never, /data/)).toThrow(/or a test of the called name/);
    expect(() => callTrigger(/fetch\(/, /data/, [''])).toThrow(/literals must be an array of non-empty strings/);
  });
  it('asks for the literals of its pattern, and reads a huge text once', () => {
    expect(trigger.literals).toEqual(['fetch']);
    const nested = 'fetch('.repeat(50_000) + 'x' + ')'.repeat(50_000);
    expect(trigger.test(nested)).toBe(false);
    expect(trigger.test('fetch(a) '.repeat(60_000))).toBe(false);
    expect(trigger.test('fetch(a, '.repeat(60_000))).toBe(true);
  });

  describe('with a test of the called name', () => {
    const named = callTrigger((name) => /^fetch/.test(name), /data|set/i, ['fetch']);
    it('finds the same calls as the pattern, by the identifier before each `(`', () => {
      for (const text of ['fetch_data(url)', 'x.fetch(url, "dataset")', 'fetch(url,\n      kind=DATA)', 'fetch(")", data)', 'fetch(url, [1, 2], subset=s)', 'fetch(x, fetch(y), data)', 'fetch(url, "a"', 'y = fetch (a) + fetch(b, data)']) {
        expect(named.test(text), text).toBe(true);
        expect(trigger.test(text), text).toBe(true);
      }
      expect(named.test('fetch \\\n (data)')).toBe(true); // a continuation before the `(`
      for (const text of ['fetch(url)', 'fetch(url) + dataset', 'x = fetch_url(u, "model")\ndata = 1', 'fetcher = 1  # data', 'fetch(url)\n"data"', 'prefetch(data)', '(data)', 'f(1)(data)']) {
        expect(named.test(text), text).toBe(false);
      }
      expect(named.literals).toEqual(['fetch']);
    });
    it('needs literals, and reads a huge text once', () => {
      expect(() => callTrigger((name) => name === 'fetch', /data/)).toThrow(/needs the literals/);
      expect(() => callTrigger((name) => name === 'fetch', /data/, [])).toThrow(/needs the literals/);
      expect(named.test('fetch('.repeat(50_000) + 'x' + ')'.repeat(50_000))).toBe(false);
      expect(named.test('fetch(a) '.repeat(60_000))).toBe(false);
      expect(named.test('fetch(a, '.repeat(60_000))).toBe(true);
    });
  });
});
