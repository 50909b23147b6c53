import { describe, expect, it } from 'vitest';
import { ruleTriggersMatch } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import { rules } from '../src/index.js';
import { MODEL_LIBRARY_TRIGGER } from '../src/utils/libraries.js';
import { HUB_HOST_TRIGGER, isHubHost, looksLikeModelFile, MODEL_EXTENSION_NAMES, MODEL_FILE_TRIGGERS } from '../src/utils/locations.js';

const passes = (name: keyof typeof rules, code: string) => ruleTriggersMatch(rules[name].meta, javascript.prefilterText!(code));
const anyOf = (triggers: RegExp[], text: string) => triggers.some((t) => t.test(text));

describe('prefilter triggers', () => {
  it.each(MODEL_EXTENSION_NAMES)('.%s: every spelling of a model file name that looksLikeModelFile accepts is a trigger', (ext) => {
    expect(looksLikeModelFile(`w.${ext}`)).toBe(true);
    for (const text of [`'w.${ext}'`, `\`\${dir}/w.${ext}?download=1\``, `base + '.' + '${ext.toUpperCase()}'`, `const ext = "${ext}"`]) {
      expect(anyOf(MODEL_FILE_TRIGGERS, text), text).toBe(true);
    }
  });

  it('model.json, Hub resolve URLs and tfhub.dev are triggers; other JSON and URLs are not', () => {
    for (const url of ['https://cdn.example.com/m/model.json', 'https://huggingface.co/o/m/resolve/main/w.bin', 'https://tfhub.dev/google/x/1']) {
      expect(looksLikeModelFile(url)).toBe(true);
      expect(anyOf(MODEL_FILE_TRIGGERS, `'${url}'`), url).toBe(true);
    }
    for (const text of ['fetch("./model_info.json")', '"http://www.w3.org/2000/svg"', 'const binary = bins.ptr', 'x.pth_length']) {
      expect(anyOf(MODEL_FILE_TRIGGERS, text), text).toBe(false);
    }
    expect(isHubHost('hf.co') && HUB_HOST_TRIGGER.test('http://HF.co/x')).toBe(true);
  });

  it('every model library module matches MODEL_LIBRARY_TRIGGER', () => {
    for (const m of ['@huggingface/transformers', '@xenova/transformers', 'onnxruntime-web', 'onnxruntime-node', 'onnxruntime-react-native', 'onnxruntime-common', '@tensorflow/tfjs', '@tensorflow/tfjs-node-gpu', '@huggingface/hub', 'https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2']) {
      expect(MODEL_LIBRARY_TRIGGER.test(m), m).toBe(true);
    }
  });

  // Look-alikes from PyTorch's model_dump viewer (code.js, minified preact.mjs): no model file, URL or
  // data, so no parse — and no TypeScript to load for a Python tree.
  it('skips fetches, URLs and dynamic code with no model in sight', () => {
    expect(passes('unverified-model-download', 'fetch("./model_info.json").then((r) => r.json()).then(show);')).toBe(false);
    expect(passes('http-model-url', 'const ns = "http://www.w3.org/2000/svg"; el = document.createElementNS(ns, "svg");')).toBe(false);
    expect(passes('dynamic-code-from-model-data', 'setTimeout(flush, 0); const f = new Function("a", body);')).toBe(false);
  });

  it('lets the real thing through', () => {
    expect(passes('unverified-model-download', 'const b = await (await fetch(base + "/w." + ext)).arrayBuffer(); const ext = "onnx";')).toBe(true);
    expect(passes('unverified-model-download', 'const r = await fetch(u); await ort.InferenceSession.create(await r.arrayBuffer());')).toBe(true);
    expect(passes('unverified-model-download', 'tf.loadLayersModel(tf.io.fromMemory(await (await fetch(u)).json()));')).toBe(true);
    // a URL on a model host built from a parameter (ente's `https://models.ente.io/${name}`), not a file that names a model
    expect(passes('unverified-model-download', 'const res = await net.fetch(`https://models.ente.io/${name}`);')).toBe(true);
    expect(passes('unverified-model-download', 'const res = await fetch(`https://cdn.example.com/weights/${name}`);')).toBe(true);
    expect(passes('unverified-model-download', 'const r = await fetch(`https://api.example.com/${id}`); const model = r.body;')).toBe(false);
    expect(passes('http-model-url', 'const u = "http://huggingface.co/o/m";')).toBe(true);
    expect(passes('dynamic-code-from-model-data', 'const cfg = await (await fetch(u)).json(); eval(cfg.post);')).toBe(true);
    expect(passes('dynamic-code-from-model-data', "import '@xenova/transformers'; eval(await readFile(p, 'utf8'));")).toBe(true);
    // Teachable Machine's script-tag globals, no import
    expect(passes('tfjs-model-from-remote-url', 'const model = await tmImage.load(URL + "model.json", URL + "metadata.json");')).toBe(true);
    expect(passes('tfjs-model-from-remote-url', 'const { load } = window.tmPose; await load(u, m);')).toBe(true);
    expect(passes('tfjs-model-from-remote-url', 'const tmImages = await loader.load(u);')).toBe(false);
    // ml5.js's script-tag global and speech-commands' (Teachable Machine's audio snippet), no import
    expect(passes('tfjs-model-from-remote-url', "classifier = ml5.imageClassifier(imageModelURL + 'model.json');")).toBe(true);
    expect(passes('tfjs-model-from-remote-url', "let nn; nn = ml5.neuralNetwork(o); nn.load(u);")).toBe(true);
    expect(passes('tfjs-model-from-remote-url', "const r = speechCommands.create('BROWSER_FFT', undefined, u + 'model.json', m);")).toBe(true);
    expect(passes('tfjs-model-from-remote-url', 'const html5 = classifier.load(u);')).toBe(false);
    // wllama's loaders, the file's only model load
    expect(passes('wllama-model-from-remote-url', "const w = new Wllama(paths); await w.loadModelFromHF('ggml-org/models', 'm.gguf');")).toBe(true);
    expect(passes('wllama-model-from-remote-url', 'await w.loadModelFromUrl(u);')).toBe(true);
    // LangChain.js's embeddings, the file's only model load
    expect(passes('unpinned-model-revision', "import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nnew HuggingFaceTransformersEmbeddings();")).toBe(true);
    expect(passes('unpinned-model-revision', "const { HuggingFaceTransformersEmbeddings } = require('langchain/embeddings/hf_transformers');")).toBe(true);
  });
});
