import rule from '../../src/rules/untrusted-publisher.js';
import { fixture, ruleTester } from '../helpers.js';

const settings = { trustedPublishers: ['meta-llama', 'my-org', 'gpt2'] };

ruleTester.run('hf/untrusted-publisher', rule, {
  valid: [
    // off until configured
    'from transformers import AutoModel\nAutoModel.from_pretrained("someone/model")',
    { code: 'from transformers import AutoModel\nAutoModel.from_pretrained("meta-llama/Llama-3-8b")', settings },
    { code: 'from transformers import AutoModel\nAutoModel.from_pretrained("./local/model")', settings },
  ],
  invalid: [
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("someone/model")',
      settings,
      errors: [{ messageId: 'unknownPublisher', data: { api: 'AutoModel.from_pretrained', id: 'someone/model', owner: 'someone', trusted: 'meta-llama, my-org, gpt2' } }],
    },
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("bert-base-uncased")',
      settings,
      errors: [{ messageId: 'noOwner', confidence: 'medium' }],
    },
    {
      // a bare name that is no known legacy id may be a local folder
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("glm_model")',
      settings,
      errors: [{ messageId: 'bareName', confidence: 'low' }],
    },
  ],
});

fixture(rule, { settings });
fixture(rule, { file: 'untrusted-publisher-unset.py' });
