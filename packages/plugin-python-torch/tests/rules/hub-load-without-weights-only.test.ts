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

fixture(rule);
