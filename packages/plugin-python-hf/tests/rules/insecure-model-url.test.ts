import rule from '../../src/rules/insecure-model-url.js';
import { fixture, ruleTester } from '../helpers.js';

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
