import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { UNKNOWN } from '@oculum/core';
import { MAX_MODULE_BYTES, python } from '../src/index.js';
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
