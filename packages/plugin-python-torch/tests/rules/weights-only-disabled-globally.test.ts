import rule from '../../src/rules/weights-only-disabled-globally.js';
import { fixture, ruleTester } from '../helpers.js';

const WRAPPER = 'import torch\n_orig = torch.load\ndef _load(*a, **k):\n    k["weights_only"] = False\n    return _orig(*a, **k)\n';

ruleTester.run('torch/weights-only-disabled-globally', rule, {
  valid: [
    // (review hardened P3-6) an allowlist of classes the policy does not judge dangerous
    'import argparse, numpy as np, torch\ntorch.serialization.add_safe_globals([np.dtype, np.ndarray, argparse.Namespace, set])',
    'import numpy as np, torch\nBASE = [np.dtype]\nBASE.extend([np.ndarray])\ntorch.serialization.add_safe_globals(BASE + [np.float32])',
    'import torch\nfrom torch.serialization import safe_globals\nclass Cfg: pass\nwith safe_globals([Cfg]):\n    m = torch.load(p, weights_only=True)',
    // (`pickle_module=None` is torch.load's own default)
    'import torch\n_orig = torch.load\ntorch.load = lambda *a, **k: _orig(*a, pickle_module=None, weights_only=True, **k)',
    'import torch\n_orig = torch.load\ndef _load(*a, **k):\n    k["weights_only"] = True\n    return _orig(*a, **k)\ntorch.load = _load',
    'import torch\n_orig = torch.load\ntorch.load = _orig',
    'import torch\n_orig = torch.serialization._default_to_weights_only\ntorch.serialization._default_to_weights_only = _orig',
    'import torch\ntorch.serialization._default_to_weights_only = lambda pickle_module: True',
    'import torch\nfrom unittest import mock\ntorch.load = mock.MagicMock()',
    'import os\nos.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "0"',
    'import os\nos.environ["TORCH_FORCE_WEIGHTS_ONLY_LOAD"] = "1"',
    'import os\nv = os.environ.get("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD")',
    'x = {}\nx["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"',
    // a `weights_only` parameter forwarded as the caller passed it (None: torch's own default)
    'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=None, **kw):\n    return _orig(f, weights_only=weights_only, **kw)\ntorch.load = patched',
    'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=None, **kw):\n    if f.endswith(".pt"):\n        weights_only = True\n    return _orig(f, weights_only=weights_only, **kw)\ntorch.load = patched',
  ],
  invalid: [
    // (review hardened P3-6) allowlisting a code-running global for the weights_only unpickler re-opens code execution
    {
      code: 'import builtins\nimport torch\ntorch.serialization.add_safe_globals([builtins.eval, getattr])\ndef load(p):\n    return torch.load(p, weights_only=True)',
      errors: [{ messageId: 'dangerousSafeGlobal', line: 3, confidence: 'high', data: { api: 'torch.serialization.add_safe_globals', globals: '`builtins.eval`, `builtins.getattr`', them: 'them', scope: 'in the process after this' } }],
    },
    {
      code: 'import builtins, torch\nfrom torch.serialization import safe_globals\nSAFE = [(builtins.exec, "builtins.exec")]\nwith safe_globals(SAFE):\n    m = torch.load(p, weights_only=True)',
      errors: [{ messageId: 'dangerousSafeGlobal', line: 4, confidence: 'high', data: { api: 'torch.serialization.safe_globals', globals: '`builtins.exec`', them: 'it', scope: 'while this context manager is in force' } }],
    },
    // the list built from pieces: `BASE + [getattr]`, `.append`, `list(…)` (whole-change read of stop 35)
    {
      code: 'import numpy as np, torch\nBASE = [np.dtype]\ntorch.serialization.add_safe_globals(BASE + [getattr])',
      errors: [{ messageId: 'dangerousSafeGlobal', line: 3, confidence: 'high', data: { api: 'torch.serialization.add_safe_globals', globals: '`builtins.getattr`', them: 'it', scope: 'in the process after this' } }],
    },
    {
      code: 'import builtins, numpy as np, torch\nSAFE = [np.dtype]\nSAFE.append(builtins.eval)\ntorch.serialization.add_safe_globals(list(SAFE))',
      errors: [{ messageId: 'dangerousSafeGlobal', line: 4, confidence: 'high', data: { api: 'torch.serialization.add_safe_globals', globals: '`builtins.eval`', them: 'it', scope: 'in the process after this' } }],
    },
    {
      code: 'import os, torch\ntorch.serialization.add_safe_globals([os.system])',
      errors: [{ messageId: 'dangerousSafeGlobal', line: 2, confidence: 'medium', data: { api: 'torch.serialization.add_safe_globals', globals: '`os.system`', them: 'it', scope: 'in the process after this' } }],
    },
    // a wrapper that passes a `pickle_module` of its own (A1111-derived `modules.safe` patches): a custom unpickler for every load
    {
      code: 'import torch\nimport dill\nimport modules.safe as safe\noriginal_load = safe.unsafe_torch_load\ndef load(*args, **kwargs):\n    kwargs["pickle_module"] = dill\n    return original_load(*args, **kwargs)\ntorch.load = load',
      errors: [{ messageId: 'monkeypatchPickleModule', line: 8, confidence: 'high', data: { target: 'torch.load', condition: '' } }],
    },
    { code: 'import torch\nimport dill\n_orig = torch.load\ntorch.load = lambda *a, **k: _orig(*a, pickle_module=dill, **k)', errors: [{ messageId: 'monkeypatchPickleModule' }] },
    { code: 'import torch\nimport dill\n_orig = torch.load\ndef patched(*a, **k):\n    k.setdefault("pickle_module", dill)\n    return _orig(*a, **k)\ntorch.load = patched', errors: [{ messageId: 'monkeypatchPickleModule' }] },
    // a patch put back in `finally`: for a while only (review github3 P8)
    {
      code: 'import torch\ndef load_trusted(model, path):\n    import torch as _torch\n    _orig_load = _torch.load\n    def _load_trusted(*a, **kw):\n        kw["weights_only"] = False\n        return _orig_load(*a, **kw)\n    _torch.load = _load_trusted\n    try:\n        helper(model, path)\n    finally:\n        _torch.load = _orig_load',
      errors: [{ messageId: 'monkeypatchScoped', line: 8, confidence: 'high', data: { target: 'torch.load', how: 'forces `weights_only=False`', line: '12', unless: '' } }],
    },
    {
      code: 'import torch\n_orig = torch.load\ntry:\n    torch.load = lambda *a, **k: _orig(*a, **{**k, "weights_only": k.get("weights_only", False)})\n    run()\nfinally:\n    torch.load = _orig',
      errors: [{ messageId: 'monkeypatchScoped', data: { target: 'torch.load', how: 'makes `weights_only` default to False', line: '7', unless: ' unless it passes `weights_only=True` itself' } }],
    },
    // put back on some paths only (after the call without a finally, in an except, in a function
    // nobody has to call, in a returned closure): the patch may stay for the whole process
    ...[
      'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    k["weights_only"] = False\n    return _orig(*a, **k)\ntorch.load = patched\nrun()\ntorch.load = _orig',
      'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    k["weights_only"] = False\n    return _orig(*a, **k)\ntorch.load = patched\ntry:\n    run()\nexcept Exception:\n    torch.load = _orig\n    raise',
      'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    k["weights_only"] = False\n    return _orig(*a, **k)\ntorch.load = patched\ndef unpatch():\n    torch.load = _orig',
      'import torch\ndef patch():\n    _orig = torch.load\n    def patched(*a, **k):\n        k["weights_only"] = False\n        return _orig(*a, **k)\n    torch.load = patched\n    def undo():\n        torch.load = _orig\n    return undo',
      // the restore in the finally only under a condition, or inside a function defined there (review of the mends, N3)
      'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    k["weights_only"] = False\n    return _orig(*a, **k)\ntorch.load = patched\ntry:\n    run()\nfinally:\n    if restore:\n        torch.load = _orig',
      'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    k["weights_only"] = False\n    return _orig(*a, **k)\ntorch.load = patched\ntry:\n    run()\nfinally:\n    def undo():\n        torch.load = _orig',
    ].map((code) => ({ code, errors: [{ messageId: 'monkeypatch' as const }] })),
    { code: `${WRAPPER}torch.load = _load`, errors: [{ messageId: 'monkeypatch', line: 6, confidence: 'high', data: { target: 'torch.load' } }] },
    { code: `${WRAPPER}setattr(torch, "load", _load)`, errors: [{ messageId: 'monkeypatch', line: 6 }] },
    // a retry with weights_only=False after the caller's own load failed: not "even those that ask for True"
    {
      code: 'import torch\n_orig = torch.load\ndef patched(f, map_location=None, **kwargs):\n    try:\n        return _orig(f, map_location=map_location, **kwargs)\n    except Exception:\n        return _orig(f, map_location=map_location, weights_only=False, **kwargs)\ntorch.load = patched\ndef always(f, **kwargs):\n    try:\n        return _orig(f, weights_only=False, **kwargs)\n    except Exception:\n        return _orig(f, weights_only=False)\ntorch.load = always',
      errors: [
        { messageId: 'monkeypatchFallback', line: 8, confidence: 'high', data: { target: 'torch.load' } },
        { messageId: 'monkeypatch', line: 14, confidence: 'high', data: { target: 'torch.load' } },
      ],
    },
    // a keyword bound by partial is a default the caller may override: False only where none is passed
    { code: 'import torch, functools\ntorch.load = functools.partial(torch.load, weights_only=False)', errors: [{ messageId: 'monkeypatchDefault', confidence: 'high' }] },
    // the popular "torch 2.6 fix": the caller's value, or False
    { code: 'import torch\n_orig = torch.load\ntorch.load = lambda *a, **k: _orig(*a, **{**k, "weights_only": k.get("weights_only", False)})', errors: [{ messageId: 'monkeypatchDefault', confidence: 'high' }] },
    { code: 'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    k.setdefault("weights_only", False)\n    return _orig(*a, **k)\ntorch.load = patched', errors: [{ messageId: 'monkeypatchDefault' }] },
    { code: 'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    if "weights_only" not in k:\n        k["weights_only"] = False\n    return _orig(*a, **k)\ntorch.load = patched', errors: [{ messageId: 'monkeypatchDefault' }] },
    { code: 'import torch\n_orig = torch.load\ndef patched(*a, **k):\n    k["weights_only"] = False\n    return _orig(*a, **k)\ntorch.load = patched', errors: [{ messageId: 'monkeypatch' }] },
    // the wrapper's own `weights_only` parameter: set to False on a branch (forced there, even over a
    // caller's True), on every path (forced), only when the caller passed none, or False by default
    {
      code: "import torch\n_orig = torch.load\ndef patched(f, map_location=None, *, weights_only=None, **kw):\n    if isinstance(f, str) and f.endswith('.pt'):\n        weights_only = False\n    return _orig(f, map_location=map_location, weights_only=weights_only, **kw)\ntorch.load = patched",
      errors: [
        {
          messageId: 'monkeypatchWhen',
          line: 7,
          confidence: 'high',
          data: { target: 'torch.load', condition: "isinstance(f, str) and f.endswith('.pt')" },
        },
      ],
    },
    {
      code: 'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=None, **kw):\n    if f.endswith(".pt"):\n        pass\n    else:\n        weights_only = False\n    return _orig(f, weights_only=weights_only, **kw)\ntorch.load = patched',
      errors: [{ messageId: 'monkeypatchWhen', data: { target: 'torch.load', condition: 'not (f.endswith(".pt"))' } }],
    },
    { code: 'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=None, **kw):\n    weights_only = False\n    return _orig(f, weights_only=weights_only, **kw)\ntorch.load = patched', errors: [{ messageId: 'monkeypatch', line: 6 }] },
    { code: 'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=None, **kw):\n    if weights_only is None:\n        weights_only = False\n    return _orig(f, weights_only=weights_only, **kw)\ntorch.load = patched', errors: [{ messageId: 'monkeypatchDefault', line: 7 }] },
    {
      code: 'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=False, **kwargs):\n    return _orig(f, weights_only=weights_only, **kwargs)\ntorch.load = patched',
      errors: [
        {
          messageId: 'monkeypatchDefault',
          line: 5,
          message:
            '`torch.load` is replaced by a wrapper that makes `weights_only` default to False: every `torch.load` in the process that does not pass `weights_only=True` itself now unpickles arbitrary objects, on torch >= 2.6 too. Keep the default (`weights_only=True`) and allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
        },
      ],
    },
    // a replacement torch cannot call (it passes the pickle module): torch.load then fails, low confidence
    { code: 'import torch\ntorch.serialization._default_to_weights_only = False', errors: [{ messageId: 'defaultPatchedUnknown', confidence: 'low' }] },
    { code: 'import torch\ntorch.serialization._default_to_weights_only = lambda: False', errors: [{ messageId: 'defaultPatchedUnknown', confidence: 'low' }] },
    { code: 'import torch\nfrom mylib import patched_load\ntorch.load = patched_load', errors: [{ messageId: 'monkeypatchUnknown', confidence: 'low' }] },
    { code: 'import torch.serialization\ntorch.serialization._default_to_weights_only = lambda pickle_module: False', errors: [{ messageId: 'defaultPatched', confidence: 'high' }] },
    { code: 'import torch\nfrom x import hook\ntorch.serialization._default_to_weights_only = hook', errors: [{ messageId: 'defaultPatchedUnknown', confidence: 'low' }] },
    { code: 'import os\nos.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"', errors: [{ messageId: 'envVar', confidence: 'high', line: 2, column: 1 }] },
    { code: 'import os\nos.environ.setdefault("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")', errors: [{ messageId: 'envVar' }] },
    { code: 'import os\nos.putenv("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "TRUE")', errors: [{ messageId: 'envVar' }] },
    { code: 'import os\nos.environ.update(TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD="1")', errors: [{ messageId: 'envVar' }] },
    { code: 'import os\nKEY = "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"\nos.environ[KEY] = "1"', errors: [{ messageId: 'envVar', line: 3 }] },
    { code: 'import os\ndef f(v):\n    os.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = v', errors: [{ messageId: 'envVar', confidence: 'low' }] },
  ],
});

fixture(rule);
