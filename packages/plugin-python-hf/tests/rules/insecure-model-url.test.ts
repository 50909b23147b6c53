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
  ],
  invalid: [
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
