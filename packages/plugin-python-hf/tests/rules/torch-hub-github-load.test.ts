import rule from '../../src/rules/torch-hub-github-load.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/torch-hub-github-load', rule, {
  valid: [
    'import torch\nm = torch.hub.load("vendor/vision", "resnet50", source="local")',
    'import torch\nm = torch.hub.load("./hub", "resnet50", source="local")',
    'def load(repo, name):\n    return repo\nload("pytorch/vision", "resnet50")',
  ],
  invalid: [
    {
      code: 'import torch\nm = torch.hub.load("pytorch/vision", "resnet50")',
      errors: [{ messageId: 'unpinned', data: { fn: 'load', repo: 'pytorch/vision' }, severity: 'high' }],
    },
    {
      code: 'import torch\nm = torch.hub.load("pytorch/vision:0123456789abcdef0123456789abcdef01234567", "resnet50", trust_repo=True)',
      errors: [{ messageId: 'trustRepo', severity: 'high' }],
    },
    {
      code: 'import torch\nm = torch.hub.load("pytorch/vision:v0.10.0", "resnet50")',
      errors: [{ messageId: 'pinned', severity: 'medium' }],
    },
    {
      code: 'import torch\nm = torch.hub.load("pytorch/vision:main", "resnet50")',
      errors: [{ messageId: 'branch', data: { fn: 'load', repo: 'pytorch/vision', ref: 'main' } }],
    },
    {
      code: 'import torch\ndef f(repo):\n    return torch.hub.load(repo, "m")',
      errors: [{ messageId: 'unknownRepo', confidence: 'low' }],
    },
  ],
});

fixture(rule);
