import rule from '../../src/rules/download-without-hash.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/download-without-hash', rule, {
  valid: [
    'import torch\ns = torch.hub.load_state_dict_from_url("https://x.org/w-0676ba61.pth", check_hash=True)',
    'from torch.hub import download_url_to_file\ndef f(u, d, h):\n    download_url_to_file(u, d, hash_prefix=h)',
    'import tensorflow as tf\np = tf.keras.utils.get_file("m.h5", origin="https://x.org/m.h5", file_hash="ab")',
    // torchaudio VoxCeleb1: a split list (.txt) is evidently no model
    'import os\nfrom torch.hub import download_url_to_file\nURL = "https://www.robots.ox.ac.uk/~vgg/data/voxceleb/meta/iden_split.txt"\nclass V:\n    def __init__(self, root, meta_url=URL):\n        p = os.path.join(root, os.path.basename(meta_url))\n        download_url_to_file(meta_url, p)',
  ],
  invalid: [
    {
      code: 'import torch\ns = torch.hub.load_state_dict_from_url("https://example.org/weights.pth", weights_only=True)',
      errors: [{ messageId: 'missing', data: { api: 'load_state_dict_from_url', fix: 'check_hash=True' }, confidence: 'high' }],
    },
    // torchvision's re-exports of the same function, also behind an ImportError fallback
    {
      code: 'try:\n    from torchvision.models.utils import load_state_dict_from_url\nexcept ImportError:\n    from torch.utils.model_zoo import load_url as load_state_dict_from_url\ns = load_state_dict_from_url("https://example.org/weights.pth")',
      errors: [{ messageId: 'missing', line: 5, data: { api: 'load_state_dict_from_url', fix: 'check_hash=True' } }],
    },
    {
      code: 'from torchvision._internally_replaced_utils import load_state_dict_from_url\ns = load_state_dict_from_url("https://example.org/weights.pth")',
      errors: [{ messageId: 'missing', data: { api: 'load_state_dict_from_url', fix: 'check_hash=True' } }],
    },
    {
      code: 'from torchvision.models.utils import load_state_dict_from_url\ns = load_state_dict_from_url("https://example.org/weights.pth", check_hash=False)',
      errors: [{ messageId: 'disabled', data: { api: 'load_state_dict_from_url', arg: 'check_hash=False' } }],
    },
    {
      code: 'import torch\ns = torch.hub.load_state_dict_from_url("https://example.org/weights.pth", check_hash=False)',
      errors: [{ messageId: 'disabled', data: { api: 'load_state_dict_from_url', arg: 'check_hash=False' } }],
    },
    {
      code: 'from keras.utils import get_file\np = get_file("m.h5", "https://x.org/m.h5")',
      errors: [{ messageId: 'missing' }],
    },
    {
      code: 'import torch\ndef f(c):\n    return torch.hub.load_state_dict_from_url("https://x.org/w.pth", check_hash=c)',
      errors: [{ messageId: 'unknown', confidence: 'low' }],
    },
  ],
});

fixture(rule);
