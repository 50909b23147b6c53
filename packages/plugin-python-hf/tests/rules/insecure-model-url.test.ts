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
    'import urllib.request\nurllib.request.urlretrieve("https://x.org/net.onnx", "net.onnx")',
    'import requests\nr = requests.get("http://x.org/api").json()',
    'URL = "http://x.org/model.bin"',
    // plain HTTP pinned to a full SHA-256 (torchaudio's LibriSpeech): a substituted file fails the check
    'import os\nfrom torch.hub import download_url_to_file\n_CHECKSUMS = {"http://www.openslr.org/resources/12/dev-clean.tar.gz": "76f87d090650617fca0cac8f88b9416e0ebf80350acb97b343a85fa903728ab3"}\ndef dl(root, url):\n    base_url = "http://www.openslr.org/resources/12/"\n    filename = url + ".tar.gz"\n    download_url = os.path.join(base_url, filename)\n    checksum = _CHECKSUMS.get(download_url, None)\n    download_url_to_file(download_url, os.path.join(root, filename), hash_prefix=checksum)',
  ],
  invalid: [
    // an http:// base URL joined with a name in every common spelling (insightface's model storage)
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
