import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { callStarting, lastIdent, parse, valueOf } from './helpers.js';

async function constOf(text: string, name = 'x') {
  const sc = await parse(text);
  return sc.constant(valueOf(sc, name));
}

describe('constant of a lookup in a table', () => {
  it.each([
    ['URLS = {"b0": "http://a", "b1": url_of()}\nx = URLS["b0"]', 'http://a'],
    ['NAMES = ("a", "b", "c")\nx = NAMES[-1]', 'c'],
    ['K = "b1"\nT = {"b1": 7}\nx = T[K]', 7],
    ['x = {"a": 1}["a"]', 1],
  ])('%s', async (text, expected) => {
    expect(await constOf(text)).toEqual(expected);
  });

  it.each([
    ['T = {"a": 1}\nT["a"] = 2\nx = T["a"]'], // the table changes in its scope
    ['T = {"a": 1}\nx = T["b"]'],
    ['T = {"a": 1, "b": 2}\nx = T[k]'],
    ['x = os.environ["HOME"]'],
  ])('%s is unknown', async (text) => {
    expect(await constOf(text)).toBe(UNKNOWN);
  });

  // review evalh P2-5: a table of tables read with constant keys gives each entry's own value
  const MODELS = 'MODELS = {"a": {"path": "org/a", "revision": "main"}, "b": {"path": "org/b", "revision": "0123456789abcdef0123456789abcdef01234567"}}';
  it.each([
    [`${MODELS}\nx = MODELS["a"]["revision"]`, 'main'],
    [`${MODELS}\nx = MODELS["b"]["revision"]`, '0123456789abcdef0123456789abcdef01234567'],
    [`${MODELS}\nspec = MODELS["a"]\nx = spec["revision"]`, 'main'],
    [`${MODELS}\ndef f():\n    spec = MODELS["b"]\n    x = spec["path"]`, 'org/b'],
    // read, printed, splatted, passed to a library, iterated: nothing written
    [`${MODELS}\nprint(MODELS["a"])\nload(**MODELS["a"])\nfor k in MODELS:\n    print(MODELS[k]["path"])\nfor k, s in MODELS.items():\n    print(s)\nx = MODELS["a"]["revision"]`, 'main'],
  ])('nested table: %s', async (text, expected) => {
    expect(await constOf(text)).toEqual(expected);
  });

  it.each([
    // entries differ by key: no one value for a key not known
    [`${MODELS}\nfor name in MODELS:\n    x = MODELS[name]["revision"]`],
    // written in place, through the outer name or another name for an inner table
    [`${MODELS}\nMODELS["a"]["revision"] = sha\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\nMODELS["a"].update(revision=sha)\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\nfor s in MODELS.values():\n    s["revision"] = sha\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\nfor k, s in MODELS.items():\n    s.update(revision=sha)\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\nspec = MODELS["a"]\nspec["revision"] = sha\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\nM = MODELS\nM["a"]["revision"] = sha\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\ndef pin(s):\n    s["revision"] = sha\npin(MODELS["a"])\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\ndef get():\n    return MODELS["a"]\nget()["revision"] = sha\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\nMODELS["a"] = other\nx = MODELS["a"]["revision"]`],
    // (whole-change review P2) an in-place union or augmented subscript is a write too
    [`${MODELS}\nMODELS["a"] |= {"revision": sha}\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\nfor s in MODELS.values():\n    s |= {"revision": sha}\nx = MODELS["a"]["revision"]`],
    [`${MODELS}\ndel MODELS["b"]\nx = MODELS["a"]["revision"]`],
  ])('nested table: %s is unknown', async (text) => {
    expect(await constOf(text)).toBe(UNKNOWN);
  });

  it('lists the values a key gives in each table of a table of tables (tableOfTablesValues)', async () => {
    const lines = (...extra: string[]) => [MODELS, ...extra].join('\n');
    const values = async (text: string, name = 'x') => {
      const sc = await parse(text);
      return sc.tableOfTablesValues(valueOf(sc, name))?.map((v) => v.text);
    };
    const both = ['"main"', '"0123456789abcdef0123456789abcdef01234567"'];
    expect(await values(lines('for name in MODELS:', '    x = MODELS[name]["revision"]'))).toEqual(both);
    expect(await values(lines('for name, spec in MODELS.items():', '    x = spec["revision"]'))).toEqual(both);
    expect(await values(lines('for spec in MODELS.values():', '    x = spec["revision"]'))).toEqual(both);
    expect(await values(lines('def f(name):', '    spec = MODELS[name]', '    x = spec["revision"]'))).toEqual(both);
    expect(await values(lines('x = MODELS["a"]["revision"]'))).toEqual(['"main"']);
    // a table lacking the key, tables written in place, a flat table, a loop over something else: not known
    expect(await values('M = {"a": {"revision": "main"}, "b": {}}\nfor k in M:\n    x = M[k]["revision"]')).toBeUndefined();
    expect(await values(lines('for name, spec in MODELS.items():', '    spec["revision"] = pin(name)', '    x = spec["revision"]'))).toBeUndefined();
    expect(await values(lines('MODELS["b"]["revision"] = sha', 'for name in MODELS:', '    x = MODELS[name]["revision"]'))).toBeUndefined();
    expect(await values(lines('MODELS[new] = other', 'for name in MODELS:', '    x = MODELS[name]["revision"]'))).toBeUndefined();
    expect(await values('T = {"a": "main"}\nx = T[k]')).toBeUndefined();
    expect(await values(lines('for name, spec in sorted(MODELS.items()):', '    x = spec["revision"]'))).toBeUndefined();
  });

  it('lists the values a lookup may give (lookupValues)', async () => {
    const sc = await parse(['T = {"a": 1, "b": 2}', 'x = T[k]', 'y = T.get(k, 3)', 'z = T["b"]', 'w = T.get("c", 4)', 'v = other[k]'].join('\n'));
    const values = (name: string) => sc.lookupValues(valueOf(sc, name))?.map((v) => v.text);
    expect(values('x')).toEqual(['1', '2']);
    expect(values('y')).toEqual(['3', '1', '2']);
    expect(values('z')).toEqual(['2']);
    expect(values('w')).toEqual(['4']);
    expect(values('v')).toBeUndefined();
  });

  it('knows no value of a table another function writes into, nor of one a function reads while its scope writes into it', async () => {
    const sc = await parse(
      [
        'CFG = {"base": "org/model-base"}',
        'def setup(path):',
        '    CFG.update(base=path)',
        'def load():',
        '    a = CFG["base"]',
        'M = {"base": "org/m"}',
        'def use():',
        '    b = M["base"]',
        'M["base"] = "/opt/m"',
        'L = {"base": "org/l"}',
        'L["base"] = "/opt/l"',
        'c = L["base"]',
        'K = {"base": "org/k"}',
        'def only_reads():',
        '    d = K["base"]',
      ].join('\n'),
    );
    const values = (name: string) => sc.lookupValues(valueOf(sc, name))?.map((v) => v.text);
    expect(values('a')).toEqual([]);
    expect(values('b')).toEqual([]);
    // the same scope, in source order; and a table nothing writes into
    expect(values('c')).toEqual(['"/opt/l"']);
    expect(values('d')).toEqual(['"org/k"']);
  });

  it('knows no value of a table written through another name, and reads a comprehension as running in place', async () => {
    const sc = await parse(
      [
        'CFG = {"base": "org/model-a"}',
        'def setup(p, cfg=CFG):',
        '    cfg["base"] = p',
        'def load():',
        '    a = CFG["base"]',
        'T = {"base": "org/t"}',
        't = T',
        't.update(base="/opt/t")',
        'b = T["base"]',
        'U = {"base": "org/u"}',
        'def use(u=U):',
        '    return u["base"]',
        'c = U["base"]',
        'L = {"base": "org/l"}',
        'L["base"] = "/opt/l"',
        'models = [f(L["base"]) for _ in range(2)]',
      ].join('\n'),
    );
    const values = (name: string) => sc.lookupValues(valueOf(sc, name))?.map((v) => v.text);
    expect(values('a')).toEqual([]);
    expect(values('b')).toEqual([]);
    // an alias only read: the table's own value
    expect(values('c')).toEqual(['"org/u"']);
    const comprehension = sc.descendants(sc.ast, 'subscript').filter((n) => n.text === 'L["base"]').pop()!;
    expect(sc.lookupValues(comprehension)?.map((v) => v.text)).toEqual(['"/opt/l"']);
  });

  it('reads a table in a comprehension that starts an expression (`[…] or [0]`) without looping forever', async () => {
    // sympy/printing/pretty/pretty.py: the `or` around the comprehension starts where it does, and the
    // scope at that offset is the comprehension's (runningScope climbed back to it, endlessly)
    const sc = await parse(
      [
        'def f(self, M):',
        '    Ms = {}',
        '    for i in range(M.rows):',
        '        for j in range(M.cols):',
        '            Ms[i, j] = self._print(M[i, j])',
        '    for j in range(M.cols):',
        '        w = max([Ms[i, j].width() for i in range(M.rows)] or [0])',
      ].join('\n'),
    );
    const lookup = sc.descendants(sc.ast, 'subscript').filter((n) => n.text === 'Ms[i, j]').pop()!;
    expect(sc.lookupValues(lookup)).toBeUndefined();
  });

  it('knows no value of a table handed to a function of this file that writes into its parameter', async () => {
    const sc = await parse(
      [
        'import wandb',
        'def setup(cfg, base="x"):',
        '    cfg["base"] = base',
        'def configure(p, *, into):',
        '    into.update(base=p)',
        'def log(cfg):',
        '    print(cfg["base"])',
        'def spread(*tables):',
        '    tables[0]["base"] = "/opt"',
        'class Trainer:',
        '    def prepare(self, cfg):',
        '        cfg.setdefault("base", "/opt/t")',
        '    def run(self):',
        '        self.prepare(M)',
        'A = {"base": "org/a"}',
        'setup(A)',
        'a = A["base"]',
        'B = {"base": "org/b"}',
        'configure("/opt/b", into=B)',
        'b = B["base"]',
        'C = {"base": "org/c"}',
        'log(C)',
        'wandb.init(config=C)',
        'c = C["base"]',
        'D = {"base": "org/d"}',
        'spread(D)',
        'd = D["base"]',
        'M = {"base": "org/m"}',
        'm = M["base"]',
      ].join('\n'),
    );
    const values = (name: string) => sc.lookupValues(valueOf(sc, name))?.map((v) => v.text);
    // by position, by keyword, through `self.`
    expect(values('a')).toEqual([]);
    expect(values('b')).toEqual([]);
    expect(values('m')).toEqual([]);
    // a function that only reads it, and one of another module: the table's own value
    expect(values('c')).toEqual(['"org/c"']);
    // taken by `*tables`: not followed
    expect(values('d')).toEqual(['"org/d"']);
  });
});

describe('constant literals', () => {
  it.each([
    ['x = "abc"', 'abc'],
    ["x = 'a' 'b' \"c\"", 'abc'],
    ['x = "a\\nb\\t\\x41\\u00e9\\\\"', 'a\nb\tAé\\'],
    ['x = r"a\\nb"', 'a\\nb'],
    ['x = b"bytes\\x00"', 'bytes\0'],
    ['x = f"plain {{braces}}"', 'plain {braces}'],
    ['x = """multi\nline"""', 'multi\nline'],
    ['x = "héllo😀"', 'héllo😀'],
    ['x = 42', 42],
    ['x = 0o777', 511],
    ['x = 0x1F', 31],
    ['x = 1_000_000', 1000000],
    ['x = 0b101', 5],
    ['x = -3', -3],
    ['x = 1.5e3', 1500],
    ['x = True', true],
    ['x = False', false],
    ['x = None', null],
    ['x = (1, "a", None)', [1, 'a', null]],
    ['x = [True, [2]]', [true, [2]]],
    ['x = {"a": 1, "b": [False]}', { a: 1, b: [false] }],
    ['x = dict(a=1, b="c")', { a: 1, b: 'c' }],
    ['x = "a" + "b"', 'ab'],
    ['x = 2 * 3 + 1', 7],
    ['x = not False', true],
    ['x = ("paren")', 'paren'],
  ])('%s', async (text, expected) => {
    expect(await constOf(text)).toEqual(expected);
  });

  it('big integers are bigint', async () => {
    expect(await constOf('x = 123456789012345678901234567890')).toBe(123456789012345678901234567890n);
  });

  it.each([
    'x = f"has {value}"',
    'x = y',
    'x = call()',
    'x = a.b',
    'x = 1j',
    'x = {k: 1}',
    'x = [y]',
    'x = "a" + y',
    'x = "\\N{DASH}"',
  ])('%s is UNKNOWN', async (text) => {
    expect(await constOf(text)).toBe(UNKNOWN);
  });
});

describe('constant of a class attribute', () => {
  it('reads ClassName.attr bound once in the class body, never set elsewhere', async () => {
    expect(await constOf('class C:\n    rev = "main"\nx = C.rev\n')).toBe('main');
    expect(await constOf('class C:\n    rev = "main"\nC.rev = other()\nx = C.rev\n')).toBe(UNKNOWN);
    expect(await constOf('class C:\n    rev = "main"\n    def f(self):\n        self.rev = "v2"\nx = C.rev\n')).toBe(UNKNOWN);
    expect(await constOf('class C:\n    rev = "a"\n    rev = "b"\nx = C.rev\n')).toBe(UNKNOWN);
    expect(await constOf('def f(C):\n    x = C.rev\n    return x\n')).toBe(UNKNOWN);
  });
});

describe('constant of an attribute bag', () => {
  it('reads args.x with args = argparse.Namespace(x=…) or types.SimpleNamespace(x=…)', async () => {
    expect(await constOf('import argparse\nargs = argparse.Namespace(trust=True, rev="main")\nx = args.trust\n')).toBe(true);
    expect(await constOf('from types import SimpleNamespace as NS\ncfg = NS(rev="main")\ndef f():\n    x = cfg.rev\n    return x\n')).toBe('main');
    expect(await constOf('import argparse\nif c:\n    a = argparse.Namespace(t=True)\nelse:\n    a = argparse.Namespace(t=True, u=1)\nx = a.t\n')).toBe(true);
    // the member set on a new instance of an imported class elsewhere: no alias of the bag
    expect(await constOf('import argparse\nfrom vllm import EngineArgs\ndef g():\n    e = EngineArgs(model="m")\n    e.t = True\nargs = argparse.Namespace(t=False)\nx = args.t\n')).toBe(false);
    // `setattr` naming another member, or this one on a new instance of an imported class
    expect(await constOf('import argparse\nfrom vllm import EngineArgs\ndef g(o):\n    # setattr(args, "t", True)\n    setattr(o, "u", 1)\n    e = EngineArgs(model="m")\n    setattr(e, "t", True)\nargs = argparse.Namespace(t=False)\nx = args.t\n')).toBe(false);
  });

  it('is unknown when the member may be set, is missing, differs, or the bag is something else', async () => {
    // set anywhere in the file, on any object
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\ndef g(o):\n    o.t = False\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\nsetattr(args, name, False)\nx = args.t\n')).toBe(UNKNOWN);
    // `setattr` of this member on any other object, passed on, or called with an unpacked argument list
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\ndef g(o):\n    setattr(o, "t", False)\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\nset_it = setattr\nset_it(args, "t", False)\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\nsetattr(*triple)\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse, builtins\nargs = argparse.Namespace(t=True)\nbuiltins.setattr(args, "t", False)\nx = args.t\n')).toBe(UNKNOWN);
    // set on what a call of this file returns, an alias, a bag itself: may be this one
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\ndef g():\n    o = make()\n    o.t = False\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\no = args\no.t = False\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\no = argparse.Namespace()\no.t = False\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True)\nvars(args).update(opts)\nx = args.t\n')).toBe(UNKNOWN);
    // not given, given through an unknown mapping, different per branch
    expect(await constOf('import argparse\nargs = argparse.Namespace(u=True)\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.Namespace(t=True, **opts)\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nif c:\n    a = argparse.Namespace(t=True)\nelse:\n    a = argparse.Namespace(t=False)\nx = a.t\n')).toBe(UNKNOWN);
    // another constructor, a parameter, parse_args()
    expect(await constOf('args = Namespace(t=True)\nx = args.t\n')).toBe(UNKNOWN);
    expect(await constOf('def f(args):\n    x = args.t\n    return x\n')).toBe(UNKNOWN);
    expect(await constOf('import argparse\nargs = argparse.ArgumentParser().parse_args()\nx = args.t\n')).toBe(UNKNOWN);
  });
});

describe('constant of a field of a plain dataclass of the file', () => {
  const DC = 'from dataclasses import dataclass, field\nfrom typing import ClassVar\n@dataclass\nclass Cfg:\n    name: str\n    trust: bool = False\n    rev: str = field(default="main")\n    tags: list = field(default_factory=list)\n    kind: ClassVar[str] = "k"\n';
  it.each([
    ['c = Cfg("m", trust=True)\nx = c.trust', true],
    ['c = Cfg("m", True)\nx = c.trust', true],
    ['c = Cfg(name="m")\nx = c.trust', false],
    ['c = Cfg(name="m")\nx = c.rev', 'main'],
    ['c = Cfg(name="m")\nx = c.name', 'm'],
  ])('%s', async (text, expected) => {
    expect(await constOf(DC + text)).toEqual(expected);
  });

  it.each([
    ['c = Cfg(name="m")\nx = c.tags'],
    ['c = Cfg(name="m")\nx = c.kind'],
    ['c = Cfg(*args)\nx = c.trust'],
    ['c = Cfg(**opts)\nx = c.trust'],
    ['c = Cfg(name="m")\nc.trust = flag\nx = c.trust'],
  ])('%s is unknown', async (text) => {
    expect(await constOf(DC + text)).toBe(UNKNOWN);
  });

  it('is unknown for a class that is no plain dataclass', async () => {
    const base = 'from dataclasses import dataclass\n';
    expect(await constOf(base + 'class C:\n    trust: bool = False\nx = C(trust=True).trust\nc = C(trust=True)\nx = c.trust\n')).toBe(UNKNOWN);
    expect(await constOf(base + '@dataclass\nclass C(Base):\n    trust: bool = False\nc = C(trust=True)\nx = c.trust\n')).toBe(UNKNOWN);
    expect(await constOf(base + '@dataclass\nclass C:\n    trust: bool = False\n    def __post_init__(self):\n        pass\nc = C(trust=True)\nx = c.trust\n')).toBe(UNKNOWN);
    expect(await constOf(base + '@dataclass(frozen=True)\nclass C:\n    trust: bool = False\nc = C(trust=True)\nx = c.trust\n')).toBe(true);
  });
});

describe('constant through names', () => {
  it('a module-level name bound once to a constant, used in a function', async () => {
    const sc = await parse('SAFE = True\ndef f(p):\n    return torch.load(p, weights_only=SAFE)\n');
    const call = callStarting(sc, 'torch.load');
    expect(sc.constant(sc.argument(call, { name: 'weights_only' })!)).toBe(true);
  });

  it('a name bound to different values is UNKNOWN; equal values are fine', async () => {
    const sc = await parse('A = True\nif c:\n    A = False\nB = 1\nif c:\n    B = 1\nuse(A, B)\n');
    expect(sc.constant(lastIdent(sc, 'A'))).toBe(UNKNOWN);
    expect(sc.constant(lastIdent(sc, 'B'))).toBe(1);
  });

  it('augmented assignment and loop targets make a name unknown', async () => {
    const sc = await parse('N = 1\nN += 1\nfor M in xs:\n    pass\nuse(N, M)\n');
    expect(sc.constant(lastIdent(sc, 'N'))).toBe(UNKNOWN);
    expect(sc.constant(lastIdent(sc, 'M'))).toBe(UNKNOWN);
  });

  it('a parameter default value', async () => {
    const sc = await parse('def f(path, weights_only=True, *, strict: bool = False, other=x):\n    use(weights_only, strict, path, other)\n');
    expect(sc.constant(lastIdent(sc, 'weights_only'))).toBe(true);
    expect(sc.constant(lastIdent(sc, 'strict'))).toBe(false);
    expect(sc.constant(lastIdent(sc, 'path'))).toBe(UNKNOWN);
    expect(sc.constant(lastIdent(sc, 'other'))).toBe(UNKNOWN);
  });

  it('a local binding shadows the module constant', async () => {
    const sc = await parse('SAFE = True\ndef f(SAFE):\n    use(SAFE)\n');
    expect(sc.constant(lastIdent(sc, 'SAFE'))).toBe(UNKNOWN);
  });

  it('constants through chains of names', async () => {
    const sc = await parse('A = "org/model"\nB = A\nuse(B)\n');
    expect(sc.constant(lastIdent(sc, 'B'))).toBe('org/model');
  });

  it('self-referencing names terminate', async () => {
    const sc = await parse('A = B\nB = A\nuse(A)\n');
    expect(sc.constant(lastIdent(sc, 'A'))).toBe(UNKNOWN);
  });

  it('tuple assignment pairs elements', async () => {
    const sc = await parse('a, b = "x", 2\nuse(a, b)\n');
    expect(sc.constant(lastIdent(sc, 'a'))).toBe('x');
    expect(sc.constant(lastIdent(sc, 'b'))).toBe(2);
  });
});

describe('constant paths', () => {
  it('os.path.join and pathlib.Path of constants', async () => {
    const sc = await parse(
      [
        'import os, pathlib',
        'from pathlib import Path',
        'from os.path import join',
        'BASE = "./out"',
        'a = os.path.join(BASE, "checkpoint-100")',
        'b = pathlib.Path("/tmp", "finetuned")',
        'c = Path(BASE) / "model"',
        'd = join("a", "/abs", "b")',
        'e = os.path.join(unknown, "x")',
      ].join('\n'),
    );
    expect(sc.constant(valueOf(sc, 'a'))).toBe('./out/checkpoint-100');
    expect(sc.constant(valueOf(sc, 'b'))).toBe('/tmp/finetuned');
    expect(sc.constant(valueOf(sc, 'c'))).toBe('./out/model');
    expect(sc.constant(valueOf(sc, 'd'))).toBe('/abs/b');
    expect(sc.constant(valueOf(sc, 'e'))).toBe(UNKNOWN);
  });

  it('division of plain strings is not a path join', async () => {
    expect(await constOf('x = "a" / "b"')).toBe(UNKNOWN);
  });
});

describe('constant string formatting', () => {
  it.each([
    ['ORG = "org"\nNAME = "model"\nx = f"{ORG}/{NAME}"', 'org/model'],
    ['N = 3\nx = f"checkpoint-{N}"', 'checkpoint-3'],
    ['x = f"{{literal}} {True}"', '{literal} True'],
    ['ORG = "org"\nx = "{}/{}".format(ORG, "m")', 'org/m'],
    ['x = "{1}-{0}".format("a", "b")', 'b-a'],
    ['x = "{org}/{name}".format(org="o", name="n")', 'o/n'],
    ['x = "%s/%s" % ("o", "n")', 'o/n'],
    ['x = "ckpt-%d" % 5', 'ckpt-5'],
    ['x = "100%%"  % ()', '100%'],
  ])('%s', async (text, expected) => {
    expect(await constOf(text)).toBe(expected);
  });

  it.each([
    'x = f"{unknown}/m"',
    'x = f"{1.5:.2f}"',
    'x = f"{\'a\'!r}"',
    'x = "{:>5}".format("a")',
    'x = "{}".format(y)',
    'x = "%s" % y',
    'x = "%r" % ("a",)',
    'x = "%s %s" % ("a",)',
  ])('%s is UNKNOWN', async (text) => {
    expect(await constOf(text)).toBe(UNKNOWN);
  });

  it('stringValue stays literal-only', async () => {
    const sc = await parse('ORG = "o"\nx = f"{ORG}/m"\n');
    expect(sc.stringValue(valueOf(sc, 'x'))).toBeUndefined();
    expect(sc.constant(valueOf(sc, 'x'))).toBe('o/m');
  });
});

describe('defaultValue (command-line and dataclass defaults)', () => {
  const script = [
    'import argparse',
    'from dataclasses import dataclass, field',
    'from transformers import HfArgumentParser',
    'parser = argparse.ArgumentParser()',
    'parser.add_argument("--output_dir", default="/tmp/finetuned")',
    'parser.add_argument("--model-name", dest="model", default="org/model")',
    'parser.add_argument("--trust_remote_code", action="store_true")',
    'parser.add_argument("--no-cache", action="store_false")',
    'parser.add_argument("--epochs", type=int, default="3")',
    'parser.add_argument("--revision")',
    'parser.add_argument("data_path")',
    'group = parser.add_argument_group("extra")',
    'group.add_argument("-p", "--push-to-hub", default=False)',
    'args = parser.parse_args()',
    'use(args.output_dir, args.model, args.trust_remote_code, args.no_cache, args.epochs, args.revision, args.data_path, args.push_to_hub, args.unknown)',
    'out = args.output_dir',
    'use2(out)',
    '@dataclass',
    'class ModelArguments:',
    '    model_name_or_path: str = field(default="org/base")',
    '    revision: str = "main"',
    '    trust_remote_code: bool = False',
    '    cache_dir: str = field(default_factory=lambda: "x")',
    '    token: str',
    'hf = HfArgumentParser((ModelArguments,))',
    'model_args, = hf.parse_args_into_dataclasses()',
    'use3(model_args.model_name_or_path, model_args.revision, model_args.cache_dir, model_args.token)',
    'direct = ModelArguments(revision="v1")',
    'use4(direct.revision, direct.model_name_or_path)',
    'def main(margs: ModelArguments, other):',
    '    use5(margs.trust_remote_code, other.revision)',
  ].join('\n');

  const valuesOf = async (fn: string) => {
    const sc = await parse(script);
    const call = callStarting(sc, `${fn}(`);
    return sc.positionalArguments(call).map((a) => sc.defaultValue(a));
  };

  it('argparse options', async () => {
    expect(await valuesOf('use')).toEqual(['/tmp/finetuned', 'org/model', false, true, 3, null, UNKNOWN, false, UNKNOWN]);
    expect(await valuesOf('use2')).toEqual(['/tmp/finetuned']);
  });

  it('argparse: a string through another `type=`, `set_defaults`, and a write of the field are not the default', async () => {
    const sc = await parse(
      [
        'import argparse',
        'p = argparse.ArgumentParser()',
        'p.add_argument("--a", type=str2bool, default="False")',
        'p.add_argument("--b", action="store_false")',
        'p.set_defaults(b=False)',
        'p.add_argument("--c", default=True)',
        'p.add_argument("--d", type=str, default="x")',
        'args = p.parse_args()',
        'args.c = False',
        'use(args.a, args.b, args.c, args.d)',
      ].join('\n'),
    );
    expect(sc.positionalArguments(callStarting(sc, 'use(')).map((a) => sc.defaultValue(a))).toEqual([UNKNOWN, false, UNKNOWN, 'x']);
  });

  it('argparse options a helper of the file returns, or every call passes in (the usual script shapes)', async () => {
    const sc = await parse(
      [
        'import argparse',
        'def parse_args():',
        '    parser = argparse.ArgumentParser()',
        '    parser.add_argument("--model", default="org/model")',
        '    args = parser.parse_args()',
        '    return args',
        'def parse_known():',
        '    p = argparse.ArgumentParser()',
        '    return p.parse_known_args()[0]',
        'def not_options():',
        '    return load_config()',
        'def either(flag):',
        '    if flag:',
        '        return argparse.ArgumentParser().parse_args()',
        '    return load_config()',
        'def main(args, cfg):',
        '    use(args.model, cfg.model)',
        'a = parse_args()',
        'b = parse_known()',
        'c = not_options()',
        'd = either(True)',
        'use2(a.model, b.model, c.model, d.model)',
        'if __name__ == "__main__":',
        '    main(parse_args(), load_config())',
        'def run(opts):',
        '    use3(opts.model)',
        'run(parse_args())',
        'run(load_config())',
      ].join('\n'),
    );
    const values = (fn: string) => sc.positionalArguments(callStarting(sc, `${fn}(`)).map((x) => sc.defaultValue(x));
    expect(values('use2')).toEqual(['org/model', 'org/model', UNKNOWN, UNKNOWN]);
    expect(values('use')).toEqual(['org/model', UNKNOWN]);
    // one call passes something else
    expect(values('use3')).toEqual([UNKNOWN]);
  });

  it('dataclass fields', async () => {
    expect(await valuesOf('use3')).toEqual(['org/base', 'main', UNKNOWN, UNKNOWN]);
    expect(await valuesOf('use4')).toEqual(['v1', 'org/base']);
    expect(await valuesOf('use5')).toEqual([false, UNKNOWN]);
  });

  it('is constant() first, and constant() itself stays strict', async () => {
    const sc = await parse(script + '\nuse6(args.output_dir, "lit")\n');
    const call = callStarting(sc, 'use6(');
    const [a, b] = sc.positionalArguments(call);
    expect(sc.constant(a)).toBe(UNKNOWN);
    expect(sc.defaultValue(a)).toBe('/tmp/finetuned');
    expect(sc.defaultValue(b)).toBe('lit');
  });
});

describe('defaultValue of environment variables', () => {
  it.each([
    ['import os\nx = os.environ.get("MODEL", "org/model")', 'org/model'],
    ['import os\nx = os.getenv("MODEL", default="org/m2")', 'org/m2'],
    ['import os\nx = os.getenv("MODEL")', null],
    ['import os\nx = os.getenv("MODEL") or "org/fallback"', 'org/fallback'],
    ['import os\nD = "org/d"\nx = os.environ.get("MODEL", D)', 'org/d'],
    ['import os\nx = os.environ["MODEL"]', UNKNOWN],
    ['import os\nx = os.getenv("MODEL", other)', UNKNOWN],
  ])('%s', async (text, expected) => {
    const sc = await parse(text);
    expect(sc.defaultValue(valueOf(sc, 'x'))).toEqual(expected);
    expect(sc.constant(valueOf(sc, 'x'))).toBe(UNKNOWN);
  });
});

describe('constant of str methods', () => {
  it.each([
    ['SPEC = " Org/Model@v1 "\nx = SPEC.split("@")[0].strip()', 'Org/Model'],
    ['x = "Org/Model".lower()', 'org/model'],
    ['x = "org/model".upper()', 'ORG/MODEL'],
    ['x = "./out/".rstrip("/")', './out'],
    ['x = "xxabcxx".strip("x")', 'abc'],
    ['x = "  a ".lstrip()', 'a '],
    ['x = "a-b-c".replace("-", "/")', 'a/b/c'],
    ['x = "a-b-c".replace("-", "/", 1)', 'a/b-c'],
    ['x = "hf://org/m".removeprefix("hf://")', 'org/m'],
    ['x = "m.bin".removesuffix(".bin")', 'm'],
    ['x = "a/b/c".split("/", 1)', ['a', 'b/c']],
    ['x = "a/b/c".rsplit("/", 1)', ['a/b', 'c']],
    ['x = "a/b/c".split("/", maxsplit=1)[1]', 'b/c'],
    ['x = "  a  b c ".split()', ['a', 'b', 'c']],
    ['x = "  a  b c ".split(None, 1)', ['a', 'b c ']],
    ['ORG = "org"\nx = "/".join([ORG, "m"])', 'org/m'],
  ])('%s', async (text, expected) => {
    expect(await constOf(text)).toEqual(expected);
  });

  it.each([
    ['x = spec.split("@")[0].strip()'], // the receiver is not known
    ['x = "a".strip(chars)'],
    ['x = "a,b".split("")'], // ValueError
    ['x = "/".join([a, "m"])'],
    ['x = "a".zfill(3)'], // not evaluated
  ])('%s is unknown', async (text) => {
    expect(await constOf(text)).toBe(UNKNOWN);
  });
});

describe('mayBeNone', () => {
  it.each([
    ['x = None\nuse(x)', true],
    ['x = None\nif c:\n    x = ["a.json"]\nuse(x)', true], // LLaMA-Factory's `_load_single_dataset`
    ['def f(x=None):\n    use(x)', true],
    ['def f(y):\n    x = y if y else None\n    use(x)', true],
    ['x = (None)\nuse(x)', true],
    ['x = None\nx = ["a.json"]\nuse(x)', false], // rebound on every path before the use
    ['def f(x="a.json"):\n    use(x)', false],
    ['x = ["a.json"]\nuse(x)', false],
    ['use(x)', false], // nothing binds it: not known to be None
  ])('%s → %s', async (text, expected) => {
    const sc = await parse(text);
    expect(sc.mayBeNone(lastIdent(sc, 'x'))).toBe(expected);
  });

  it('stops four names deep', async () => {
    const sc = await parse(['a = None', 'b = a', 'c = b', 'd = c', 'e = d', 'x = e', 'use(x)'].join('\n'));
    expect(sc.mayBeNone(lastIdent(sc, 'x'))).toBe(false);
    const near = await parse(['a = None', 'b = a', 'x = b', 'use(x)'].join('\n'));
    expect(near.mayBeNone(lastIdent(near, 'x'))).toBe(true);
  });
});

describe('possibleElements', () => {
  it.each([
    ['x = [a, b]\nuse(x)', ['a', 'b']],
    ['B = [a]\nx = B + [b]\nuse(x)', ['a', 'b']],
    ['B = [a]\nB.append(b)\nB.extend([c, d])\nx = list(B)\nuse(x)', ['a', 'b', 'c', 'd']],
    ['x = {a}\nx |= {b}\nx.add(c)\nuse(x)', ['a', 'b', 'c']],
    ['x = (*B, c)\nuse(x)', ['c']], // B not bound: not read
    ['if k:\n    x = [a]\nelse:\n    x = [b]\nuse(x)', ['a', 'b']],
    ['x = make()\nuse(x)', []],
    ['def list(v):\n    return []\nx = list([a])\nuse(x)', []], // a shadowed builtin copies nothing
  ])('%s', async (text, expected) => {
    const sc = await parse(text);
    expect(sc.possibleElements(lastIdent(sc, 'x')).map((n) => n.text)).toEqual(expected);
  });
});

describe('references of a name with combining marks (review s36py P2-1)', () => {
  it('finds every use of `_मॉडल`', async () => {
    const sc = await parse('_मॉडल = 1\nuse(_मॉडल)\nother(_मॉडल)');
    expect(sc.references(lastIdent(sc, '_मॉडल')).length).toBe(3);
  });
});

describe('noneRejectedBefore', () => {
  it.each([
    ['def f(r=None):\n    if r is None:\n        raise ValueError()\n    use(r)', true],
    ['def f(r=None):\n    assert r is not None\n    use(r)', true],
    ['def f(r=None):\n    if not r:\n        return\n    use(r)', true],
    ['def f(r=None):\n    if r is not None:\n        use(r)', true], // (review s36b_py P2)
    ['def f(r=None):\n    if r is None:\n        pass\n    else:\n        use(r)', true],
    ['def f(r=None):\n    if r is None:\n        log()\n    use(r)', false],
    ['def f(r=None):\n    if r is None:\n        use(r)', false],
    ['def f(r=None):\n    use(r)', false],
  ])('%s → %s', async (text, expected) => {
    const sc = await parse(text);
    expect(sc.noneRejectedBefore(lastIdent(sc, 'r'))).toBe(expected);
  });
});
