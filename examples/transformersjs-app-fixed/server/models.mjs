import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createRepo, downloadFile, uploadFile } from '@huggingface/hub';
import * as tf from '@tensorflow/tfjs-node';

const YOLOS_COMMIT = '0d5e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e';
const WEIGHTS_URL = `https://huggingface.co/Xenova/yolos-tiny/resolve/${YOLOS_COMMIT}/onnx/model.onnx`;
const WEIGHTS_SHA256 = '5f1c0e4b9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807f6e5d4c3b2a19080';

function assertDigest(bytes, expected) {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) throw new Error(`model digest mismatch: ${actual}`);
}

/** Mirrors the detector weights into ./public/models for the web app, after checking them. */
export async function mirrorWeights() {
  const res = await fetch(WEIGHTS_URL);
  const bytes = Buffer.from(await res.arrayBuffer());
  assertDigest(bytes, WEIGHTS_SHA256);
  await writeFile('public/models/yolos-tiny.onnx', bytes);
}

export async function fetchPreprocessorConfig() {
  return downloadFile({ repo: 'Xenova/yolos-tiny', path: 'preprocessor_config.json', revision: YOLOS_COMMIT });
}

export async function loadDigitModel() {
  return tf.loadLayersModel('file://./models/mnist/model.json');
}

/** Publishes the fine-tuned detector privately; it goes public only after review. */
export async function publish(content, accessToken) {
  await createRepo({ repo: 'acme/yolos-finetuned', accessToken, private: true });
  await uploadFile({ repo: 'acme/yolos-finetuned', accessToken, file: { path: 'model.onnx', content } });
}
