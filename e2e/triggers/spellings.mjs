// Unusual but real spellings of what the rules report; e2e/triggers.test.ts checks that the trigger
// prefilter lets every one of them through.
import * as T from '@huggingface/transformers';
import { pipeline as P, env } from '@xenova/transformers';
import ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs-node';
import ky from 'ky';
import { writeFile } from 'node:fs/promises';
import vm from 'node:vm';

export async function a() {
  return T.pipeline('sentiment-analysis', 'someone/model');
}
export async function b() {
  return P('text-generation', 'Xenova/gpt2', { revision: 'main' });
}
export function c() {
  env.remoteHost = 'http://mirror.example.com';
}
export async function d(url) {
  return ort.InferenceSession.create(url);
}
export async function e() {
  return tf.loadLayersModel('https://cdn.example.com/model.json');
}
export async function f() {
  const buf = await ky.get('https://x.example/model.onnx').arrayBuffer();
  await writeFile('model.onnx', Buffer.from(buf));
}
export async function g(cfg) {
  const config = await (await fetch('https://huggingface.co/o/m/resolve/main/config.json')).json();
  return vm.runInNewContext(config.code);
}

export const insecure = 'Http://models.example.com/classifier.onnx';

// A model-file extension in a string of its own, joined on.
const EXT = 'onnx';
export async function h(base) {
  return fetch(`${base}/weights.` + EXT);
}
export const insecureWeights = 'http://models.example.com/w.' + EXT;

// A model library import is all that says "model data" here.
export async function i(path) {
  const { readFile } = await import('node:fs/promises');
  const src = await readFile(path, 'utf8');
  return eval(src);
}

// Bytes handed to a model loader, from a URL that names no model file.
export async function j(url) {
  const res = await fetch(url);
  return tf.loadLayersModel(tf.io.fromMemory(await res.json()));
}
