import rule from '../../src/rules/unverified-model-download.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/unverified-model-download', rule, {
  valid: [
    'import os, urllib.request\nfor url in ["https://example.com/a.json", "https://example.com/b.txt"]:\n    urllib.request.urlretrieve(url, os.path.basename(url))',
    'import hashlib\nfrom basicsr.utils.download_util import load_file_from_url\ndef get(expected):\n    p = load_file_from_url("https://example.org/w.pth", model_dir="weights")\n    if hashlib.sha256(open(p, "rb").read()).hexdigest() != expected:\n        raise ValueError("bad weights")\n    return p',
    // the brief's remediation pattern
    'import hashlib\nimport requests\nr = requests.get("https://x.org/model.bin")\nif hashlib.sha256(r.content).hexdigest() != "ab":\n    raise ValueError()\nopen("model.bin", "wb").write(r.content)',
    'import requests\nstatus = requests.get("https://x.org/model.bin").status_code',
    'import requests\ncfg = requests.get("https://x.org/config").json()',
  ],
  invalid: [
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
    {
      code: 'import pickle\nfrom urllib.request import urlopen\nclf = pickle.loads(urlopen("https://x.org/clf").read())',
      errors: [{ messageId: 'unverified', data: { api: 'urlopen', what: '"https://x.org/clf"', action: 'loads' } }],
    },
    {
      code: 'import subprocess\nsubprocess.run("curl -sL https://x.org/w.safetensors -o w.safetensors", shell=True)',
      errors: [{ messageId: 'unverified' }],
    },
  ],
});

fixture(rule);
