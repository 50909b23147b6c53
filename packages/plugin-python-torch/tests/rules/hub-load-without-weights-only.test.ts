import rule from '../../src/rules/hub-load-without-weights-only.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('torch/hub-load-without-weights-only', rule, {
  valid: [
    'import torch\ns = torch.hub.load_state_dict_from_url(u, weights_only=True)',
    'import torch.utils.model_zoo as mz\ns = mz.load_url(u, weights_only=True)',
    'import torch\ntorch.hub.download_url_to_file(u, "x.pth")',
    'class Z:\n    def load_url(self, u):\n        return u\n    def go(self):\n        return self.load_url("x")',
  ],
  invalid: [
    {
      code: 'import torch\ndef fetch(u, weights_only=None):\n    return torch.hub.load_state_dict_from_url(u, weights_only=weights_only)\nsd = fetch(URL, weights_only=False)',
      errors: [{ messageId: 'explicitFalse', line: 3 }],
    },
    // torchvision re-exports torch.hub's function: the spellings copied into many model files
    {
      code: 'from torchvision.models.utils import load_state_dict_from_url\nsd = load_state_dict_from_url(URL, progress=True)',
      errors: [
        {
          messageId: 'missing',
          confidence: 'high',
          data: { callee: 'torch.hub.load_state_dict_from_url', bypass: '' },
          suggestions: [{ messageId: 'addWeightsOnly', output: 'from torchvision.models.utils import load_state_dict_from_url\nsd = load_state_dict_from_url(URL, progress=True, weights_only=True)' }],
        },
      ],
    },
    {
      code: 'from torchvision._internally_replaced_utils import load_state_dict_from_url\nsd = load_state_dict_from_url(URL, weights_only=False)',
      errors: [{ messageId: 'explicitFalse' }],
    },
    {
      // no suggestion where the call may reach another function (`fetch_json` takes no weights_only)
      code: 'import torch\ndef fetch_json(u):\n    return {}\ndef get(u, ckpt):\n    fetch = torch.hub.load_state_dict_from_url if ckpt else fetch_json\n    return fetch(u)',
      errors: [{ messageId: 'missing', line: 6, suggestions: [] }],
    },
    // after a `\` continuation, the keyword goes right after the last argument
    {
      code: 'import torch\nsd = torch.hub.load_state_dict_from_url(u \\\n    )',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\nsd = torch.hub.load_state_dict_from_url(u, weights_only=True \\\n    )' }] }],
    },
    {
      code: 'import torch\nsd = torch.hub.load_state_dict_from_url(u, weights_only=None)',
      errors: [{ messageId: 'noneFlag', confidence: 'medium', suggestions: [{ messageId: 'setWeightsOnly', output: 'import torch\nsd = torch.hub.load_state_dict_from_url(u, weights_only=True)' }] }],
    },
    {
      code: 'import torch\ndef f(u, weights_only=None):\n    return torch.hub.load_state_dict_from_url(u, weights_only=weights_only)',
      errors: [{ messageId: 'noneFlag', suggestions: [{ messageId: 'defaultWeightsOnly', output: 'import torch\ndef f(u, weights_only=True):\n    return torch.hub.load_state_dict_from_url(u, weights_only=weights_only)' }] }],
    },
    {
      code: 'import torch\ns = torch.hub.load_state_dict_from_url(u, check_hash=True)',
      errors: [
        {
          messageId: 'missing',
          line: 2,
          confidence: 'high',
          data: { callee: 'torch.hub.load_state_dict_from_url', bypass: '' },
          suggestions: [{ messageId: 'addWeightsOnly', output: 'import torch\ns = torch.hub.load_state_dict_from_url(u, check_hash=True, weights_only=True)' }],
        },
      ],
    },
    {
      code: 'from torch.utils.model_zoo import load_url\ns = load_url(u)',
      errors: [{ messageId: 'missing', suggestions: [{ messageId: 'addWeightsOnly', output: 'from torch.utils.model_zoo import load_url\ns = load_url(u, weights_only=True)' }] }],
    },
    { code: 'import torch\ns = torch.hub.load_state_dict_from_url(u, weights_only=False)', errors: [{ messageId: 'explicitFalse' }] },
    { code: 'import torch\ns = torch.hub.load_state_dict_from_url(u, None, None, True, False, None, False)', errors: [{ messageId: 'explicitFalse' }] },
    { code: 'import torch\ndef f(u, w):\n    return torch.hub.load_state_dict_from_url(u, weights_only=w)', errors: [{ messageId: 'unknownFlag', confidence: 'low' }] },
    { code: 'import torch\ndef f(u, **kw):\n    return torch.hub.load_state_dict_from_url(u, **kw)', errors: [{ messageId: 'unknownFlag', confidence: 'low' }] },
  ],
});

// (review geo P2-1) OpenMMLab's checkpoint loaders of a URL: `load_from_http` → `model_zoo.load_url`, no hash, no `weights_only`
const MM_URL = 'https://download.openmmlab.com/mmrotate/v0.1.0/oriented_rcnn/oriented_rcnn_r50_fpn_1x_dota_le90-6d2b2ce0.pth';
const MM_SHOWN = 'https://download.openmmlab.com/mmrotate/v0.1.0/oriented_r...';
ruleTester.run('torch/hub-load-without-weights-only (OpenMMLab)', rule, {
  valid: [
    // a local checkpoint: `torch.load`, whose `weights_only` depends on the installed mmcv/mmengine
    'from mmengine.runner import load_checkpoint\ndef f(model):\n    load_checkpoint(model, "work_dirs/latest.pth", map_location="cpu")',
    'from mmdet.apis import init_detector\nm = init_detector("cfg.py", "checkpoints/faster_rcnn.pth", device="cpu")',
    // a `load_checkpoint` of another library, or of the file
    'import mmcv\nfrom mylib import load_checkpoint\nload_checkpoint(model, "https://example.org/m.pth")',
    'import mmcv\ndef load_checkpoint(model, url):\n    return None\nload_checkpoint(model, "https://example.org/m.pth")',
  ],
  invalid: [
    {
      code: `from mmcv.runner import load_checkpoint\nfrom mmdet.apis import init_detector\nCKPT = "${MM_URL}"\ndef build(model, cfg):\n    load_checkpoint(model, CKPT, map_location="cpu")\n    return init_detector(cfg, CKPT, device="cuda:0")`,
      errors: [
        { messageId: 'mmUrl', line: 5, confidence: 'high', data: { callee: 'load_checkpoint', url: MM_SHOWN, bypass: '' } },
        { messageId: 'mmUrl', line: 6, confidence: 'high', data: { callee: 'init_detector', url: MM_SHOWN, bypass: '' } },
      ],
    },
    {
      code: 'from mmengine.runner.checkpoint import _load_checkpoint, CheckpointLoader\nfrom mmseg.apis import init_model\na = _load_checkpoint("https://example.org/m.pth")\nb = CheckpointLoader.load_checkpoint("https://example.org/m.pth")\nc = init_model("cfg.py", checkpoint="https://example.org/m.pth")',
      errors: [
        { messageId: 'mmUrl', line: 3, confidence: 'high', data: { callee: '_load_checkpoint', url: 'https://example.org/m.pth', bypass: '' } },
        { messageId: 'mmUrl', line: 4, confidence: 'high', data: { callee: 'CheckpointLoader.load_checkpoint', url: 'https://example.org/m.pth', bypass: '' } },
        { messageId: 'mmUrl', line: 5, confidence: 'high', data: { callee: 'init_model', url: 'https://example.org/m.pth', bypass: '' } },
      ],
    },
    // (whole-change review P3-3) the names of OpenMMLab's schemes, turned into its CDN's URLs and fetched the same way
    {
      code: 'from mmcv.runner import load_checkpoint\nload_checkpoint(model, "open-mmlab://resnet50_v1c")\nload_checkpoint(model, "torchvision://resnet50")\nload_checkpoint(model, "mmcls://mobilenet_v2")',
      errors: [
        { messageId: 'mmUrl', line: 2, confidence: 'high', data: { callee: 'load_checkpoint', url: 'open-mmlab://resnet50_v1c', bypass: '' } },
        { messageId: 'mmUrl', line: 3, confidence: 'high', data: { callee: 'load_checkpoint', url: 'torchvision://resnet50', bypass: '' } },
        { messageId: 'mmUrl', line: 4, confidence: 'high', data: { callee: 'load_checkpoint', url: 'mmcls://mobilenet_v2', bypass: '' } },
      ],
    },
  ],
});

fixture(rule);
