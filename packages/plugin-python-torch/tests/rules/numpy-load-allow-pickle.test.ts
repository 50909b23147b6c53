import rule from '../../src/rules/numpy-load-allow-pickle.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('torch/numpy-load-allow-pickle', rule, {
  valid: [
    // a conditional over a parameter no caller sets (review robotics P2-1)
    'import numpy as np\ndef load(p, legacy=False):\n    return np.load(p, allow_pickle=True if legacy else False)\nload("a.npy")',
    'import numpy as np\na = np.load(p)',
    'import numpy as np\na = np.load(p, allow_pickle=False)',
    'import numpy as np\nnp.save(p, a, allow_pickle=True)',
    'import numpy as np\na = np.load(p, None, False)',
    // a `**mapping` known without the flag
    'import numpy as np\nopts = {"mmap_mode": "r"}\na = np.load(p, **opts)',
  ],
  invalid: [
    // a command-line option whose default is true (review science P3-1): medium
    {
      code: 'import argparse\nimport numpy as np\np = argparse.ArgumentParser()\np.add_argument("--allow-pickle", type=bool, default=True)\nargs = p.parse_args()\na = np.load("a.npy", allow_pickle=args.allow_pickle)',
      errors: [{ messageId: 'allowPickle', line: 6, confidence: 'medium', data: { callee: 'numpy.load' }, suggestions: [{ messageId: 'removeAllowPickle', output: 'import argparse\nimport numpy as np\np = argparse.ArgumentParser()\np.add_argument("--allow-pickle", type=bool, default=True)\nargs = p.parse_args()\na = np.load("a.npy")' }] }],
    },
    // a class attribute whose every assignment in the file is True (review rag P3-3): medium
    {
      code: 'import numpy as np\nclass Store:\n    ALLOW = True\n    def load(self, p):\n        return np.load(p, allow_pickle=self.ALLOW)',
      errors: [{ messageId: 'allowPickle', line: 5, confidence: 'medium', data: { callee: 'numpy.load' }, suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nclass Store:\n    ALLOW = True\n    def load(self, p):\n        return np.load(p)' }] }],
    },
    // `allow_pickle=True if legacy else False` with a same-file caller passing legacy=True (review robotics P2-1)
    {
      code: 'import numpy as np\ndef load(p, legacy=False):\n    return np.load(p, allow_pickle=True if legacy else False)\nload("demo.npy", legacy=True)',
      errors: [
        {
          messageId: 'allowPickle',
          line: 3,
          confidence: 'high',
          data: { callee: 'numpy.load' },
          suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\ndef load(p, legacy=False):\n    return np.load(p)\nload("demo.npy", legacy=True)' }],
        },
      ],
    },
    // a loader handed to an API that calls it, with `allow_pickle` bound by a partial or passed on by the API
    {
      code: 'import functools\nimport numpy as np\nxs = list(map(functools.partial(np.load, allow_pickle=True), files))',
      errors: [{ messageId: 'callback', line: 3, confidence: 'medium', data: { callee: 'numpy.load', via: 'map' } }],
    },
    // (review s33py P2-2) a local forwarder of any name
    { code: 'import numpy as np\ndef retry(func, *args, **kwargs):\n    return func(*args, **kwargs)\ndef f(p):\n    return retry(np.load, p, allow_pickle=True)', errors: [{ messageId: 'callback', line: 5, confidence: 'medium', data: { callee: 'numpy.load', via: 'retry' } }] },
    {
      code: 'import asyncio\nimport numpy as np\nx = asyncio.to_thread(np.load, f, allow_pickle=flag)',
      errors: [{ messageId: 'unknownAllowPickle', line: 3, confidence: 'low' }],
    },
    // saved by this function on some path before the load (not on every one): medium, saying where
    {
      code: 'import os\nimport numpy as np\ndef f(a):\n    if not os.path.exists("c.npy"):\n        np.save("c.npy", a)\n    return np.load("c.npy", allow_pickle=True)',
      errors: [
        {
          messageId: 'savedOnSomePaths',
          line: 6,
          confidence: 'medium',
          data: { callee: 'numpy.load', line: '5' },
          suggestions: [{ messageId: 'removeAllowPickle', output: 'import os\nimport numpy as np\ndef f(a):\n    if not os.path.exists("c.npy"):\n        np.save("c.npy", a)\n    return np.load("c.npy")' }],
        },
      ],
    },
    // a `**kwargs` that cannot be read may carry the flag: low; what a same-file caller passes counts
    {
      code: 'import numpy as np\ndef np_load(*args, **kwargs):\n    if "allow_pickle" in kwargs:\n        return np.load(*args, **kwargs)',
      errors: [{ messageId: 'unknownAllowPickle', line: 4, confidence: 'low' }],
    },
    {
      code: 'import numpy as np\ndef ld(path, **kw):\n    return np.load(path, **kw)\nx = ld("a.npy", allow_pickle=True)',
      errors: [{ messageId: 'allowPickle', line: 3, confidence: 'high' }],
    },
    // `*args` in `def f(*args)`: the caller's arguments, as a named parameter is (high)
    {
      code: 'import numpy as np\ndef c(*args):\n    return np.load(*args, allow_pickle=True)',
      errors: [
        {
          messageId: 'allowPickle',
          line: 3,
          confidence: 'high',
          suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\ndef c(*args):\n    return np.load(*args)' }],
        },
      ],
    },
    {
      code: 'import numpy as np\na = np.load("w.npz", allow_pickle=True)',
      errors: [
        {
          messageId: 'allowPickle',
          line: 2,
          confidence: 'high',
          data: { callee: 'numpy.load' },
          suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\na = np.load("w.npz")' }],
        },
      ],
    },
    {
      code: 'import numpy as np\na = np.load(p, allow_pickle=True, mmap_mode="r")',
      errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\na = np.load(p, mmap_mode="r")' }] }],
    },
    // the suggestion leaves tidy text and every comment where it was (fix-safety review)
    { code: 'import numpy as np\na = np.load(f , allow_pickle = True , )', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\na = np.load(f)' }] }] },
    { code: 'import numpy as np\nx = np.load(\n    "x.npz",\n    allow_pickle=True,  # legacy object arrays\n    encoding="latin1",\n)', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load(\n    "x.npz",\n    # legacy object arrays\n    encoding="latin1",\n)' }] }] },
    { code: 'import numpy as np\nx = np.load(\n    "x.npz",\n    allow_pickle=True,\n)', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load(\n    "x.npz",\n)' }] }] },
    { code: 'import numpy as np\nx = np.load(\n    "x.npz",\n    allow_pickle=True\n)', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load(\n    "x.npz",\n)' }] }] },
    { code: 'import numpy as np\nx = np.load(\n    "x.npz",\n    allow_pickle=True)', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load(\n    "x.npz")' }] }] },
    { code: 'import numpy as np\nx = np.load("x.npz",  # the archive\n            allow_pickle=True)', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load("x.npz",  # the archive\n            )' }] }] },
    { code: 'import numpy as np\nx = np.load("x.npz", allow_pickle=True,\n            encoding="latin1")', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load("x.npz",\n            encoding="latin1")' }] }] },
    { code: 'import numpy as np\nx = np.load(allow_pickle=True, file="x.npz")', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load(file="x.npz")' }] }] },
    { code: 'import numpy as np\nx = np.load("x.npz" \\\n        , allow_pickle=True)', errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\nx = np.load("x.npz" \\\n        )' }] }] },
    { code: 'import numpy as np\na = np.load(p, None, True)', errors: [{ messageId: 'allowPickle', suggestions: [] }] },
    { code: 'import numpy as np\ndef f(p, ap):\n    return np.load(p, allow_pickle=ap)', errors: [{ messageId: 'unknownAllowPickle', confidence: 'low' }] },
  ],
});

fixture(rule);
