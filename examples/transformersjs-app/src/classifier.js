import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';

// The office mirror, reached over plain HTTP, with a layout that drops the revision.
env.remoteHost = 'http://models.internal.example.com/';
env.remotePathTemplate = '{model}/';

export async function createClassifier() {
  // Follows `main`: whatever is pushed next is what users run.
  return pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english');
}

export async function createTokenizer() {
  return AutoTokenizer.from_pretrained('Xenova/bert-base-uncased', { revision: 'main' });
}
