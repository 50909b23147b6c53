import rule from '../../src/rules/untrusted-publisher.js';
import { fixture, ruleTester } from '../helpers.js';

const settings = { trustedPublishers: ['meta-llama', 'my-org', 'gpt2'] };

ruleTester.run('hf/untrusted-publisher', rule, {
  valid: [
    // off until configured
    'from transformers import AutoModel\nAutoModel.from_pretrained("someone/model")',
    { code: 'from transformers import AutoModel\nAutoModel.from_pretrained("meta-llama/Llama-3-8b")', settings },
    { code: 'from transformers import AutoModel\nAutoModel.from_pretrained("./local/model")', settings },
    // a directory unless none exists: its first segment names no publisher (hf/unpinned-revision says it may be fetched)
    { code: 'from transformers import AutoModel\nAutoModel.from_pretrained("models/Llama-3.1-8B-Instruct")', settings },
    // an id a condition chooses between trusted owners' ids and local paths
    {
      code: 'import torch\nfrom transformers import AutoModel\nmodel_id = "meta-llama/Llama-3-70b" if torch.cuda.is_available() else "meta-llama/Llama-3-8b"\nm = AutoModel.from_pretrained(model_id)',
      settings,
    },
    { code: 'from transformers import AutoModel\ndef f(gpu):\n    return AutoModel.from_pretrained("./local" if gpu else "my-org/m")', settings },
  ],
  invalid: [
    // each value of a conditional id is judged: the first untrusted owner is reported, once
    {
      code: 'import torch\nfrom transformers import AutoModel\nmodel_id = "meta-llama/Llama-3-8b" if torch.cuda.is_available() else "someone/model"\nm = AutoModel.from_pretrained(model_id)',
      settings,
      errors: [{ messageId: 'unknownPublisher', confidence: 'high', line: 4, data: { api: 'AutoModel.from_pretrained', id: 'someone/model', owner: 'someone', trusted: 'meta-llama, my-org, gpt2' } }],
    },
    {
      code: 'from transformers import AutoModel\ndef f(gpu):\n    return AutoModel.from_pretrained("bert-base-uncased" if gpu else "other/model" if gpu > 1 else "someone/model")',
      settings,
      errors: [{ messageId: 'unknownPublisher', data: { api: 'AutoModel.from_pretrained', id: 'other/model', owner: 'other', trusted: 'meta-llama, my-org, gpt2' } }],
    },
    // owner-less values only: the first of them
    {
      code: 'from transformers import AutoModel\ndef f(gpu):\n    return AutoModel.from_pretrained("meta-llama/a" if gpu else "bert-base-uncased")',
      settings,
      errors: [{ messageId: 'noOwner', confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'bert-base-uncased' } }],
    },
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
    // (review apple P2-3, P2-4) mlx-vlm's and mlx-whisper's loads are judged by their owner; `transcribe`'s default model too
    {
      code: 'import mlx_vlm\nimport mlx_whisper\nm, p = mlx_vlm.load("someone/qwen-vl-4bit")\nmine, q = mlx_vlm.load("my-org/qwen-vl-4bit")\nr = mlx_whisper.transcribe("a.mp3")',
      settings,
      errors: [
        { messageId: 'unknownPublisher', line: 3, confidence: 'high', data: { api: 'mlx_vlm.load', id: 'someone/qwen-vl-4bit', owner: 'someone', trusted: 'meta-llama, my-org, gpt2' } },
        { messageId: 'unknownPublisher', line: 5, data: { api: 'mlx_whisper.transcribe', id: 'mlx-community/whisper-turbo', owner: 'mlx-community', trusted: 'meta-llama, my-org, gpt2' } },
      ],
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
