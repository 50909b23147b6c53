import rule from '../../src/rules/torch-hub-github-load.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/torch-hub-github-load', rule, {
  valid: [
    'import torch\nm = torch.hub.load("vendor/vision", "resnet50", source="local")',
    'import torch\nm = torch.hub.load("./hub", "resnet50", source="local")',
    'def load(repo, name):\n    return repo\nload("pytorch/vision", "resnet50")',
    'import paddle\nm = paddle.hub.load("./local_repo", "alexnet", source="local")',
  ],
  invalid: [
    {
      code: 'import torch\nm = torch.hub.load("pytorch/vision", "resnet50")',
      errors: [{ messageId: 'unpinned', data: { hub: 'torch.hub', host: 'GitHub', fn: 'load', repo: 'pytorch/vision' }, severity: 'high' }],
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
      errors: [{ messageId: 'branch', data: { hub: 'torch.hub', host: 'GitHub', fn: 'load', repo: 'pytorch/vision', ref: 'main' } }],
    },
    // a ref that is no hash and no well-known branch name (MiDaS's release tag `v3_1`): branch or tag, reported as a tag
    {
      code: 'import torch\nm = torch.hub.load("intel-isl/MiDaS:v3_1", "DPT_Large")\nn = torch.hub.load("owner/repo:release-2", "m")\no = torch.hub.load("owner/repo:master", "m")',
      errors: [
        { messageId: 'ref', line: 2, data: { hub: 'torch.hub', host: 'GitHub', fn: 'load', repo: 'intel-isl/MiDaS', ref: 'v3_1' }, severity: 'medium', confidence: 'high' },
        { messageId: 'ref', line: 3, data: { hub: 'torch.hub', host: 'GitHub', fn: 'load', repo: 'owner/repo', ref: 'release-2' }, severity: 'medium', confidence: 'high' },
        { messageId: 'branch', line: 4, data: { hub: 'torch.hub', host: 'GitHub', fn: 'load', repo: 'owner/repo', ref: 'master' }, severity: 'high' },
      ],
    },
    // PaddlePaddle's hub: the same specs and hubconf.py, from GitHub or Gitee
    {
      code: 'import paddle\nm = paddle.hub.load("PaddlePaddle/PaddleClas:develop", "alexnet", source="github", force_reload=True)\nm2 = paddle.hub.load("someone/repo", "net", source="gitee")\nnames = paddle.hub.list(repo_dir="PaddlePaddle/PaddleClas:v2.5.0")',
      errors: [
        { messageId: 'branch', line: 2, data: { hub: 'paddle.hub', host: 'GitHub', fn: 'load', repo: 'PaddlePaddle/PaddleClas', ref: 'develop' }, severity: 'high' },
        { messageId: 'unpinned', line: 3, data: { hub: 'paddle.hub', host: 'Gitee', fn: 'load', repo: 'someone/repo' }, severity: 'high' },
        { messageId: 'pinned', line: 4, data: { hub: 'paddle.hub', host: 'GitHub', fn: 'list', repo: 'PaddlePaddle/PaddleClas', ref: 'v2.5.0' }, severity: 'medium' },
      ],
    },
    {
      code: 'import torch\ndef f(repo):\n    return torch.hub.load(repo, "m")',
      errors: [{ messageId: 'unknownRepo', confidence: 'low' }],
    },
  ],
});

fixture(rule);
