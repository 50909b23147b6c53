import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { python, clearDependencyCache } from '@oculum/lang-python';
import { RuleTester } from '@oculum/rule-tester';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintAll } from '../helpers.js';
import rule from '../../src/rules/load-without-weights-only.js';
import { fixture, ruleTester } from '../helpers.js';

const ID = 'torch/load-without-weights-only';

ruleTester.run(ID, rule, {
  valid: [
    // a loader a Gradio UI calls with no input value: nothing to load (review s36b_py P2)
    'import gradio as gr\nimport torch\nwith gr.Blocks() as demo:\n    out = gr.JSON()\n    demo.load(torch.load, None, out)',
    'import torch\nm = torch.load("model.pt", weights_only=True)',
    // the forwarding call of a wrapper installed as `torch.load` that turns `weights_only` off: part of the
    // monkeypatch `torch/weights-only-disabled-globally` reports (one finding for one monkeypatch)
    "import torch\n_orig = torch.load\ndef patched(*args, **kwargs):\n    if 'weights_only' not in kwargs:\n        kwargs['weights_only'] = False\n    return _orig(*args, **kwargs)\ntorch.load = patched",
    'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=False, **kwargs):\n    return _orig(f, weights_only=weights_only, **kwargs)\nsetattr(torch, "load", patched)',
    'import torch\n_orig = torch.load\ntorch.load = (lambda *a, **k: _orig(*a, **{**k, "weights_only": False}))',
    'import torch\nSAFE = True\nm = torch.load("model.pt", weights_only=SAFE)',
    'import torch\ndef f(p, weights_only=True):\n    return torch.load(p, weights_only=weights_only)',
    // `weights_only=not legacy`: the default alone (True), or a private helper every caller of which passes legacy=False
    'import torch\ndef load_ckpt(p, legacy=False):\n    return torch.load(p, weights_only=not legacy)\nx = load_ckpt("a.pt")',
    // a file the function saved, loaded through a copy of its name (review ray P3-2)
    'import os, torch\ndef f(model, d):\n    path = os.path.join(d, "model.pt")\n    torch.save(model, path)\n    local = path\n    return torch.load(local)',
    'import os, torch\ndef f(model, d):\n    path = os.path.join(d, "model.pt")\n    torch.save(model, path)\n    q = str(path)\n    r = q\n    return torch.load(r)',
    // the conditional spelling of the same (review robotics P2-1): no caller passes legacy=True
    'import torch\ndef load_ckpt(p, legacy=False):\n    return torch.load(p, weights_only=False if legacy else True)\nx = load_ckpt("a.pt")\ny = load_ckpt("b.pt", legacy=False)',
    'import torch\ndef _load(p, legacy=True):\n    return torch.load(p, weights_only=not (legacy))\nx = _load("a.pt", legacy=False)',
    'import torch\ndef load(p):\n    return p\nload("x")',
    'from torch import load\ndef f(p):\n    def load(q):\n        return q\n    return load(p)',
    'import torch\n# torch.load(p)\ns = "torch.load(p)"',
    'import torch\ntorch.save(m, "model.pt")',
    // saved in every branch of an if/else before the load: read back on every path
    'import torch\ndef f(m, fresh):\n    if fresh:\n        torch.save(m, "m.pt")\n    else:\n        torch.save(train(), "m.pt")\n    return torch.load("m.pt")',
    'import torch\nclass A:\n    def load(self, p):\n        return p\n    def go(self):\n        return self.load("x")',
    'import functools, torch\nf = functools.partial(torch.load, weights_only=True)',
    'import torch\nm = torch.load(p, **{"weights_only": True})',
    // True on every path of a conditional mapping
    'import torch\nm = torch.load(p, **({"weights_only": True} if fast else {"weights_only": True, "mmap": True}))',
    'from safetensors.torch import load_file\nw = load_file("model.safetensors")',
    'import pickle\nx = pickle.load(f)',
    // a star import, but `torch` is bound here to something else; imports, none of them torch or a star
    'from .optimizers import *\ntorch = make_backend()\nm = torch.load(p)',
    'import os\ndef f(p):\n    return torch.load(p)',
    'def f(p):\n    torch = get_backend()\n    return torch.load(p)',
    // the API hands the loader `weights_only=True`, or a partial binds it
    'import asyncio, torch\nm = asyncio.to_thread(torch.load, p, weights_only=True)',
    'import torch\nfrom joblib import Parallel, delayed\nms = Parallel()(delayed(torch.load)(p, weights_only=True) for p in ps)',
    'import torch\nm = pool.apply_async(torch.load, (p,), {"weights_only": True})',
    'import functools, torch\nload = functools.partial(torch.load, weights_only=True)\nms = pool.map(load, paths)',
    'import json, torch\nms = list(map(json.load, paths))',
    // a partial binding weights_only=True in a dispatch table (constant key, or any key when every value binds it) or a self attribute
    'import functools, torch\nL = {".pth": functools.partial(torch.load, map_location="cpu", weights_only=True)}\ndef load(p, ext):\n    return L[".pth"](p), L[ext](p)',
    'import functools, torch\nclass H:\n    def __init__(self):\n        self._load = functools.partial(torch.load, weights_only=True)\n    def run(self, p):\n        return self._load(p)',
    // saved on every path before the load: this code's own file, not reported
    'import torch\ndef train(model):\n    torch.save(model.state_dict(), "best_model.pt")\n    model.load_state_dict(torch.load("best_model.pt"))',
  ],
  invalid: [
    // a public loader over a private one, the outer's caller passing False (review keras P2-1)
    {
      code: 'import torch\ndef load_inner(path, weights_only=True):\n    return torch.load(path, weights_only=weights_only)\ndef load_outer(path, weights_only=True):\n    return load_inner(path, weights_only=weights_only)\nstate = load_outer("ckpt.pt", weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' } }],
    },
    // Lightning's `_load`: a branch that sets `weights_only = False` and returns does not reach the load after it,
    // which holds the parameter's None as an identical call does (review zoo P3-3), and gets the same suggestion (the
    // default made True: only the parameter reaches the load); a branch that falls through does reach it
    {
      code: 'import torch\ndef _load(f, weights_only=None):\n    if isinstance(f, str) and f.startswith("http"):\n        if weights_only is None:\n            weights_only = False\n        return torch.hub.load_state_dict_from_url(f, weights_only=weights_only, check_hash=True)\n    return torch.load(f, weights_only=weights_only)\ndef _load2(f, weights_only=None):\n    return torch.load(f, weights_only=weights_only)\ndef _load3(f, weights_only=None):\n    if f.endswith(".tar"):\n        weights_only = False\n    return torch.load(f, weights_only=weights_only)',
      errors: [
        { messageId: 'missing', line: 7, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'defaultWeightsOnly', data: { name: 'weights_only' }, output: 'import torch\ndef _load(f, weights_only=True):\n    if isinstance(f, str) and f.startswith("http"):\n        if weights_only is None:\n            weights_only = False\n        return torch.hub.load_state_dict_from_url(f, weights_only=weights_only, check_hash=True)\n    return torch.load(f, weights_only=weights_only)\ndef _load2(f, weights_only=None):\n    return torch.load(f, weights_only=weights_only)\ndef _load3(f, weights_only=None):\n    if f.endswith(".tar"):\n        weights_only = False\n    return torch.load(f, weights_only=weights_only)' }] },
        { messageId: 'missing', line: 9, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'defaultWeightsOnly', data: { name: 'weights_only' }, output: 'import torch\ndef _load(f, weights_only=None):\n    if isinstance(f, str) and f.startswith("http"):\n        if weights_only is None:\n            weights_only = False\n        return torch.hub.load_state_dict_from_url(f, weights_only=weights_only, check_hash=True)\n    return torch.load(f, weights_only=weights_only)\ndef _load2(f, weights_only=True):\n    return torch.load(f, weights_only=weights_only)\ndef _load3(f, weights_only=None):\n    if f.endswith(".tar"):\n        weights_only = False\n    return torch.load(f, weights_only=weights_only)' }] },
        { messageId: 'unknownFlag', line: 13, confidence: 'low', data: { callee: 'torch.load', bypass: '' } },
      ],
    },
    // the branch leaves on every path through an inner if/else (return, raise): the load after it holds the parameter's
    // None (lang-python's reaching bindings, review zoo P3-3); a branch left by `break` goes on to the load: unknown
    {
      code: 'import torch\ndef _load(f, weights_only=None):\n    if f.startswith(\"http\"):\n        weights_only = False\n        if f.endswith(\".zip\"):\n            return fetch_zip(f, weights_only)\n        else:\n            raise ValueError(f)\n    return torch.load(f, weights_only=weights_only)\ndef _load2(urls, weights_only=None):\n    for u in urls:\n        if u.startswith(\"http\"):\n            weights_only = False\n            break\n    return torch.load(urls[0], weights_only=weights_only)\n',
      errors: [
        { messageId: 'missing', line: 9, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'defaultWeightsOnly', data: { name: 'weights_only' }, output: 'import torch\ndef _load(f, weights_only=True):\n    if f.startswith(\"http\"):\n        weights_only = False\n        if f.endswith(\".zip\"):\n            return fetch_zip(f, weights_only)\n        else:\n            raise ValueError(f)\n    return torch.load(f, weights_only=weights_only)\ndef _load2(urls, weights_only=None):\n    for u in urls:\n        if u.startswith(\"http\"):\n            weights_only = False\n            break\n    return torch.load(urls[0], weights_only=weights_only)\n' }] },
        { messageId: 'unknownFlag', line: 15, confidence: 'low', data: { callee: 'torch.load', bypass: '' } },
      ],
    },
    // the path a same-file helper returns after downloading to it, and an imported `download_cached_file` (LAVIS/BLIP): network data, high
    {
      code: 'import os\nimport torch\nfrom torch.hub import download_url_to_file\nfrom lavis.common.dist_utils import download_cached_file\ndef get_local_filepath(url, dirname):\n    destination = os.path.join(dirname, os.path.basename(url))\n    if not os.path.exists(destination):\n        download_url_to_file(url, destination)\n    return destination\ndef load(url):\n    a = torch.load(get_local_filepath(url, "/models"))\n    b = torch.load(download_cached_file(url, check_hash=False, progress=True), map_location="cpu")\n    return a, b',
      errors: [
        { messageId: 'missing', line: 11, confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import os\nimport torch\nfrom torch.hub import download_url_to_file\nfrom lavis.common.dist_utils import download_cached_file\ndef get_local_filepath(url, dirname):\n    destination = os.path.join(dirname, os.path.basename(url))\n    if not os.path.exists(destination):\n        download_url_to_file(url, destination)\n    return destination\ndef load(url):\n    a = torch.load(get_local_filepath(url, "/models"), weights_only=True)\n    b = torch.load(download_cached_file(url, check_hash=False, progress=True), map_location="cpu")\n    return a, b' }] },
        { messageId: 'missing', line: 12, confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import os\nimport torch\nfrom torch.hub import download_url_to_file\nfrom lavis.common.dist_utils import download_cached_file\ndef get_local_filepath(url, dirname):\n    destination = os.path.join(dirname, os.path.basename(url))\n    if not os.path.exists(destination):\n        download_url_to_file(url, destination)\n    return destination\ndef load(url):\n    a = torch.load(get_local_filepath(url, "/models"))\n    b = torch.load(download_cached_file(url, check_hash=False, progress=True), map_location="cpu", weights_only=True)\n    return a, b' }] },
      ],
    },
    // (review automl P2-b) a W&B artifact's download (of `Api().artifact(…)`, `run.use_artifact(…)`) is network data: high, also
    // spelled `dir + "/model.pt"`; `download()` of an object of unknown origin is not (medium)
    {
      code: 'import os, torch, wandb\nrun = wandb.init(project="p")\ndef a():\n    d = wandb.Api().artifact("acme/det/model:latest", type="model").download()\n    return torch.load(os.path.join(d, "model.pt"))\ndef b():\n    art = run.use_artifact("model:v3")\n    return torch.load(art.download() + "/model.pt")\ndef c(art):\n    return torch.load(os.path.join(art.download(), "model.pt"))',
      errors: [
        { messageId: 'missing', line: 5, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import os, torch, wandb\nrun = wandb.init(project="p")\ndef a():\n    d = wandb.Api().artifact("acme/det/model:latest", type="model").download()\n    return torch.load(os.path.join(d, "model.pt"), weights_only=True)\ndef b():\n    art = run.use_artifact("model:v3")\n    return torch.load(art.download() + "/model.pt")\ndef c(art):\n    return torch.load(os.path.join(art.download(), "model.pt"))' }] },
        { messageId: 'missing', line: 8, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import os, torch, wandb\nrun = wandb.init(project="p")\ndef a():\n    d = wandb.Api().artifact("acme/det/model:latest", type="model").download()\n    return torch.load(os.path.join(d, "model.pt"))\ndef b():\n    art = run.use_artifact("model:v3")\n    return torch.load(art.download() + "/model.pt", weights_only=True)\ndef c(art):\n    return torch.load(os.path.join(art.download(), "model.pt"))' }] },
        { messageId: 'missing', line: 10, confidence: 'medium', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import os, torch, wandb\nrun = wandb.init(project="p")\ndef a():\n    d = wandb.Api().artifact("acme/det/model:latest", type="model").download()\n    return torch.load(os.path.join(d, "model.pt"))\ndef b():\n    art = run.use_artifact("model:v3")\n    return torch.load(art.download() + "/model.pt")\ndef c(art):\n    return torch.load(os.path.join(art.download(), "model.pt"), weights_only=True)' }] },
      ],
    },
    {
      // (a helper's path the analysis cannot follow: medium)
      code: 'import torch\nfrom helpers import path_of\ndef load(name):\n    return torch.load(path_of(name))',
      errors: [{ messageId: 'missing', confidence: 'medium', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nfrom helpers import path_of\ndef load(name):\n    return torch.load(path_of(name), weights_only=True)' }] }],
    },
    // files under a directory the Hub download fetched (vllm's weight_utils): high, as a parameter is;
    // items of a caller's list are not followed (medium)
    {
      code: 'import glob, os, torch\nfrom huggingface_hub import snapshot_download\ndef iterate(name):\n    hf_folder = snapshot_download(name, allow_patterns=["*.bin"])\n    for bin_file in glob.glob(os.path.join(hf_folder, "*.bin")):\n        yield torch.load(bin_file, map_location="cpu")',
      errors: [
        {
          messageId: 'missing',
          line: 6,
          confidence: 'high',
          suggestions: [
            {
              messageId: 'addWeightsOnly',
              output:
                'import glob, os, torch\nfrom huggingface_hub import snapshot_download\ndef iterate(name):\n    hf_folder = snapshot_download(name, allow_patterns=["*.bin"])\n    for bin_file in glob.glob(os.path.join(hf_folder, "*.bin")):\n        yield torch.load(bin_file, map_location="cpu", weights_only=True)',
            },
          ],
        },
      ],
    },
    {
      code: 'import torch\nfrom pathlib import Path\nfrom huggingface_hub import snapshot_download\ndef iterate(name):\n    files = sorted(Path(snapshot_download(name)).glob("*.pt"))\n    for f in files:\n        yield torch.load(f)',
      errors: [
        {
          messageId: 'missing',
          line: 7,
          confidence: 'high',
          suggestions: [
            {
              messageId: 'addWeightsOnly',
              output: 'import torch\nfrom pathlib import Path\nfrom huggingface_hub import snapshot_download\ndef iterate(name):\n    files = sorted(Path(snapshot_download(name)).glob("*.pt"))\n    for f in files:\n        yield torch.load(f, weights_only=True)',
            },
          ],
        },
      ],
    },
    {
      code: 'import torch\ndef iterate(paths):\n    for p in paths:\n        yield torch.load(p)',
      errors: [{ messageId: 'missing', line: 4, confidence: 'medium', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef iterate(paths):\n    for p in paths:\n        yield torch.load(p, weights_only=True)' }] }],
    },
    // after a `\` continuation, the keyword goes right after the last argument (fix-safety review)
    {
      code: 'import torch\nm = torch.load("m.pt" \\\n    )',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = torch.load("m.pt", weights_only=True \\\n    )' }] }],
    },
    {
      code: 'import torch\nm = torch.load(p,  # the checkpoint\n               map_location="cpu" \\\n)',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = torch.load(p,  # the checkpoint\n               map_location="cpu", weights_only=True \\\n)' }] }],
    },
    // (review dlscripts P3-2) a file the function certainly wrote network bytes to (`f.write(requests.get(u).content)`,
    // `shutil.copyfileobj(resp, f)`, `Path(p).write_bytes(r.content)`): network data, high; a write on some paths only,
    // or of bytes not from the network: as any path a call computed, medium
    {
      code: 'import os, shutil, tempfile, urllib.request\nfrom pathlib import Path\nimport requests, torch\ndef a(url):\n    tmp = os.path.join(tempfile.gettempdir(), "remote_ckpt")\n    with open(tmp, "wb") as f:\n        f.write(requests.get(url, timeout=300).content)\n    return torch.load(tmp, map_location="cpu", weights_only=False)\ndef b(url):\n    dest = os.path.join(tempfile.gettempdir(), "x.pt")\n    with urllib.request.urlopen(url) as resp, open(dest, "wb") as out:\n        shutil.copyfileobj(resp, out)\n    return torch.load(dest, weights_only=False)\ndef c(url):\n    dest = os.path.join(tempfile.gettempdir(), "x.pt")\n    r = requests.get(url)\n    Path(dest).write_bytes(r.content)\n    return torch.load(dest, weights_only=False)\ndef d(url, fetch):\n    dest = os.path.join(tempfile.gettempdir(), "x.pt")\n    if fetch:\n        with open(dest, "wb") as f:\n            f.write(requests.get(url).content)\n    return torch.load(dest, weights_only=False)\ndef e():\n    dest = os.path.join(tempfile.gettempdir(), "x.pt")\n    with open(dest, "wb") as f:\n        f.write(b"local")\n    return torch.load(dest, weights_only=False)',
      errors: [
        { messageId: 'explicitFalse', line: 8, confidence: 'high', data: { callee: 'torch.load', bypass: '' } },
        { messageId: 'explicitFalse', line: 13, confidence: 'high', data: { callee: 'torch.load', bypass: '' } },
        { messageId: 'explicitFalse', line: 18, confidence: 'high', data: { callee: 'torch.load', bypass: '' } },
        { messageId: 'explicitFalse', line: 24, confidence: 'medium', data: { callee: 'torch.load', bypass: '' } },
        { messageId: 'explicitFalse', line: 29, confidence: 'medium', data: { callee: 'torch.load', bypass: '' } },
      ],
    },
    // the same wrapper, not installed: a load like any other; installed, but leaving `weights_only` as passed
    {
      code: 'import torch\n_orig = torch.load\ndef patched(f, *, weights_only=False, **kwargs):\n    return _orig(f, weights_only=weights_only, **kwargs)\nm = patched("m.pt")',
      errors: [{ messageId: 'explicitFalse', line: 4 }],
    },
    {
      code: 'import torch\n_orig = torch.load\ndef patched(*args, **kwargs):\n    print("loading")\n    return _orig(*args, **kwargs)\ntorch.load = patched',
      errors: [{ messageId: 'unknownFlag', line: 5, confidence: 'low' }],
    },
    // `torch` that only a star import of a project module may bring (nerf_pl's utils): low
    {
      code: 'from .optimizers import *\ndef f(p):\n    return torch.load(p, map_location="cpu")',
      errors: [{ messageId: 'missing', confidence: 'low', suggestions: [{ messageId: 'addWeightsOnly', output: 'from .optimizers import *\ndef f(p):\n    return torch.load(p, map_location="cpu", weights_only=True)' }] }],
    },
    // a file that imports nothing (a fragment a framework runs in a namespace that holds `torch`, as
    // ComfyUI node packs paste their files together): low
    {
      code: 'class Loader:\n    def load_model(self, name):\n        return torch.load(folder_paths.get_full_path("models", name))',
      errors: [{ messageId: 'missing', line: 3, confidence: 'low', suggestions: [{ messageId: 'addWeightsOnly', output: 'class Loader:\n    def load_model(self, name):\n        return torch.load(folder_paths.get_full_path("models", name), weights_only=True)' }] }],
    },
    // `from torch import *` then `load(p)`: torch.load for certain, high
    {
      code: 'from torch import *\nm = load("m.pt")',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'from torch import *\nm = load("m.pt", weights_only=True)' }] }],
    },
    // a submodule import binds no `torch`: still the star import's, low; an imported `load` stays high
    {
      code: 'from torch.optim import SGD\nfrom torch import load\nfrom .optimizers import *\na = torch.load("a.pt")\nb = load("b.pt")',
      errors: [
        { messageId: 'missing', line: 4, confidence: 'low', suggestions: [{ messageId: 'addWeightsOnly', output: 'from torch.optim import SGD\nfrom torch import load\nfrom .optimizers import *\na = torch.load("a.pt", weights_only=True)\nb = load("b.pt")' }] },
        { messageId: 'missing', line: 5, confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'from torch.optim import SGD\nfrom torch import load\nfrom .optimizers import *\na = torch.load("a.pt")\nb = load("b.pt", weights_only=True)' }] },
      ],
    },
    // a download through Pixee's `security.safe_requests` (unilm's dall_e): high
    {
      code: 'import io, torch\nfrom security import safe_requests\ndef f(url):\n    resp = safe_requests.get(url)\n    return torch.load(io.BytesIO(resp.content))',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import io, torch\nfrom security import safe_requests\ndef f(url):\n    resp = safe_requests.get(url)\n    return torch.load(io.BytesIO(resp.content), weights_only=True)' }] }],
    },
    // command-line fields read through transformers' HfArgumentParser (ChatGLM's web demo): user input, high
    {
      code: 'import torch\nfrom transformers import HfArgumentParser\nargs = HfArgumentParser((Args,)).parse_args_into_dataclasses()[0]\nm = torch.load(args.ckpt)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nfrom transformers import HfArgumentParser\nargs = HfArgumentParser((Args,)).parse_args_into_dataclasses()[0]\nm = torch.load(args.ckpt, weights_only=True)' }] }],
    },
    // whisper's `load_model`: a stream of either branch, one of them the `name` parameter: high
    {
      code: 'import io, torch\ndef f(name, in_memory):\n    with (io.BytesIO(open(name, "rb").read()) if in_memory else open(name, "rb")) as fp:\n        return torch.load(fp)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import io, torch\ndef f(name, in_memory):\n    with (io.BytesIO(open(name, "rb").read()) if in_memory else open(name, "rb")) as fp:\n        return torch.load(fp, weights_only=True)' }] }],
    },
    // the copied "torch 2.6 fix": False on one path of a conditional mapping, not passed on the other
    {
      code: 'import torch\ndef f(p, legacy):\n    return torch.load(p, **({"weights_only": False} if legacy else {}))',
      errors: [{ messageId: 'explicitFalse', confidence: 'medium' }],
    },
    {
      code: 'import torch\ndef f(p, legacy):\n    if legacy:\n        kw = {"weights_only": False}\n    else:\n        kw = {}\n    return torch.load(p, **kw)',
      errors: [{ messageId: 'explicitFalse', confidence: 'medium' }],
    },
    // True on one path, not passed on the other (diffusers: `{"weights_only": True} if
    // is_torch_version(">=", "1.13") else {}`): not passed, low (no suggestion: a second
    // `weights_only=` next to the mapping's would be a TypeError)
    {
      code: 'import torch\ndef f(p, new_torch):\n    kw = {"weights_only": True} if new_torch else {}\n    return torch.load(p, **kw)',
      errors: [{ messageId: 'missing', confidence: 'low', suggestions: [] }],
    },
    {
      code: 'import torch\ndef f(p, fast, opts):\n    return torch.load(p, **(opts if fast else {}))',
      errors: [{ messageId: 'unknownFlag', confidence: 'low' }],
    },
    {
      code: 'import torch\nmodel = torch.load("model.pt")',
      errors: [
        {
          messageId: 'missing',
          line: 2,
          column: 9,
          endColumn: 31,
          confidence: 'high',
          severity: 'critical',
          data: { callee: 'torch.load', bypass: '' },
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nmodel = torch.load("model.pt", weights_only=True)' }],
        },
      ],
    },
    {
      code: 'from torch import load as L\nm = L(p, map_location="cpu")',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'from torch import load as L\nm = L(p, map_location="cpu", weights_only=True)' }] }],
    },
    {
      code: 'import torch\nm = torch.load(\n    p,\n    map_location="cpu",\n)',
      errors: [
        {
          messageId: 'missing',
          line: 2,
          endLine: 5,
          confidence: 'medium',
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = torch.load(\n    p,\n    map_location="cpu", weights_only=True,\n)' }],
        },
      ],
    },
    {
      code: 'import torch\ndef f(path):\n    return torch.load(path)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef f(path):\n    return torch.load(path, weights_only=True)' }] }],
    },
    { code: 'import torch\nm = torch.load("m.pt", weights_only=False)', errors: [{ messageId: 'explicitFalse', confidence: 'high' }] },
    { code: 'import torch\nUNSAFE = False\nm = torch.load("m.pt", weights_only=UNSAFE)', errors: [{ messageId: 'explicitFalse' }] },
    // None is torch.load's own default: "without weights_only=True", not "with weights_only=False".
    {
      code: 'import torch\nm = torch.load("m.pt", weights_only=None)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'setWeightsOnly', data: { value: 'None' }, output: 'import torch\nm = torch.load("m.pt", weights_only=True)' }] }],
    },
    {
      code: 'import torch\ndef load(p, weights_only=None):\n    return torch.load(p, weights_only=weights_only)',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'defaultWeightsOnly', data: { name: 'weights_only' }, output: 'import torch\ndef load(p, weights_only=True):\n    return torch.load(p, weights_only=weights_only)' }] }],
    },
    {
      code: 'import functools, torch\nf = functools.partial(torch.load, weights_only=None)',
      errors: [{ messageId: 'partialMissing', suggestions: [{ messageId: 'setWeightsOnly', output: 'import functools, torch\nf = functools.partial(torch.load, weights_only=True)' }] }],
    },
    // the suggestion only where the call certainly reaches torch.load (`read_safetensors` takes no weights_only)
    {
      code: 'import torch\ndef read_safetensors(p):\n    return {}\ndef load(p):\n    fn = torch.load if p.endswith(".bin") else read_safetensors\n    return fn(p)',
      errors: [{ messageId: 'missing', line: 6, suggestions: [] }],
    },
    {
      code: 'import torch\ndef read_safetensors(p):\n    return {}\nLOADERS = {".bin": torch.load, ".safetensors": read_safetensors}\ndef load(p, ext):\n    return LOADERS[ext](p)',
      errors: [{ messageId: 'missing', line: 6, suggestions: [] }],
    },
    // a module constant held at the call: set there
    {
      code: 'import torch\nWEIGHTS_ONLY = None\nm = torch.load("m.pt", weights_only=WEIGHTS_ONLY)',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'setWeightsOnly', data: { value: 'WEIGHTS_ONLY' }, output: 'import torch\nWEIGHTS_ONLY = None\nm = torch.load("m.pt", weights_only=True)' }] }],
    },
    { code: 'import torch\nopts = {"weights_only": False}\nm = torch.load("m.pt", **opts)', errors: [{ messageId: 'explicitFalse' }] },
    { code: 'import torch, dill\nm = torch.load("m.pt", weights_only=True, pickle_module=dill)', errors: [{ messageId: 'pickleModule' }] },
    { code: 'import torch, dill\nm = torch.load("m.pt", None, dill)', errors: [{ messageId: 'pickleModule' }] },
    { code: 'import torch\ndef f(p, t):\n    return torch.load(p, weights_only=t)', errors: [{ messageId: 'unknownFlag', confidence: 'low' }] },
    // partials in a dispatch table that bind weights_only differently: the dispatch call is not known (each partial is judged where it is built)
    {
      code: 'import functools, torch\nL = {".a": functools.partial(torch.load, weights_only=False), ".b": functools.partial(torch.load, weights_only=True)}\ndef load(p, ext):\n    return L[ext](p)',
      errors: [
        { messageId: 'partialUnsafe', line: 2, data: { callee: 'torch.load', reason: 'weights_only=False', bypass: '' } },
        { messageId: 'unknownFlag', line: 4, confidence: 'low', data: { callee: 'torch.load', bypass: '' } },
      ],
    },
    // partials that differ only in map_location: the dispatch call certainly passes no weights_only (high; every entry is torch.load, so the call may pass it)
    {
      code: 'import functools, torch\nL = {".pt": functools.partial(torch.load, map_location="cpu"), ".bin": functools.partial(torch.load, map_location="cuda")}\ndef load(p, ext):\n    return L[ext](p)',
      errors: [
        { messageId: 'partialMissing', line: 2, confidence: 'low', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import functools, torch\nL = {".pt": functools.partial(torch.load, map_location="cpu", weights_only=True), ".bin": functools.partial(torch.load, map_location="cuda")}\ndef load(p, ext):\n    return L[ext](p)' }] },
        { messageId: 'partialMissing', line: 2, confidence: 'low', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import functools, torch\nL = {".pt": functools.partial(torch.load, map_location="cpu"), ".bin": functools.partial(torch.load, map_location="cuda", weights_only=True)}\ndef load(p, ext):\n    return L[ext](p)' }] },
        { messageId: 'missing', line: 4, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import functools, torch\nL = {".pt": functools.partial(torch.load, map_location="cpu"), ".bin": functools.partial(torch.load, map_location="cuda")}\ndef load(p, ext):\n    return L[ext](p, weights_only=True)' }] },
      ],
    },
    // (review automl P3-b) a partial without `weights_only` that is only called in the file: one finding, at its call,
    // at the confidence the call's file gives; one whose name escapes (returned, handed on) is still reported where it is built
    {
      code: 'import functools, torch\nload = functools.partial(torch.load, map_location="cpu")\nstate = load("ckpt.pt")\nsafe = load("w.pt", weights_only=True)',
      errors: [{ messageId: 'missing', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import functools, torch\nload = functools.partial(torch.load, map_location="cpu")\nstate = load("ckpt.pt", weights_only=True)\nsafe = load("w.pt", weights_only=True)' }] }],
    },
    {
      code: 'import functools, torch\ndef make():\n    load = functools.partial(torch.load, map_location="cpu")\n    load("a.pt", weights_only=True)\n    return load',
      errors: [{ messageId: 'partialMissing', line: 3, confidence: 'low', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnlyModule', output: 'import functools, torch\ndef make():\n    load = functools.partial(torch.load, map_location="cpu", weights_only=True)\n    load("a.pt", weights_only=True)\n    return load' }] }],
    },
    { code: 'import torch\ndef f(*a, **k):\n    return torch.load(*a, **k)', errors: [{ messageId: 'unknownFlag', confidence: 'low' }] },
    { code: 'import torch\ndef f(*a, **k):\n    k.setdefault("weights_only", False)\n    return torch.load(*a, **k)', errors: [{ messageId: 'explicitFalse', confidence: 'medium' }] },
    // the copied "torch 2.6 fix": the caller's value, else False
    { code: 'import torch\ndef f(*a, **k):\n    k["weights_only"] = k.get("weights_only", False)\n    return torch.load(*a, **k)', errors: [{ messageId: 'explicitFalse', confidence: 'medium' }] },
    {
      code: 'import torch\ndef f(p):\n    try:\n        return torch.load(p, weights_only=True)\n    except Exception:\n        return torch.load(p, weights_only=False)',
      errors: [{ messageId: 'unsafeFallback', line: 6 }],
    },
    // a thread or a process given torch.load as its target (lang-python's callback APIs)
    {
      code: 'import torch, threading, multiprocessing\ndef f(p):\n    threading.Thread(target=torch.load, args=(p,)).start()\n    multiprocessing.Process(target=torch.load, args=(p,), kwargs={"weights_only": True}).start()',
      errors: [{ messageId: 'callback', line: 3, data: { callee: 'torch.load', via: 'Thread', bypass: '' } }],
    },
    // (review s33py P2-2) a local forwarder of any name
    { code: 'import torch\ndef retry(func, *args, **kwargs):\n    return func(*args, **kwargs)\ndef f(p):\n    return retry(torch.load, p, weights_only=False), retry(torch.load, p)', errors: [{ messageId: 'explicitFalse', line: 5, column: 12, data: { callee: 'torch.load', bypass: '' } }, { messageId: 'callback', line: 5, column: 54, data: { callee: 'torch.load', via: 'retry', bypass: '' } }] },
    // the fallback for a torch without the keyword: adding it there only raises TypeError again (no suggestion)
    {
      code: 'import torch\ndef f(p):\n    try:\n        return torch.load(p, map_location="cpu", weights_only=True)\n    except TypeError as e:\n        return torch.load(p, map_location="cpu")',
      errors: [{ messageId: 'legacyFallback', line: 6, suggestions: [] }],
    },
    {
      code: 'import torch\ndef f(p):\n    try:\n        return torch.load(p, weights_only=True)\n    except (TypeError, RuntimeError):\n        return torch.load(p)',
      errors: [{ messageId: 'missing', line: 6, suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef f(p):\n    try:\n        return torch.load(p, weights_only=True)\n    except (TypeError, RuntimeError):\n        return torch.load(p, weights_only=True)' }] }],
    },
    {
      code: 'import torch\ndef f(p):\n    try:\n        prepare(p)\n    except OSError:\n        return torch.load(p, weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 6 }],
    },
    { code: 'import functools, torch\nf = functools.partial(torch.load, weights_only=False)', errors: [{ messageId: 'partialUnsafe', data: { callee: 'torch.load', reason: 'weights_only=False', bypass: '' } }] },
    // `weights_only=False` handed through six wrappers that pass their `**kw` on (review rag P3-2: lost past four)
    { code: 'import torch\ndef h0(p, **kw):\n    return torch.load(p, **kw)\ndef h1(p, **kw):\n    return h0(p, **kw)\ndef h2(p, **kw):\n    return h1(p, **kw)\ndef h3(p, **kw):\n    return h2(p, **kw)\ndef h4(p, **kw):\n    return h3(p, **kw)\ndef h5(p, **kw):\n    return h4(p, **kw)\ndef h6(p, **kw):\n    return h5(p, **kw)\nm = h6("a.pt", weights_only=False)', errors: [{ messageId: 'explicitFalse', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' } }] },
    // a command-line option whose default is False: False unless the user passes it (medium; review science P3-1);
    // one whose default is True stays unresolved (the user may turn it off)
    { code: 'import argparse, torch\np = argparse.ArgumentParser()\np.add_argument("--weights-only", type=bool, default=False)\np.add_argument("--ckpt")\nargs = p.parse_args()\nm = torch.load(args.ckpt, weights_only=args.weights_only)', errors: [{ messageId: 'explicitFalse', line: 6, confidence: 'medium', data: { callee: 'torch.load', bypass: '' } }] },
    { code: 'import argparse, torch\np = argparse.ArgumentParser()\np.add_argument("--weights-only", type=bool, default=True)\nargs = p.parse_args()\nm = torch.load("m.pt", weights_only=args.weights_only)', errors: [{ messageId: 'unknownFlag', line: 5, confidence: 'low', data: { callee: 'torch.load', bypass: '' } }] },
    // a class attribute whose every assignment in the file is False (review rag P3-3): medium
    { code: 'import torch\nclass Loader:\n    LEGACY_SAFE = False\n    def load(self, p):\n        return torch.load(p, weights_only=self.LEGACY_SAFE)', errors: [{ messageId: 'explicitFalse', line: 5, confidence: 'medium', data: { callee: 'torch.load', bypass: '' } }] },
    // an f-string led by a directory of unknown origin is that directory's file, as `d + "/model.pt"` is: medium (review ray P3-5)
    {
      code: 'import torch\ndef f(ckpt):\n    d = ckpt.to_directory()\n    return torch.load(f"{d}/model.pt")',
      errors: [{ messageId: 'missing', line: 4, confidence: 'medium', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef f(ckpt):\n    d = ckpt.to_directory()\n    return torch.load(f"{d}/model.pt", weights_only=True)' }] }],
    },
    // torch.hub's cache directory holds what torch.hub downloaded: network data, high (ESM's fallback)
    {
      code: 'import torch\ndef f(fn):\n    return torch.load(f"{torch.hub.get_dir()}/checkpoints/{fn}")',
      errors: [{ messageId: 'missing', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef f(fn):\n    return torch.load(f"{torch.hub.get_dir()}/checkpoints/{fn}", weights_only=True)' }] }],
    },
    // a ROS parameter is operator input, like argparse: high (review robotics P3-1)
    {
      code: 'import rospy, torch\nmodel_path = rospy.get_param("~model_path", "/opt/policy.pt")\nckpt = torch.load(model_path, map_location="cpu")',
      errors: [{ messageId: 'missing', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import rospy, torch\nmodel_path = rospy.get_param("~model_path", "/opt/policy.pt")\nckpt = torch.load(model_path, map_location="cpu", weights_only=True)' }] }],
    },
    {
      code: 'import torch\nfrom rclpy.node import Node\nclass PolicyNode(Node):\n    def __init__(self):\n        super().__init__("policy")\n        p = self.get_parameter("model_path").get_parameter_value().string_value\n        self.m = torch.load(p)',
      errors: [{ messageId: 'missing', line: 7, confidence: 'high', data: { callee: 'torch.load', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nfrom rclpy.node import Node\nclass PolicyNode(Node):\n    def __init__(self):\n        super().__init__("policy")\n        p = self.get_parameter("model_path").get_parameter_value().string_value\n        self.m = torch.load(p, weights_only=True)' }] }],
    },
    // a copy of the name of a file the function saved: not when the copy names another file, or is handed on before the load (review ray P3-2)
    {
      code: 'import os, shutil, torch\ndef f(model, d, url):\n    path = os.path.join(d, "model.pt")\n    local = path\n    path = os.path.join(d, "other.pt")\n    torch.save(model, path)\n    return torch.load(local)\ndef g(model, d, src):\n    path = os.path.join(d, "model.pt")\n    torch.save(model, path)\n    local = path\n    shutil.copy(src, local)\n    return torch.load(local)',
      errors: [
        {
          messageId: 'missing',
          line: 7,
          confidence: 'high',
          data: { callee: 'torch.load', bypass: '' },
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import os, shutil, torch\ndef f(model, d, url):\n    path = os.path.join(d, "model.pt")\n    local = path\n    path = os.path.join(d, "other.pt")\n    torch.save(model, path)\n    return torch.load(local, weights_only=True)\ndef g(model, d, src):\n    path = os.path.join(d, "model.pt")\n    torch.save(model, path)\n    local = path\n    shutil.copy(src, local)\n    return torch.load(local)' }],
        },
        {
          messageId: 'missing',
          line: 13,
          confidence: 'high',
          data: { callee: 'torch.load', bypass: '' },
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import os, shutil, torch\ndef f(model, d, url):\n    path = os.path.join(d, "model.pt")\n    local = path\n    path = os.path.join(d, "other.pt")\n    torch.save(model, path)\n    return torch.load(local)\ndef g(model, d, src):\n    path = os.path.join(d, "model.pt")\n    torch.save(model, path)\n    local = path\n    shutil.copy(src, local)\n    return torch.load(local, weights_only=True)' }],
        },
      ],
    },
    // a partial binding weights_only=False (or pickle_module=) bound once and only called in the file: one finding, at the call
    // (reviews robotics P3-3, science P3-2, ray P3-4)
    {
      code: 'import functools, torch\n_load_full = functools.partial(torch.load, map_location="cpu", weights_only=False)\ndef load_teacher(path):\n    return _load_full(path)',
      errors: [{ messageId: 'explicitFalse', line: 4, confidence: 'high', data: { callee: 'torch.load', bypass: '' } }],
    },
    {
      code: 'import functools, torch, dill\nload = functools.partial(torch.load, pickle_module=dill)\nm = load("a.pt")\nn = functools.partial(torch.load, weights_only=False)("b.pt")',
      errors: [
        { messageId: 'pickleModule', line: 3, data: { callee: 'torch.load', bypass: '' } },
        { messageId: 'explicitFalse', line: 4, data: { callee: 'torch.load', bypass: '' } },
      ],
    },
    // also used other than by a call (handed on): reported where it is built, and at the call
    {
      code: 'import functools, torch\nload = functools.partial(torch.load, weights_only=False)\nm = load("a.pt")\nhooks = [load]',
      errors: [
        { messageId: 'partialUnsafe', line: 2, data: { callee: 'torch.load', reason: 'weights_only=False', bypass: '' } },
        { messageId: 'explicitFalse', line: 3, data: { callee: 'torch.load', bypass: '' } },
      ],
    },
    {
      code: 'import functools, torch\nf = functools.partial(torch.load, map_location="cpu")',
      errors: [
        {
          messageId: 'partialMissing',
          confidence: 'low',
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import functools, torch\nf = functools.partial(torch.load, map_location="cpu", weights_only=True)' }],
        },
      ],
    },
    { code: 'import torch\nm = getattr(torch, "load")("m.pt")', errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = getattr(torch, "load")("m.pt", weights_only=True)' }] }] },
    { code: 'import importlib\nm = importlib.import_module("torch").load("m.pt")', errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import importlib\nm = importlib.import_module("torch").load("m.pt", weights_only=True)' }] }] },
    { code: 'import torch\nf = torch.load\nm = f("m.pt")', errors: [{ messageId: 'missing', line: 3, suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nf = torch.load\nm = f("m.pt", weights_only=True)' }] }] },
    // `weights_only=not legacy` (also in parentheses) with a same-file caller passing legacy=True: weights_only=False on that path
    // (also written `False if legacy else True`, `True if not legacy else False`: review robotics P2-1)
    {
      code: 'import torch\ndef load_ckpt(p, legacy=False):\n    return torch.load(p, weights_only=False if legacy else True)\nold = load_ckpt("old.pt", legacy=True)',
      errors: [{ messageId: 'explicitFalse', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' } }],
    },
    {
      code: 'import torch\ndef load_ckpt(p, legacy=False):\n    return torch.load(p, weights_only=(True if not legacy else False))\nold = load_ckpt("old.pt", True)',
      errors: [{ messageId: 'explicitFalse', line: 3, data: { callee: 'torch.load', bypass: '' } }],
    },
    {
      code: 'import torch\ndef load_ckpt(p, legacy=False):\n    return torch.load(p, map_location="cpu", weights_only=not legacy)\nold = load_ckpt("old.pt", legacy=True)',
      errors: [{ messageId: 'explicitFalse', line: 3, data: { callee: 'torch.load', bypass: '' } }],
    },
    {
      code: 'import torch\ndef load_ckpt(p, unsafe=False):\n    return torch.load(p, weights_only=(not (unsafe)))\nold = load_ckpt("old.pt", True)',
      errors: [{ messageId: 'explicitFalse', line: 3, data: { callee: 'torch.load', bypass: '' } }],
    },
    // a `weights_only=None` parameter that a same-file caller sets to False: the unsafe path exists
    {
      code: 'import torch\ndef _load(path, weights_only=None):\n    return torch.load(path, weights_only=weights_only)\ndef load_checkpoint(p):\n    return _load(p, weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 3 }],
    },
    // a `**kwargs` wrapper whose same-file caller passes `pickle_module=` or `weights_only=False` (coqui TTS's load_fsspec)
    {
      code: 'import pickle, torch\ndef load_fsspec(path, **kwargs):\n    with open(path, "rb") as f:\n        return torch.load(f, **kwargs)\ndef load_checkpoint(p):\n    return load_fsspec(p, pickle_module=pickle)',
      errors: [{ messageId: 'pickleModule', line: 4 }],
    },
    {
      code: 'import torch\ndef load_fsspec(path, **kwargs):\n    return torch.load(path, **kwargs)\ndef load_checkpoint(p):\n    return load_fsspec(p, weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 3 }],
    },
    // the command line is user input: `args.ckpt` after `args = parser.parse_args()`; a field of a parameter is the caller's
    {
      code: 'import argparse, torch\nparser = argparse.ArgumentParser()\nargs = parser.parse_args()\nckpt = args.ckpt\nm = torch.load(ckpt)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import argparse, torch\nparser = argparse.ArgumentParser()\nargs = parser.parse_args()\nckpt = args.ckpt\nm = torch.load(ckpt, weights_only=True)' }] }],
    },
    {
      code: 'import argparse, torch\np = argparse.ArgumentParser()\nopts, rest = p.parse_known_args()\nm = torch.load(opts.ckpt)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import argparse, torch\np = argparse.ArgumentParser()\nopts, rest = p.parse_known_args()\nm = torch.load(opts.ckpt, weights_only=True)' }] }],
    },
    {
      code: 'import torch\ndef convert(args):\n    return torch.load(args.src)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef convert(args):\n    return torch.load(args.src, weights_only=True)' }] }],
    },
    {
      code: 'import torch\nclass M:\n    def restore(self):\n        return torch.load(self.path)',
      errors: [{ messageId: 'missing', confidence: 'medium', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nclass M:\n    def restore(self):\n        return torch.load(self.path, weights_only=True)' }] }],
    },
    { code: 'import torch\nms = list(map(torch.load, paths))', errors: [{ messageId: 'callback', confidence: 'medium', data: { callee: 'torch.load', via: 'map', bypass: '' } }] },
    { code: 'import torch\nfs = pool.imap_unordered(torch.load, paths)', errors: [{ messageId: 'callback', data: { callee: 'torch.load', via: '.imap_unordered', bypass: '' } }] },
    // what the API calls the loader with: its own later arguments (`to_thread`, `submit`), the call of
    // what `delayed` returns, an `apply_async` kwds mapping
    { code: 'import asyncio, torch\nm = asyncio.to_thread(torch.load, p)', errors: [{ messageId: 'callback', confidence: 'medium', data: { callee: 'torch.load', via: 'asyncio.to_thread', bypass: '' } }] },
    { code: 'import torch\nm = loop.run_in_executor(None, torch.load, p)', errors: [{ messageId: 'callback', data: { callee: 'torch.load', via: '.run_in_executor', bypass: '' } }] },
    { code: 'import torch\nfrom joblib import delayed\nms = [delayed(torch.load)(p) for p in ps]', errors: [{ messageId: 'callback', data: { callee: 'torch.load', via: 'delayed', bypass: '' } }] },
    { code: 'import asyncio, torch\nm = asyncio.to_thread(torch.load, p, weights_only=False)', errors: [{ messageId: 'explicitFalse', confidence: 'medium' }] },
    { code: 'import pickle, torch\nm = executor.submit(torch.load, p, pickle_module=pickle)', errors: [{ messageId: 'pickleModule', confidence: 'medium' }] },
    { code: 'import torch\nm = executor.submit(torch.load, p, **opts)', errors: [{ messageId: 'unknownFlag', confidence: 'low' }] },
    { code: 'import torch\nm = pool.apply_async(torch.load, (p,), {"weights_only": False})', errors: [{ messageId: 'explicitFalse' }] },
    // a path a function of this file returns from a download (seed-vc's `load_custom_model_from_hf`): high
    // a whole pickled module (its result used as one): the suggestion says weights_only=True cannot load it (review github3 P12)
    {
      code: 'import torch\ndef load_model():\n    model = torch.load("unet.pt", map_location="cpu")\n    model.eval()\n    return model',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnlyModule', data: { use: 'model.eval()' }, output: 'import torch\ndef load_model():\n    model = torch.load("unet.pt", map_location="cpu", weights_only=True)\n    model.eval()\n    return model' }] }],
    },
    {
      code: 'import torch\nnet = torch.load("net.pt").eval()',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnlyModule', data: { use: 'torch.load(…).eval()' }, output: 'import torch\nnet = torch.load("net.pt", weights_only=True).eval()' }] }],
    },
    // a tensor (requires_grad_ is a Tensor method too): the plain suggestion
    {
      code: 'import torch\nemb = torch.load("emb.pt")\nemb.requires_grad_()',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nemb = torch.load("emb.pt", weights_only=True)\nemb.requires_grad_()' }] }],
    },
    // a state dict handed to a module, and a name rebound to a module later: the plain suggestion
    {
      code: 'import torch\nsd = torch.load("w.pt")\nnet.load_state_dict(sd)\nnet.eval()\nsd = Net()\nsd.eval()',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nsd = torch.load("w.pt", weights_only=True)\nnet.load_state_dict(sd)\nnet.eval()\nsd = Net()\nsd.eval()' }] }],
    },
    // BasicSR's load_file_from_url and its copies (A1111/Forge's modules.modelloader, vendored ones) download (review github3 P1, P3)
    ...[
      'from modules.modelloader import load_file_from_url',
      'from codeformer.basicsr.utils.download_util import load_file_from_url',
      'from .download_util import load_file_from_url',
    ].map((imp) => ({
      code: `import torch\n${imp}\npath = load_file_from_url("https://x.org/RealESRGAN_x4plus.pth", model_dir="weights")\nnet = torch.load(path, weights_only=False)`,
      errors: [{ messageId: 'explicitFalse', confidence: 'high' as const }],
    })),
    {
      code: 'import torch\nfrom huggingface_hub import hf_hub_download\ndef fetch(repo, name):\n    return hf_hub_download(repo_id=repo, filename=name)\np = fetch("o/m", "m.bin")\nsd = torch.load(p, map_location="cpu")',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nfrom huggingface_hub import hf_hub_download\ndef fetch(repo, name):\n    return hf_hub_download(repo_id=repo, filename=name)\np = fetch("o/m", "m.bin")\nsd = torch.load(p, map_location="cpu", weights_only=True)' }] }],
    },
    // … through a name in the helper, on one of its returns, or unpacked from a tuple it returns: high
    {
      code: 'import torch\nfrom huggingface_hub import hf_hub_download\ndef fetch(repo, cfg=None):\n    path = hf_hub_download(repo, "m.bin")\n    if cfg is None:\n        return path\n    return path, hf_hub_download(repo, cfg)\nckpt, config = fetch("o/m", "c.json")\nsd = torch.load(ckpt)',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nfrom huggingface_hub import hf_hub_download\ndef fetch(repo, cfg=None):\n    path = hf_hub_download(repo, "m.bin")\n    if cfg is None:\n        return path\n    return path, hf_hub_download(repo, cfg)\nckpt, config = fetch("o/m", "c.json")\nsd = torch.load(ckpt, weights_only=True)' }] }],
    },
    {
      code: 'import io, torch, requests\nclass M:\n    def _download(self):\n        return requests.get(self.url).content\n    def restore(self):\n        return torch.load(io.BytesIO(self._download()))',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import io, torch, requests\nclass M:\n    def _download(self):\n        return requests.get(self.url).content\n    def restore(self):\n        return torch.load(io.BytesIO(self._download()), weights_only=True)' }] }],
    },
    // an attribute the class sets from a parameter (`self.path = path` in `__init__`): the caller's data, high
    {
      code: 'import torch\nclass D:\n    def __init__(self, path):\n        self.path = path\n        self.items = torch.load(self.path, weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 5, confidence: 'high' }],
    },
    // … but an attribute set from what the model cannot follow stays medium
    {
      code: 'import torch\nclass D:\n    def __init__(self):\n        self.path = find()\n        self.items = torch.load(self.path, weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 5, confidence: 'medium' }],
    },
    // a helper that returns its own parameter (or a path built from it): the caller's data, not followed: medium
    {
      code: 'import os, torch\ndef ckpt_path(d):\n    return os.path.join(d, "best.pt")\nsd = torch.load(ckpt_path(out))',
      errors: [{ messageId: 'missing', confidence: 'medium', suggestions: [{ messageId: 'addWeightsOnly', output: 'import os, torch\ndef ckpt_path(d):\n    return os.path.join(d, "best.pt")\nsd = torch.load(ckpt_path(out), weights_only=True)' }] }],
    },
    // the best checkpoint saved under an `if` in the training loop, loaded after it: this code's own file
    // on some paths only: medium, saying so
    {
      code: 'import torch\ndef train(model, epochs):\n    best = 1e9\n    for e in range(epochs):\n        if loss(model) < best:\n            torch.save(model.state_dict(), "best.pt")\n    model.load_state_dict(torch.load("best.pt"))',
      errors: [{ messageId: 'savedOnSomePaths', line: 7, confidence: 'medium', data: { callee: 'torch.load', how: 'without `weights_only=True`', line: '6', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef train(model, epochs):\n    best = 1e9\n    for e in range(epochs):\n        if loss(model) < best:\n            torch.save(model.state_dict(), "best.pt")\n    model.load_state_dict(torch.load("best.pt", weights_only=True))' }] }],
    },
    {
      code: 'import torch\ndef resume(model, path, fresh):\n    if fresh:\n        torch.save(model.state_dict(), path + "/last.pt")\n    return torch.load(path + "/last.pt", weights_only=False)',
      errors: [{ messageId: 'savedOnSomePaths', confidence: 'medium', data: { callee: 'torch.load', how: 'with `weights_only=False`', line: '4', bypass: '' } }],
    },
    // … or saved later in a loop that also holds the load (an earlier iteration wrote it)
    {
      code: 'import torch\ndef train(model, epochs):\n    for e in range(epochs):\n        if e > 0:\n            model.load_state_dict(torch.load("ckpt.pt"))\n        step(model)\n        torch.save(model.state_dict(), "ckpt.pt")',
      errors: [{ messageId: 'savedOnSomePaths', confidence: 'medium', data: { callee: 'torch.load', how: 'without `weights_only=True`', line: '7', bypass: '' }, suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef train(model, epochs):\n    for e in range(epochs):\n        if e > 0:\n            model.load_state_dict(torch.load("ckpt.pt", weights_only=True))\n        step(model)\n        torch.save(model.state_dict(), "ckpt.pt")' }] }],
    },
    // not this code's own file: saved only after the load (a resume checkpoint from an earlier run), in a
    // shared place, or replaced by a download in between: the literal path's high confidence stays
    {
      // saved only in the other branch: no run saves before this load
      code: 'import torch\ndef ckpt(model, fresh=False):\n    if fresh:\n        torch.save(model, "m.pt")\n    else:\n        return torch.load("m.pt", weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 6, confidence: 'high' }],
    },
    {
      code: 'import torch\nstate = torch.load("model.pth")\nfor step in range(10):\n    torch.save({"step": step}, "model.pth")',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nstate = torch.load("model.pth", weights_only=True)\nfor step in range(10):\n    torch.save({"step": step}, "model.pth")' }] }],
    },
    {
      code: 'import torch\ndef train(model, ok):\n    if ok:\n        torch.save(model, "/tmp/best.pt")\n    return torch.load("/tmp/best.pt")',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ndef train(model, ok):\n    if ok:\n        torch.save(model, "/tmp/best.pt")\n    return torch.load("/tmp/best.pt", weights_only=True)' }] }],
    },
    {
      code: 'import torch, urllib.request\ndef train(model, ok, url):\n    if ok:\n        torch.save(model, "best.pt")\n    urllib.request.urlretrieve(url, "best.pt")\n    return torch.load("best.pt")',
      errors: [{ messageId: 'missing', confidence: 'high', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch, urllib.request\ndef train(model, ok, url):\n    if ok:\n        torch.save(model, "best.pt")\n    urllib.request.urlretrieve(url, "best.pt")\n    return torch.load("best.pt", weights_only=True)' }] }],
    },
    { code: 'import torch.serialization\nm = torch.serialization.load("m.pt")', errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch.serialization\nm = torch.serialization.load("m.pt", weights_only=True)' }] }] },
  ],
});

fixture(rule);

// Version awareness: the project's dependency files decide how a missing weights_only is reported.
const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});
const project = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'oculum-torch-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
beforeAll(() => clearDependencyCache());

new RuleTester({ language: python, cwd: project({ 'requirements.txt': 'torch>=2.10\n' }) }).run(`${ID} (torch>=2.10 required)`, rule, {
  valid: ['import torch\nm = torch.load("m.pt", weights_only=True)'],
  invalid: [
    {
      code: 'import torch\nm = torch.load("m.pt")',
      errors: [
        {
          messageId: 'missingSafeDefault',
          severity: 'low',
          data: { callee: 'torch.load', pinnedIn: 'requirements.txt', bypass: '' },
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = torch.load("m.pt", weights_only=True)' }],
        },
      ],
    },
    { code: 'import torch\nm = torch.load("m.pt", weights_only=False)', errors: [{ messageId: 'explicitFalse', severity: 'critical' }] },
    { code: 'import torch, dill\nm = torch.load("m.pt", pickle_module=dill)', errors: [{ messageId: 'pickleModule', severity: 'critical' }] },
    // CLIP's fallback `torch.load` of a file takes torch's safe default
    { code: 'import clip\nm, p = clip.load("tuned.pt")', errors: [{ messageId: 'clipFile', severity: 'low', confidence: 'high', data: { callee: 'clip.load', bypass: '' } }] },
    {
      code: 'import os, torch\nos.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"\nm = torch.load("m.pt")',
      errors: [{ messageId: 'missing', severity: 'critical', suggestions: [{ messageId: 'addWeightsOnly', output: 'import os, torch\nos.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"\nm = torch.load("m.pt", weights_only=True)' }] }],
    },
  ],
});

const bypass =
  " The project's dependencies allow torch <= 2.9.1, whose weights_only=True has known bypasses: require torch > 2.9.1.";
new RuleTester({ language: python, cwd: project({ 'pyproject.toml': '[project]\ndependencies = ["torch>=2.6,<3"]\n' }) }).run(
  `${ID} (torch>=2.6,<3 required)`,
  rule,
  {
    valid: [],
    invalid: [
      {
        code: 'import torch\nm = torch.load("m.pt")',
        errors: [
          {
            messageId: 'missingSafeDefault',
            severity: 'low',
            data: { callee: 'torch.load', pinnedIn: 'pyproject.toml', bypass },
            suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = torch.load("m.pt", weights_only=True)' }],
          },
        ],
      },
      { code: 'import torch\nm = torch.load("m.pt", weights_only=False)', errors: [{ messageId: 'explicitFalse', data: { callee: 'torch.load', bypass } }] },
    ],
  },
);

new RuleTester({ language: python, cwd: project({ 'requirements.txt': 'torch==2.5.1\n' }) }).run(`${ID} (torch==2.5.1)`, rule, {
  valid: [],
  invalid: [
    {
      code: 'import torch\nm = torch.load("m.pt")',
      errors: [
        {
          messageId: 'missing',
          severity: 'critical',
          data: {
            callee: 'torch.load',
            bypass: " The project's dependencies allow torch <= 2.5.1, whose weights_only=True has known bypasses (CVE-2025-32434): require torch > 2.9.1.",
          },
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = torch.load("m.pt", weights_only=True)' }],
        },
      ],
    },
  ],
});

// Version awareness is a deep-only analysis.
new RuleTester({ language: python, depth: 'standard', cwd: project({ 'requirements.txt': 'torch>=2.10\n' }) }).run(`${ID} (standard depth)`, rule, {
  valid: [],
  invalid: [
    {
      code: 'import torch\nm = torch.load("m.pt")',
      errors: [{ messageId: 'missing', severity: 'critical', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nm = torch.load("m.pt", weights_only=True)' }] }],
    },
  ],
});

describe('torch/load-without-weights-only remediation', () => {
  it('says to drop an except-TypeError fallback rather than pass weights_only there', async () => {
    const [f] = (await lintAll('import torch\ndef f(p):\n    try:\n        return torch.load(p, weights_only=True)\n    except TypeError:\n        return torch.load(p)')).filter((x) => x.ruleId === 'torch/load-without-weights-only');
    expect(f.messageId).toBe('legacyFallback');
    expect(f.remediation).toMatch(/^Drop the `except TypeError:` fallback/);
  });
});

// PyTorch Lightning hands `weights_only` to torch.load (`cloud_io._load`): an explicit False is reported.
const litData = (callee: string) => ({ callee, bypass: '' });
ruleTester.run(`${ID} (Lightning loaders)`, rule, {
  valid: [
    // True, None (Lightning's default: torch.load's own for a local file) and no flag
    'import lightning as L\nclass Lit(L.LightningModule):\n    pass\nm = Lit.load_from_checkpoint("a.ckpt", weights_only=True)',
    'import lightning as L\nclass Lit(L.LightningModule):\n    pass\nm = Lit.load_from_checkpoint("a.ckpt", weights_only=None)',
    'import lightning as L\nclass Lit(L.LightningModule):\n    pass\nm = Lit.load_from_checkpoint("a.ckpt")',
    'from lightning.pytorch import Trainer\ntrainer = Trainer()\ntrainer.fit(model, ckpt_path="last.ckpt", weights_only=True)',
    // no checkpoint loaded: `weights_only` does nothing without `ckpt_path`
    'from lightning.pytorch import Trainer\ntrainer = Trainer()\ntrainer.fit(model, weights_only=False)',
    // the project's own `load_from_checkpoint`: its body is what runs (and is read there)
    'import pytorch_lightning as pl\nclass Lit(pl.LightningModule):\n    @classmethod\n    def load_from_checkpoint(cls, p, weights_only=True):\n        return cls()\nm = Lit.load_from_checkpoint("a.ckpt", weights_only=False)',
    // a class of the file with no base outside it has no Lightning method
    'class Registry:\n    pass\nm = Registry.load_from_checkpoint("a.ckpt", weights_only=False)',
    // (review timeseries P2-1) darts' `load_from_checkpoint(model_name, …)` is darts' own (torch/pickle-load reports it),
    // also through a class of the file that inherits it
    'import torch\nfrom darts.models import NBEATSModel\nm = NBEATSModel.load_from_checkpoint("nbeats_run", weights_only=False)',
    'import torch\nfrom darts.models import TFTModel\nclass MyTFT(TFTModel):\n    pass\nm = MyTFT.load_from_checkpoint("tft_run", weights_only=False)',
    // a same-file helper every caller of which passes True
    'import pytorch_lightning as pl\nclass Lit(pl.LightningModule):\n    pass\ndef _restore(p, wo):\n    return Lit.load_from_checkpoint(p, weights_only=wo)\nm = _restore("a.ckpt", True)',
    // a checkpoint URL with weights_only=True; a local path or an s3:// one (torch.load's own default)
    'import lightning as L\nclass Lit(L.LightningModule):\n    pass\nm = Lit.load_from_checkpoint("https://example.org/lit.ckpt", weights_only=True)',
    'import lightning as L\nclass Lit(L.LightningModule):\n    pass\nm = Lit.load_from_checkpoint("s3://bucket/lit.ckpt")',
    // a class of the file with no base outside it, given a URL
    'class Registry:\n    pass\nm = Registry.load_from_checkpoint("https://example.org/lit.ckpt")',
    // an instance of another library's class: its own `fit`, whatever keywords it is given (review s34py P3-3)
    'import keras\nmodel = keras.Model()\nmodel.fit(X, ckpt_path="a.ckpt", weights_only=False)',
    'from ray.train.torch import TorchTrainer\ntrainer = TorchTrainer(train_fn)\ntrainer.fit(ckpt_path="https://example.org/a.ckpt", weights_only=False)',
  ],
  invalid: [
    // a checkpoint URL and no weights_only: Lightning passes weights_only=False to load_state_dict_from_url
    {
      code: 'import lightning as L\nURL = "https://example.org/vae/epoch%3D63.ckpt"\nclass VAE(L.LightningModule):\n    pass\nvae = VAE.load_from_checkpoint(URL)\nvae2 = VAE.load_from_checkpoint(URL, weights_only=None)',
      errors: [
        { messageId: 'lightningRemote', line: 5, confidence: 'high', data: { ...litData('VAE.load_from_checkpoint'), url: 'https://example.org/vae/epoch%3D63.ckpt' } },
        { messageId: 'lightningRemote', line: 6, confidence: 'high', data: { ...litData('VAE.load_from_checkpoint'), url: 'https://example.org/vae/epoch%3D63.ckpt' } },
      ],
    },
    {
      code: 'from model import LitModel\nm = LitModel.load_from_checkpoint("https://example.org/lit.ckpt")',
      errors: [{ messageId: 'lightningRemote', line: 2, confidence: 'medium', data: { ...litData('LitModel.load_from_checkpoint'), url: 'https://example.org/lit.ckpt' } }],
    },
    {
      code: 'import lightning as L\nclass Lit(L.LightningModule):\n    pass\ndef load(p):\n    return Lit.load_from_checkpoint(p, weights_only=False)',
      errors: [{ messageId: 'lightningFalse', line: 5, confidence: 'high', data: litData('Lit.load_from_checkpoint') }],
    },
    {
      code: 'import pytorch_lightning as pl\nclass Base(pl.LightningDataModule):\n    pass\nclass DM(Base):\n    pass\ndm = DM.load_from_checkpoint(path, weights_only=False)',
      errors: [{ messageId: 'lightningFalse', line: 6, confidence: 'medium', data: litData('DM.load_from_checkpoint') }],
    },
    {
      code: 'from lightning.pytorch import Trainer\ndef resume(model, ckpt):\n    trainer = Trainer(max_epochs=3)\n    trainer.fit(model, ckpt_path=ckpt, weights_only=False)',
      errors: [{ messageId: 'lightningFalse', line: 4, confidence: 'high', data: litData('trainer.fit') }],
    },
    {
      code: 'import pytorch_lightning as pl\ntrainer = pl.Trainer()\ntrainer.test(model, ckpt_path="best", weights_only=False)',
      errors: [{ messageId: 'lightningFalse', line: 3, confidence: 'high', data: litData('trainer.test') }],
    },
    {
      code: 'from lightning.fabric.utilities.cloud_io import _load as pl_load\nck = pl_load("a.ckpt", weights_only=False)',
      errors: [{ messageId: 'lightningFalse', line: 2, confidence: 'high', data: litData('lightning.fabric.utilities.cloud_io._load') }],
    },
    // receivers that do not resolve (a class of another module, a parameter): the API's name and keywords, medium
    {
      code: 'from model import LitModel\ndef load(ckpt_path):\n    return LitModel.load_from_checkpoint(ckpt_path, weights_only=False)\ndef resume(trainer, model, dm, ckpt):\n    trainer.fit(model, datamodule=dm, ckpt_path=ckpt, weights_only=False)',
      errors: [
        { messageId: 'lightningFalse', line: 3, confidence: 'medium', data: litData('LitModel.load_from_checkpoint') },
        { messageId: 'lightningFalse', line: 5, confidence: 'medium', data: litData('trainer.fit') },
      ],
    },
    // an instance of a class that is not another library's (the project's, maybe a Trainer subclass): low
    {
      code: 'from trainers import MyTrainer\ntrainer = MyTrainer()\ntrainer.fit(model, ckpt_path="a.ckpt", weights_only=False)',
      errors: [{ messageId: 'lightningFalse', line: 3, confidence: 'low', data: litData('trainer.fit') }],
    },
    // a chain of the file's classes longer than lang-python follows (16): what lies beyond is not known, medium (review s34py P3-3)
    {
      code: `import lightning as L\nclass C0(L.LightningModule):\n    pass\n${Array.from({ length: 16 }, (_, i) => `class C${i + 1}(C${i}):\n    pass\n`).join('')}C15.load_from_checkpoint("a.ckpt", weights_only=False)\nC16.load_from_checkpoint("a.ckpt", weights_only=False)`,
      errors: [
        { messageId: 'lightningFalse', line: 36, confidence: 'high', data: litData('C15.load_from_checkpoint') },
        { messageId: 'lightningFalse', line: 37, confidence: 'medium', data: litData('C16.load_from_checkpoint') },
      ],
    },
    // a flag that cannot be resolved: low; one a same-file caller passes as False: reported
    {
      code: 'import lightning as L\nclass Lit(L.LightningModule):\n    pass\nm = Lit.load_from_checkpoint("a.ckpt", weights_only=args.unsafe)',
      errors: [{ messageId: 'lightningUnknown', line: 4, confidence: 'low', data: litData('Lit.load_from_checkpoint') }],
    },
    {
      code: 'import lightning as L\nclass Lit(L.LightningModule):\n    pass\ndef restore(p, wo=True):\n    return Lit.load_from_checkpoint(p, weights_only=wo)\nm = restore("a.ckpt", wo=False)',
      errors: [{ messageId: 'lightningFalse', line: 5, confidence: 'high', data: litData('Lit.load_from_checkpoint') }],
    },
  ],
});

// `weights_only` passed through more than one `**kwargs` wrapper (review distrib P3-a)
const twoLevels = (outer: string, body = '') =>
  `import torch\ndef _load(path, **kwargs):\n    return torch.load(path, map_location="cpu", **kwargs)\ndef ${outer}(path, **kwargs):\n${body}    return _load(path, **kwargs)\n`;
ruleTester.run(`${ID} (**kwargs through wrappers)`, rule, {
  valid: [
    // private wrappers only ever called, every caller passing True: nothing else reaches the load
    `${twoLevels('_load_checkpoint')}def resume(ckpt):\n    return _load_checkpoint(ckpt, weights_only=True)`,
    `${twoLevels('_load_checkpoint')}def _outer(p, **kw):\n    return _load_checkpoint(p, **kw)\ndef resume(ckpt):\n    return _outer(ckpt, weights_only=True)`,
    // a wrapper that calls the inner loader twice, every caller passing True (review s34py P3-2)
    'import torch\ndef _load(path, **kwargs):\n    return torch.load(path, **kwargs)\ndef _both(path, **kwargs):\n    _load(path, **kwargs)\n    return _load(path + ".bak", **kwargs)\n_both("x.pt", weights_only=True)',
    `${twoLevels('_a')}def _b(p, **kw):\n    _a(p, **kw)\n    return _a(p + ".bak", **kw)\ndef _c(p, **kw):\n    _b(p, **kw)\n    return _b(p + ".bak", **kw)\ndef resume(ckpt):\n    return _c(ckpt, weights_only=True)`,
  ],
  invalid: [
    {
      code: `${twoLevels('load_checkpoint')}def resume(ckpt):\n    return load_checkpoint(ckpt, weights_only=False)`,
      errors: [{ messageId: 'explicitFalse', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' } }],
    },
    {
      code: `${twoLevels('_a')}def _b(p, **kw):\n    return _a(p, **kw)\ndef _c(p, **kw):\n    return _b(p, **kw)\ndef resume(ckpt):\n    return _c(ckpt, weights_only=False)`,
      errors: [{ messageId: 'explicitFalse', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' } }],
    },
    {
      code: 'import torch\ndef _load(path, **kwargs):\n    return torch.load(path, **kwargs)\ndef _both(path, **kwargs):\n    _load(path, **kwargs)\n    return _load(path + ".bak", **kwargs)\n_both("x.pt", weights_only=True)\n_both("y.pt", weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 3, confidence: 'high', data: { callee: 'torch.load', bypass: '' } }],
    },
    // wrappers that call each other: what reaches the load cannot be told, low (and the walk ends)
    {
      code: 'import torch\ndef _load(path, **kwargs):\n    return torch.load(path, **kwargs)\ndef _a(p, **kw):\n    _load(p, **kw)\n    return _b(p, **kw)\ndef _b(p, **kw):\n    return _a(p, **kw)\n_a("x.pt", weights_only=True)',
      errors: [{ messageId: 'unknownFlag', line: 3, confidence: 'low', data: { callee: 'torch.load', bypass: '' } }],
    },
    // a public wrapper may be called from elsewhere without the flag, as a public one-level wrapper: low
    {
      code: `${twoLevels('load_checkpoint')}def resume(ckpt):\n    return load_checkpoint(ckpt, weights_only=True)`,
      errors: [{ messageId: 'unknownFlag', line: 3, confidence: 'low', data: { callee: 'torch.load', bypass: '' } }],
    },
    // a wrapper that drops the key on the way is not followed: its callers' False does not reach the load
    {
      code: `${twoLevels('load_checkpoint', '    kwargs.pop("weights_only", None)\n')}def resume(ckpt):\n    return load_checkpoint(ckpt, weights_only=False)`,
      errors: [{ messageId: 'unknownFlag', line: 3, confidence: 'low', data: { callee: 'torch.load', bypass: '' } }],
    },
  ],
});

// (review vlm P3-b) OpenAI CLIP's `clip.load` of a file: `torch.jit.load`, then `torch.load` without `weights_only` when
// the file is no TorchScript archive; a model name CLIP publishes is downloaded and hash-checked by CLIP
ruleTester.run('torch/load-without-weights-only (clip.load)', rule, {
  valid: [
    'import clip\nmodel, preprocess = clip.load("ViT-B/32", device="cpu")\nm2, p2 = clip.load("ViT-L/14@336px")',
    'from clip import clip\nMODEL = "RN50"\nmodel, preprocess = clip.load(MODEL)',
    'import clip\ndef f(reg):\n    return reg.load("finetuned.pt")',
    'import open_clip\nmodel = open_clip.load("finetuned.pt")',
  ],
  invalid: [
    {
      code: 'import clip\nmodel, preprocess = clip.load("finetuned/clip_vitb32.pt", jit=False)',
      errors: [{ messageId: 'clipFile', line: 2, confidence: 'high', data: { callee: 'clip.load', bypass: '' } }],
    },
    // a name that is not resolved (a command-line option, a parameter) may be a published model's: medium
    {
      code: 'import argparse\nimport clip\nparser = argparse.ArgumentParser()\nparser.add_argument("--clip-ckpt", default="finetuned/clip_vitb32.pt")\nargs = parser.parse_args()\nmodel, preprocess = clip.load(args.clip_ckpt, device="cpu", jit=False)\ndef load_any(name):\n    return clip.load(name)',
      errors: [
        { messageId: 'clipFile', line: 6, confidence: 'medium', data: { callee: 'clip.load', bypass: '' } },
        { messageId: 'clipFile', line: 8, confidence: 'medium', data: { callee: 'clip.load', bypass: '' } },
      ],
    },
  ],
});

// (review nlpclassic P3) AllenNLP's archive loaders: `torch.load` of the archive's weights without `weights_only`
ruleTester.run('torch/load-without-weights-only (AllenNLP archives)', rule, {
  valid: [
    // another library's `from_path`, and a class of the file
    'import allennlp\nfrom mylib import Predictor\np = Predictor.from_path("model.tar.gz")',
    'import allennlp\nclass Predictor:\n    @classmethod\n    def from_path(cls, p):\n        return cls()\np = Predictor.from_path("model.tar.gz")',
  ],
  invalid: [
    {
      code: 'from allennlp.models.archival import load_archive\nfrom allennlp.predictors.predictor import Predictor\narchive = load_archive("https://storage.googleapis.com/allennlp-public-models/coref-spanbert-large-2021.03.10.tar.gz")\npred = Predictor.from_path("https://storage.googleapis.com/allennlp-public-models/bert-base-srl-2020.03.24.tar.gz")\ndef load(path):\n    return Predictor.from_path(path)',
      errors: [
        { messageId: 'allennlpArchive', line: 3, confidence: 'high', data: { callee: 'load_archive', bypass: '' } },
        { messageId: 'allennlpArchive', line: 4, confidence: 'high', data: { callee: 'Predictor.from_path', bypass: '' } },
        { messageId: 'allennlpArchive', line: 6, confidence: 'high', data: { callee: 'Predictor.from_path', bypass: '' } },
      ],
    },
  ],
});
