import { describe, expect, it } from 'vitest';
import { ruleTriggersMatch } from '@oculum/core';
import rule, { FETCHER_TRIGGERS } from '../../src/rules/insecure-model-url.js';
import { HF_PACKAGES } from '../../src/util/hub.js';
import { fixture, ruleTester } from '../helpers.js';

describe('the fetcher trigger group', () => {
  it('matches every Hub package and HTTP client imported, and the fetchers by name', () => {
    const group = { triggers: [], triggerGroups: [FETCHER_TRIGGERS] };
    for (const module of [...HF_PACKAGES, 'requests', 'httpx', 'aiohttp', 'urllib', 'urllib2', 'six', 'wget']) {
      expect(ruleTriggersMatch(group, `import ${module}`), module).toBe(true);
      expect(ruleTriggersMatch(group, `from ${module}.x import y`), module).toBe(true);
    }
    for (const name of ['load_state_dict_from_url', 'load_url', 'download_url_to_file', 'get_file', 'from_single_file', 'InferenceSession', 'HF_ENDPOINT', 'curl', 'wget']) {
      expect(ruleTriggersMatch(group, `x = ${name}`), name).toBe(true);
    }
    expect(ruleTriggersMatch(group, 'add_docstr(f, "we evaluate datasets over http://x")')).toBe(false);
  });
});

ruleTester.run('hf/insecure-model-url', rule, {
  valid: [
    // the same long chain over https
    `import urllib.request\nURL = 'https://x.org/' + ${Array.from({ length: 500 }, (_, i) => `'p${i}/'`).join(' + ')} + 'model.pkl'\nurllib.request.urlretrieve(URL, 'model.pkl')`,
    // a plain-HTTP `.txt` that no gradient-boosting loader reads (review tabular P2-1)
    'import urllib.request\nimport lightgbm as lgb\nurllib.request.urlretrieve("http://x.org/models/feature_names.txt", "feature_names.txt")\nbst = lgb.Booster(model_file="ctr_lgbm.txt")',
    // FTP over TLS, SFTP (SSH), and FTP to this machine
    'import urllib.request\nurllib.request.urlretrieve("ftps://secure.example.org/models/m.pth", "m.pth")\nURL = "sftp://host.example.org/models/m.pth"\nLOCAL = "ftp://localhost/models/m.pth"',
    // TensorFlow Hub over https, or from a local directory
    'import tensorflow_hub as hub\nm = hub.load("https://tfhub.dev/google/universal-sentence-encoder/4")\nl = hub.KerasLayer("/models/use/4")',
    // get_file of a file that is evidently no model (as hf/download-without-hash judges it)
    'import tensorflow as tf\npath = tf.keras.utils.get_file("train.csv", origin="http://storage.googleapis.com/download.tensorflow.org/data/train.csv")',
    'import urllib.request\nurllib.request.urlretrieve("https://x.org/net.onnx", "net.onnx")',
    'import requests\nr = requests.get("http://x.org/api").json()',
    'URL = "https://x.org/model.bin"',
    // plain-HTTP URLs that name no model file: namespaces, schemas, documentation, datasets
    'NS = {"xsd": "http://www.w3.org/2001/XMLSchema", "schema": "http://json-schema.org/draft-07/schema#"}',
    'DOCS = "http://example.org/docs/index.html"\nAPI = "http://example.org/v1/models"',
    'DATA = "http://www.openslr.org/resources/12/dev-clean.tar.gz"',
    'URL = "http://localhost:8000/model.bin"\nLOCAL = f"http://127.0.0.1:{port}/weights.pth"',
    // a bare string statement (a docstring) is no value
    '"""http://x.org/model.pth"""\ndef f():\n    """http://x.org/model.pth"""',
    // written beside its file's whole SHA-256: what downloads it checks it
    'CHECKSUMS = {"http://x.org/model.pth": "76f87d090650617fca0cac8f88b9416e0ebf80350acb97b343a85fa903728ab3"}\nMODELS = {"resnet": {"url": "http://x.org/resnet.pth", "sha256": "76f87d090650617fca0cac8f88b9416e0ebf80350acb97b343a85fa903728ab3"}}',
    // certificate verification off, but no model file downloaded
    'import requests, urllib3\nurllib3.disable_warnings()\nstatus = requests.get("https://api.example.org/status", verify=False).json()',
    'import ssl, urllib.request\nssl._create_default_https_context = ssl._create_unverified_context\nurllib.request.urlopen("https://example.org/api/status").read()',
    // the process-wide patch does not reach requests (urllib3 builds its own context)
    'import ssl, requests\nssl._create_default_https_context = ssl._create_unverified_context\nr = requests.get("https://x.org/model.bin")\nopen("model.bin", "wb").write(r.content)',
    // contexts that verify: CERT_REQUIRED, CERT_NONE only on another context or after the download
    'import ssl, urllib.request\nctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_REQUIRED\nurllib.request.urlretrieve("https://x.org/a.pt", "a.pt")\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
    'import ssl, urllib.request\nloose = ssl.create_default_context()\nloose.check_hostname = False\nloose.verify_mode = ssl.CERT_NONE\nctx = ssl.create_default_context()\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
    'import ssl, urllib.request\nctx = ssl.create_default_context()\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE',
    // set back to CERT_REQUIRED before the download: the last write before it decides
    'import ssl, urllib.request\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\nctx.verify_mode = ssl.CERT_REQUIRED\nctx.check_hostname = True\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
    // verification on
    'import requests\nr = requests.get("https://x.org/model.safetensors", verify=True)\nopen("model.safetensors", "wb").write(r.content)',
    // plain HTTP pinned to a full SHA-256 (torchaudio's LibriSpeech): a substituted file fails the check
    'import os\nfrom torch.hub import download_url_to_file\n_CHECKSUMS = {"http://www.openslr.org/resources/12/dev-clean.tar.gz": "76f87d090650617fca0cac8f88b9416e0ebf80350acb97b343a85fa903728ab3"}\ndef dl(root, url):\n    base_url = "http://www.openslr.org/resources/12/"\n    filename = url + ".tar.gz"\n    download_url = os.path.join(base_url, filename)\n    checksum = _CHECKSUMS.get(download_url, None)\n    download_url_to_file(download_url, os.path.join(root, filename), hash_prefix=checksum)',
  ],
  invalid: [
    // TensorFlow's documented `tf.compat.v1.keras` alias of get_file (review keras P3-1)
    { code: 'import tensorflow as tf\nw = tf.compat.v1.keras.utils.get_file("model_b.h5", "http://example.org/models/model_b.h5")', errors: [{ messageId: 'insecure', line: 2, confidence: 'high', data: { api: 'get_file', what: 'a model file', url: 'http://example.org/models/model_b.h5' }, suggestions: [{ messageId: 'useHttps', output: 'import tensorflow as tf\nw = tf.compat.v1.keras.utils.get_file("model_b.h5", "https://example.org/models/model_b.h5")' }] }] },
    // a URL on a host reserved for documentation or tests (RFC 2606/6761: example.com/.net/.org, *.example, *.test,
    // *.invalid) written where no fetch reads it: a placeholder, low, not dropped (review zoo P3-2)
    {
      code: 'UNSAFE_EXAMPLES = [\n    "http://example.com/model.bin",\n    "http://weights.example/resnet50.pth",\n    "http://cdn.test/model.safetensors",\n]',
      errors: [
        { messageId: 'insecureLiteral', line: 2, confidence: 'low', data: { url: 'http://example.com/model.bin' }, suggestions: [{ messageId: 'useHttps', output: 'UNSAFE_EXAMPLES = [\n    "https://example.com/model.bin",\n    "http://weights.example/resnet50.pth",\n    "http://cdn.test/model.safetensors",\n]' }] },
        { messageId: 'insecureLiteral', line: 3, confidence: 'low', data: { url: 'http://weights.example/resnet50.pth' }, suggestions: [{ messageId: 'useHttps', output: 'UNSAFE_EXAMPLES = [\n    "http://example.com/model.bin",\n    "https://weights.example/resnet50.pth",\n    "http://cdn.test/model.safetensors",\n]' }] },
        { messageId: 'insecureLiteral', line: 4, confidence: 'low', data: { url: 'http://cdn.test/model.safetensors' }, suggestions: [{ messageId: 'useHttps', output: 'UNSAFE_EXAMPLES = [\n    "http://example.com/model.bin",\n    "http://weights.example/resnet50.pth",\n    "https://cdn.test/model.safetensors",\n]' }] },
      ],
    },
    // a look-alike host is no reserved one (`example.com.evil.net`, `myexample.com`): high
    {
      code: 'A = "http://example.com.evil.net/model.bin"\nB = "http://myexample.com/model.bin"',
      errors: [
        { messageId: 'insecureLiteral', line: 1, confidence: 'high', data: { url: 'http://example.com.evil.net/model.bin' }, suggestions: [{ messageId: 'useHttps', output: 'A = "https://example.com.evil.net/model.bin"\nB = "http://myexample.com/model.bin"' }] },
        { messageId: 'insecureLiteral', line: 2, confidence: 'high', data: { url: 'http://myexample.com/model.bin' }, suggestions: [{ messageId: 'useHttps', output: 'A = "http://example.com.evil.net/model.bin"\nB = "https://myexample.com/model.bin"' }] },
      ],
    },
    // an http:// base URL joined with a name in every common spelling (insightface's model storage)
    // a `Request` bound to a name first (review dlscripts P2-1)
    { code: 'import urllib.request\nreq = urllib.request.Request("http://example.org/w/model.pth", headers={"User-Agent": "x"})\nwith urllib.request.urlopen(req) as r:\n    open("model.pth", "wb").write(r.read())', errors: [{ messageId: 'insecure', line: 3, data: { api: 'urlopen', what: 'a model file', url: 'http://example.org/w/model.pth' }, suggestions: [{ messageId: 'useHttps', output: 'import urllib.request\nreq = urllib.request.Request("https://example.org/w/model.pth", headers={"User-Agent": "x"})\nwith urllib.request.urlopen(req) as r:\n    open("model.pth", "wb").write(r.read())' }] }] },
    { code: 'import os, requests, urllib.parse\nBASE = "http://storage.example.org/files"\ndef fetch_weights(name, dest):\n    url = "%s/%s.zip" % (BASE, name)\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)', errors: [{ messageId: 'insecure', line: 5, data: { api: 'requests.get', what: 'a model file', url: 'http://storage.example.org/files' } }] },
    { code: 'import os, requests, urllib.parse\nBASE = "http://storage.example.org/files"\ndef fetch_weights(name, dest):\n    url = "{}/{}.zip".format(BASE, name)\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)', errors: [{ messageId: 'insecure', line: 5, data: { api: 'requests.get', what: 'a model file', url: 'http://storage.example.org/files' } }] },
    { code: 'import os, requests, urllib.parse\nBASE = "http://storage.example.org/files"\ndef fetch_weights(name, dest):\n    url = "{base}/{n}.zip".format(base=BASE, n=name)\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)', errors: [{ messageId: 'insecure', line: 5, data: { api: 'requests.get', what: 'a model file', url: 'http://storage.example.org/files' } }] },
    { code: 'import os, requests, urllib.parse\nBASE = "http://storage.example.org/files"\ndef fetch_weights(name, dest):\n    url = os.path.join(BASE, name + ".zip")\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)', errors: [{ messageId: 'insecure', line: 5, data: { api: 'requests.get', what: 'a model file', url: 'http://storage.example.org/files' } }] },
    { code: 'import os, requests, urllib.parse\nBASE = "http://storage.example.org/files"\ndef fetch_weights(name, dest):\n    url = "/".join([BASE, name, "model.zip"])\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)', errors: [{ messageId: 'insecure', line: 5, data: { api: 'requests.get', what: 'a model file', url: 'http://storage.example.org/files' } }] },
    { code: 'import os, requests, urllib.parse\nBASE = "http://storage.example.org/files"\ndef fetch_weights(name, dest):\n    url = urllib.parse.urljoin(BASE, name)\n    r = requests.get(url)\n    open(dest, "wb").write(r.content)', errors: [{ messageId: 'insecure', line: 5, data: { api: 'requests.get', what: 'a model file', url: 'http://storage.example.org/files' } }] },
    // what the message says is fetched: weights (a state dict), a model file, or a file
    {
      code: 'import torch\ns = torch.hub.load_state_dict_from_url("http://x.org/w.pth")',
      errors: [{ messageId: 'insecure', confidence: 'high', data: { api: 'load_state_dict_from_url', what: 'weights', url: 'http://x.org/w.pth' }, suggestions: [{ messageId: 'useHttps', output: 'import torch\ns = torch.hub.load_state_dict_from_url("https://x.org/w.pth")' }] }],
    },
    {
      code: 'from torch.hub import download_url_to_file\ndownload_url_to_file("http://x.org/w.pth", "w.pth")',
      errors: [{ messageId: 'insecure', confidence: 'high', data: { api: 'download_url_to_file', what: 'a model file', url: 'http://x.org/w.pth' }, suggestions: [{ messageId: 'useHttps', output: 'from torch.hub import download_url_to_file\ndownload_url_to_file("https://x.org/w.pth", "w.pth")' }] }],
    },
    {
      code: 'from torch.hub import download_url_to_file\ndownload_url_to_file("http://www.openslr.org/resources/12/dev-clean.tar.gz", "dev-clean.tar.gz")',
      errors: [{ messageId: 'insecure', confidence: 'high', data: { api: 'download_url_to_file', what: 'a file', url: 'http://www.openslr.org/resources/12/dev-clean.tar.gz' }, suggestions: [{ messageId: 'useHttps', output: 'from torch.hub import download_url_to_file\ndownload_url_to_file("https://www.openslr.org/resources/12/dev-clean.tar.gz", "dev-clean.tar.gz")' }] }],
    },
    // a hash that cannot be resolved may or may not pin the file
    {
      code: 'from torch.hub import download_url_to_file\ndef f(dst, h):\n    download_url_to_file("http://x.org/data.tar.gz", dst, hash_prefix=h)',
      errors: [{ messageId: 'insecure', confidence: 'medium', data: { api: 'download_url_to_file', what: 'a file', url: 'http://x.org/data.tar.gz' }, suggestions: [{ messageId: 'useHttps', output: 'from torch.hub import download_url_to_file\ndef f(dst, h):\n    download_url_to_file("https://x.org/data.tar.gz", dst, hash_prefix=h)' }] }],
    },
    // a URL built from 500 concatenated pieces, past the resolution's depth bound: its first piece still gives the scheme (review tabular P3-4)
    {
      code: `import urllib.request\nURL = 'http://x.org/' + ${Array.from({ length: 500 }, (_, i) => `'p${i}/'`).join(' + ')} + 'model.pkl'\nurllib.request.urlretrieve(URL, 'model.pkl')`,
      errors: [{ messageId: 'insecure', line: 3, confidence: 'high', data: { api: 'urlretrieve', what: 'a model file', url: 'http://x.org/' }, suggestions: [] }],
    },
    // a LightGBM model in .txt, a model by the loader it is handed to (review tabular P2-1)
    {
      code: 'import urllib.request\nimport lightgbm as lgb\nurllib.request.urlretrieve("http://x.org/models/ctr_lgbm.txt", "ctr_lgbm.txt")\nbst = lgb.Booster(model_file="ctr_lgbm.txt")',
      errors: [
        {
          messageId: 'insecure',
          confidence: 'high',
          data: { api: 'urlretrieve', what: 'a model file', url: 'http://x.org/models/ctr_lgbm.txt' },
          suggestions: [{ messageId: 'useHttps', output: 'import urllib.request\nimport lightgbm as lgb\nurllib.request.urlretrieve("https://x.org/models/ctr_lgbm.txt", "ctr_lgbm.txt")\nbst = lgb.Booster(model_file="ctr_lgbm.txt")' }],
        },
      ],
    },
    {
      code: 'import urllib.request\nurllib.request.urlretrieve("http://x.org/net.onnx", "net.onnx")',
      errors: [
        {
          messageId: 'insecure',
          data: { api: 'urlretrieve', what: 'a model file', url: 'http://x.org/net.onnx' },
          suggestions: [{ messageId: 'useHttps', output: 'import urllib.request\nurllib.request.urlretrieve("https://x.org/net.onnx", "net.onnx")' }],
        },
      ],
    },
    {
      code: 'import torch\nW = "http://x.org/w.pth"\ns = torch.hub.load_state_dict_from_url(W, check_hash=True)',
      errors: [
        {
          messageId: 'insecure',
          suggestions: [{ messageId: 'useHttps', output: 'import torch\nW = "https://x.org/w.pth"\ns = torch.hub.load_state_dict_from_url(W, check_hash=True)' }],
        },
      ],
    },
    {
      // URL schemes are case-insensitive: the prefilter must let this file through too
      code: 'import torch\ns = torch.hub.load_state_dict_from_url("HTTP://x.org/w.pth")',
      errors: [
        {
          messageId: 'insecure',
          suggestions: [{ messageId: 'useHttps', output: 'import torch\ns = torch.hub.load_state_dict_from_url("https://x.org/w.pth")' }],
        },
      ],
    },
    // plain FTP: fetched, or written; no https:// suggestion (another server)
    {
      code: 'import urllib.request\nurllib.request.urlretrieve("ftp://ftp.example.org/pub/models/vgg16.pth", "vgg16.pth")',
      errors: [{ messageId: 'insecureFtp', confidence: 'high', data: { api: 'urlretrieve', what: 'a model file', url: 'ftp://ftp.example.org/pub/models/vgg16.pth' } }],
    },
    {
      code: 'MODEL_URL = "FTP://ftp.models-mirror.net/pub/models/resnet50.pth"',
      errors: [{ messageId: 'insecureLiteralFtp', confidence: 'high', data: { url: 'FTP://ftp.models-mirror.net/pub/models/resnet50.pth' } }],
    },
    // model file URLs written anywhere: a constant, a config keyword, a class attribute, a table (review github2, p02)
    {
      code: 'URL = "http://x.org/model.bin"',
      errors: [{ messageId: 'insecureLiteral', confidence: 'high', data: { url: 'http://x.org/model.bin' }, suggestions: [{ messageId: 'useHttps', output: 'URL = "https://x.org/model.bin"' }] }],
    },
    // built from a base constant by a `.format` or `%` template: the suggestion edits the base
    {
      code: 'BASE = "http://x.org/models"\nURL = "{}/{}.pth".format(BASE, name)',
      errors: [{ messageId: 'insecureLiteral', line: 2, confidence: 'high', suggestions: [{ messageId: 'useHttps', output: 'BASE = "https://x.org/models"\nURL = "{}/{}.pth".format(BASE, name)' }] }],
    },
    {
      code: 'BASE = "http://x.org/models"\nURL = "%s/alexnet.pth" % BASE',
      errors: [{ messageId: 'insecureLiteral', line: 2, confidence: 'high', suggestions: [{ messageId: 'useHttps', output: 'BASE = "https://x.org/models"\nURL = "%s/alexnet.pth" % BASE' }] }],
    },
    {
      code: "model = dict(backbone=dict(init_cfg=dict(type='Pretrained', checkpoint='http://download.openmmlab.com/mmdetection/v2.0/faster_rcnn_r50.pth')))",
      errors: [{ messageId: 'insecureLiteral', confidence: 'high', suggestions: [{ messageId: 'useHttps', output: "model = dict(backbone=dict(init_cfg=dict(type='Pretrained', checkpoint='https://download.openmmlab.com/mmdetection/v2.0/faster_rcnn_r50.pth')))" }] }],
    },
    {
      code: 'class GloVe:\n    url = {\n        "840B": "http://nlp.stanford.edu/data/glove.840B.300d.zip",\n        "6B": "http://nlp.stanford.edu/data/glove.6B.zip",\n    }\nclass CharNGram:\n    url = ("http://www.logos.t.u-tokyo.ac.jp/~hassy/publications/arxiv2016jmt/"\n           "jmt_pre-trained_embeddings.tar.gz")',
      errors: [
        { messageId: 'insecureLiteral', line: 3, confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: 'class GloVe:\n    url = {\n        "840B": "https://nlp.stanford.edu/data/glove.840B.300d.zip",\n        "6B": "http://nlp.stanford.edu/data/glove.6B.zip",\n    }\nclass CharNGram:\n    url = ("http://www.logos.t.u-tokyo.ac.jp/~hassy/publications/arxiv2016jmt/"\n           "jmt_pre-trained_embeddings.tar.gz")' }] },
        { messageId: 'insecureLiteral', line: 4, confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: 'class GloVe:\n    url = {\n        "840B": "http://nlp.stanford.edu/data/glove.840B.300d.zip",\n        "6B": "https://nlp.stanford.edu/data/glove.6B.zip",\n    }\nclass CharNGram:\n    url = ("http://www.logos.t.u-tokyo.ac.jp/~hassy/publications/arxiv2016jmt/"\n           "jmt_pre-trained_embeddings.tar.gz")' }] },
        { messageId: 'insecureLiteral', line: 7, confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: 'class GloVe:\n    url = {\n        "840B": "http://nlp.stanford.edu/data/glove.840B.300d.zip",\n        "6B": "http://nlp.stanford.edu/data/glove.6B.zip",\n    }\nclass CharNGram:\n    url = ("https://www.logos.t.u-tokyo.ac.jp/~hassy/publications/arxiv2016jmt/"\n           "jmt_pre-trained_embeddings.tar.gz")' }] },
      ],
    },
    {
      code: 'W2V = "http://vectors.nlp-mirror.org/GoogleNews-vectors-negative300.bin.gz"\nFT = "http://vectors.nlp-mirror.org/wiki.en.vec"',
      errors: [
        { messageId: 'insecureLiteral', line: 1, confidence: 'high', suggestions: [{ messageId: 'useHttps', output: 'W2V = "https://vectors.nlp-mirror.org/GoogleNews-vectors-negative300.bin.gz"\nFT = "http://vectors.nlp-mirror.org/wiki.en.vec"' }] },
        { messageId: 'insecureLiteral', line: 2, confidence: 'high', suggestions: [{ messageId: 'useHttps', output: 'W2V = "http://vectors.nlp-mirror.org/GoogleNews-vectors-negative300.bin.gz"\nFT = "https://vectors.nlp-mirror.org/wiki.en.vec"' }] },
      ],
    },
    // built from a base URL: reported where the model file is named, fixed where http:// is written, once per literal
    {
      code: 'BASE = "http://x.org/files"\nRESNET = BASE + "/resnet50.pth"\nVGG = f"{BASE}/vgg16.pth"',
      errors: [{ messageId: 'insecureLiteral', line: 2, data: { url: 'http://x.org/files/resnet50.pth' }, suggestions: [{ messageId: 'useHttps', output: 'BASE = "https://x.org/files"\nRESNET = BASE + "/resnet50.pth"\nVGG = f"{BASE}/vgg16.pth"' }] }],
    },
    {
      code: 'def url(host, name):\n    return f"http://{host}/{name}.onnx"',
      errors: [{ messageId: 'insecureLiteral', confidence: 'medium', data: { url: 'http://*/*.onnx' }, suggestions: [{ messageId: 'useHttps', output: 'def url(host, name):\n    return f"https://{host}/{name}.onnx"' }] }],
    },
    // TensorFlow Hub handles over plain HTTP (review persist)
    {
      code: 'import tensorflow_hub as hub\nm = hub.load("http://models.example.com/encoder/1")\nlayer = hub.KerasLayer(handle="http://models.example.com/encoder/2", trainable=False)',
      errors: [
        { messageId: 'insecure', line: 2, data: { api: 'tensorflow_hub.load', what: 'a model', url: 'http://models.example.com/encoder/1' }, suggestions: [{ messageId: 'useHttps', output: 'import tensorflow_hub as hub\nm = hub.load("https://models.example.com/encoder/1")\nlayer = hub.KerasLayer(handle="http://models.example.com/encoder/2", trainable=False)' }] },
        { messageId: 'insecure', line: 3, data: { api: 'tensorflow_hub.KerasLayer', what: 'a model', url: 'http://models.example.com/encoder/2' }, suggestions: [{ messageId: 'useHttps', output: 'import tensorflow_hub as hub\nm = hub.load("http://models.example.com/encoder/1")\nlayer = hub.KerasLayer(handle="https://models.example.com/encoder/2", trainable=False)' }] },
      ],
    },
    { code: 'import tensorflow_hub as hub\npath = hub.resolve("http://models.example.com/encoder/3")\nmodule = hub.Module("http://models.example.com/encoder/1")', errors: [{ messageId: 'insecure', line: 2, data: { api: 'tensorflow_hub.resolve', what: 'a model', url: 'http://models.example.com/encoder/3' }, suggestions: [{ messageId: 'useHttps', output: 'import tensorflow_hub as hub\npath = hub.resolve("https://models.example.com/encoder/3")\nmodule = hub.Module("http://models.example.com/encoder/1")' }] }, { messageId: 'insecure', line: 3, data: { api: 'tensorflow_hub.Module', what: 'a model', url: 'http://models.example.com/encoder/1' }, suggestions: [{ messageId: 'useHttps', output: 'import tensorflow_hub as hub\npath = hub.resolve("http://models.example.com/encoder/3")\nmodule = hub.Module("https://models.example.com/encoder/1")' }] }] },
    // mmengine's loader fetches the URL itself (review github2, p02c)
    {
      code: "from mmengine.runner import load_checkpoint\ndef init(model):\n    load_checkpoint(model, 'http://download.openmmlab.com/x/faster_rcnn_r50.pth', map_location='cpu')",
      errors: [{ messageId: 'insecure', line: 3, data: { api: 'load_checkpoint', what: 'weights', url: 'http://download.openmmlab.com/x/faster_rcnn_r50.pth' }, suggestions: [{ messageId: 'useHttps', output: "from mmengine.runner import load_checkpoint\ndef init(model):\n    load_checkpoint(model, 'https://download.openmmlab.com/x/faster_rcnn_r50.pth', map_location='cpu')" }] }],
    },
    // one finding per URL: reported at its fetch call, not again where it is written (review github2, p02d)
    {
      code: 'import torch, requests\nW = "http://x.org/resnet50.pth"\nsd = torch.hub.load_state_dict_from_url(W, check_hash=True)\nr = requests.get("http://x.org/vgg16.pth")\nopen("vgg16.pth", "wb").write(r.content)\nTABLE = {"a": "http://x.org/a.pth", "b": "http://x.org/b.pth"}\ndef f(k):\n    return torch.hub.load_state_dict_from_url(TABLE[k])',
      errors: [
        { messageId: 'insecure', line: 3, suggestions: [{ messageId: 'useHttps', output: 'import torch, requests\nW = "https://x.org/resnet50.pth"\nsd = torch.hub.load_state_dict_from_url(W, check_hash=True)\nr = requests.get("http://x.org/vgg16.pth")\nopen("vgg16.pth", "wb").write(r.content)\nTABLE = {"a": "http://x.org/a.pth", "b": "http://x.org/b.pth"}\ndef f(k):\n    return torch.hub.load_state_dict_from_url(TABLE[k])' }] },
        { messageId: 'insecure', line: 4, suggestions: [{ messageId: 'useHttps', output: 'import torch, requests\nW = "http://x.org/resnet50.pth"\nsd = torch.hub.load_state_dict_from_url(W, check_hash=True)\nr = requests.get("https://x.org/vgg16.pth")\nopen("vgg16.pth", "wb").write(r.content)\nTABLE = {"a": "http://x.org/a.pth", "b": "http://x.org/b.pth"}\ndef f(k):\n    return torch.hub.load_state_dict_from_url(TABLE[k])' }] },
        { messageId: 'insecure', line: 8, suggestions: [] },
      ],
    },
    // certificate verification turned off on a model download
    {
      code: 'import requests, urllib3\nurllib3.disable_warnings()\nr = requests.get("https://x.org/model.safetensors", verify=False)\nopen("model.safetensors", "wb").write(r.content)',
      errors: [{ messageId: 'verificationOff', line: 3, confidence: 'high', data: { api: 'requests.get', what: '"https://x.org/model.safetensors"', how: 'verify=False' } }],
    },
    // a session set back to verifying before the download: nothing; turned off on one branch only: medium
    {
      code: 'import requests\ns = requests.Session()\ns.verify = False\ns.verify = True\nr = s.get("https://x.org/model.pth")\nopen("model.pth", "wb").write(r.content)\nt = requests.Session()\nif insecure:\n    t.verify = False\nr2 = t.get("https://x.org/b.pth")\nopen("b.pth", "wb").write(r2.content)',
      errors: [{ messageId: 'verificationOff', line: 10, confidence: 'medium', data: { api: 'session.get', what: '"https://x.org/b.pth"', how: 't.verify = False' } }],
    },
    // `s.verify = False` on the session before the download; not another session, not after the call
    {
      code: 'import requests\ns = requests.Session()\ns.verify = False\nr = s.get("https://x.org/model.pth")\nopen("model.pth", "wb").write(r.content)\nother = requests.Session()\nr2 = other.get("https://x.org/b.pth")\nopen("b.pth", "wb").write(r2.content)\nt = requests.Session()\nr3 = t.get("https://x.org/c.pth")\nopen("c.pth", "wb").write(r3.content)\nt.verify = False',
      errors: [{ messageId: 'verificationOff', line: 4, confidence: 'high', data: { api: 'session.get', what: '"https://x.org/model.pth"', how: 's.verify = False' } }],
    },
    {
      code: 'import subprocess\nsubprocess.run(["curl", "-kL", "-o", "model.onnx", "https://x.org/model.onnx"])\nsubprocess.run("wget --no-check-certificate https://x.org/weights.pth", shell=True)',
      errors: [
        { messageId: 'verificationOff', line: 2, data: { api: 'curl (subprocess)', what: '"https://x.org/model.onnx"', how: '-kL' } },
        { messageId: 'verificationOff', line: 3, data: { api: 'wget (subprocess)', what: '"https://x.org/weights.pth"', how: '--no-check-certificate' } },
      ],
    },
    {
      code: 'import ssl, urllib.request\nctx = ssl._create_unverified_context()\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
      errors: [{ messageId: 'verificationOff', line: 3, data: { api: 'urlopen', what: '"https://x.org/model.pt"', how: 'context=ssl._create_unverified_context()' } }],
    },
    // a context told to accept any certificate (`verify_mode = ssl.CERT_NONE`), given to urllib, httpx or aiohttp
    {
      code: 'import ssl, urllib.request\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
      errors: [{ messageId: 'verificationOff', line: 5, confidence: 'high', data: { api: 'urlopen', what: '"https://x.org/model.pt"', how: 'ctx.verify_mode = ssl.CERT_NONE' } }],
    },
    {
      code: 'import ssl, httpx\nfrom ssl import CERT_NONE\nclass Fetcher:\n    def __init__(self):\n        self.ctx = ssl.create_default_context()\n        self.ctx.check_hostname = False\n        self.ctx.verify_mode = CERT_NONE\n    def fetch(self):\n        r = httpx.get("https://x.org/weights.safetensors", verify=self.ctx)\n        open("weights.safetensors", "wb").write(r.content)',
      errors: [{ messageId: 'verificationOff', line: 9, data: { api: 'httpx.get', what: '"https://x.org/weights.safetensors"', how: 'self.ctx.verify_mode = ssl.CERT_NONE' } }],
    },
    // CERT_NONE on one branch, CERT_REQUIRED on the other; CERT_NONE, then CERT_REQUIRED under a condition: medium (review of the mends, N2)
    ...[
      'import os, ssl, urllib.request\nctx = ssl.create_default_context()\nctx.check_hostname = False\nif os.environ.get("INSECURE"):\n    ctx.verify_mode = ssl.CERT_NONE\nelse:\n    ctx.verify_mode = ssl.CERT_REQUIRED\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
      'import os, ssl, urllib.request\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\nif os.environ.get("STRICT"):\n    ctx.check_hostname = True\n    ctx.verify_mode = ssl.CERT_REQUIRED\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
    ].map((code) => ({ code, errors: [{ messageId: 'verificationOff' as const, line: 8, confidence: 'medium' as const }] })),
    // CERT_NONE on both branches, and both the write and the download under `if __name__ == "__main__":`: high
    {
      code: 'import os, ssl, urllib.request\nctx = ssl.create_default_context()\nctx.check_hostname = False\nif os.environ.get("A"):\n    ctx.verify_mode = ssl.CERT_NONE\nelse:\n    ctx.verify_mode = ssl.CERT_NONE\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
      errors: [{ messageId: 'verificationOff', line: 8, confidence: 'high' }],
    },
    {
      code: 'import ssl, urllib.request\nif __name__ == "__main__":\n    ctx = ssl.create_default_context()\n    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n    with urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n        open("model.pt", "wb").write(r.read())',
      errors: [{ messageId: 'verificationOff', line: 6, confidence: 'high' }],
    },
    // CERT_NONE only where a condition holds: medium
    {
      code: 'import os, ssl, urllib.request\nctx = ssl.create_default_context()\nif os.environ.get("INSECURE") == "1":\n    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\nwith urllib.request.urlopen("https://x.org/model.pt", context=ctx) as r:\n    open("model.pt", "wb").write(r.read())',
      errors: [{ messageId: 'verificationOff', line: 6, confidence: 'medium', data: { api: 'urlopen', what: '"https://x.org/model.pt"', how: 'ctx.verify_mode = ssl.CERT_NONE' } }],
    },
    {
      code: 'import ssl, aiohttp\nasync def fetch():\n    ctx = ssl.create_default_context()\n    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n    async with aiohttp.ClientSession() as s:\n        async with s.get("https://x.org/model.onnx", ssl=ctx) as r:\n            open("model.onnx", "wb").write(await r.read())',
      errors: [{ messageId: 'verificationOff', line: 7, data: { api: 'session.get', what: '"https://x.org/model.onnx"', how: 'ctx.verify_mode = ssl.CERT_NONE' } }],
    },
    // the whole process: ssl's default HTTPS context replaced, in a file that downloads model files through urllib (review corpus2, r14)
    {
      code: 'import ssl\nfrom urllib.request import urlretrieve\nssl._create_default_https_context = ssl._create_unverified_context\nurlretrieve("https://x.org/resnet50.pth", "resnet50.pth")',
      errors: [{ messageId: 'processUnverified', line: 3, confidence: 'high', data: { api: 'urlretrieve', line: '4' } }],
    },
    {
      code: 'import ssl\nimport torch\ntry:\n    _create_unverified_https_context = ssl._create_unverified_context\nexcept AttributeError:\n    pass\nelse:\n    ssl._create_default_https_context = _create_unverified_https_context\nstate = torch.hub.load_state_dict_from_url("https://x.org/resnet50.pth")',
      errors: [{ messageId: 'processUnverified', line: 8, confidence: 'high', data: { api: 'load_state_dict_from_url', line: '9' } }],
    },
    {
      code: 'import os, ssl\nfrom urllib.request import urlretrieve\nURLS = {"wiki.en": "https://dl.fbaipublicfiles.com/fasttext/vectors-wiki/wiki.en.vec"}\ndef cache(url, dest):\n    ssl._create_default_https_context = ssl._create_unverified_context\n    if not os.path.isfile(dest):\n        urlretrieve(url, dest)',
      errors: [{ messageId: 'processUnverified', line: 5, confidence: 'medium', data: { api: 'urlretrieve', line: '7' } }],
    },
    {
      code: 'import os\nos.environ["HF_ENDPOINT"] = "http://mirror.local.example"',
      errors: [
        {
          messageId: 'insecureEndpoint',
          suggestions: [{ messageId: 'useHttps', output: 'import os\nos.environ["HF_ENDPOINT"] = "https://mirror.local.example"' }],
        },
      ],
    },
  ],
});

fixture(rule);
