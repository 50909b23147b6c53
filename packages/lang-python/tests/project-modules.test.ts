import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { UNKNOWN } from '@oculum/core';
import { importTrigger, isImportedClass, MAX_MODULE_BYTES, parsePython, ProjectModules, python } from '../src/index.js';
import { importWords } from '../src/project-modules.js';
import type { PythonSourceCode } from '../src/source-code.js';
import { lastIdent } from './helpers.js';

let root: string;

/** Writes `files` (path → text) under a fresh project directory. */
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function parseAt(file: string, text: string, depth: 'standard' | 'deep' = 'deep'): Promise<PythonSourceCode> {
  await python.init!();
  writeFileSync(file, text);
  return python.parse({ path: file, text, settings: {}, depth });
}

/** The constant of the last `x` in `text`, parsed as `file` of the project `dir`. */
async function constAt(dir: string, file: string, text: string, depth: 'standard' | 'deep' = 'deep') {
  const sc = await parseAt(path.join(dir, file), text, depth);
  return sc.constant(lastIdent(sc, 'x'));
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'oculum-modules-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('constants of other modules of the project (--depth deep)', () => {
  it('reads a top-level constant through relative and absolute imports', async () => {
    const dir = project('p1', {
      'pyproject.toml': '',
      'pkg/__init__.py': 'VERSION = "1.0"\n',
      'pkg/config.py': 'REVISION = "main"\nWEIGHTS_ONLY = True\nMODELS = ("a", "b")\n',
      'settings.py': 'MODEL_ID = "org/model"\n',
    });
    expect(await constAt(dir, 'pkg/load.py', 'from .config import REVISION\nx = REVISION\n')).toBe('main');
    expect(await constAt(dir, 'pkg/load.py', 'from .config import WEIGHTS_ONLY as W\nx = W\n')).toBe(true);
    expect(await constAt(dir, 'pkg/load.py', 'from . import VERSION\nx = VERSION\n')).toBe('1.0');
    expect(await constAt(dir, 'pkg/load.py', 'from pkg.config import MODELS\nx = MODELS\n')).toEqual(['a', 'b']);
    // absolute imports are looked for in the importing file's directory and its ancestors
    expect(await constAt(dir, 'pkg/load.py', 'import settings\ndef f():\n    x = settings.MODEL_ID\n    return x\n')).toBe('org/model');
    expect(await constAt(dir, 'pkg/load.py', 'import pkg.config as cfg\nx = cfg.REVISION\n')).toBe('main');
    // ... and used where a constant is asked: an argument
    const sc = await parseAt(path.join(dir, 'main.py'), 'import torch\nfrom pkg.config import WEIGHTS_ONLY\ntorch.load(p, weights_only=WEIGHTS_ONLY)\n');
    const call = sc.ast.descendantsOfType('call')[0]!;
    expect(sc.constant(sc.argument(call, { name: 'weights_only' })!)).toBe(true);
  });

  it('follows re-exports, and stops at cycles', async () => {
    const dir = project('p2', {
      'setup.py': '',
      'app/base.py': 'REV = "0123abcd"\n',
      'app/config.py': 'from .base import REV\n',
      'app/a.py': 'from .b import X\n',
      'app/b.py': 'from .a import X\n',
    });
    expect(await constAt(dir, 'app/main.py', 'from .config import REV\nx = REV\n')).toBe('0123abcd');
    expect(await constAt(dir, 'app/main.py', 'from .a import X\nx = X\n')).toBe(UNKNOWN);
  });

  it('is unknown for a name the module binds to different or unknown values, a missing module or name, and at standard depth', async () => {
    const dir = project('p3', {
      'requirements.txt': '',
      'conf.py': 'import os\nA = "x"\nif os.environ.get("Y"):\n    A = "y"\nB = os.environ["B"]\nC = "c"\ndef set_c():\n    global C\n    C = compute()\n',
      'huge.py': `BIG = "v"\n# ${'x'.repeat(MAX_MODULE_BYTES)}\n`,
    });
    expect(await constAt(dir, 'main.py', 'from conf import A\nx = A\n')).toBe(UNKNOWN);
    expect(await constAt(dir, 'main.py', 'from conf import B\nx = B\n')).toBe(UNKNOWN);
    expect(await constAt(dir, 'main.py', 'from conf import C\nx = C\n')).toBe(UNKNOWN);
    expect(await constAt(dir, 'main.py', 'from conf import MISSING\nx = MISSING\n')).toBe(UNKNOWN);
    expect(await constAt(dir, 'main.py', 'from nowhere import A\nx = A\n')).toBe(UNKNOWN);
    expect(await constAt(dir, 'main.py', 'from huge import BIG\nx = BIG\n')).toBe(UNKNOWN);
    // a name also bound in this file is not the import's alone
    expect(await constAt(dir, 'main.py', 'from conf import C as x\nif y:\n    x = "z"\nuse(x)\n')).toBe(UNKNOWN);
    const plain = project('p4', { 'conf.py': 'REV = "main"\n' });
    expect(await constAt(plain, 'main.py', 'from conf import REV\nx = REV\n', 'standard')).toBe(UNKNOWN);
    expect(await constAt(plain, 'main.py', 'from conf import REV\nx = REV\n', 'deep')).toBe('main');
  });

  it('does not look above the project root for an absolute import', async () => {
    const dir = project('p5', { 'outside.py': 'REV = "main"\n', 'proj/pyproject.toml': '' });
    expect(await constAt(path.join(dir, 'proj'), 'main.py', 'from outside import REV\nx = REV\n')).toBe(UNKNOWN);
    expect(await constAt(dir, 'main.py', 'from outside import REV\nx = REV\n')).toBe('main');
  });

  it('reads a broken or binary module as having no constants', async () => {
    const dir = project('p6', { 'broken.py': 'REV = "main"\ndef (:\n', 'bin.py': '\u0000\u0001\u0002' });
    expect(await constAt(dir, 'main.py', 'from broken import REV\nx = REV\n')).toBe('main');
    expect(await constAt(dir, 'main.py', 'from bin import REV\nx = REV\n')).toBe(UNKNOWN);
  });
});

describe('what functions of other modules return (--depth deep)', () => {
  it('names the calls an imported function returns, directly or through a name', async () => {
    const dir = project('f1', {
      'setup.py': '',
      'hub_utils.py': 'from huggingface_hub import hf_hub_download as dl\nimport requests\ndef fetch(repo):\n    return dl(repo, "model.pt")\ndef get(url):\n    r = requests.get(url)\n    return r\ndef local(p):\n    return p\n',
    });
    const sc = await parseAt(path.join(dir, 'train.py'), 'import hub_utils\nfrom hub_utils import fetch, get, local\nfetch("org/m")\nget(u)\nlocal(p)\nhub_utils.fetch("x")\nundefined_fn(1)\n');
    const calls = sc.ast.descendantsOfType('call').map((c) => [sc.getText(c), sc.importedReturnCallees(c!)]);
    expect(calls).toEqual([
      ['fetch("org/m")', ['huggingface_hub.hf_hub_download']],
      ['get(u)', ['requests.get']],
      ['local(p)', undefined],
      ['hub_utils.fetch("x")', ['huggingface_hub.hf_hub_download']],
      ['undefined_fn(1)', undefined],
    ]);
    const standard = await parseAt(path.join(dir, 'train.py'), 'from hub_utils import fetch\nfetch("org/m")\n', 'standard');
    expect(standard.importedReturnCallees(standard.ast.descendantsOfType('call')[0]!)).toBeUndefined();
  });
});

describe('the --cache key at deep', () => {
  it('reads the modules an import may name', async () => {
    const { importedModuleNames } = await import('../src/project-modules.js');
    expect(importedModuleNames('from .config import REV, W as w\nimport a.b as ab, c\nfrom . import (\n    x,\n    y,\n)\nfrom ..p import *\n')).toEqual([
      [1, ['config']],
      [1, ['config', 'REV']],
      [1, ['config', 'W']],
      [1, ['config', 'w']],
      [1, []],
      [1, ['x']],
      [1, ['y']],
      [2, ['p']],
      [0, ['a', 'b']],
      [0, ['c']],
    ]);
  });

  it('changes when a module the file imports, directly or through another, changes', async () => {
    const dir = project('c1', { 'setup.cfg': '', 'app/base.py': 'REV = "a"\n', 'app/config.py': 'from .base import REV\n', 'app/other.py': 'X = 1\n' });
    const file = path.join(dir, 'app/main.py');
    writeFileSync(file, 'from .config import REV\n');
    const key = () => python.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const before = key();
    expect(python.cacheKey!({ path: file, depth: 'standard', cwd: dir })).toBe('');
    writeFileSync(path.join(dir, 'app/other.py'), 'X = 2 # not imported\n');
    expect(key()).toBe(before);
    writeFileSync(path.join(dir, 'app/base.py'), 'REV = "bb"\n');
    expect(key()).not.toBe(before);
  });
});

describe('a long-lived process (the ESLint plugin in an editor)', () => {
  it('sees a module change, appear and disappear between parses', async () => {
    const dir = project('l1', { 'setup.py': '', 'conf.py': 'REV = "a"\n' });
    expect(await constAt(dir, 'main.py', 'from conf import REV\nx = REV\n')).toBe('a');
    writeFileSync(path.join(dir, 'conf.py'), 'REV = "changed"\n');
    expect(await constAt(dir, 'main.py', 'from conf import REV\nx = REV\n')).toBe('changed');
    expect(await constAt(dir, 'main.py', 'from later import REV\nx = REV\n')).toBe(UNKNOWN);
    writeFileSync(path.join(dir, 'later.py'), 'REV = "new"\n');
    expect(await constAt(dir, 'main.py', 'from later import REV\nx = REV\n')).toBe('new');
    rmSync(path.join(dir, 'later.py'));
    expect(await constAt(dir, 'main.py', 'from later import REV\nx = REV\n')).toBe(UNKNOWN);
  });
});

describe('classes of other modules of the project (--depth deep)', () => {
  /** `projectSubclass` of the last `name` of `text`, parsed as `file` of the project `dir`, as names. */
  async function subclassAt(dir: string, file: string, text: string, name: string, depth: 'standard' | 'deep' = 'deep') {
    const sc = await parseAt(path.join(dir, file), text, depth);
    const sub = sc.projectSubclass(sc.ast.descendantsOfType(['identifier', 'attribute']).filter((n) => sc.getText(n!) === name).at(-1)!);
    if (!sub) return undefined;
    return {
      classes: sub.classes.map((c) => (isImportedClass(c) ? `${path.relative(dir, c.file)}:${c.name}(${c.methods.join(',')})` : `local:${sc.getText(c.childForFieldName('name')!)}`)),
      bases: sub.bases,
    };
  }

  const modeling = {
    'pyproject.toml': '',
    'pkg/__init__.py': 'from .modeling import TinyLM\n',
    'pkg/base.py': 'from transformers import PreTrainedModel as PTM\nclass Base(PTM):\n    def helper(self):\n        pass\n',
    'pkg/modeling.py':
      'import torch.nn as nn\nfrom .base import Base\nclass Mixin:\n    @classmethod\n    def from_pretrained(cls, path):\n        return cls()\nclass TinyLM(Base):\n    def forward(self, x):\n        return x\nclass Own(Mixin, nn.Module):\n    pass\n',
  };

  it('knows an imported class: its classes and methods, its bases outside the project as its module spells them', async () => {
    const dir = project('k1', modeling);
    const tiny = { classes: ['pkg/modeling.py:TinyLM(forward)', 'pkg/base.py:Base(helper)'], bases: ['transformers.PreTrainedModel'] };
    expect(await subclassAt(dir, 'pkg/train.py', 'from .modeling import TinyLM\nTinyLM.from_pretrained("org/tiny")\n', 'TinyLM')).toEqual(tiny);
    expect(await subclassAt(dir, 'train.py', 'from pkg.modeling import TinyLM\nTinyLM.from_pretrained("org/tiny")\n', 'TinyLM')).toEqual(tiny);
    expect(await subclassAt(dir, 'train.py', 'import pkg.modeling as m\nm.TinyLM.from_pretrained("org/tiny")\n', 'm.TinyLM')).toEqual(tiny);
    // a re-export in the package's __init__.py, an alias
    expect(await subclassAt(dir, 'train.py', 'from pkg import TinyLM\nModel = TinyLM\nModel.from_pretrained("org/tiny")\n', 'Model')).toEqual(tiny);
    expect(await subclassAt(dir, 'train.py', 'from pkg.modeling import Own\nOwn.from_pretrained(p)\n', 'Own')).toEqual({
      classes: ['pkg/modeling.py:Own()', 'pkg/modeling.py:Mixin(from_pretrained)'],
      bases: ['torch.nn.Module'],
    });
    // a class of this file inheriting one of another module: both
    expect(await subclassAt(dir, 'pkg/train.py', 'from .modeling import TinyLM\nclass Mine(TinyLM):\n    pass\nMine.from_pretrained("x")\n', 'Mine')).toEqual({
      classes: ['local:Mine', 'pkg/modeling.py:TinyLM(forward)', 'pkg/base.py:Base(helper)'],
      bases: ['pkg.modeling.TinyLM', 'transformers.PreTrainedModel'],
    });
    // below deep: only this file's classes, as `localSubclass`
    expect(await subclassAt(dir, 'pkg/train.py', 'from .modeling import TinyLM\nTinyLM.from_pretrained("org/tiny")\n', 'TinyLM', 'standard')).toBeUndefined();
    expect(await subclassAt(dir, 'pkg/train.py', 'from .modeling import TinyLM\nclass Mine(TinyLM):\n    pass\nMine()\n', 'Mine', 'standard')).toEqual({ classes: ['local:Mine'], bases: ['pkg.modeling.TinyLM'] });
    // not classes of the project
    expect(await subclassAt(dir, 'train.py', 'import torch.nn as nn\nnn.Module()\n', 'nn.Module')).toBeUndefined();
    expect(await subclassAt(dir, 'train.py', 'from pkg.modeling import nn\nnn()\n', 'nn')).toBeUndefined();
  });

  it('reads the node of a method of an imported class on demand', async () => {
    const dir = project('k2', {
      'setup.py': '',
      'safe.py': 'import pickle\nclass SafeUnpickler(pickle.Unpickler):\n    def find_class(self, module, name):\n        raise pickle.UnpicklingError(name)\n',
    });
    const sc = await parseAt(path.join(dir, 'main.py'), 'from safe import SafeUnpickler\nSafeUnpickler(f).load()\n');
    const sub = sc.projectSubclass(sc.ast.descendantsOfType('identifier').find((n) => n!.text === 'SafeUnpickler' && n!.parent?.type === 'call')!)!;
    expect(sub.bases).toEqual(['pickle.Unpickler']);
    const method = sc.definedMethod(sub.classes[0], 'find_class');
    expect(method?.type).toBe('function_definition');
    expect(method?.text).toContain('raise pickle.UnpicklingError(name)');
    expect(sc.definedMethod(sub.classes[0], 'load')).toBeUndefined();
    sc.dispose(); // frees the module parsed for it too
    // a file changed since: that class is not found where it was
    const again = await parseAt(path.join(dir, 'main.py'), 'from safe import SafeUnpickler\nSafeUnpickler(f)\n');
    const cls = again.projectSubclass(again.callee(again.ast.descendantsOfType('call')[0]!)!)!.classes[0];
    writeFileSync(path.join(dir, 'safe.py'), '# moved\n\n\n\nimport pickle\nclass SafeUnpickler(pickle.Unpickler):\n    def find_class(self, module, name):\n        raise pickle.UnpicklingError(name)\n');
    expect(again.definedMethod(cls, 'find_class')).toBeUndefined();
  });

  it('does not know a class in a cycle, of a missing or too large module, bound conditionally or twice', async () => {
    const dir = project('k3', {
      'setup.py': '',
      'app/__init__.py': '',
      // a.py imports b.py's class whose base is a.py's class: known; a true cycle of bases: not
      'app/a.py': 'import pickle\nfrom .b import B\nclass Root(pickle.Unpickler):\n    pass\nclass A(B):\n    pass\n',
      'app/b.py': 'from .a import Root\nclass B(Root):\n    pass\n',
      'app/x.py': 'from .y import Y\nclass X(Y):\n    pass\n',
      'app/y.py': 'from .x import X\nclass Y(X):\n    pass\n',
      'app/gone.py': 'from .missing import Base\nclass G(Base):\n    pass\n',
      'app/huge.py': `import pickle\nclass H(pickle.Unpickler):\n    pass\n# ${'x'.repeat(MAX_MODULE_BYTES)}\n`,
      'app/cond.py': 'import os, pickle\nif os.environ.get("X"):\n    class K(pickle.Unpickler):\n        pass\nclass T(pickle.Unpickler):\n    pass\nclass T(object):\n    pass\ntry:\n    class E(pickle.Unpickler):\n        pass\nexcept ImportError:\n    E = None\n',
      'app/self.py': 'from .self import S\nclass S(S):\n    pass\n',
    });
    expect(await subclassAt(dir, 'app/main.py', 'from .b import B\nB(f)\n', 'B')).toEqual({ classes: ['app/b.py:B()', 'app/a.py:Root()'], bases: ['pickle.Unpickler'] });
    expect(await subclassAt(dir, 'app/a.py', readFileSync(path.join(dir, 'app/a.py'), 'utf8') + 'A(f)\n', 'A')).toEqual({
      classes: ['local:A', 'app/b.py:B()', 'app/a.py:Root()'],
      bases: ['app.b.B', 'pickle.Unpickler'],
    });
    expect(await subclassAt(dir, 'app/main.py', 'from .x import X\nX(f)\n', 'X')).toBeUndefined();
    expect(await subclassAt(dir, 'app/x.py', 'from .y import Y\nclass X(Y):\n    pass\nX(f)\n', 'X')).toEqual({ classes: ['local:X'], bases: ['app.y.Y'] });
    for (const name of ['G', 'H', 'K', 'T', 'E', 'S', 'Nothing']) {
      const module = { G: 'gone', H: 'huge', S: 'self', Nothing: 'nothing' }[name] ?? 'cond';
      expect(await subclassAt(dir, 'app/main.py', `from .${module} import ${name}\n${name}(f)\n`, name)).toBeUndefined();
    }
    // a class of this file with such a base: as below deep
    expect(await subclassAt(dir, 'app/main.py', 'from .gone import G\nclass Mine(G):\n    pass\nMine(f)\n', 'Mine')).toEqual({ classes: ['local:Mine'], bases: ['app.gone.G'] });
  });

  it('lets the callee gate through a class imported from the project whose bases mention a name', async () => {
    const dir = project('k4', { 'setup.py': '', 'safe.py': 'import pickle\nclass Restricted(pickle.Unpickler):\n    pass\n', 'other.py': 'class Plain:\n    pass\n' });
    const text = 'from safe import Restricted\nfrom other import Plain\nu = Restricted(f)\nPlain(f)\nu.load()\n';
    const gateOf = async (depth: 'standard' | 'deep') => {
      const sc = await parseAt(path.join(dir, 'main.py'), text, depth);
      const gate = sc.calleeGate(['Unpickler', 'load']);
      return sc.ast.descendantsOfType('call').filter((c) => gate(c!)).map((c) => sc.getText(c!));
    };
    expect(await gateOf('deep')).toEqual(['Restricted(f)', 'u.load()']);
    expect(await gateOf('standard')).toEqual(['u.load()']);
  });
});

describe('relative imports under the file\'s package, and re-exports of the project (--depth deep)', () => {
  const files = {
    'setup.py': '',
    'vision/__init__.py': '',
    'vision/_utils.py': 'from torch.hub import load_state_dict_from_url\n',
    'vision/models/__init__.py': '',
    'vision/_internal/__init__.py': 'from torch.hub import download_url_to_file, load_state_dict_from_url\nfrom pickle import loads as unpickle\n',
    'vision/io.py': 'from ._internal import unpickle\n',
    'vision/own.py': 'def load_state_dict_from_url(url):\n    return url\n',
    // the compatibility idiom: a module re-exported under its name, from a try/except ImportError
    'vision/compat.py':
      'try:\n    import cPickle as pickle\nexcept ImportError:  # Python 3\n    import pickle\ntry:\n    import torch\nexcept ImportError:\n    torch = None\n' +
      'if PY3:\n    import json\nelse:\n    import simplejson as json\nif HAVE:\n    import yaml\nelse:\n    yaml = None\nlog = None\nlog = make_logger()\n' +
      'try:\n    import pickle as pk3\nexcept ImportError:\n    import cPickle as pk3\n',
  };
  const calleeOf = async (dir: string, file: string, text: string, depth: 'standard' | 'deep') => {
    const sc = await parseAt(path.join(dir, file), text, depth);
    const call = sc.ast.descendantsOfType('call').at(-1)!;
    return { name: sc.qualifiedName(sc.callee(call)!), torchvision: sc.imports.has('vision') };
  };

  it('names a relative import by the package the directories above the file make', async () => {
    const dir = project('rel1', files);
    for (const depth of ['standard', 'deep'] as const) {
      // (at deep, _utils.py's own import of it from torch.hub is followed too)
      const name = depth === 'deep' ? 'torch.hub.load_state_dict_from_url' : 'vision._utils.load_state_dict_from_url';
      expect(await calleeOf(dir, 'vision/models/_api.py', 'from .._utils import load_state_dict_from_url\nload_state_dict_from_url(u)\n', depth)).toEqual({ name, torchvision: true });
      expect(await calleeOf(dir, 'vision/models/_api.py', 'from .. import _utils as u\nu.helper(x)\n', depth)).toMatchObject({ name: 'vision._utils.helper' });
      expect(await calleeOf(dir, 'vision/models/_api.py', 'from . import resnet\nresnet.build(x)\n', depth)).toMatchObject({ name: 'vision.models.resnet.build' });
      // above the package's top: as written
      expect(await calleeOf(dir, 'vision/models/_api.py', 'from ...outside import f\nf(x)\n', depth)).toMatchObject({ name: '...outside.f' });
    }
    // no package above the file: as written
    expect(await calleeOf(dir, 'main.py', 'from ._utils import f\nf(x)\n', 'standard')).toMatchObject({ name: '._utils.f' });
  });

  it('reads the words of import statements without a parse (a re-export is looked for only where one is spelled)', () => {
    const words = importWords('from a import (\n    b,\n    c as d,\n)\nimport e.f as g, h\nfrom i import j, \\\r\n    k\nx = 1  # not l\n');
    // the words after each `import`: a parenthesized list, a CRLF continuation; not the modules before it, not later lines
    expect([...words].sort()).toEqual(['as', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j', 'k']);
  });

  it('reads the modules on the way one at a time: a chain of classes across 40 modules keeps at most two trees alive', async () => {
    const files: Record<string, string> = { 'setup.py': '', 'pkg/__init__.py': '' };
    // each module's import lines spell its own class's name (a comment), so each may re-export it: read
    for (let i = 0; i < 40; i++) files[`pkg/m${i}.py`] = `import os  # C${i}\n` + (i < 39 ? `from .m${i + 1} import C${i + 1}\nclass C${i}(C${i + 1}):\n    pass\n` : 'class C39(object):\n    pass\n');
    const dir = project('rel3', files);
    let live = 0;
    let most = 0;
    const modules: ProjectModules = new ProjectModules((text, file) => {
      const sc = parsePython(text, file, undefined, modules);
      live++;
      most = Math.max(most, live);
      const dispose = sc.dispose.bind(sc);
      sc.dispose = () => {
        live--;
        dispose();
      };
      return sc;
    });
    await python.init!();
    const main = path.join(dir, 'main.py');
    const text = 'from pkg.m0 import C0\nC0()\n';
    writeFileSync(main, text);
    const sc = parsePython(text, main, undefined, modules);
    expect(sc.qualifiedName(sc.callee(sc.ast.descendantsOfType('call')[0]!)!)).toBe('pkg.m0.C0');
    sc.projectSubclass(sc.callee(sc.ast.descendantsOfType('call')[0]!)!); // longer than a chain is followed: unknown
    expect(most).toBeLessThanOrEqual(2);
  });

  it('the prefilter sees a relative import of a package\'s file as an import of the package (its triggers stay sound)', () => {
    const dir = project('rel4', files);
    const prefilter = (file: string, text: string) => python.prefilterText!(text, path.join(dir, file));
    expect(prefilter('vision/models/_api.py', 'from .._utils import load_state_dict_from_url\n')).toContain('\nimport vision.models\n');
    expect(prefilter('vision/models/_api.py', 'import os\n')).not.toContain('import vision');
    expect(prefilter('main.py', 'from ._utils import f\n')).not.toContain('import vision');
    expect(importTrigger(['vision']).test(prefilter('vision/models/_api.py', 'from . import resnet\n'))).toBe(true);
  });

  it('at deep, a name the project only re-exports is the name outside the project it stands for', async () => {
    const dir = project('rel2', files);
    const text = (spec: string, name: string) => `from ${spec} import ${name}\n${name}(u)\n`;
    expect(await calleeOf(dir, 'vision/models/_api.py', text('vision._internal', 'load_state_dict_from_url'), 'deep')).toMatchObject({ name: 'torch.hub.load_state_dict_from_url' });
    expect(await calleeOf(dir, 'vision/models/_api.py', text('.._internal', 'download_url_to_file'), 'deep')).toMatchObject({ name: 'torch.hub.download_url_to_file' });
    // two modules on the way, an alias in the first
    expect(await calleeOf(dir, 'vision/models/_api.py', text('..io', 'unpickle'), 'deep')).toMatchObject({ name: 'pickle.loads' });
    expect(await calleeOf(dir, 'vision/models/_api.py', 'import vision._internal as I\nI.load_state_dict_from_url(u)\n', 'deep')).toMatchObject({ name: 'torch.hub.load_state_dict_from_url' });
    // a function the project defines is its own; below deep, re-exports are not followed
    expect(await calleeOf(dir, 'vision/models/_api.py', text('..own', 'load_state_dict_from_url'), 'deep')).toMatchObject({ name: 'vision.own.load_state_dict_from_url' });
    expect(await calleeOf(dir, 'vision/models/_api.py', text('vision._internal', 'load_state_dict_from_url'), 'standard')).toMatchObject({ name: 'vision._internal.load_state_dict_from_url' });
  });

  it('at deep, a module a project module re-exports (also by try/except ImportError) is that module, and counts as imported', async () => {
    const dir = project('rel5', files);
    const at = async (text: string, depth: 'standard' | 'deep' = 'deep') => {
      const sc = await parseAt(path.join(dir, 'vision/models/net.py'), text, depth);
      const call = sc.ast.descendantsOfType('call').at(-1)!;
      return { name: sc.qualifiedName(sc.callee(call)!), imports: ['pickle', 'torch', 'json', 'yaml'].filter((m) => sc.imports.has(m)) };
    };
    // `try: import cPickle as pickle` / `except ImportError: import pickle`: the import a current Python takes
    expect(await at('from ..compat import pickle\npickle.loads(b)\n')).toEqual({ name: 'pickle.loads', imports: ['pickle'] });
    // `except ImportError: torch = None`: torch when it is there
    expect(await at('from vision.compat import torch\ntorch.load(f)\n')).toEqual({ name: 'torch.load', imports: ['torch'] });
    // `if`/`else` on the version: the first import (Python 3's); an optional dependency
    expect(await at('from ..compat import json\njson.loads(s)\n')).toEqual({ name: 'json.loads', imports: ['json'] });
    expect(await at('from ..compat import yaml\nyaml.load(s)\n')).toEqual({ name: 'yaml.load', imports: ['yaml'] });
    // `try: import pickle` first: Python 3 runs it (not the last import, cPickle)
    expect(await at('from ..compat import pk3\npk3.loads(b)\n')).toEqual({ name: 'pickle.loads', imports: ['pickle'] });
    // a name also bound to something else is not a re-export
    expect(await at('from ..compat import log\nlog.info(s)\n')).toEqual({ name: 'vision.compat.log.info', imports: [] });
    // below deep, the module is not read
    expect(await at('from ..compat import torch\ntorch.load(f)\n', 'standard')).toEqual({ name: 'vision.compat.torch.load', imports: [] });
  });
});
