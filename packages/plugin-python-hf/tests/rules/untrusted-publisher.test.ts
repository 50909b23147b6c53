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
    // a faster-whisper size names a Systran repository; Haystack's default model its publisher
    {
      code: 'from faster_whisper import WhisperModel\nm = WhisperModel("distil-large-v3")',
      settings,
      errors: [{ messageId: 'unknownPublisher', confidence: 'high', data: { api: 'WhisperModel', id: 'Systran/faster-distil-whisper-large-v3', owner: 'Systran', trusted: 'meta-llama, my-org, gpt2' } }],
    },
    {
      code: 'from haystack.components.rankers import SentenceTransformersSimilarityRanker\nr = SentenceTransformersSimilarityRanker()',
      settings,
      errors: [{ messageId: 'unknownPublisher', data: { api: 'SentenceTransformersSimilarityRanker', id: 'cross-encoder/ms-marco-MiniLM-L-6-v2', owner: 'cross-encoder', trusted: 'meta-llama, my-org, gpt2' } }],
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
