import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';

// Default host (https://huggingface.co) and layout ({model}/resolve/{revision}/): pins apply.
env.allowLocalModels = false;

// Commits reviewed on the model pages ("Files and versions" → history).
const SST2_COMMIT = '8a1b6f0e3d2c4b5a69788796a5b4c3d2e1f00112';
const BERT_COMMIT = '1f2e3d4c5b6a79881726354453627180a9b8c7d6';

export async function createClassifier() {
  return pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', { revision: SST2_COMMIT });
}

export async function createTokenizer() {
  return AutoTokenizer.from_pretrained('Xenova/bert-base-uncased', { revision: BERT_COMMIT });
}
