import { writeFile } from 'node:fs/promises';
import { createRepo, downloadFile, uploadFile } from '@huggingface/hub';
import * as tf from '@tensorflow/tfjs-node';

const WEIGHTS_URL = 'https://huggingface.co/Xenova/yolos-tiny/resolve/main/onnx/model.onnx';

/** Mirrors the detector weights into ./public/models for the web app. */
export async function mirrorWeights() {
  const res = await fetch(WEIGHTS_URL);
  await writeFile('public/models/yolos-tiny.onnx', Buffer.from(await res.arrayBuffer()));
}

export async function fetchPreprocessorConfig() {
  return downloadFile({ repo: 'Xenova/yolos-tiny', path: 'preprocessor_config.json' });
}

export async function loadDigitModel() {
  return tf.loadLayersModel('https://storage.googleapis.com/acme-models/mnist/model.json');
}

/** Publishes the fine-tuned detector straight from the training job. */
export async function publish(content, accessToken) {
  await createRepo({ repo: 'acme/yolos-finetuned', accessToken });
  await uploadFile({ repo: 'acme/yolos-finetuned', accessToken, file: { path: 'model.onnx', content } });
}
