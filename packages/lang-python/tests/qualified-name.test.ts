import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { isPython2Only } from '../src/index.js';
import { calleeName, callStarting, ident, lastIdent, nodesOfType, parse } from './helpers.js';

describe('qualifiedName through import forms', () => {
  it.each([
    ['import torch\ntorch.load(p)', 'torch.load', 'torch.load'],
    ['import torch as t\nt.load(p)', 't.load', 'torch.load'],
    ['import torch.serialization\ntorch.serialization.load(p)', 'torch.serialization.load', 'torch.serialization.load'],
    ['import torch.serialization as ser\nser.load(p)', 'ser.load', 'torch.serialization.load'],
    ['from torch import load\nload(p)', 'load', 'torch.load'],
    ['from torch import load as L\nL(p)', 'L', 'torch.load'],
    ['from torch.serialization import load\nload(p)', 'load', 'torch.serialization.load'],
    ['from torch import hub\nhub.load_state_dict_from_url(u)', 'hub.load', 'torch.hub.load_state_dict_from_url'],
    ['from torch import (\n    load as L2,\n)\nL2(p)', 'L2', 'torch.load'],
    ['from . import loader\nloader.load(p)', 'loader.load', '.loader.load'],
    ['from .mod import name\nname(p)', 'name', '.mod.name'],
    ['from ..pkg.mod import name as n\nn(p)', 'n', '..pkg.mod.name'],
    ['import numpy as np\nnp.load(f, allow_pickle=True)', 'np.load', 'numpy.load'],
    ['import a.b.c\na.b.c.d(1)', 'a.b.c.d', 'a.b.c.d'],
    ['import a.b\nimport a.c\na.c.x()', 'a.c.x', 'a.c.x'],
  ])('%s', async (text, prefix, expected) => {
    const sc = await parse(text);
    expect(calleeName(sc, prefix)).toBe(expected);
  });

  it('unknown names and non-import expressions give undefined', async () => {
    const sc = await parse('foo.load(p)\nself.load(p)\nmodel().load(p)\nx[0].load(p)\n');
    expect(calleeName(sc, 'foo.load')).toBeUndefined();
    expect(calleeName(sc, 'self.load')).toBeUndefined();
    expect(calleeName(sc, 'model().load')).toBeUndefined();
    expect(calleeName(sc, 'x[0].load')).toBeUndefined();
  });

  it('free builtins resolve to builtins.<name>, shadowed ones do not', async () => {
    const sc = await parse('eval(x)\nopen(p)\ndef f():\n    def eval(s):\n        return s\n    eval(y)\n');
    expect(calleeName(sc, 'eval(x)')).toBe('builtins.eval');
    expect(calleeName(sc, 'open(p)')).toBe('builtins.open');
    expect(calleeName(sc, 'eval(y)')).toBeUndefined();
  });

  it('works inside parentheses and on the plain module name', async () => {
    const sc = await parse('import torch\n(torch.load)(p)\nm = torch\n');
    expect(sc.qualifiedName(ident(sc, 'torch', 1))).toBe('torch');
    const call = callStarting(sc, '(torch.load)');
    expect(sc.qualifiedName(sc.callee(call)!)).toBe('torch.load');
  });

  it('star import resolves free names when it is the only one', async () => {
    const sc = await parse('from torch import *\nload(p)\n');
    expect(calleeName(sc, 'load')).toBe('torch.load');
    const sc2 = await parse('from torch import *\nfrom pickle import *\nload(p)\n');
    expect(calleeName(sc2, 'load')).toBeUndefined();
  });

  it("well-known re-exports resolve to where the function is defined (torchvision's torch.hub loader)", async () => {
    const sc = await parse(
      'from torchvision.models.utils import load_state_dict_from_url\nimport torchvision._internally_replaced_utils as iru\nload_state_dict_from_url(u)\niru.load_state_dict_from_url(u)\n',
    );
    expect(calleeName(sc, 'load_state_dict_from_url')).toBe('torch.hub.load_state_dict_from_url');
    expect(calleeName(sc, 'iru.')).toBe('torch.hub.load_state_dict_from_url');
    // only the function itself: the module and its other names keep their own names
    const sc2 = await parse('import torchvision.models.utils as u\nu.other(x)\n');
    expect(calleeName(sc2, 'u.other')).toBe('torchvision.models.utils.other');
  });

  it("six.moves' names are the Python 3 modules they stand for", async () => {
    const sc = await parse('import six.moves.cPickle as pickle\nfrom six.moves.urllib.request import urlopen\npickle.loads(b)\nurlopen(u)\n');
    expect(calleeName(sc, 'pickle.loads')).toBe('pickle.loads');
    expect(calleeName(sc, 'urlopen')).toBe('urllib.request.urlopen');
    const more = await parse('from six.moves import configparser, builtins\nconfigparser.ConfigParser()\nbuiltins.eval(s)\n');
    expect(calleeName(more, 'configparser.ConfigParser')).toBe('configparser.ConfigParser');
    expect(calleeName(more, 'builtins.eval')).toBe('builtins.eval');
  });

  it('joblib vendored by scikit-learn before 0.23 is joblib', async () => {
    const sc = await parse('from sklearn.externals import joblib\nimport sklearn.externals.joblib as jl\njoblib.load(f)\njl.dump(m, f)\n');
    expect(calleeName(sc, 'joblib.load')).toBe('joblib.load');
    expect(calleeName(sc, 'jl.dump')).toBe('joblib.dump');
  });

  it('names in a vendored copy of a module are the original module\'s (ray.cloudpickle is cloudpickle)', async () => {
    const sc = await parse(
      'import ray.cloudpickle as pickle\nfrom joblib.externals import cloudpickle\nfrom srsly.cloudpickle import loads\npickle.load(f)\ncloudpickle.loads(b)\nloads(b)\nimport ray.cloudpickler\nray.cloudpickler.load(f)\n',
    );
    expect(calleeName(sc, 'pickle.load')).toBe('cloudpickle.load');
    expect(calleeName(sc, 'cloudpickle.loads')).toBe('cloudpickle.loads');
    expect(calleeName(sc, 'loads')).toBe('cloudpickle.loads');
    expect(calleeName(sc, 'ray.cloudpickler')).toBe('ray.cloudpickler.load'); // a prefix of the name only, not of a word
  });
});

describe('qualifiedName through aliases and dynamic forms', () => {
  it('simple assignment aliases at module and function scope', async () => {
    const sc = await parse(
      [
        'import pickle, torch',
        'f = pickle.loads',
        'f(b)',
        'def g(p):',
        '    alias = torch.load',
        '    return alias(p)',
        'def h(p):',
        '    return f(p)',
        'a = b = torch.load',
        'a(1)',
        'b(2)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'f(b)')).toBe('pickle.loads');
    expect(calleeName(sc, 'alias(p)')).toBe('torch.load');
    expect(calleeName(sc, 'f(p)')).toBe('pickle.loads');
    expect(calleeName(sc, 'a(1)')).toBe('torch.load');
    expect(calleeName(sc, 'b(2)')).toBe('torch.load');
  });

  it('chains of aliases and module aliases', async () => {
    const sc = await parse('import torch\nT = torch\nload = T.load\nx = load\nx(p)\n');
    expect(calleeName(sc, 'x(p)')).toBe('torch.load');
  });

  it('alias cycles terminate', async () => {
    const sc = await parse('a = b\nb = a\na(1)\n');
    expect(calleeName(sc, 'a(1)')).toBeUndefined();
  });

  it('getattr with a literal or constant name', async () => {
    const sc = await parse('import torch\nNAME = "load"\ngetattr(torch, "load")(p)\ngetattr(torch, NAME)(q)\ngetattr(torch, name)(r)\n');
    expect(sc.qualifiedName(callStarting(sc, 'getattr(torch, "load")', 1))).toBe('torch.load');
    expect(calleeName(sc, 'getattr(torch, "load")(p)')).toBe('torch.load');
    expect(calleeName(sc, 'getattr(torch, NAME)(q)')).toBe('torch.load');
    expect(calleeName(sc, 'getattr(torch, name)(r)')).toBeUndefined();
  });

  it('importlib.import_module and __import__ as attribute bases', async () => {
    const sc = await parse(
      [
        'import importlib',
        'from importlib import import_module',
        'importlib.import_module("torch").load(p)',
        'import_module("torch.serialization").load(p)',
        '__import__("pickle").loads(b)',
        '__import__("torch.hub").hub.load(r)',
        'mod = importlib.import_module("yaml")',
        'mod.load(s)',
        'importlib.import_module(".sub", "pkg").x(1)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'importlib.import_module("torch").load')).toBe('torch.load');
    expect(calleeName(sc, 'import_module("torch.serialization").load')).toBe('torch.serialization.load');
    expect(calleeName(sc, '__import__("pickle").loads')).toBe('pickle.loads');
    expect(calleeName(sc, '__import__("torch.hub").hub.load')).toBe('torch.hub.load');
    expect(calleeName(sc, 'mod.load')).toBe('yaml.load');
    expect(calleeName(sc, 'importlib.import_module(".sub", "pkg").x')).toBe('pkg.sub.x');
  });

  it('a local wrapper that imports and returns the module its parameter names', async () => {
    const sc = await parse(
      [
        'import importlib',
        'def import_module(name):',
        '    try:',
        '        return importlib.import_module(name)',
        '    except ModuleNotFoundError:',
        '        raise',
        'def top(mod, quiet=False):',
        '    return __import__(mod)',
        'def half(name):',
        '    if name:',
        '        return importlib.import_module(name)',
        '    return fallback',
        'yaml = import_module("yaml")',
        'yaml.load(s)',
        'import_module(name="torch.serialization").load(p)',
        'top("torch.hub").hub.load(r)',
        'half("pickle").loads(b)',
        'import_module(runtime).load(q)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'yaml.load')).toBe('yaml.load');
    expect(calleeName(sc, 'import_module(name="torch.serialization").load')).toBe('torch.serialization.load');
    expect(calleeName(sc, 'top("torch.hub").hub.load')).toBe('torch.hub.load');
    // a return of something else, a name that is not constant: not known
    expect(calleeName(sc, 'half("pickle").loads')).toBeUndefined();
    expect(calleeName(sc, 'import_module(runtime).load')).toBeUndefined();
  });

  it('sys.modules["m"]', async () => {
    const sc = await parse('import sys\nsys.modules["torch"].load(p)\n');
    expect(calleeName(sc, 'sys.modules["torch"].load')).toBe('torch.load');
  });
});

describe('shadowing and scopes', () => {
  it('a local def shadows an import', async () => {
    const sc = await parse('from pickle import loads\ndef loads(s):\n    return s\nloads(b)\n');
    expect(calleeName(sc, 'loads(b)')).toBeUndefined();
  });

  it('a function-local definition shadows only inside the function', async () => {
    const sc = await parse(
      ['import torch', 'def f(torch):', '    torch.load(a)', 'def g():', '    torch = Loader()', '    torch.load(b)', 'def h():', '    torch.load(c)'].join('\n'),
    );
    expect(calleeName(sc, 'torch.load(a)')).toBeUndefined();
    expect(calleeName(sc, 'torch.load(b)')).toBeUndefined();
    expect(calleeName(sc, 'torch.load(c)')).toBe('torch.load');
  });

  it.each([
    ['for-target', 'import pickle\nfor pickle in items:\n    pickle.loads(b)'],
    ['with-as', 'import pickle\nwith opener() as pickle:\n    pickle.loads(b)'],
    ['class', 'import pickle\nclass pickle:\n    pass\npickle.loads(b)'],
    ['except-as', 'import pickle\ntry:\n    pass\nexcept E as pickle:\n    pickle.loads(b)'],
    ['walrus', 'import pickle\nif (pickle := get()):\n    pickle.loads(b)'],
    ['tuple unpacking', 'import pickle\npickle, other = get()\npickle.loads(b)'],
    ['augmented', 'import pickle\npickle += 1\npickle.loads(b)'],
    ['lambda parameter', 'import pickle\nf = lambda pickle: pickle.loads(b)'],
    ['comprehension variable', 'import pickle\nr = [pickle.loads(b) for pickle in xs]'],
    ['parameter', 'import pickle\ndef f(pickle):\n    return pickle.loads(b)'],
    ['keyword-only parameter', 'import pickle\ndef f(*, pickle=None):\n    return pickle.loads(b)'],
    ['*args', 'import pickle\ndef f(*pickle):\n    return pickle.loads(b)'],
    ['del', 'import pickle\ndel pickle\npickle.loads(b)'],
  ])('shadowed by %s', async (_label, text) => {
    const sc = await parse(text);
    expect(calleeName(sc, 'pickle.loads')).toBeUndefined();
  });

  it('global declaration: the function sees the module binding', async () => {
    const sc = await parse('import torch\ndef f():\n    global torch\n    torch.load(p)\n');
    expect(calleeName(sc, 'torch.load')).toBe('torch.load');
  });

  it('global assignment inside a function rebinds the module name', async () => {
    const sc = await parse('import torch\ndef f():\n    global torch\n    torch = None\n    torch = Other()\ntorch.load(p)\n');
    expect(calleeName(sc, 'torch.load')).toBeUndefined();
  });

  it('nonlocal refers to the enclosing function binding', async () => {
    const sc = await parse('def outer():\n    import pickle as p\n    def inner():\n        nonlocal p\n        p.loads(b)\n');
    expect(calleeName(sc, 'p.loads')).toBe('pickle.loads');
  });

  it('nested functions see enclosing function imports', async () => {
    const sc = await parse('def outer():\n    import torch as t\n    def inner():\n        return t.load(p)\n');
    expect(calleeName(sc, 't.load')).toBe('torch.load');
  });

  it('class scopes are not visible from methods', async () => {
    const sc = await parse(
      ['import torch', 'class A:', '    torch = Loader()', '    x = torch.load(a)', '    def m(self):', '        return torch.load(b)'].join('\n'),
    );
    expect(calleeName(sc, 'torch.load(a)')).toBeUndefined();
    expect(calleeName(sc, 'torch.load(b)')).toBe('torch.load');
  });

  it('class-level import is visible in the class body only', async () => {
    const sc = await parse('class A:\n    import pickle\n    x = pickle.loads(a)\n    def m(self):\n        return pickle.loads(b)\n');
    expect(calleeName(sc, 'pickle.loads(a)')).toBe('pickle.loads');
    expect(calleeName(sc, 'pickle.loads(b)')).toBeUndefined();
  });

  it('default values and decorators are evaluated in the enclosing scope', async () => {
    const sc = await parse('import torch\ndef f(torch=torch.load):\n    return torch\n@torch.no_grad()\ndef g(): pass\n');
    const attr = nodesOfType(sc, 'attribute').find((a) => sc.getText(a) === 'torch.load')!;
    expect(sc.qualifiedName(attr)).toBe('torch.load');
    expect(calleeName(sc, 'torch.no_grad')).toBe('torch.no_grad');
  });

  it('a name bound to different things is undefined, agreeing bindings resolve', async () => {
    const sc = await parse(
      ['import pickle, dill', 'if c:', '    f = pickle.loads', 'else:', '    f = dill.loads', 'f(a)', 'if c:', '    g = pickle.loads', 'else:', '    g = pickle.loads', 'g(b)'].join('\n'),
    );
    expect(calleeName(sc, 'f(a)')).toBeUndefined();
    expect(calleeName(sc, 'g(b)')).toBe('pickle.loads');
  });

  it('try/except import fallbacks: agreeing imports and None placeholders', async () => {
    const sc = await parse(
      [
        'try:',
        '    import cPickle as pickle',
        'except ImportError:',
        '    import pickle',
        'try:',
        '    import yaml',
        'except ImportError:',
        '    yaml = None',
        'pickle.loads(a)',
        'yaml.load(b)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'pickle.loads')).toBe('pickle.loads'); // a Python 2 fallback beside it: Python 3 runs `pickle`
    expect(sc.qualifiedNames(sc.callee(callStarting(sc, 'pickle.loads'))!)).toEqual(['pickle.loads', 'cPickle.loads']);
    expect(calleeName(sc, 'yaml.load')).toBe('yaml.load');
  });

  it('comments, docstrings and strings never produce names', async () => {
    const sc = await parse('import torch\n"""torch.load(p)"""\n# torch.load(q)\ns = "torch.load(r)"\n');
    expect(nodesOfType(sc, 'call')).toHaveLength(0);
  });

  it('an identifier used in a comprehension resolves through the function scope', async () => {
    const sc = await parse('import torch\ndef f(paths):\n    return [torch.load(p) for p in paths]\n');
    expect(calleeName(sc, 'torch.load')).toBe('torch.load');
    expect(sc.qualifiedName(lastIdent(sc, 'p'))).toBeUndefined();
  });
});

describe('identifiers that are not name references', () => {
  it('the attribute part of obj.name and keyword names resolve to nothing', async () => {
    const sc = await parse('import torch\nSAFE = True\nmodel.eval()\ncfg.SAFE\nf(eval=1, SAFE=2)\nx = 1.\neval(y)\n');
    const ids = nodesOfType(sc, 'identifier').filter((n) => n.text === 'eval');
    expect(ids.map((n) => sc.qualifiedName(n))).toEqual([undefined, undefined, 'builtins.eval']);
    const safes = nodesOfType(sc, 'identifier').filter((n) => n.text === 'SAFE');
    expect(safes.map((n) => sc.constant(n))).toEqual([true, UNKNOWN, UNKNOWN]);
  });
});

describe('qualifiedNames (every candidate)', () => {
  const names = async (text: string, prefix: string) => {
    const sc = await parse(text);
    const call = callStarting(sc, prefix);
    return { all: sc.qualifiedNames(sc.callee(call)!), one: sc.qualifiedName(sc.callee(call)!) };
  };

  it('alternative imports of the same name (py2/py3 idiom)', async () => {
    const r = await names(
      ['def load(blob):', '    try:', '        import cPickle as pickle', '    except ImportError:', '        import pickle', '    return pickle.loads(blob)'].join('\n'),
      'pickle.loads',
    );
    expect(r.all).toEqual(['pickle.loads', 'cPickle.loads']);
    expect(r.one).toBe('pickle.loads');
  });

  it('a Python 2 member beside the Python 3 name is a fallback, in either order; two Python 3 names are not', async () => {
    for (const order of [
      ['try:', '    from urllib import urlretrieve', 'except ImportError:', '    from urllib.request import urlretrieve'],
      ['try:', '    from urllib.request import urlretrieve', 'except ImportError:', '    from urllib import urlretrieve'],
    ]) {
      const r = await names([...order, 'urlretrieve(u, p)'].join('\n'), 'urlretrieve(');
      expect(r.all).toEqual(['urllib.request.urlretrieve', 'urllib.urlretrieve']);
      expect(r.one).toBe('urllib.request.urlretrieve');
    }
    const both = await names(['try:', '    from ujson import loads', 'except ImportError:', '    from json import loads', 'loads(s)'].join('\n'), 'loads(');
    expect(both.all).toHaveLength(2);
    expect(both.one).toBeUndefined();
    expect(isPython2Only('urllib.urlretrieve')).toBe(true);
    expect(isPython2Only('urllib.URLopener.retrieve')).toBe(true);
    expect(isPython2Only('urllib.request.urlretrieve')).toBe(false);
    expect(isPython2Only('urllib.parse.quote')).toBe(false);
    for (const name of ['urllib.urlencode', 'urllib.quote', 'itertools.izip', 'itertools.imap', 'urllib.FancyURLopener.retrieve']) expect(isPython2Only(name), name).toBe(true);
    for (const name of ['itertools.chain', 'urllib.request.URLopener', 'urllib']) expect(isPython2Only(name), name).toBe(false);
  });

  it('a stand-in defined where the import failed does not hide the import', async () => {
    const stub = (handler: string[]) =>
      ['try:', '    from huggingface_hub import snapshot_download', ...handler, 'def fetch(d):', '    snapshot_download(repo_id="org/m", local_dir=d)'].join('\n');
    for (const handler of [
      ['except ImportError:', '    def snapshot_download(*a, **k):', '        raise ImportError("pip install huggingface_hub")'],
      ['except (ImportError, ModuleNotFoundError):', '    snapshot_download = _missing'],
      ['except:', '    class snapshot_download:', '        pass'],
    ]) {
      const r = await names(stub(handler), 'snapshot_download(repo_id');
      expect(r.one, handler.join(' ')).toBe('huggingface_hub.snapshot_download');
    }
    // a local definition anywhere else still shadows the import
    expect((await names('from huggingface_hub import snapshot_download\ndef snapshot_download(**k):\n    pass\nsnapshot_download(repo_id="org/m")', 'snapshot_download(repo_id')).one).toBeUndefined();
    expect((await names('from huggingface_hub import snapshot_download\nif LOCAL:\n    def snapshot_download(**k):\n        pass\nsnapshot_download(repo_id="org/m")', 'snapshot_download(repo_id')).one).toBeUndefined();
    // (a handler of a try that imports something else)
    expect((await names('from huggingface_hub import snapshot_download\ntry:\n    import torch\nexcept ImportError:\n    def snapshot_download(**k):\n        pass\nsnapshot_download(repo_id="org/m")', 'snapshot_download(repo_id')).one).toBeUndefined();
  });

  it('answers each use of a name with 2,000 stand-ins in time (what ran before is found once per binding)', async () => {
    // 2,000 `try: from pkgN import f` / `except ImportError: def f` pairs, each followed by a use: the
    // walk back from each use passes every earlier binding (none certainly ran), 152 s before.
    const blocks = Array.from({ length: 2000 }, (_, i) => `try:\n    from pkg${i} import f\nexcept ImportError:\n    def f(*a):\n        return None\nf(${i})\n`);
    const sc = await parse(blocks.join(''));
    const calls = nodesOfType(sc, 'call');
    expect(calls).toHaveLength(2000);
    expect(sc.qualifiedNames(calls[0].childForFieldName('function')!)).toEqual(['pkg0.f']);
    expect(sc.qualifiedNames(calls[1999].childForFieldName('function')!)).toContain('pkg1999.f'); // (and earlier imports: the stand-in is ignored)
    let named = 0;
    for (const call of calls) if (sc.qualifiedNames(call.childForFieldName('function')!).length > 0) named++;
    expect(named).toBeGreaterThan(1800); // (the same share as before: some uses have more candidates than are kept)
  });

  it('answers a name rebound to itself in 800 branches in time', async () => {
    // `if …: loader = torch.load` / `else: loader = loader`, 800 times (18 s before)
    const branches = Array.from({ length: 800 }, (_, i) => `if os.environ.get("X${i}"):\n    loader = torch.load\nelse:\n    loader = loader\n`);
    const sc = await parse(`import os\nimport torch\nloader = torch.load\n${branches.join('')}m = loader("a.pt")\n`);
    expect(calleeName(sc, 'loader("a.pt")')).toBe('torch.load');
  });

  it("IPython's get_ipython, as a script exported from a notebook calls it", async () => {
    const sc = await parse("get_ipython().system('wget https://x/m.pt')\n");
    expect(calleeName(sc, 'get_ipython()', 1)).toBe('IPython.get_ipython');
    expect(sc.instanceQualifiedNames(sc.callee(callStarting(sc, 'get_ipython().system'))!)).toEqual(['IPython.get_ipython.system']);
    // a name of the file's own is its own
    expect(calleeName(await parse('def get_ipython():\n    return shell\nget_ipython()\n'), 'get_ipython()')).toBeUndefined();
  });

  it("a module's member looked up in its namespace (`__dict__`, `vars`), and a walrus callee", async () => {
    const sc = await parse('import pickle\nimport torch\npickle.__dict__["loads"](b)\nvars(pickle)["loads"](b)\n(f := torch.load)(p)\nself.__dict__["loads"](b)\nvars(pickle)["not a name"](b)\n');
    const callees = nodesOfType(sc, 'call').filter((c) => c.parent?.type === 'expression_statement').map((c) => sc.qualifiedName(sc.callee(c)!));
    expect(callees).toEqual(['pickle.loads', 'pickle.loads', 'torch.load', undefined, undefined]);
  });

  it('alternative from-imports used as a value', async () => {
    const sc = await parse(
      ['import yaml', 'try:', '    from yaml import CSafeLoader as Loader', 'except ImportError:', '    from yaml import SafeLoader as Loader', 'yaml.load(text, Loader=Loader)'].join('\n'),
    );
    const call = callStarting(sc, 'yaml.load');
    expect(sc.qualifiedNames(sc.argument(call, { name: 'Loader' })!)).toEqual(['yaml.CSafeLoader', 'yaml.SafeLoader']);
  });

  it('if/else assignments and conditional expressions', async () => {
    expect((await names('import torch\nload = torch.load if new else torch.serialization.load\nload(p)', 'load(p)')).all).toEqual([
      'torch.load',
      'torch.serialization.load',
    ]);
    expect((await names('import pickle, dill\nif c:\n    f = pickle.loads\nelse:\n    f = dill.loads\nf(a)', 'f(a)')).all).toEqual(['pickle.loads', 'dill.loads']);
    const same = await names('import torch\nf = torch.load if a else torch.load\nf(p)', 'f(p)');
    expect(same.all).toEqual(['torch.load']);
    expect(same.one).toBe('torch.load');
  });

  it('empty when any binding is not resolvable', async () => {
    expect((await names('import pickle\nif c:\n    f = pickle.loads\nelse:\n    def f(x): return x\nf(a)', 'f(a)')).all).toEqual([]);
    expect((await names('import torch\nload = torch.load if new else my_loader\nload(p)', 'load(p)')).all).toEqual([]);
    expect((await names('def g(loader):\n    loader(p)', 'loader(p)')).all).toEqual([]);
  });

  it('dispatch tables: a literal key gives its value, any other key every value', async () => {
    const table = 'import torch, pickle, json\nLOADERS = {".pt": torch.load, ".pkl": pickle.load}\n';
    expect((await names(`${table}LOADERS[ext](p)`, 'LOADERS[ext]')).all).toEqual(['torch.load', 'pickle.load']);
    expect((await names(`${table}LOADERS[".pkl"](p)`, 'LOADERS[".pkl"]')).one).toBe('pickle.load');
    expect((await names(`${table}LOADERS[".npy"](p)`, 'LOADERS[".npy"]')).all).toEqual([]);
    expect((await names(`${table}LOADERS.get(ext, json.load)(p)`, 'LOADERS.get')).all).toEqual(['json.load', 'torch.load', 'pickle.load']);
    expect((await names(`${table}LOADERS.get(".npy", json.load)(p)`, 'LOADERS.get')).one).toBe('json.load');
    expect((await names(`${table}fn = LOADERS[ext]\nfn(p)`, 'fn(p)')).all).toEqual(['torch.load', 'pickle.load']);
    expect((await names('import torch\n{"a": torch.load}[k](p)', '{"a"')).one).toBe('torch.load');
    // a value that does not resolve, or keys that may have been added: nothing
    expect((await names('import torch\ndef mine(p): ...\nT = {"a": torch.load, "b": mine}\nT[k](p)', 'T[k]')).all).toEqual([]);
    expect((await names('import torch\nT = {"a": torch.load}\nT[name] = other\nT[k](p)', 'T[k](p)')).all).toEqual([]);
    expect((await names('import torch\ndef f(T):\n    T[k](p)', 'T[k]')).all).toEqual([]);
  });

  it('possibleQualifiedNames leaves out what does not resolve, qualifiedNames does not', async () => {
    const text = 'import torch\ndef mine(p): ...\nload = torch.load if new else mine\nload(p)\nif c:\n    f = torch.load\nelse:\n    def f(p): ...\nf(q)';
    const sc = await parse(text);
    const callee = (start: string) => sc.callee(callStarting(sc, start))!;
    expect(sc.qualifiedNames(callee('load(p)'))).toEqual([]);
    expect(sc.possibleQualifiedNames(callee('load(p)'))).toEqual(['torch.load']);
    expect(sc.qualifiedNames(callee('f(q)'))).toEqual([]);
    expect(sc.possibleQualifiedNames(callee('f(q)'))).toEqual(['torch.load']);
    // the strict answer is kept apart from the lenient one
    expect(sc.qualifiedNames(callee('load(p)'))).toEqual([]);
  });

  // (review rl P2-2) a method of a class picked from a constant table by a key not known: every value's
  it('a member of a class picked from a constant dict by an unknown key: every class it may be', async () => {
    const text = 'from stable_baselines3 import PPO, SAC\nimport mylib\nalgos = {"ppo": PPO, "sac": SAC}\nmixed = {"ppo": PPO, "x": mine}\ndef enjoy(algo, p):\n    a = algos[algo].load(p)\n    b = mixed[algo].load(p)';
    const sc = await parse(text);
    const callee = (start: string) => sc.callee(callStarting(sc, start))!;
    expect(sc.qualifiedNames(callee('algos[algo]'))).toEqual(['stable_baselines3.PPO.load', 'stable_baselines3.SAC.load']);
    expect(sc.qualifiedNames(callee('mixed[algo]'))).toEqual([]);
    expect(sc.possibleQualifiedNames(callee('mixed[algo]'))).toEqual(['stable_baselines3.PPO.load']);
  });

  it('getattr over alternative bases', async () => {
    expect((await names('try:\n    import cPickle as p\nexcept ImportError:\n    import pickle as p\ngetattr(p, "loads")(b)', 'getattr(p, "loads")(b)')).all).toEqual([
      'pickle.loads',
      'cPickle.loads',
    ]);
  });
});

describe('instanceQualifiedName', () => {
  it('methods reached through instances of imported classes', async () => {
    const sc = await parse(
      [
        'from huggingface_hub import HfApi',
        'import aiohttp, requests',
        'api = HfApi()',
        'api.create_repo("org/x")',
        'HfApi().create_repo("org/y")',
        'with requests.Session() as s:',
        '    s.get("https://x/model.bin")',
        'async def f():',
        '    async with aiohttp.ClientSession() as session:',
        '        await session.get("https://x/model.bin")',
        '    client = await make_client()',
        '    client.get(1)',
        'def g(api):',
        '    api.create_repo("z")',
        'other = HfApi() if c else requests.Session()',
        'other.delete(1)',
      ].join('\n'),
    );
    const inst = (prefix: string) => sc.instanceQualifiedName(sc.callee(callStarting(sc, prefix))!);
    expect(inst('api.create_repo("org/x")')).toBe('huggingface_hub.HfApi.create_repo');
    expect(inst('HfApi().create_repo')).toBe('huggingface_hub.HfApi.create_repo');
    expect(inst('s.get')).toBe('requests.Session.get');
    expect(inst('session.get')).toBe('aiohttp.ClientSession.get');
    expect(inst('client.get')).toBeUndefined(); // make_client is not an import
    expect(inst('api.create_repo("z")')).toBeUndefined(); // a parameter
    expect(sc.instanceQualifiedNames(sc.callee(callStarting(sc, 'other.delete'))!)).toEqual(['huggingface_hub.HfApi.delete', 'requests.Session.delete']);
    // qualifiedName stays import-only
    expect(sc.qualifiedName(sc.callee(callStarting(sc, 'api.create_repo("org/x")'))!)).toBeUndefined();
  });
});

describe('instanceTypes', () => {
  it('a parameter annotated with a class holds an instance of it; not a re-bound one, nor a subscripted annotation', async () => {
    const sc = await parse(
      [
        'from huggingface_hub import HfApi',
        'from typing import Optional',
        'def a(api: HfApi):',
        '    api.create_repo("x")',
        'def b(api: Optional[HfApi]):',
        '    api.create_repo("y")',
        'def c(api: HfApi):',
        '    api = make()',
        '    api.create_repo("z")',
      ].join('\n'),
    );
    const inst = (prefix: string) => sc.instanceQualifiedName(sc.callee(callStarting(sc, prefix))!);
    expect(inst('api.create_repo("x")')).toBe('huggingface_hub.HfApi.create_repo');
    expect(inst('api.create_repo("y")')).toBeUndefined();
    expect(inst('api.create_repo("z")')).toBeUndefined();
    const first = sc.callee(callStarting(sc, 'api.create_repo("x")'))!.childForFieldName('object')!;
    expect(sc.instanceTypes(first)).toEqual(['huggingface_hub.HfApi']);
  });
});

describe('members assigned through self / class attributes', () => {
  it('resolves self.x and class attributes holding imported functions or instances', async () => {
    const sc = await parse(
      [
        'import torch, pickle',
        'from huggingface_hub import HfApi',
        'class Loader:',
        '    fallback = pickle.loads',
        '    def __init__(self):',
        '        self.load_fn = torch.load',
        '        self.api = HfApi()',
        '        self.model = None',
        '    def load(self, key):',
        '        return key',
        '    def run(self, p):',
        '        self.load_fn(p)',
        '        self.fallback(p)',
        '        self.load(p)',
        '        self.api.create_repo("x")',
        '        Loader.fallback(p)',
        '        self.missing(p)',
        'class Other:',
        '    def run(self, p):',
        '        self.load_fn(p)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'self.load_fn(p)', 0)).toBe('torch.load');
    expect(calleeName(sc, 'self.fallback')).toBe('pickle.loads');
    expect(calleeName(sc, 'self.load(p)')).toBeUndefined(); // a method
    expect(calleeName(sc, 'Loader.fallback')).toBe('pickle.loads');
    expect(calleeName(sc, 'self.missing')).toBeUndefined();
    expect(calleeName(sc, 'self.load_fn(p)', 1)).toBeUndefined(); // another class
    expect(sc.instanceQualifiedName(sc.callee(callStarting(sc, 'self.api.create_repo'))!)).toBe('huggingface_hub.HfApi.create_repo');
  });

  it('a class attribute bound to staticmethod(<callable>) denotes the callable (review sdwebui P3-3); classmethod does not', async () => {
    const sc = await parse(
      [
        'import torch, pickle',
        'class Loader:',
        '    load_fn = staticmethod(torch.load)',
        '    other = classmethod(pickle.loads)',
        '    def run(self, p):',
        '        self.load_fn(p)',
        '        self.other(p)',
        'Loader.load_fn(p)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'self.load_fn(p)')).toBe('torch.load');
    expect(calleeName(sc, 'Loader.load_fn(p)')).toBe('torch.load');
    expect(calleeName(sc, 'self.other(p)')).toBeUndefined();
  });

  it('a caching or ZeroGPU decorator used as a call denotes what it wraps (review spaces P3-2); its options call and a call of the result do not', async () => {
    const sc = await parse(
      [
        'import functools, joblib, pickle, spaces, torch',
        'import streamlit as st',
        'from functools import lru_cache',
        'load_model = st.cache_resource(joblib.load)',
        'load_model(p1)',
        'cached = functools.cache(torch.load)',
        'cached(p2)',
        'functools.lru_cache(maxsize=None)(pickle.load)(f3)',
        'lru_cache(128)(pickle.loads)(b4)',
        'spaces.GPU(duration=60)(torch.load)(p5)',
        'spaces.GPU(torch.load)(p6)',
        'st.cache_data(ttl=3600)(pickle.loads)(b7)',
        'functools.lru_cache(maxsize=None)(x8)',
        'functools.lru_cache(torch.load)(p9)(y9)',
        'torch.compile(torch.load)(p10)',
        'CACHE_SIZE = 64',
        'functools.lru_cache(CACHE_SIZE)(torch.load)(p11)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'load_model(p1)')).toBe('joblib.load');
    expect(calleeName(sc, 'cached(p2)')).toBe('torch.load');
    expect(calleeName(sc, 'functools.lru_cache(maxsize=None)(pickle.load)(f3)')).toBe('pickle.load');
    expect(calleeName(sc, 'lru_cache(128)(pickle.loads)(b4)')).toBe('pickle.loads');
    expect(calleeName(sc, 'spaces.GPU(duration=60)(torch.load)(p5)')).toBe('torch.load');
    expect(calleeName(sc, 'spaces.GPU(torch.load)(p6)')).toBe('torch.load');
    expect(calleeName(sc, 'st.cache_data(ttl=3600)(pickle.loads)(b7)')).toBe('pickle.loads');
    // the options call alone names nothing; a call of what the wrapped function returned names nothing
    expect(calleeName(sc, 'functools.lru_cache(maxsize=None)(x8)')).toBeUndefined();
    expect(calleeName(sc, 'functools.lru_cache(torch.load)(p9)(y9)')).toBeUndefined();
    expect(calleeName(sc, 'functools.lru_cache(torch.load)(p9)', 1)).toBe('torch.load');
    // torch.compile is no transparent wrapper
    expect(calleeName(sc, 'torch.compile(torch.load)(p10)')).toBeUndefined();
    // a size through a name is an option too (review s36py P3-1)
    expect(calleeName(sc, 'functools.lru_cache(CACHE_SIZE)(torch.load)(p11)')).toBe('torch.load');
  });

  it('a member assigned something unresolvable is unresolved', async () => {
    const sc = await parse(
      ['import torch', 'class A:', '    def __init__(self, f):', '        self.f = torch.load', '        if f:', '            self.f = f', '    def run(self, p):', '        self.f(p)'].join('\n'),
    );
    expect(calleeName(sc, 'self.f(p)')).toBeUndefined();
  });
});

describe('pytest.importorskip', () => {
  it('returns the module it imports', async () => {
    const sc = await parse('import pytest\ntorch = pytest.importorskip("torch")\ntorch.load(p)\n');
    expect(calleeName(sc, 'torch.load')).toBe('torch.load');
    expect(sc.imports.has('torch')).toBe(true);
  });
});

describe('match statements', () => {
  it('capture patterns bind names; class names and dotted values do not', async () => {
    const sc = await parse(
      [
        'import pickle, torch',
        'match cmd:',
        '    case ["load", path] as whole:',
        '        pickle.loads(path)',
        '    case {"k": torch, **rest}:',
        '        torch.load(x)',
        '    case pickle.Unpickler(file=f):',
        '        pickle.load(f)',
        '    case pickle:',
        '        pickle.loads(b)',
      ].join('\n'),
    );
    expect(calleeName(sc, 'pickle.loads(path)')).toBe('pickle.loads');
    expect(calleeName(sc, 'torch.load(x)')).toBeUndefined(); // `torch` captured by the dict pattern
    expect(calleeName(sc, 'pickle.load(f)')).toBe('pickle.load');
    expect(calleeName(sc, 'pickle.loads(b)')).toBeUndefined(); // `case pickle:` captures
    const kinds = ['path', 'whole', 'rest', 'f'].map((n) => sc.bindings(ident(sc, n)).map((b) => b.kind));
    expect(kinds).toEqual([['match'], ['match'], ['match'], ['match']]);
  });
});

describe('names a star import may bring', () => {
  it('possibleQualifiedNames also gives the name itself as a module; qualifiedName does not', async () => {
    const sc = await parse('from .optimizers import *\ntorch.load(p)\nx = 1\nlen(x)');
    const call = nodesOfType(sc, 'call').find((c) => sc.getText(c).startsWith('torch.load'))!;
    expect(sc.qualifiedNames(sc.callee(call)!)).toEqual(['.optimizers.torch.load']);
    expect([...sc.possibleQualifiedNames(sc.callee(call)!)].sort()).toEqual(['.optimizers.torch.load', 'torch.load']);
    expect(sc.mayComeFromStarImport('torch')).toBe(true);
    expect(sc.mayComeFromStarImport('x')).toBe(false); // bound here
    expect(sc.mayComeFromStarImport('len')).toBe(false); // a builtin
    const plain = await parse('import os\ntorch.load(p)');
    expect(plain.mayComeFromStarImport('torch')).toBe(false); // no star import
    expect(plain.possibleQualifiedNames(plain.callee(nodesOfType(plain, 'call')[0])!)).toEqual([]);
  });

  it('a file that imports nothing may run in a namespace that holds any free name', async () => {
    const sc = await parse('def f(p):\n    return torch.load(p)\nx = 1\nlen(x)');
    const call = nodesOfType(sc, 'call').find((c) => sc.getText(c).startsWith('torch.load'))!;
    expect(sc.importsNothing).toBe(true);
    expect(sc.qualifiedNames(sc.callee(call)!)).toEqual([]);
    expect(sc.possibleQualifiedNames(sc.callee(call)!)).toEqual(['torch.load']);
    expect(sc.mayComeFromStarImport('torch')).toBe(true);
    expect(sc.mayComeFromStarImport('x')).toBe(false);
    expect(sc.mayComeFromStarImport('len')).toBe(false);
    // two star imports: the name itself still (neither module's member alone)
    const two = await parse('from .a import *\nfrom .b import *\ntorch.load(p)');
    expect(two.possibleQualifiedNames(two.callee(nodesOfType(two, 'call')[0])!)).toEqual(['torch.load']);
  });
});
