import rule from '../../src/rules/unverified-model-download.js';
import { ruleTriggersMatch } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/unverified-model-download', rule, {
  valid: [
    // (review federated P2-2) a returning helper that compares a digest, or whose value is no model
    "import hashlib, requests\ndef fetch(u):\n    data = requests.get(u).content\n    if hashlib.sha256(data).hexdigest() != 'ab':\n        raise ValueError('bad')\n    return data\ndef main():\n    open('m.pt', 'wb').write(fetch('https://x/m.pt'))",
    "import requests\ndef fetch(u):\n    return requests.get(u).content\ndef main():\n    open('config.json', 'wb').write(fetch('https://x/config.json'))",
    // the same check two helper calls deep is followed (review tabular P3-2)
    'import hashlib, requests\ndef h0(p):\n    return hashlib.sha256(open(p, \'rb\').read()).hexdigest() == \'ab\'\ndef h1(p):\n    return h0(p)\ndef h2(p):\n    return h1(p)\ndef dl():\n    r = requests.get(\'https://x.org/model.pkl\')\n    open(\'model.pkl\', \'wb\').write(r.content)\n    if not h1(\'model.pkl\'):\n        raise ValueError()',
    // gradient-boosting libraries (review tabular P2-1): a booster built without a model, given a downloaded
    // config as its params, or handed another file than the one downloaded; `load_model` of an unknown class
    'import json, urllib.request\nimport xgboost as xgb\nurllib.request.urlretrieve("https://example.org/cfg/params.json", "params.json")\nbst = xgb.Booster(params=json.load(open("params.json")))',
    'import requests\nimport xgboost as xgb\nbst = xgb.Booster(params=requests.get("https://example.org/cfg/params.json").json())',
    'import urllib.request\nimport lightgbm as lgb\nurllib.request.urlretrieve("https://example.org/cfg/notes.txt", "notes.txt")\nbst = lgb.Booster(model_file="local_model.txt")',
    'import urllib.request\nfrom mylib import Net\nurllib.request.urlretrieve("https://example.org/cfg/net.json", "net.json")\nnet = Net()\nnet.load_model("net.json")',
    // the new bytes compared after the download, and a retry loop whose check follows a download
    'import hashlib\nimport requests\ndef fetch(url, path, sha):\n    h = hashlib.sha256()\n    r = requests.get(url, stream=True)\n    with open("model.pt", "wb") as f:\n        for chunk in r.iter_content(1 << 20):\n            h.update(chunk)\n            f.write(chunk)\n    if h.hexdigest() != sha:\n        raise ValueError("bad checksum")',
    // a retry by recursion: the check runs again after the download
    'import hashlib\nimport os\nimport requests\ndef fetch(url, path="weights.pt", retries=3):\n    if os.path.exists(path):\n        with open(path, "rb") as f:\n            if hashlib.sha256(f.read()).hexdigest() == SHA:\n                return path\n    r = requests.get(url)\n    with open(path, "wb") as f:\n        f.write(r.content)\n    return fetch(url, path, retries - 1)',
    'import hashlib\nimport urllib.request\ndef fetch(url, sha):\n    for attempt in range(3):\n        if attempt and hashlib.sha256(open("model.pt", "rb").read()).hexdigest() == sha:\n            break\n        urllib.request.urlretrieve(url, "model.pt")',
    // a detached signature or a checksum list beside the weights is no model (review s30)
    'import requests\nfor name in ["model.bin.sig", "model.bin.asc", "SHA256SUMS.sha256"]:\n    r = requests.get("https://example.com/releases/" + name)\n    open(name, "wb").write(r.content)',
    // a compressed table or config is no model
    'import requests\nr = requests.get("https://example.com/data/train.csv.gz")\nopen("train.csv.gz", "wb").write(r.content)',
    // the saved file read as data, not loaded as a model; a loop over files that are evidently no model
    'import json\nfrom urllib.request import urlretrieve\ndef fetch(url, cached_file):\n    urlretrieve(url, cached_file)\n    return json.load(open(cached_file))',
    // a checksum list and a config beside the weights (llama.cpp's download-pth.py), under a directory named for models
    'import os, requests\ndef download_llama(models_dir):\n    for name in ["tokenizer_checklist.chk", "params.json"]:\n        response = requests.get(f"https://example.org/llama/{name}")\n        with open(os.path.join(models_dir, name), "wb") as f:\n            f.write(response.content)',
    'import os, sys, requests\nfor file in ["vocab.txt", "merges.txt"]:\n    response = requests.get(f"https://example.com/tok/{file}")\n    with open(os.path.join(sys.argv[1], file), "wb") as f:\n        f.write(response.content)',
    // a helper handed to an executor whose download the caller checks after `.result()`
    'import hashlib, requests\nfrom concurrent.futures import ThreadPoolExecutor\nSHA = "ab" * 32\ndef download(url, dst):\n    r = requests.get(url)\n    with open(dst, "wb") as f:\n        f.write(r.content)\ndef main():\n    with ThreadPoolExecutor() as ex:\n        ex.submit(download, "https://example.com/model.safetensors", "model.safetensors").result()\n    with open("model.safetensors", "rb") as f:\n        if hashlib.sha256(f.read()).hexdigest() != SHA:\n            raise ValueError("bad model")',
    // A1111's load_models given the SHA-256 prefix, or no URL (files already in the folder)
    'from modules import modelloader\ndef f(p):\n    return modelloader.load_models(model_path=p, model_url="https://example.org/w.pth", hash_prefix="a1b2c3d4")',
    'from modules import modelloader\ndef f(p):\n    return modelloader.load_models(model_path=p, ext_filter=[".pth"])',
    // a check named in camelCase (`verifyChecksum`, `validateSha256`) after the download
    'from urllib.request import urlretrieve\ndef download_model(url, dst, expected):\n    urlretrieve(url, dst)\n    if not verifyChecksum(dst, expected):\n        raise ValueError(dst)\ndef fetch_weights(url, dst, expected):\n    urlretrieve(url, dst)\n    validateSha256(dst, expected)',
    // a helper called for each of a list of files that are evidently no models
    'import requests\ndef fetch(url, dest):\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)\ndef main(repo):\n    for url in [f"https://huggingface.co/{repo}/resolve/main/config.json", f"https://huggingface.co/{repo}/resolve/main/tokenizer.json"]:\n        fetch(url, "x")',
    // A1111's helper given the SHA-256 prefix it checks (`hash_prefix=`), and a function of this file of the same name
    'from modules.modelloader import load_file_from_url\ndef get(model_dir):\n    return load_file_from_url("https://example.org/w.pth", model_dir=model_dir, hash_prefix="a1b2c3d4")',
    'def load_file_from_url(url, model_dir):\n    return model_dir + "/w.pth"\nload_file_from_url("https://example.org/w.pth", model_dir="weights")',
    'import os, urllib.request\nfor url in ["https://example.com/a.json", "https://example.com/b.txt"]:\n    urllib.request.urlretrieve(url, os.path.basename(url))',
    'import hashlib\nfrom basicsr.utils.download_util import load_file_from_url\ndef get(expected):\n    p = load_file_from_url("https://example.org/w.pth", model_dir="weights")\n    if hashlib.sha256(open(p, "rb").read()).hexdigest() != expected:\n        raise ValueError("bad weights")\n    return p',
    // the brief's remediation pattern
    'import hashlib\nimport requests\nr = requests.get("https://x.org/model.bin")\nif hashlib.sha256(r.content).hexdigest() != "ab":\n    raise ValueError()\nopen("model.bin", "wb").write(r.content)',
    'import requests\nstatus = requests.get("https://x.org/model.bin").status_code',
    'import requests\ncfg = requests.get("https://x.org/config").json()',
    // a same-file checker whose answer is used, one that raises called bare, an external verify_* called bare
    'import hashlib, requests\ndef check(path, expected):\n    return hashlib.sha256(open(path, "rb").read()).hexdigest() == expected\ndef fetch(url="https://example.com/model.bin", dst="model.bin"):\n    r = requests.get(url, timeout=30)\n    open(dst, "wb").write(r.content)\n    if not check(dst, "ab" * 32):\n        raise ValueError(dst)',
    'import hashlib, requests\ndef check(path, expected):\n    if hashlib.sha256(open(path, "rb").read()).hexdigest() != expected:\n        raise ValueError(path)\ndef fetch(url="https://example.com/model.bin", dst="model.bin"):\n    r = requests.get(url, timeout=30)\n    open(dst, "wb").write(r.content)\n    check(dst, "ab" * 32)',
    'import requests\nfrom integrity import verify_checksum\ndef fetch(url="https://example.com/model.bin", dst="model.bin"):\n    r = requests.get(url, timeout=30)\n    open(dst, "wb").write(r.content)\n    verify_checksum(dst, "ab" * 32)',
    // the hash compared by a same-file decorator's wrapper after the function it wraps returns (review hardened P3-4)
    'import functools, hashlib, urllib.request\ndef verified(expected):\n    def deco(fn):\n        @functools.wraps(fn)\n        def wrapper(*args, **kwargs):\n            path = fn(*args, **kwargs)\n            if hashlib.sha256(open(path, "rb").read()).hexdigest() != expected:\n                raise ValueError(path)\n            return path\n        return wrapper\n    return deco\n@verified("ab" * 32)\ndef download_tokenizer(dst="tokenizer.model"):\n    urllib.request.urlretrieve("https://cdn.example.com/tokenizer.model", dst)\n    return dst',
    // an f-string command whose `{URL}` is evidently no model
    'import subprocess\nURL = "https://example.org/data/labels.txt"\ndef fetch(dst):\n    subprocess.run(f\'curl -L "{URL}" -o "{dst}"\', shell=True)',
    // a wget argument list whose URL built at run time is evidently no model, and a clone
    'import subprocess\ndef page(name):\n    url = f"https://example.com/{name}/index.html"\n    subprocess.run(["wget", url])',
    'import subprocess\ndef photo(name):\n    url = f"https://example.com/{name}.jpg"\n    subprocess.run(["wget", url])',
    'import subprocess\ndef clone(name):\n    url = f"https://github.com/org/{name}.git"\n    subprocess.run(["git", "clone", url])',
    // a Hub resolve URL of a file that is evidently no model
    'import requests\ndef fetch(repo):\n    r = requests.get(f"https://huggingface.co/{repo}/resolve/main/config.json")\n    open("config.json", "wb").write(r.content)',
    // a pathlib destination that is evidently no model file
    'import requests\nfrom pathlib import Path\ndef fetch(url, dest_dir: Path):\n    dest = dest_dir / "config.json"\n    r = requests.get(url)\n    dest.write_bytes(r.content)',
    // a ComfyUI folder that holds no models (custom nodes' code), and an installer of a file that is evidently none
    'import os, requests\nimport folder_paths\ndef install(entry):\n    target = os.path.join(folder_paths.get_folder_paths("custom_nodes")[0], entry["filename"])\n    r = requests.get(entry["url"])\n    with open(target, "wb") as f:\n        f.write(r.content)',
    'import os, requests\nimport folder_paths\ndef install_model_list(url):\n    r = requests.get(url)\n    with open(os.path.join(folder_paths.models_dir, "model-list.json"), "wb") as f:\n        f.write(r.content)',
    // aria2c given the SHA-256 of the file checks it (`--checksum=sha-256=…`), and a download of a page
    'import subprocess\nsubprocess.run(["aria2c", "--checksum=sha-256=" + "ab" * 32, "https://example.org/sd/model.safetensors", "-o", "model.safetensors"], check=True)\nsubprocess.run("aria2c --checksum sha-256=6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa https://example.org/w.ckpt -o w.ckpt", shell=True)',
    'import subprocess\nsubprocess.run(["aria2c", "https://example.org/index.html", "-o", "index.html"])',
    // a digest compared with the expected one beside a length check, and compared after `.lower()`
    'import hashlib, requests\nSHA = "ab" * 32\ndef dl(url, dest="w.safetensors"):\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)\n    digest = hashlib.sha256(r.content).hexdigest()\n    if len(digest) != 64 or digest.lower() != SHA:\n        raise ValueError("bad")\ndef dl2(url, expected, dest="w2.safetensors"):\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)\n    if hashlib.sha256(r.content).hexdigest() != expected:\n        raise ValueError("bad")',
    // gdown to standard output saves nothing
    'import subprocess\nsubprocess.run(["gdown", "1AbC", "-O", "-"])',
    // an archive of weights unpacked from the response after its digest was compared, a dataset archive
    // unpacked as it arrives, and an archive opened for writing (review medical P2-1)
    'import hashlib, io, zipfile, requests\ndef fetch():\n    r = requests.get("https://example.org/unet_weights.zip")\n    if hashlib.sha256(r.content).hexdigest() != "ab" * 32:\n        raise ValueError("bad")\n    zipfile.ZipFile(io.BytesIO(r.content)).extractall("weights")',
    'import tarfile, requests\ndef fetch():\n    r = requests.get("https://example.org/cifar-10-python.tar.gz", stream=True)\n    tarfile.open(fileobj=r.raw, mode="r|gz").extractall("data")',
    'import io, tarfile, requests\ndef pack():\n    r = requests.get("https://example.org/model.pth")\n    tarfile.open(fileobj=io.BytesIO(), mode="w", name=r.url)',
    // an edge runtime given a local model and a setting from a downloaded config (review robotics P2-2)
    'import requests\nimport tflite_runtime.interpreter as tflite\ncfg = requests.get("https://example.org/api/models/config").json()\ninterp = tflite.Interpreter(model_path="local/detect.tflite", num_threads=cfg["threads"])',
    'import requests\nfrom openvino.runtime import Core\ncfg = requests.get("https://example.org/api/models/config").json()\ncompiled = Core().compile_model("local/detector.xml", cfg["device"])',
    // a file opened by a path the response gives holds no downloaded bytes (review science P2-1's `with` items)
    'import shutil, requests\ndef copy_local():\n    meta = requests.get("https://example.org/api/models/latest").json()\n    with open(meta["file"], "wb") as out, open("cache/model.pt", "rb") as src:\n        shutil.copyfileobj(src, out)',
    // `params` names weights only in an archive's file name: not hyperparameters compressed, `hparams`, a query argument (review medical P2-2)
    'import urllib.request\ndef fetch(dest):\n    urllib.request.urlretrieve("https://example.org/exp/params.json.gz", dest)\n    urllib.request.urlretrieve("https://example.org/exp/hparams.tar", dest)\n    urllib.request.urlretrieve("https://example.org/api/export?params=1", dest)',
    // hyperparameter spellings are no weights (review s34py P3-1)
    // an archive only opened and listed writes nothing (review s34py P2-2)
    'import io, zipfile, requests\ndef list_members():\n    r = requests.get("https://example.org/model.zip")\n    z = zipfile.ZipFile(io.BytesIO(r.content))\n    print(z.namelist())',
    'import io, zipfile, requests\ndef list_members():\n    r = requests.get("https://example.org/model.zip")\n    return zipfile.ZipFile(io.BytesIO(r.content)).namelist()',
    'import io, zipfile, requests, urllib.request\ndef fetch_search_space():\n    r = requests.get("https://example.org/hyper_params.tar.gz")\n    zipfile.ZipFile(io.BytesIO(r.content)).extractall("cfg")\n    urllib.request.urlretrieve("https://example.org/search_params.tar", "a")\n    urllib.request.urlretrieve("https://example.org/training_params.zip", "b")',
    // helpers that call each other: the file name is read from the other call, evidently no model (review medical P3-2)
    "import requests\ndef a(u, d):\n    return b(u, d)\ndef b(u, d):\n    r = requests.get(u)\n    open(d, 'wb').write(r.content)\n    return a(u, d)\na('https://x.org/readme.txt', 'readme.txt')",
  ],
  invalid: [
    // (review federated P2-2) a same-file helper that returns the bytes it downloads: the caller's write of its value is the sink
    {
      code: "import requests\ndef fetch(u):\n    return requests.get(u).content\ndef main():\n    open('m.pt', 'wb').write(fetch('https://x/m.pt'))",
      errors: [{ messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'fetch(...)', what: '"https://x/m.pt"', action: 'saves' } }],
    },
    {
      code: "import requests\ndef download_global_model(url):\n    data = requests.get(url, timeout=10).content\n    return data\ndef main():\n    data = download_global_model('https://fl.example.org/global_model.pt')\n    with open('global.pt', 'wb') as fh:\n        fh.write(data)",
      errors: [{ messageId: 'unverified', line: 6, confidence: 'high', data: { api: 'download_global_model(...)', what: '"https://fl.example.org/global_model.pt"', action: 'saves' } }],
    },
    // a parameter rebound before the use (SpeechBrain's `savedir = pathlib.Path(savedir)`) holds its new value, read
    // down to the parameter's default, as without the rebinding (review zoo P2-1: the rebinding lost the finding)
    {
      code: 'import pathlib\nimport urllib.request\ndef fetch(filename, source, savedir="./pretrained_model_checkpoints"):\n    savedir = pathlib.Path(savedir)\n    destination = savedir / filename\n    urllib.request.urlretrieve(f"{source}/{filename}", destination)',
      errors: [{ messageId: 'unverified', line: 6, confidence: 'medium', data: { api: 'urlretrieve', what: 'a model file', action: 'saves' } }],
    },
    // helpers that call each other, or a helper that retries by calling itself: the values come from the other
    // call, a model file's, not from a walk cut at its bound (review medical P3-2: was low)
    {
      code: "import requests\ndef a(u, d):\n    return b(u, d)\ndef b(u, d):\n    r = requests.get(u)\n    open(d, 'wb').write(r.content)\n    return a(u, d)\na('https://x.org/m.pth', 'm.pth')",
      errors: [{ messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } }],
    },
    {
      code: 'import requests\ndef fetch(url, dest, retries=3):\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)\n    if retries:\n        return fetch(url, dest, retries - 1)\nfetch("https://example.org/model.safetensors", "model.safetensors")',
      errors: [{ messageId: 'unverified', line: 3, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } }],
    },
    // AlphaFold's and ColabFold's weights are `params_*.npz` in a tar named for its parameters (review medical P2-2):
    // a model archive by its file name, at medium confidence as other names
    {
      code: 'import subprocess, urllib.request\nSOURCE_URL = "https://storage.googleapis.com/alphafold/alphafold_params_2022-12-06.tar"\ndef fetch_curl(tar_path):\n    subprocess.run(["curl", "-L", "-o", tar_path, SOURCE_URL], check=True)\ndef fetch_colab(dest):\n    url = "https://storage.googleapis.com/alphafold/alphafold_params_colab_2022-12-06.tar"\n    urllib.request.urlretrieve(url, dest)',
      errors: [
        { messageId: 'unverified', line: 4, confidence: 'medium', data: { api: 'curl (subprocess)', what: '"https://storage.googleapis.com/alphafold/alphafold_params_2022-12-06.tar"', action: 'saves' } },
        { messageId: 'unverified', line: 7, confidence: 'medium', data: { api: 'urlretrieve', what: '"https://storage.googleapis.com/alphafold/alphafold_params_colab_2022-12-06.tar"', action: 'saves' } },
      ],
    },
    // a download unpacked as it arrives is saved (review medical P2-1): ColabFold's `tarfile.open(fileobj=r.raw,
    // mode="r|")`, a zip of weights read from `io.BytesIO(r.content)`, a stream from `urlopen`, and `with` forms
    {
      code: 'import tarfile\nfrom pathlib import Path\nimport requests\ndef download_alphafold_params(model_type, data_dir=Path("params")):\n    url = "https://storage.googleapis.com/alphafold/model_final.pth"\n    response = requests.get(url, stream=True)\n    file = tarfile.open(fileobj=response.raw, mode="r|")\n    file.extractall(path=data_dir)',
      errors: [{ messageId: 'unverified', line: 6, confidence: 'high', data: { api: 'requests.get', what: '"https://storage.googleapis.com/alphafold/model_final.pth"', action: 'saves' } }],
    },
    {
      code: 'import io, zipfile, requests\ndef download_zip(dest_dir):\n    r = requests.get("https://zenodo.org/records/1234567/files/Task500_Lung_weights.zip", timeout=600)\n    zipfile.ZipFile(io.BytesIO(r.content)).extractall(dest_dir)',
      errors: [{ messageId: 'unverified', line: 3, confidence: 'medium', data: { api: 'requests.get', what: '"https://zenodo.org/records/1234567/files/Task500_Lung_weights.zip"', action: 'saves' } }],
    },
    {
      code: 'import tarfile, urllib.request\ntarfile.open(fileobj=urllib.request.urlopen("https://example.org/resnet.pth.tar"), mode="r|").extractall("models")',
      errors: [{ messageId: 'unverified', line: 2, confidence: 'high', data: { api: 'urlopen', what: '"https://example.org/resnet.pth.tar"', action: 'saves' } }],
    },
    {
      code: 'import tarfile, requests\ndef fetch(url):\n    with requests.get(url, stream=True) as r:\n        with tarfile.open(fileobj=r.raw, mode="r|gz") as tar:\n            tar.extractall(path="checkpoints/sam.pth")',
      errors: [{ messageId: 'unverified', line: 3, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } }],
    },
    // model bytes downloaded into memory and handed to an edge runtime (review robotics P2-2): TFLite's
    // `Interpreter(model_content=…)`, TensorRT's `deserialize_cuda_engine`, OpenVINO's `read_model`, as ORT's `InferenceSession(data)`
    {
      code: 'import requests\nimport tflite_runtime.interpreter as tflite\nURL = "https://example-cdn.com/models/detect"\ndata = requests.get(URL, timeout=10).content\ninterp = tflite.Interpreter(model_content=data)',
      errors: [{ messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'requests.get', what: '"https://example-cdn.com/models/detect"', action: 'loads' } }],
    },
    {
      code: 'import urllib.request\nimport tensorflow as tf\ndef load(url):\n    return tf.lite.Interpreter(model_content=urllib.request.urlopen(url).read())',
      errors: [{ messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'urlopen', what: 'a model file', action: 'loads' } }],
    },
    {
      code: 'import requests\nimport tensorrt as trt\nURL = "https://example-cdn.com/ota/policy_fp16"\nruntime = trt.Runtime(trt.Logger(trt.Logger.WARNING))\nengine = runtime.deserialize_cuda_engine(requests.get(URL).content)',
      errors: [{ messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'requests.get', what: '"https://example-cdn.com/ota/policy_fp16"', action: 'loads' } }],
    },
    {
      code: 'import requests\nimport openvino as ov\ndef load(base):\n    core = ov.Core()\n    xml = requests.get(base + "/detector.xml").content\n    weights = requests.get(base + "/detector.weights").content\n    return core.read_model(model=xml, weights=ov.Tensor(weights))',
      errors: [
        { messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'loads' } },
        { messageId: 'unverified', line: 6, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'loads' } },
      ],
    },
    // the response rebound by a `with` item that wraps it (review science P2-1): ColabFold's
    // `tqdm.wrapattr(response.raw, "read") as response_raw`, `with io.BytesIO(r.content) as buf`, `with r.raw as raw`
    {
      code: 'import tarfile\nimport requests\nimport tqdm.auto\nURL = "https://storage.googleapis.com/alphafold/alphafold_params_colab_2022-12-06.tar"\ndef download_alphafold_params(params_dir):\n    response = requests.get(URL, stream=True)\n    file_size = int(response.headers.get("Content-Length", 0))\n    with tqdm.auto.tqdm.wrapattr(response.raw, "read", total=file_size) as response_raw:\n        file = tarfile.open(fileobj=response_raw, mode="r|")\n        file.extractall(path=params_dir)',
      errors: [{ messageId: 'unverified', line: 6, confidence: 'medium', data: { api: 'requests.get', what: '"https://storage.googleapis.com/alphafold/alphafold_params_colab_2022-12-06.tar"', action: 'saves' } }],
    },
    {
      code: 'import io, requests, torch\nURL = "https://zenodo.org/records/1/files/potential.pt"\ndef fetch():\n    r = requests.get(URL)\n    with io.BytesIO(r.content) as buf:\n        return torch.load(buf, weights_only=True)',
      errors: [{ messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'requests.get', what: '"https://zenodo.org/records/1/files/potential.pt"', action: 'loads' } }],
    },
    {
      code: 'import shutil, requests\nfrom tqdm.auto import tqdm\nURL = "https://zenodo.org/records/7386812/files/fidder.ckpt"\ndef download_checkpoint(dst="weights/fidder.ckpt"):\n    with requests.get(URL, stream=True) as r:\n        with r.raw as raw, open(dst, "wb") as out:\n            shutil.copyfileobj(raw, out)\n    with requests.get(URL, stream=True) as r2:\n        with tqdm.wrapattr(r2.raw, "read", total=1) as raw2:\n            with open(dst, "wb") as out2:\n                shutil.copyfileobj(raw2, out2)',
      errors: [
        { messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'requests.get', what: '"https://zenodo.org/records/7386812/files/fidder.ckpt"', action: 'saves' } },
        { messageId: 'unverified', line: 8, confidence: 'high', data: { api: 'requests.get', what: '"https://zenodo.org/records/7386812/files/fidder.ckpt"', action: 'saves' } },
      ],
    },
    // the URL and destination passed through more wrapper functions than are followed: reported at low
    // confidence rather than dropped (review comfy P3b)
    {
      code: "import requests\ndef f0(u, d):\n    return f1(u, d)\ndef f1(u, d):\n    return f2(u, d)\ndef f2(u, d):\n    return f3(u, d)\ndef f3(u, d):\n    return f4(u, d)\ndef f4(u, d):\n    return f5(u, d)\ndef f5(u, d):\n    r = requests.get(u)\n    open(d, \"wb\").write(r.content)\nf0(\"https://x/y/model.safetensors\", \"models/model.safetensors\")",
      errors: [{ messageId: 'unverifiedUnresolved', line: 13, confidence: 'low', data: { api: 'requests.get', action: 'saves' } }],
    },
    // nbconvert's spelling of `!wget …` in a script exported from a notebook
    {
      code: "get_ipython().system('wget -q https://example.org/models/model.pth -O model.pth')",
      errors: [{ messageId: 'unverified', line: 1, confidence: 'high', data: { api: 'wget (subprocess)', what: '"https://example.org/models/model.pth"', action: 'saves' } }],
    },
    // gdown's command line (Colab's `!gdown --id … -O model.pth`), as `gdown.download`
    {
      code: 'import subprocess, os\nsubprocess.run(["gdown", "--id", "1AbC", "-O", "model.pth"], check=True)\nos.system("gdown https://drive.google.com/uc?id=1xyz -O weights.pth")',
      errors: [
        { messageId: 'unverified', line: 2, confidence: 'high', data: { api: 'gdown (subprocess)', what: 'a model file', action: 'saves' } },
        { messageId: 'unverified', line: 3, confidence: 'high', data: { api: 'gdown (subprocess)', what: '"https://drive.google.com/uc?id=1xyz"', action: 'saves' } },
      ],
    },
    // PaddlePaddle weights and programs are model files (high, as `.pt`)
    {
      code: 'import wget\ndef fetch(url):\n    wget.download(url, out="pretrained_models/w.pdparams")\n    wget.download(url, out="inference/model.pdiparams")',
      errors: [
        { messageId: 'unverified', line: 3, confidence: 'high' },
        { messageId: 'unverified', line: 4, confidence: 'high' },
      ],
    },
    // a comparison of the file already there, before the download, checks nothing of the new bytes (spleeter-web)
    {
      code: 'import hashlib\nimport requests\ndef download_model(model_url, model_file_path, expected_sha1):\n    if hashlib.sha1(open(model_file_path, "rb").read()).hexdigest() == expected_sha1:\n        return\n    r = requests.get(model_url)\n    with open(model_file_path, "wb") as f:\n        f.write(r.content)\n    return torch.load(model_file_path, weights_only=True)',
      errors: [{ messageId: 'unverified', line: 6 }],
    },
    // pretrained word vectors are embedding weights: GloVe and CharNGram archives by their names, fastText `.vec` (review corpus2, r14)
    {
      code: 'import os\nfrom urllib.request import urlretrieve\ndef fetch_glove(cache):\n    urlretrieve("https://nlp.stanford.edu/data/glove.6B.zip", os.path.join(cache, "glove.6B.zip"))',
      errors: [{ messageId: 'unverified', confidence: 'medium', data: { api: 'urlretrieve', what: '"https://nlp.stanford.edu/data/glove.6B.zip"', action: 'saves' } }],
    },
    {
      code: 'import requests\nr = requests.get("https://www.example.org/arxiv2016jmt/jmt_pre-trained_embeddings.tar.gz")\nopen("charNgram.tar.gz", "wb").write(r.content)',
      errors: [{ messageId: 'unverified', confidence: 'medium' }],
    },
    {
      code: 'from urllib.request import urlretrieve\nurlretrieve("https://dl.fbaipublicfiles.com/fasttext/vectors-wiki/wiki.en.vec", "wiki.en.vec")',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    {
      code: 'import requests\ndef download_word2vec(url, dest):\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)',
      errors: [{ messageId: 'unverified', confidence: 'medium' }],
    },
    // `state_dict` in a name (its `_` read as a blank, as every word of the model-name test is)
    {
      code: 'import requests\ndef download_state_dict(url, dest):\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)',
      errors: [{ messageId: 'unverified', confidence: 'medium' }],
    },
    // a Hub resolve URL built in a variable, then fetched (abetlen/llama-cpp-python docker/hug_model.py)
    {
      code: 'import requests\ndef fetch(repo, fname):\n    url = f"https://huggingface.co/{repo}/resolve/main/{fname}"\n    r = requests.get(url)\n    open(fname, "wb").write(r.content)',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } }],
    },
    // a download helper handed to an API that calls it: a thread pool, a thread, a map over URLs
    {
      code: 'import requests\nimport threading\nfrom concurrent.futures import ThreadPoolExecutor\ndownloads = [("https://example.org/releases/codeformer.pth", "codeformer.pth")]\ndef download_file(url, name):\n    with requests.get(url, stream=True) as r:\n        with open(name, "wb") as f:\n            for chunk in r.iter_content(4096):\n                f.write(chunk)\nwith ThreadPoolExecutor(max_workers=4) as ex:\n    futures = [ex.submit(download_file, url, name) for url, name in downloads]\nt = threading.Thread(target=download_file, args=("https://example.org/w/gfpgan.pth", "gfpgan.pth"))\nwith ThreadPoolExecutor() as ex:\n    list(ex.map(download_file, ["https://example.org/w/a.ckpt"], ["a.ckpt"]))\nex.submit(print, "https://example.org/w/b.ckpt")',
      errors: [
        { messageId: 'unverifiedHelper', line: 11, confidence: 'high', data: { helper: 'download_file', what: '"https://example.org/releases/codeformer.pth"' } },
        { messageId: 'unverifiedHelper', line: 12, confidence: 'high', data: { helper: 'download_file', what: '"https://example.org/w/gfpgan.pth"' } },
        { messageId: 'unverifiedHelper', line: 14, confidence: 'high', data: { helper: 'download_file', what: 'a model file' } },
      ],
    },
    // A1111's modelloader.load_models(model_path, model_url=…): load_file_from_url with no hash_prefix
    {
      code: 'from modules import modelloader\nURL = "https://github.com/sczhou/CodeFormer/releases/download/v0.1.0/codeformer.pth"\ndef load_net(model_path):\n    for path in modelloader.load_models(model_path=model_path, model_url=URL, download_name="codeformer-v0.1.0.pth", ext_filter=[".pth"]):\n        return path',
      errors: [{ messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'modelloader.load_models', what: '"https://github.com/sczhou/CodeFormer/releases/download/v0.1.0/codeformer.pth"', action: 'saves' } }],
    },
    // a function that checks a path or a format is no hash check, in either spelling
    {
      code: 'import requests\ndef download_model(url, dst):\n    r = requests.get(url)\n    open(dst, "wb").write(r.content)\n    validateModelPath(dst)\n    check_model_exists(dst)',
      errors: [{ messageId: 'unverified', line: 3, data: { api: 'requests.get', what: 'a model file', action: 'saves' } }],
    },
    // a helper named for models in camelCase, as in snake_case (`downloadModel`, `fetchWeights`)
    {
      code: 'from urllib.request import urlretrieve\ndef downloadModel(url):\n    fileName = url.split("/")[-1]\n    urlretrieve(url, fileName)\n    return fileName\ndef fetchWeights(url, dst):\n    urlretrieve(url, dst)',
      errors: [
        { messageId: 'unverified', line: 4, confidence: 'medium', data: { api: 'urlretrieve', what: 'a model file', action: 'saves' } },
        { messageId: 'unverified', line: 7, confidence: 'medium', data: { api: 'urlretrieve', what: 'a model file', action: 'saves' } },
      ],
    },
    // ... and handed to a generic same-file helper: the known start of the URL is not quoted as the URL
    {
      code: 'import requests\ndef download_file(url, destination):\n    response = requests.get(url, stream=True)\n    with open(destination, "wb") as f:\n        for chunk in response.iter_content(chunk_size=1024):\n            f.write(chunk)\ndef main(model_id, rfilename):\n    url = f"https://huggingface.co/{model_id}/resolve/main/{rfilename}"\n    download_file(url, rfilename)',
      errors: [{ messageId: 'unverifiedHelper', confidence: 'high', data: { helper: 'download_file', what: 'a model file' } }],
    },
    // text-generation-webui's downloader: Hub file URLs collected in a list (here, or returned by a method),
    // each handed to the method that streams it to disk (reported at that method's download: the file names
    // its URL may end in are this file's model files)
    {
      code: 'import requests\nfrom pathlib import Path\nclass ModelDownloader:\n    def __init__(self):\n        self.session = requests.Session()\n    def get_single_file(self, url, output_folder):\n        with self.session.get(url, stream=True) as r:\n            with open(output_folder / Path(url.rsplit("/", 1)[1]), "wb") as f:\n                for data in r.iter_content(1024):\n                    f.write(data)\n    def links(self, model, branch):\n        out = []\n        for fname in ["pytorch_model.bin", "model.safetensors"]:\n            out.append(f"https://huggingface.co/{model}/resolve/{branch}/{fname}")\n        return out\n    def download(self, model, branch, folder):\n        for url in self.links(model, branch):\n            self.get_single_file(url, folder)',
      errors: [{ messageId: 'unverified', line: 7, confidence: 'high', data: { api: 'session.get', what: 'a model file', action: 'saves' } }],
    },
    // urlretrieve imported with a Python 2 fallback (review serve #28, convert P2), in either order
    {
      code: 'import torch\ntry:\n    from urllib import urlretrieve\nexcept ImportError:\n    from urllib.request import urlretrieve\nurlretrieve("https://example.com/resnet50.pth", "resnet50.pth")',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'urlretrieve', what: '"https://example.com/resnet50.pth"', action: 'saves' } }],
    },
    {
      code: 'try:\n    from urllib.request import urlretrieve\nexcept ImportError:\n    from urllib import urlretrieve\nurlretrieve("https://example.com/resnet50.pth", "resnet50.pth")',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    // the saved file handed to torch.load next: a model, whatever its names say
    {
      code: 'import torch\nfrom urllib.request import urlretrieve\ndef load_url(url, cached_file):\n    urlretrieve(url, cached_file)\n    return torch.load(cached_file, weights_only=True)',
      errors: [{ messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'urlretrieve', what: 'a model file', action: 'saves' } }],
    },
    // a destination made absolute keeps its file name; file names of a loop under a directory from the command line (llama.cpp's download-pth.py)
    {
      code: 'import os, sys, requests\ndest_path = os.path.abspath(os.path.join(sys.argv[1], "ggml-alpaca-7b-q4.bin"))\nresponse = requests.get(sys.argv[2])\nwith open(dest_path, "wb") as f:\n    f.write(response.content)',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } }],
    },
    {
      code: 'import os, sys, requests\nfiles = ["checklist.chk", "params.json"]\nfor i in range(2):\n    files.append(f"consolidated.0{i}.pth")\nfor file in ["consolidated.00.pth", "consolidated.01.pth"]:\n    dest_path = os.path.join(sys.argv[1], file)\n    response = requests.get(f"https://example.com/llama/7B/{file}")\n    with open(dest_path, "wb") as f:\n        f.write(response.content)',
      errors: [{ messageId: 'unverified', line: 7, confidence: 'high' }],
    },
    // a weights file tarred or compressed alone (review cv): `.pth.tar`, `.pt.bz2`, `.onnx.gz`
    {
      code: 'import requests\nr = requests.get("https://example.com/checkpoints/resnet50_best.pth.tar")\nwith open("resnet50_best.pth.tar", "wb") as f:\n    f.write(r.content)',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'requests.get', what: '"https://example.com/checkpoints/resnet50_best.pth.tar"', action: 'saves' } }],
    },
    {
      code: 'import requests\nr = requests.get("https://example.com/releases/yolov8n.pt.bz2")\nopen("yolov8n.pt.bz2", "wb").write(r.content)',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    // a loop over a list of weight URLs (the destination built from each)
    {
      code: 'import os, urllib.request\nfor url in ["https://example.com/yolov7.pt", "https://example.com/yolov7x.pt"]:\n    urllib.request.urlretrieve(url, os.path.basename(url))',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'urlretrieve', what: '"https://example.com/yolov7.pt"', action: 'saves' } }],
    },
    // a model file by where it is saved, the URL unknown: high, as the rule doc says
    {
      code: 'import requests\ndef fetch(url):\n    r = requests.get(url)\n    with open("weights/x.pth", "wb") as f:\n        f.write(r.content)',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    // BasicSR's / facexlib's downloader (GFPGAN, Real-ESRGAN, CodeFormer): download_url_to_file with no hash
    {
      code: 'from basicsr.utils.download_util import load_file_from_url\npath = load_file_from_url(url="https://github.com/TencentARC/GFPGAN/releases/download/v1.3.0/GFPGANv1.3.pth", model_dir="weights", progress=True, file_name=None)',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'load_file_from_url', what: '"https://github.com/TencentARC/GFPGAN/releases/download/v1.3.0/GFPGANv1.3.pth"', action: 'saves' } }],
    },
    {
      code: 'from facexlib.utils import load_file_from_url\ndef init(model_dir):\n    return load_file_from_url("https://example.org/detection_Resnet50_Final.pth", model_dir, True, None)',
      errors: [{ messageId: 'unverified' }],
    },
    {
      // the product brief's vulnerable example, verbatim
      code: [
        '# VULNERABLE: No verification',
        'import requests',
        '',
        'model_url = "https://random-site.com/model.bin"',
        'response = requests.get(model_url)',
        'with open("model.bin", "wb") as f:',
        '    f.write(response.content)  # No checksum!',
      ].join('\n'),
      errors: [
        {
          messageId: 'unverified',
          data: { api: 'requests.get', what: '"https://random-site.com/model.bin"', action: 'saves' },
          line: 5,
          column: 12,
          confidence: 'high',
          severity: 'high',
        },
      ],
    },
    {
      code: 'import urllib.request\nurllib.request.urlretrieve("https://x.org/net.onnx", "net.onnx")',
      errors: [{ messageId: 'unverified', data: { api: 'urlretrieve', what: '"https://x.org/net.onnx"', action: 'saves' } }],
    },
    // a pathlib destination: `dest_dir / "x.pth"`, `Path(d, name)`, `.joinpath(…)` (review dlscripts P2-2)
    {
      code: 'import requests\nfrom pathlib import Path\ndef fetch(url, dest_dir: Path):\n    dest = dest_dir / "RealESRGAN_x4plus.pth"\n    r = requests.get(url, timeout=60)\n    with open(dest, "wb") as f:\n        f.write(r.content)\ndef fetch2(url, d):\n    dest = Path(d, "sub", "unet.safetensors")\n    dest.write_bytes(requests.get(url).content)\ndef fetch3(url, d):\n    dest = Path(d).joinpath("ckpt", "model.onnx")\n    dest.write_bytes(requests.get(url).content)',
      errors: [
        { messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } },
        { messageId: 'unverified', line: 10, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } },
        { messageId: 'unverified', line: 13, confidence: 'high', data: { api: 'requests.get', what: 'a model file', action: 'saves' } },
      ],
    },
    // the pickle family's other loaders: pandas, fastai (review dlscripts P3-3)
    {
      code: 'import io, requests\nimport pandas as pd\nr = requests.get("https://example.org/models/clf")\nclf = pd.read_pickle(io.BytesIO(r.content))',
      errors: [{ messageId: 'unverified', line: 3, confidence: 'high', data: { api: 'requests.get', what: '"https://example.org/models/clf"', action: 'loads' } }],
    },
    {
      code: 'import urllib.request\nfrom fastai.vision.all import load_learner\ndef get(url, dst):\n    urllib.request.urlretrieve(url, dst)\n    return load_learner(dst)',
      errors: [{ messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'urlretrieve', what: 'a model file', action: 'saves' } }],
    },
    // ComfyUI-Manager's `install_model`: the URL and file name from a JSON entry, saved under a model folder
    // (`model_dir` through the destination's assignment, `folder_paths`, A1111's `paths.models_path`) (review comfy P2a)
    {
      code: 'import os, urllib.request\nimport folder_paths\ndef install_model(data):\n    model_dir = folder_paths.folder_names_and_paths[data["type"]][0][0]\n    dest = os.path.join(model_dir, data["filename"])\n    with urllib.request.urlopen(data["url"]) as resp, open(dest, "wb") as out:\n        while True:\n            buf = resp.read(1 << 20)\n            if not buf:\n                break\n            out.write(buf)\n    return dest',
      errors: [{ messageId: 'unverified', line: 6, confidence: 'medium', data: { api: 'urlopen', what: 'a model file', action: 'saves' } }],
    },
    {
      code: 'import os, requests\nimport folder_paths\nfrom modules import paths\ndef folder(kind):\n    return folder_paths.get_folder_paths(kind)[0]\ndef install(entry):\n    target = os.path.join(folder(entry["type"]), entry["filename"])\n    r = requests.get(entry["url"])\n    with open(target, "wb") as f:\n        f.write(r.content)\ndef put(entry):\n    target = os.path.join(paths.models_path, entry["name"])\n    r = requests.get(entry["url"])\n    with open(target, "wb") as f:\n        f.write(r.content)',
      errors: [
        { messageId: 'unverified', line: 8, confidence: 'medium', data: { api: 'requests.get', what: 'a model file', action: 'saves' } },
        { messageId: 'unverified', line: 13, confidence: 'medium', data: { api: 'requests.get', what: 'a model file', action: 'saves' } },
      ],
    },
    // aria2c, the web UIs' Colab downloader, as wget and curl (review comfy P2b)
    {
      code: 'import os, subprocess\nsubprocess.run(["aria2c", "-x", "16", "-s", "16", "-k", "1M", "https://example.org/sd/v1-5-pruned-emaonly.ckpt", "-d", "models/Stable-diffusion", "-o", "v1-5-pruned-emaonly.ckpt"], check=True)\nos.system("aria2c --console-log-level=error -c -x 16 https://example.org/dl/12345 --dir=models/Lora --out=style.safetensors")\ndef get(url, name):\n    subprocess.run(["aria2c", url, "-d", "models/checkpoints", "-o", name])',
      errors: [
        { messageId: 'unverified', line: 2, confidence: 'high', data: { api: 'aria2c (subprocess)', what: '"https://example.org/sd/v1-5-pruned-emaonly.ckpt"', action: 'saves' } },
        { messageId: 'unverified', line: 3, confidence: 'high', data: { api: 'aria2c (subprocess)', what: '"https://example.org/dl/12345"', action: 'saves' } },
        { messageId: 'unverified', line: 5, confidence: 'medium', data: { api: 'aria2c (subprocess)', what: 'a model file', action: 'saves' } },
      ],
    },
    // a digest measured or tested for None is not compared with an expected one (review comfy P3d)
    {
      code: 'import hashlib, requests\nURL = "https://example.org/sd/v1-5.safetensors"\ndef dl(dest="v1-5.safetensors"):\n    r = requests.get(URL, timeout=60)\n    with open(dest, "wb") as f:\n        f.write(r.content)\n    digest = hashlib.sha256(r.content).hexdigest()\n    if len(digest) != 64 or digest is None or digest == "":\n        raise ValueError("weird")\n    return dest\ndef dl2(dest="v2.safetensors"):\n    r = requests.get(URL)\n    open(dest, "wb").write(r.content)\n    if len(hashlib.sha256(r.content).hexdigest()) != 64:\n        raise ValueError("weird")',
      errors: [
        { messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'requests.get', what: '"https://example.org/sd/v1-5.safetensors"', action: 'saves' } },
        { messageId: 'unverified', line: 12, confidence: 'high', data: { api: 'requests.get', what: '"https://example.org/sd/v1-5.safetensors"', action: 'saves' } },
      ],
    },
    // a `Request` bound to a name first (the User-Agent idiom): its URL is read (review dlscripts P2-1)
    {
      code: 'import shutil, urllib.request\nWEIGHTS = "https://example.org/releases/RealESRGAN_x4plus.pth"\ndef fetch(dest):\n    req = urllib.request.Request(WEIGHTS, headers={"User-Agent": "x"})\n    with urllib.request.urlopen(req) as resp:\n        with open(dest, "wb") as out:\n            shutil.copyfileobj(resp, out)',
      errors: [{ messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'urlopen', what: '"https://example.org/releases/RealESRGAN_x4plus.pth"', action: 'saves' } }],
    },
    {
      code: 'import pickle\nfrom urllib.request import urlopen\nclf = pickle.loads(urlopen("https://x.org/clf").read())',
      errors: [{ messageId: 'unverified', data: { api: 'urlopen', what: '"https://x.org/clf"', action: 'loads' } }],
    },
    {
      code: 'import subprocess\nsubprocess.run("curl -sL https://x.org/w.safetensors -o w.safetensors", shell=True)',
      errors: [{ messageId: 'unverified' }],
    },
    // a same-file checker that answers with a bool, its answer thrown away: nothing is verified (review hardened P2-1)
    {
      code: 'import hashlib, requests\ndef check(path, expected):\n    return hashlib.sha256(open(path, "rb").read()).hexdigest() == expected\ndef fetch(url="https://example.com/model.bin", dst="model.bin"):\n    r = requests.get(url, timeout=30)\n    open(dst, "wb").write(r.content)\n    check(dst, "ab" * 32)',
      errors: [{ messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'requests.get', what: '"https://example.com/model.bin"', action: 'saves' } }],
    },
    {
      code: 'import hashlib, urllib.request\nURL = "https://example.org/models/vit_b16.onnx"\ndef verify_checksum(path: str, expected: str) -> bool:\n    sha256 = hashlib.sha256()\n    with open(path, "rb") as f:\n        sha256.update(f.read())\n    return sha256.hexdigest() == expected\ndef get(path="vit_b16.onnx", expected="ab" * 32):\n    urllib.request.urlretrieve(URL, path)\n    verify_checksum(path, expected)\n    return path',
      errors: [{ messageId: 'unverified', line: 9, confidence: 'high', data: { api: 'urlretrieve', what: '"https://example.org/models/vit_b16.onnx"', action: 'saves' } }],
    },
    // a decorator that checks nothing, or checks before the wrapped function downloads: not verified
    {
      code: 'import hashlib, logging, urllib.request\ndef logged(fn):\n    def wrapper(*args, **kwargs):\n        logging.info("start")\n        return fn(*args, **kwargs)\n    return wrapper\ndef checked_before(fn):\n    def wrapper(path):\n        if hashlib.sha256(open(path, "rb").read()).hexdigest() != "ab":\n            raise ValueError(path)\n        return fn(path)\n    return wrapper\n@logged\ndef download_b(dst="b.pth"):\n    urllib.request.urlretrieve("https://cdn.example.com/b.pth", dst)\n@checked_before\ndef download_c(dst="c.pth"):\n    urllib.request.urlretrieve("https://cdn.example.com/c.pth", dst)',
      errors: [
        { messageId: 'unverified', line: 15, confidence: 'high', data: { api: 'urlretrieve', what: '"https://cdn.example.com/b.pth"', action: 'saves' } },
        { messageId: 'unverified', line: 18, confidence: 'high', data: { api: 'urlretrieve', what: '"https://cdn.example.com/c.pth"', action: 'saves' } },
      ],
    },
    // a shell command written as an f-string: its `{…}` read as an argument list's elements (review sdwebui P2-1)
    {
      code: 'import os, subprocess\nURL = "https://example.org/cn/control_v11p_sd15_canny.pth"\ndef fetch(dst):\n    subprocess.run(f\'curl -L "{URL}" -o "{dst}"\', shell=True)\n    subprocess.run(f"wget -q {URL} -O {dst}", shell=True)\n    os.system(f"wget -q {URL} -O {dst}")',
      errors: [
        { messageId: 'unverified', line: 4, confidence: 'high', data: { api: 'curl (subprocess)', what: '"https://example.org/cn/control_v11p_sd15_canny.pth"', action: 'saves' } },
        { messageId: 'unverified', line: 5, confidence: 'high', data: { api: 'wget (subprocess)', what: '"https://example.org/cn/control_v11p_sd15_canny.pth"', action: 'saves' } },
        { messageId: 'unverified', line: 6, confidence: 'high', data: { api: 'wget (subprocess)', what: '"https://example.org/cn/control_v11p_sd15_canny.pth"', action: 'saves' } },
      ],
    },
    {
      code: 'import os, subprocess\nCN_MODELS = {"control_v11p_sd15_canny.pth": "https://huggingface.co/lllyasviel/ControlNet-v1-1/resolve/main/control_v11p_sd15_canny.pth"}\nfor name, url in CN_MODELS.items():\n    dst = os.path.join("models", name)\n    subprocess.run(f\'curl -L "{url}" -o "{dst}"\', shell=True)',
      errors: [{ messageId: 'unverified', line: 5, confidence: 'medium', data: { api: 'curl (subprocess)', what: 'a model file', action: 'saves' } }],
    },
    // the URL of a wget argument list built at run time, read as `requests.get(url)` reads it
    {
      code: 'import subprocess\ndef get_voice(name):\n    url = f"https://example.com/voices/{name}.onnx"\n    subprocess.run(["wget", url])',
      errors: [{ messageId: 'unverified', confidence: 'high', line: 4, data: { api: 'wget (subprocess)', what: 'a model file', action: 'saves' } }],
    },
    // a URL taken from a dict literal of the file whose every value is a literal (review github3, P10): named, high
    {
      code: 'from basicsr.utils.download_util import load_file_from_url\ndef get(model_name, cache_dir):\n    model_urls = {\n        "x4.pth": "https://github.com/xinntao/Real-ESRGAN/releases/download/v0.1.0/RealESRGAN_x4plus.pth",\n        "net.pth": "https://github.com/xinntao/Real-ESRGAN/releases/download/v0.1.1/RealESRNet_x4plus.pth",\n    }\n    load_file_from_url(url=model_urls[model_name], model_dir=str(cache_dir), progress=True, file_name=model_name)',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'load_file_from_url', what: '"https://github.com/xinntao/Real-ESRGAN/releases/download/v0.1.0/RealESRGAN_x4..."', action: 'saves' } }],
    },
    // A1111/Forge's `modules.modelloader.load_file_from_url` (also through `from modules import modelloader`),
    // and copies of BasicSR's that projects vendor (review github3, P1/P3): the same download with no hash
    {
      code: 'import os\nfrom modules.modelloader import load_file_from_url\ndef load_model(model_dir):\n    load_file_from_url("https://huggingface.co/org/cn/resolve/main/Annotators/UNet.pth", model_dir=model_dir)',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'load_file_from_url', what: '"https://huggingface.co/org/cn/resolve/main/Annotators/UNet.pth"', action: 'saves' } }],
    },
    {
      code: 'from modules import modelloader\ndef load_canny(model_dir):\n    return modelloader.load_file_from_url(url="https://huggingface.co/org/m/resolve/main/canny.safetensors", model_dir=model_dir, file_name="canny.safetensors")',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    {
      code: 'MODEL_DIR = "/models"\ndef load_models():\n    from codeformer.basicsr.utils.download_util import load_file_from_url\n    load_file_from_url("https://github.com/xinntao/Real-ESRGAN/releases/download/v0.1.0/RealESRGAN_x4plus.pth", model_dir=MODEL_DIR)',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    {
      code: 'from gfpgan.utils import load_file_from_url\nload_file_from_url("https://example.org/GFPGANv1.4.pth", "weights")',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    {
      code: 'from .download_util import load_file_from_url\ndef init(model_dir):\n    return load_file_from_url("https://example.org/codeformer.pth", model_dir=model_dir)',
      errors: [{ messageId: 'unverified', confidence: 'high' }],
    },
    // `file_name=None` is BasicSR's default: the "weights" directory alone gives a medium finding, as without it
    {
      code: 'from basicsr.utils.download_util import load_file_from_url\ndef b(url):\n    load_file_from_url(url, model_dir="weights", progress=True, file_name=None)',
      errors: [{ messageId: 'unverified', confidence: 'medium', data: { api: 'load_file_from_url', what: 'a model file', action: 'saves' } }],
    },
    // gradient-boosting models (review tabular P2-1): CatBoost's `.cbm` by its name; a LightGBM `.txt` and an
    // XGBoost `.json` by the loader the saved file is handed to, or the downloaded text itself
    {
      code: 'import urllib.request\nURL = "https://github.com/org/repo/releases/download/v1.0/ranker.cbm"\nurllib.request.urlretrieve(URL, "ranker.cbm")',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'urlretrieve', what: '"https://github.com/org/repo/releases/download/v1.0/ranker.cbm"', action: 'saves' } }],
    },
    {
      code: 'import urllib.request\nimport lightgbm as lgb\nURL = "https://mirror.example.org/models/ctr_lgbm.txt"\nurllib.request.urlretrieve(URL, "ctr_lgbm.txt")\nbst = lgb.Booster(model_file=\'ctr_lgbm.txt\')',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'urlretrieve', what: '"https://mirror.example.org/models/ctr_lgbm.txt"', action: 'saves' } }],
    },
    {
      code: 'import requests\nimport xgboost as xgb\nr = requests.get("https://mirror.example.org/xgb/ctr.json")\nopen("ctr.json", "wb").write(r.content)\nbst = xgb.Booster(model_file="ctr.json")',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'requests.get', what: '"https://mirror.example.org/xgb/ctr.json"', action: 'saves' } }],
    },
    {
      code: 'import urllib.request\nfrom catboost import CatBoostClassifier\ndef fetch(path):\n    urllib.request.urlretrieve("https://mirror.example.org/cb/ranker.json", path)\n    clf = CatBoostClassifier()\n    clf.load_model(path, format="json")\n    return clf',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'urlretrieve', what: '"https://mirror.example.org/cb/ranker.json"', action: 'saves' } }],
    },
    {
      code: 'import requests\nimport lightgbm as lgb\nbst = lgb.Booster(model_str=requests.get("https://mirror.example.org/models/ctr.txt").text)',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'requests.get', what: '"https://mirror.example.org/models/ctr.txt"', action: 'loads' } }],
    },
    // a hash check three helper calls deep, past the walk's bound: not known either way, so medium (review tabular P3-2)
    {
      code: 'import hashlib, requests\ndef h0(p):\n    return hashlib.sha256(open(p, \'rb\').read()).hexdigest() == \'ab\'\ndef h1(p):\n    return h0(p)\ndef h2(p):\n    return h1(p)\ndef dl():\n    r = requests.get(\'https://x.org/model.pkl\')\n    open(\'model.pkl\', \'wb\').write(r.content)\n    if not h2(\'model.pkl\'):\n        raise ValueError()',
      errors: [{ messageId: 'unverified', confidence: 'medium', data: { api: 'requests.get', what: '"https://x.org/model.pkl"', action: 'saves' } }],
    },
    // a chain of helpers as deep that speaks of no digest leaves the finding at full confidence
    {
      code: 'import requests\ndef c0():\n    print("done")\ndef c1():\n    c0()\ndef c2():\n    c1()\ndef dl():\n    r = requests.get("https://x.org/model.pkl")\n    open("model.pkl", "wb").write(r.content)\n    c2()',
      errors: [{ messageId: 'unverified', confidence: 'high', data: { api: 'requests.get', what: '"https://x.org/model.pkl"', action: 'saves' } }],
    },
  ],
});

fixture(rule);

describe('the triggers', () => {
  it('let through a file whose only download is an imported load_file_from_url (a vendored BasicSR)', () => {
    expect(ruleTriggersMatch(rule.meta, 'from .download_util import load_file_from_url\nload_file_from_url("https://x.org/w.pth", model_dir="w")')).toBe(true);
    expect(ruleTriggersMatch(rule.meta, 'from modules import modelloader\nmodelloader.load_file_from_url(url=u, model_dir=d)')).toBe(true);
  });
});
