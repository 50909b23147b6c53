import { describe, expect, it } from 'vitest';
import { callStarting, nodesOfType, parse } from './helpers.js';

async function arg(text: string, prefix: string, query: { name?: string; position?: number }, nth = 0): Promise<string | undefined> {
  const sc = await parse(text);
  const node = sc.argument(callStarting(sc, prefix, nth), query);
  return node ? sc.getText(node) : undefined;
}

describe('argument', () => {
  it('keyword arguments', async () => {
    expect(await arg('torch.load(p, weights_only=True)', 'torch.load', { name: 'weights_only' })).toBe('True');
    expect(await arg('torch.load(p, map_location="cpu")', 'torch.load', { name: 'weights_only' })).toBeUndefined();
  });

  it('positional arguments, skipping keywords', async () => {
    const text = 'np.load(f, None, True, encoding="latin1")';
    expect(await arg(text, 'np.load', { position: 0 })).toBe('f');
    expect(await arg(text, 'np.load', { position: 2 })).toBe('True');
    expect(await arg(text, 'np.load', { position: 3 })).toBeUndefined();
  });

  it('keyword wins over position; position used when the keyword is absent', async () => {
    expect(await arg('np.load(f, None, True)', 'np.load', { name: 'allow_pickle', position: 2 })).toBe('True');
    expect(await arg('np.load(f, allow_pickle=False)', 'np.load', { name: 'allow_pickle', position: 2 })).toBe('False');
  });

  it('keys of a mapping merged from another, at any depth (each level read once)', async () => {
    const chain = (levels: number, splats: number) =>
      ["d0 = {'trust_remote_code': True}", ...Array.from({ length: levels }, (_, i) => `d${i + 1} = {${`**d${i}, `.repeat(splats)}'k${i + 1}': ${i + 1}}`), `M.from_pretrained("o/n", **d${levels})`].join('\n');
    expect(await arg(chain(4, 1), 'M.from_pretrained', { name: 'trust_remote_code' })).toBe('True');
    expect(await arg(chain(15, 1), 'M.from_pretrained', { name: 'trust_remote_code' })).toBe('True');
    // each level merging the one before twice: 2^15 paths, each name's table read once
    expect(await arg(chain(15, 2), 'M.from_pretrained', { name: 'trust_remote_code' })).toBe('True');
    // deeper than the bound: the tables are worked out again in source order, each link once (review timeseries
    // P3-2: the key was lost), and it does not take long (2^40 paths)
    expect(await arg(chain(40, 2), 'M.from_pretrained', { name: 'trust_remote_code' })).toBe('True');
  });

  it('a merged table read first where the depth bound cut it short is read again in full nearer to it', async () => {
    // `z3` is read 20 levels down from the call (cut short there); `v` later, 13 levels from `c0`: in full
    const chain = ['c0 = {"trust_remote_code": True}', ...Array.from({ length: 12 }, (_, i) => `c${i + 1} = {**c${i}}`), 'y = {**c12}', 'z1 = {**y}', 'z2 = {**z1}', 'z3 = {**z2}'];
    const text = [...chain, 'M.from_pretrained("a/b", **z3)', 'v = {**y}', 'M.from_pretrained("a/b", **v)'].join('\n');
    const sc = await parse(text);
    const calls = nodesOfType(sc, 'call').filter((c) => sc.getText(c).startsWith('M.from_pretrained'));
    sc.argument(calls[0], { name: 'trust_remote_code' });
    expect(sc.getText(sc.argument(calls[1], { name: 'trust_remote_code' })!)).toBe('True');
  });

  it('keys set by subscript before the call, on a dict literal or a **kwargs parameter', async () => {
    const built = 'kw = {"revision": C}\nkw["trust_remote_code"] = True\nM.from_pretrained("o/n", **kw)\nkw["late"] = 1\n';
    expect(await arg(built, 'M.from_pretrained', { name: 'trust_remote_code' })).toBe('True');
    expect(await arg(built, 'M.from_pretrained', { name: 'revision' })).toBe('C');
    expect(await arg(built, 'M.from_pretrained', { name: 'late' })).toBeUndefined(); // set after the call
    const wrapper = 'def load(*args, **kwargs):\n    kwargs["weights_only"] = True\n    return torch.load(*args, **kwargs)\n';
    expect(await arg(wrapper, 'torch.load', { name: 'weights_only' })).toBe('True');
    const nested = 'kw = {}\ndef f():\n    kw["x"] = 1\ng(**kw)\n';
    expect(await arg(nested, 'g(', { name: 'x' })).toBeUndefined(); // another scope's assignment
  });

  it('not a key set in a branch that returns before the call is reached', async () => {
    const branch = 'def f(m):\n    kw = {"s": False}\n    if m.endswith(".x"):\n        kw["s"] = True\n        return one(m, **kw)\n    return two(m, **kw)\n';
    expect(await arg(branch, 'two(', { name: 's' })).toBe('False');
    expect(await arg(branch, 'one(', { name: 's' })).toBe('True');
    // a try body may be left by an exception before its return; a raise may be caught; a branch that goes on
    const guarded = 'def f(m):\n    kw = {"s": False}\n    try:\n        kw["s"] = True\n        return one(**kw)\n    except E:\n        pass\n    return two(**kw)\n';
    expect(await arg(guarded, 'two(', { name: 's' })).toBe('True');
    const raising = 'def f(m):\n    kw = {"s": False}\n    if m:\n        kw["s"] = True\n        raise E\n    return two(**kw)\n';
    expect(await arg(raising, 'two(', { name: 's' })).toBe('True');
    const going = 'def f(m):\n    kw = {"s": False}\n    if m:\n        kw["s"] = True\n    return two(**kw)\n';
    expect(await arg(going, 'two(', { name: 's' })).toBe('True');
    // an `if … return` inside a `try`, and `continue`/`break` after the write in a loop: the key reaches the call
    const inTry = 'def f(m):\n    kw = {"s": False}\n    try:\n        if m:\n            kw["s"] = True\n            return one(**kw)\n    except ValueError:\n        pass\n    return two(**kw)\n';
    expect(await arg(inTry, 'two(', { name: 's' })).toBe('True');
    const looped = 'def f(xs):\n    kw = {"s": False}\n    for x in xs:\n        if x:\n            kw["s"] = True\n            continue\n        return None\n    return two(**kw)\n';
    expect(await arg(looped, 'two(', { name: 's' })).toBe('True');
    const broken = 'def f(c):\n    kw = {"s": False}\n    while True:\n        if c:\n            kw["s"] = True\n            break\n        return None\n    return two(**kw)\n';
    expect(await arg(broken, 'two(', { name: 's' })).toBe('True');
  });

  it('calls through functools.partial: the bound arguments first, the call\'s own keywords winning', async () => {
    const text = 'import functools, pickle\nimport numpy as np\np = functools.partial(np.load, "f.npy", allow_pickle=True, mmap_mode="r")\np(mmap_mode=None)\nfunctools.partial(pickle.load, encoding="latin1")(fh)\n';
    const sc = await parse(text);
    const call = callStarting(sc, 'p(');
    expect(sc.getText(sc.argument(call, { name: 'allow_pickle' })!)).toBe('True');
    expect(sc.getText(sc.argument(call, { name: 'mmap_mode' })!)).toBe('None');
    expect(sc.getText(sc.argument(call, { position: 0 })!)).toBe('"f.npy"');
    const outer = callStarting(sc, 'functools.partial(pickle'); // `partial(...)(fh)`: the outer call starts there too
    expect(sc.qualifiedName(sc.callee(outer)!)).toBe('pickle.load');
    expect(sc.getText(sc.argument(outer, { name: 'encoding' })!)).toBe('"latin1"');
    const inner = sc.callee(outer)!;
    expect(sc.qualifiedName(sc.callee(inner)!)).toBe('functools.partial');
  });

  it('a partial in one branch of a conditional binds its arguments when it is the only way to what it wraps', async () => {
    const sc = await parse(
      [
        'import functools, torch',
        'from safetensors.torch import load_file',
        'a = load_file if s else functools.partial(torch.load, weights_only=True)',
        'a(p1)',
        'b = torch.load if s else functools.partial(torch.load, weights_only=True)',
        'b(p2)',
      ].join('\n'),
    );
    expect(sc.getText(sc.argument(callStarting(sc, 'a(p1)'), { name: 'weights_only' })!)).toBe('True');
    expect(sc.argument(callStarting(sc, 'b(p2)'), { name: 'weights_only' })).toBeUndefined();
  });

  it('a partial bound in one branch of an if binds its arguments when it is the only way to what it wraps', async () => {
    const sc = await parse(
      [
        'import functools, llama_cpp, torch',
        'if hub:',
        '    make = functools.partial(llama_cpp.Llama.from_pretrained, repo_id="org/m", filename="*.gguf")',
        'else:',
        '    make = llama_cpp.Llama',
        'make(n_ctx=2048)',
        'if safe:',
        '    load = functools.partial(torch.load, weights_only=True)',
        'else:',
        '    load = torch.load',
        'load(p)',
      ].join('\n'),
    );
    const make = callStarting(sc, 'make(n_ctx');
    expect(sc.getText(sc.argument(make, { name: 'repo_id' })!)).toBe('"org/m"');
    expect(sc.qualifiedNames(sc.callee(make)!)).toContain('llama_cpp.Llama.from_pretrained');
    // the other branch calls what the partial wraps, without its arguments: no bound arguments
    expect(sc.argument(callStarting(sc, 'load(p)'), { name: 'weights_only' })).toBeUndefined();
    // ...also under another module's name for the same function (`torch.serialization.load` is `torch.load`)
    const alias = await parse('import functools, torch, torch.serialization\nif safe:\n    f = functools.partial(torch.load, weights_only=True)\nelse:\n    f = torch.serialization.load\nf(p)\ng = torch.serialization.load if s else functools.partial(torch.load, weights_only=True)\ng(q)');
    expect(alias.argument(callStarting(alias, 'f(p)'), { name: 'weights_only' })).toBeUndefined();
    expect(alias.argument(callStarting(alias, 'g(q)'), { name: 'weights_only' })).toBeUndefined();
  });

  it('a partial held in a dispatch table or a self attribute binds its arguments', async () => {
    const sc = await parse(
      [
        'import functools, torch',
        'from safetensors.torch import load_file',
        'SAFE = functools.partial(torch.load, map_location="cpu", weights_only=True)',
        'LOADERS = {".pth": functools.partial(torch.load, map_location="cpu", weights_only=True), ".pt": SAFE, ".st": load_file}',
        'MIXED = {".pth": functools.partial(torch.load, weights_only=False), ".pt": functools.partial(torch.load, weights_only=True)}',
        'RAW = {".pth": functools.partial(torch.load, weights_only=True), ".pt": torch.load}',
        'DEV = {".pth": functools.partial(torch.load, map_location="cpu"), ".pt": functools.partial(torch.load, map_location="cuda")}',
        'POS = {".pth": functools.partial(torch.load, "a.pt"), ".pt": functools.partial(torch.load, "b.pt")}',
        'class H:',
        '    def __init__(self):',
        '        self._load = functools.partial(torch.load, weights_only=True)',
        '    def run(self, p, ext):',
        '        a = LOADERS[".pth"](p)',
        '        b = LOADERS[ext](p)',
        '        c = self._load(p)',
        '        d = MIXED[".pt"](p)',
        '        e = MIXED[ext](p)',
        '        f = MIXED[ext](p, weights_only=True)',
        '        g = RAW[ext](p)',
        '        h = DEV[ext](p)',
        '        i = POS[ext]()',
      ].join('\n'),
    );
    const flag = (prefix: string) => {
      const node = sc.argument(callStarting(sc, prefix), { name: 'weights_only' });
      return node ? sc.getText(node) : undefined;
    };
    expect(flag('LOADERS[".pth"]')).toBe('True');
    expect(flag('LOADERS[ext]')).toBe('True');
    expect(flag('self._load(')).toBe('True');
    expect(flag('MIXED[".pt"]')).toBe('True');
    // partials that bind it differently: not known; the call's own keyword still wins
    expect(flag('MIXED[ext](p)')).toBeUndefined();
    expect(sc.hasUnresolvedArguments(callStarting(sc, 'MIXED[ext](p)'))).toBe(true);
    expect(flag('MIXED[ext](p, w')).toBe('True');
    // another value reaches torch.load without the partial's arguments
    expect(flag('RAW[ext]')).toBeUndefined();
    expect(sc.hasUnresolvedArguments(callStarting(sc, 'RAW[ext]'))).toBe(false);
    // partials that differ in map_location alone: that keyword is not known, weights_only is certainly not passed
    const dev = callStarting(sc, 'DEV[ext]');
    expect(sc.argument(dev, { name: 'map_location' })).toBeUndefined();
    expect(sc.hasUnresolvedArguments(dev)).toBe(true);
    expect(sc.hasUnresolvedArguments(dev, 'map_location')).toBe(true);
    expect(sc.hasUnresolvedArguments(dev, 'weights_only')).toBe(false);
    expect(sc.argumentPaths(dev, 'map_location')).toBeUndefined();
    expect(sc.argumentPaths(dev, 'weights_only')).toEqual({ values: [], absent: true });
    expect(sc.hasUnresolvedArguments(callStarting(sc, 'MIXED[ext](p)'), 'weights_only')).toBe(true);
    // positionals that differ: the whole call is not known
    expect(sc.hasUnresolvedArguments(callStarting(sc, 'POS[ext]'), 'weights_only')).toBe(true);
  });

  it('values written to an environment variable (environmentWrites)', async () => {
    const sc = await parse(
      [
        'import os',
        'from os import putenv',
        'from unittest import mock',
        'env = {"X": "e"}',
        'os.environ["X"] = "a"',
        'os.environ |= {"X": "b"}',
        'os.environ.update({"X": "c"})',
        'os.environ.update(X="d")',
        'os.environ.update(env)',
        'os.environ.setdefault("X", "f")',
        'putenv("X", "g")',
        'mock.patch.dict(os.environ, {"X": "h"})',
        'mock.patch.dict("os.environ", X="i")',
        'def test(monkeypatch):',
        '    monkeypatch.setenv("X", "j")',
        '    monkeypatch.setitem(os.environ, "X", "k")',
        'os.environ["Y"] = "no"',
        'settings["X"] = "no"',
        'cfg.update({"X": "no"})',
        'mock.patch.dict(sys.modules, {"X": "no"})',
        'os.environ.get("X", "no")',
        'subprocess.run(c, env={"X": "no"})',
      ].join('\n'),
    );
    const written = [...nodesOfType(sc, 'assignment'), ...nodesOfType(sc, 'augmented_assignment'), ...nodesOfType(sc, 'call')]
      .flatMap((n) => sc.environmentWrites(n, 'X'))
      .map((v) => sc.constant(v))
      .sort();
    expect(written).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);
  });

  it('keys set by setdefault and update before a **mapping call', async () => {
    const text = [
      'import yaml',
      'def load(f, **kwargs):',
      '    kwargs.setdefault("Loader", yaml.Loader)',
      '    return yaml.load(f, **kwargs)',
      'def load2(f):',
      '    kw = {"Loader": yaml.SafeLoader}',
      '    kw.setdefault("Loader", yaml.Loader)',
      '    kw.update(stream=f)',
      '    kw.update({"extra": 1})',
      '    return yaml.load(**kw)',
    ].join('\n');
    expect(await arg(text, 'yaml.load(f', { name: 'Loader' })).toBe('yaml.Loader');
    expect(await arg(text, 'yaml.load(**kw', { name: 'Loader' })).toBe('yaml.SafeLoader');
    expect(await arg(text, 'yaml.load(**kw', { name: 'stream' })).toBe('f');
    expect(await arg(text, 'yaml.load(**kw', { name: 'extra' })).toBe('1');
  });

  it('values of a mapping expression (mappingValue)', async () => {
    const sc = await parse('mk = {"a": 1}\nmk["b"] = 2\nf(model_kwargs=mk, other=dict(c=3), lit={"d": 4})\n');
    const call = callStarting(sc, 'f(');
    const kw = (name: string) => sc.argument(call, { name })!;
    expect(sc.getText(sc.mappingValue(kw('model_kwargs'), 'a')!)).toBe('1');
    expect(sc.getText(sc.mappingValue(kw('model_kwargs'), 'b')!)).toBe('2');
    expect(sc.getText(sc.mappingValue(kw('other'), 'c')!)).toBe('3');
    expect(sc.getText(sc.mappingValue(kw('lit'), 'd')!)).toBe('4');
    expect(sc.mappingValue(kw('lit'), 'zzz')).toBeUndefined();
  });

  it('mappingValue: a key removed after it is set, or set before the mapping is bound again, is not there', async () => {
    const sc = await parse(
      [
        'def up(c, k):',
        '    a = {}', '    a["ACL"] = "x"', '    a.pop("ACL")', '    f(a=a)',
        '    b = {"ACL": "x", "T": 1}', '    del b["ACL"]', '    f(b=b)',
        '    d = {}', '    d["ACL"] = "x"', '    d.clear()', '    f(d=d)',
        '    e = {}', '    e["ACL"] = "x"', '    e = {}', '    f(e=e)',
        '    g = {}', '    g["ACL"] = "x"', '    g.pop("T", None)', '    del g["T"]', '    f(g=g)',
        '    h = {}', '    h["ACL"] = "x"', '    if c:', '        h.pop("ACL")', '    h.pop(k)', '    f(h=h)',
        '    i = {}', '    i.pop("ACL", None)', '    i["ACL"] = "y"', '    f(i=i)',
      ].join('\n') + '\n',
    );
    const value = (name: string) => {
      const call = sc.descendants(sc.ast, 'call').find((c) => c.text === `f(${name}=${name})`)!;
      const v = sc.mappingValue(sc.argument(call, { name })!, 'ACL');
      return v ? sc.getText(v) : undefined;
    };
    expect(value('a')).toBeUndefined();
    expect(value('b')).toBeUndefined();
    expect(value('d')).toBeUndefined();
    expect(value('e')).toBeUndefined();
    expect(sc.mappingValue(sc.argument(sc.descendants(sc.ast, 'call').find((c) => c.text === 'f(b=b)')!, { name: 'b' })!, 'T')).toBeDefined();
    // another key removed; a removal in a branch or of a key not known removes nothing known
    expect(value('g')).toBe('"x"');
    expect(value('h')).toBe('"x"');
    expect(value('i')).toBe('"y"');
  });

  it('keys of a **{...} dict literal', async () => {
    const text = 'M.from_pretrained("o/n", revision=C, **{"trust_remote_code": True})';
    expect(await arg(text, 'M.from_pretrained', { name: 'trust_remote_code' })).toBe('True');
  });

  it('keys of **opts bound to a dict literal or dict(k=v)', async () => {
    const text = [
      'def f(path):',
      '    opts = {"weights_only": False, "map_location": "cpu"}',
      '    torch.load(path, **opts)',
      'kw = dict(weights_only=False)',
      'torch.load(q, **kw)',
      'torch.load(r, **dict(weights_only=True))',
    ].join('\n');
    expect(await arg(text, 'torch.load(path', { name: 'weights_only' })).toBe('False');
    expect(await arg(text, 'torch.load(q', { name: 'weights_only' })).toBe('False');
    expect(await arg(text, 'torch.load(r', { name: 'weights_only' })).toBe('True');
  });

  it('expands literal *args for positions', async () => {
    const text = 'args = (f, None, True)\nnp.load(*args)\nnp.load(g, *[None, True])\nnp.load(*unknown)';
    expect(await arg(text, 'np.load(*args)', { position: 2 })).toBe('True');
    expect(await arg(text, 'np.load(g', { position: 2 })).toBe('True');
    expect(await arg(text, 'np.load(*unknown)', { position: 0 })).toBeUndefined();
  });

  it('generator argument without parentheses is position 0', async () => {
    expect(await arg('sum(x for x in y)', 'sum', { position: 0 })).toBe('(x for x in y)');
  });
});

describe('hasUnresolvedArguments', () => {
  it.each([
    ['f(a, b=1)', false],
    ['f(*args)', true],
    ['f(**kwargs)', true],
    ['f(**{"a": 1})', false],
    ['f(*[1, 2])', false],
    ['f(**{k: 1})', true],
    ['opts = {"a": 1}\nf(**opts)', false],
    // keys written by known names: which are set is not known, but no other key is there
    ['opts = {"a": 1}\nopts["b"] = 2\nf(**opts)', false],
    ['opts = dict(a=1)\nif c:\n    opts["device_map"] = d\nopts.update(b=2)\nopts.setdefault("e", 3)\nf(**opts)', false],
    ['opts = {"a": 1}\nopts[k] = 2\nf(**opts)', true],
    ['opts = {"a": 1}\nopts.update(**more)\nf(**opts)', true],
    ['def g(**kw):\n    kw["a"] = 1\n    f(**kw)', true],
    ['opts = {"a": 1}\nopts.update(x)\nf(**opts)', true],
    ['def g(**kw):\n    f(**kw)', true],
  ])('%s → %s', async (text, expected) => {
    const sc = await parse(text);
    expect(sc.hasUnresolvedArguments(callStarting(sc, 'f('))).toBe(expected);
  });
});

describe('hasUnresolvedArguments on chains of mappings', () => {
  it('reads a chain of `d<i>.update(d<i+1>)` once per write (it doubled per level)', async () => {
    const n = 40;
    const lines = ['def f(x):', `    d${n} = dict(a=1)`];
    for (let i = n - 1; i >= 0; i--) lines.push(`    d${i} = dict(k${i}=1)`, `    d${i}.update(d${i + 1})`);
    lines.push('    f(**d0)');
    const sc = await parse(lines.join('\n'));
    // (each update is of a mapping written to itself: its keys are not all known)
    expect(sc.hasUnresolvedArguments(callStarting(sc, 'f('))).toBe(true);
  });
});

describe('argumentPaths', () => {
  const paths = async (text: string) => {
    const sc = await parse(text);
    const r = sc.argumentPaths(callStarting(sc, 'f('), 'k');
    return r && { values: r.values.map((v) => v.text), absent: r.absent };
  };
  it.each([
    ['f(k=1)', { values: ['1'], absent: false }],
    ['f(a=1)', { values: [], absent: true }],
    ['f(**{"k": 1})', { values: ['1'], absent: false }],
    ['f(**({"k": False} if c else {}))', { values: ['False'], absent: true }],
    ['f(**({"k": 1} if c else {"k": 2}))', { values: ['1', '2'], absent: false }],
    ['kw = {"k": 1} if c else {}\nf(**kw)', { values: ['1'], absent: true }],
    ['if c:\n    kw = {"k": 1}\nelse:\n    kw = {"j": 2}\nf(**kw)', { values: ['1'], absent: true }],
    ['f(**({"k": 1} if c else {}), **({"j": 2} if d else {}))', { values: ['1'], absent: true }],
    ['f(**({"k": 1} if c else {}), **{"k": 3})', { values: ['1', '3'], absent: false }],
    ['f(**({"k": 1} if c else {"k": 2} if d else {"k": 3}))', { values: ['1', '2', '3'], absent: false }],
  ])('%s', async (text, expected) => {
    expect(await paths(text)).toEqual(expected);
  });
  it.each([
    'f(**kwargs)',
    'f(**(opts if c else {}))',
    'if c:\n    kw = {"k": 1}\nelse:\n    kw = make()\nf(**kw)',
    'kw = {"j": 1} if c else {}\nkw["x"] = 2\nf(**kw)',
  ])('%s: not known on every path', async (text) => {
    expect(await paths(text)).toBeUndefined();
  });
});

describe('mappingPaths', () => {
  const paths = async (text: string) => {
    const sc = await parse(text);
    const call = callStarting(sc, 'f(');
    const r = sc.mappingPaths(sc.argument(call, { name: 'cfg' })!, 'k');
    return { values: r.values.map((v) => v.text), absent: r.absent };
  };
  it.each([
    ['f(cfg={"k": 1})', { values: ['1'], absent: false }],
    ['f(cfg={"k": 1} if c else {})', { values: ['1'], absent: true }],
    ['cfg = {}\nif c:\n    cfg = {"k": True}\nf(cfg=cfg)', { values: ['True'], absent: true }],
    ['if c:\n    cfg = {"k": 1}\nelse:\n    cfg = {"k": 2}\nf(cfg=cfg)', { values: ['1', '2'], absent: false }],
    // a path whose mapping is not known may hold none
    ['if c:\n    cfg = {"k": 1}\nelse:\n    cfg = make()\nf(cfg=cfg)', { values: ['1'], absent: true }],
    ['f(cfg=opts)', { values: [], absent: true }],
  ])('%s', async (text, expected) => {
    expect(await paths(text)).toEqual(expected);
  });
});

describe('callee, positionalArguments, keywordArguments', () => {
  it('splits the argument list', async () => {
    const sc = await parse('torch.load(p, "cpu", *[x], weights_only=True, **{"mmap": False}, **extra)');
    const call = callStarting(sc, 'torch.load');
    expect(sc.getText(sc.callee(call)!)).toBe('torch.load');
    expect(sc.positionalArguments(call).map((n) => sc.getText(n))).toEqual(['p', '"cpu"', 'x']);
    const kw = sc.keywordArguments(call);
    expect([...kw.keys()]).toEqual(['weights_only', 'mmap']);
    expect(sc.getText(kw.get('mmap')!)).toBe('False');
  });

  it('an unresolvable *args stays visible as list_splat', async () => {
    const sc = await parse('f(a, *rest)');
    expect(sc.positionalArguments(callStarting(sc, 'f(')).map((n) => n.type)).toEqual(['identifier', 'list_splat']);
  });
});

describe('argument through re-bound option dicts', () => {
  it('uses the dict that reaches the call', async () => {
    const sc = await parse('opts = {}\nopts = {"weights_only": False}\ntorch.load(p, **opts)\n');
    const call = callStarting(sc, 'torch.load');
    expect(sc.getText(sc.argument(call, { name: 'weights_only' })!)).toBe('False');
    expect(sc.hasUnresolvedArguments(call)).toBe(false);
  });
});
