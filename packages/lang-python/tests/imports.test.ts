import { describe, expect, it } from 'vitest';
import { parse } from './helpers.js';

describe('imports', () => {
  it('records every import form', async () => {
    const sc = await parse(
      [
        'import os',
        'import a.b.c',
        'import d.e as f',
        'import g, h as i',
        'from j.k import l',
        'from m import (n as o, p)',
        'from . import q',
        'from .r.s import t',
        'from .. import *',
        'from __future__ import annotations',
      ].join('\n'),
    );
    expect([...sc.imports.modules].sort()).toEqual(
      ['..', '.', '.q', '.r.s', '__future__', 'a.b.c', 'd.e', 'g', 'h', 'j.k', 'm', 'os'].sort(),
    );
  });

  it('has() is true for the module and for parents of imported submodules', async () => {
    const sc = await parse('import torch.nn.functional as F\nfrom transformers.models import bert\n');
    expect(sc.imports.has('torch')).toBe(true);
    expect(sc.imports.has('torch.nn')).toBe(true);
    expect(sc.imports.has('torch.nn.functional')).toBe(true);
    expect(sc.imports.has('transformers')).toBe(true);
    expect(sc.imports.has('torchvision')).toBe(false);
    expect(sc.imports.has('tor')).toBe(false);
    expect(sc.imports.has('torch.hub')).toBe(false);
  });

  it('counts imports inside functions, classes and try/except', async () => {
    const sc = await parse(
      [
        'def f():',
        '    import pickle',
        'class C:',
        '    from yaml import load',
        'try:',
        '    import cPickle as pickle2',
        'except ImportError:',
        '    import pickle as pickle2',
        'if TYPE_CHECKING:',
        '    import joblib',
      ].join('\n'),
    );
    for (const m of ['pickle', 'yaml', 'cPickle', 'joblib']) expect(sc.imports.has(m)).toBe(true);
  });

  it('ignores imports mentioned in strings, comments and docstrings, and import-like names', async () => {
    const sc = await parse(
      ['"""import torch"""', '# import pickle', 's = "from yaml import load"', 'importlib = 1', 'x.import_thing = 2'].join('\n'),
    );
    expect(sc.imports.modules.size).toBe(0);
    expect(sc.imports.has('torch')).toBe(false);
  });

  it('records literal dynamic imports', async () => {
    const sc = await parse('import importlib\nm = importlib.import_module("torch.hub")\nk = __import__("keras")\n');
    expect(sc.imports.has('torch')).toBe(true);
    expect(sc.imports.has('keras')).toBe(true);
  });

  it('is empty for files without imports', async () => {
    const sc = await parse('x = 1\n');
    expect(sc.imports.modules.size).toBe(0);
    expect(sc.imports.has('torch')).toBe(false);
  });
});
