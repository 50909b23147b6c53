import rule from '../../src/rules/unpinned-model-revision.js';
import { fixture, id, tester } from '../helpers.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const imp = "import { pipeline, AutoModel, env } from '@huggingface/transformers';\n";
const webllm = (model: string, lib = "'https://cdn.example.com/libs/q.wasm'") =>
  `import { CreateMLCEngine } from '@mlc-ai/web-llm';\nconst appConfig = { model_list: [{ model: ${model}, model_id: 'Q', model_lib: ${lib} }] };\nexport const engine = () => CreateMLCEngine('Q', { appConfig });`;

tester.run(id(rule), rule, {
  valid: [
    // `.call` of a loader, pinned or local (review jsedge P3-g)
    imp + `export const run = () => pipeline.call(null, 'text-classification', 'Xenova/toxic-bert', { revision: '${COMMIT}' });`,
    imp + `export const run = () => AutoModel.from_pretrained.call(AutoModel, './models/local');`,
    // web-llm records: weights at a commit, off the Hub, or a `model_list` that is no web-llm's (review jsmobile P3-4)
    webllm(`'https://huggingface.co/mlc-ai/Q-MLC/resolve/${COMMIT}/'`),
    webllm("'https://models.example.com/Q-MLC/'"),
    webllm("'/models/Q-MLC/'"),
    "const config = { model_list: [{ model_name: 'gpt', model: 'https://huggingface.co/o/m/resolve/main/' }] };",
    // a constructor parameter's default every `new` of the file replaces with a commit (the class stays in the file: review s33js P2-1)
    imp + `class S {\n  constructor(revision = 'main') { this.revision = revision; }\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}\nexport const s = new S('${COMMIT}');`,
    imp + `class S {\n  constructor(private readonly revision: string = 'main') {}\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}\nexport const s = new S('${COMMIT}');`,
    imp + `class S {\n  constructor(revision) { this.revision = revision ?? 'main'; }\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}\nexport const s = new S('${COMMIT}');`,
    // options a helper of the file (or a statement) pins before the load, on every path: `pin(options)`
    imp + `function pin(o) {\n  o.revision = '${COMMIT}';\n}\nexport async function load() {\n  const options = { device: 'webgpu' };\n  pin(options);\n  return pipeline('x', 'org/name', options);\n}`,
    imp + `async function pin(o) {\n  await Promise.resolve();\n  o.revision = '${COMMIT}';\n}\nconst options = { dtype: 'q8' };\nawait pin(options);\nexport const m = await AutoModel.from_pretrained('org/name', options);`,
    imp + `export async function load() {\n  const options = { device: 'webgpu' };\n  options.revision = '${COMMIT}';\n  return pipeline('x', 'org/name', options);\n}`,
    // a helper that writes its parameter: what the call passes there, else the parameter's default
    imp + `function pin(o, rev = 'main') {\n  o.revision = rev;\n}\nconst options = { device: 'webgpu' };\npin(options, '${COMMIT}');\nawait pipeline('x', 'org/name', options);`,
    imp + `function pin(o, rev = '${COMMIT}') {\n  o.revision = rev;\n}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`,
    // a helper every call of which passes a pinned revision, or a local path
    imp + `async function load(id, options) {\n  const { revision = 'main' } = options;\n  return AutoModel.from_pretrained(id, { revision });\n}\nexport const m = await load('org/name', { revision: '${COMMIT}' });`,
    imp + `async function load(id) {\n  return AutoModel.from_pretrained(id, { revision: 'main' });\n}\nexport const m = await load('./models/local');`,
    // every value the revision may take pins a commit, or one not known may (review s28js)
    imp + `export const load = (dev) => pipeline('x', 'org/name', { revision: dev ? '${COMMIT}' : '${'89abcdef'.repeat(5)}' });`,
    imp + `export const p = await pipeline('x', 'org/name', { revision: process.env.REV ?? '${COMMIT}' });`,
    // a revision destructured from an options parameter that every call of the file pins
    imp + `async function load({ revision = 'main' } = {}) {\n  return pipeline('x', 'org/name', { revision });\n}\nexport const go = () => load({ revision: '${COMMIT}' });`,
    // a constructor parameter with no default, or a commit default (review jsnode P3-2)
    imp + `export class S {\n  constructor(private readonly revision: string) {}\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}`,
    imp + `export class S {\n  constructor(private readonly revision = '${COMMIT}') {}\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}`,
    // an options object in a class field that pins a commit (review jsnode P3-1)
    imp + `export class S {\n  static options = { revision: '${COMMIT}', dtype: 'q8' };\n  static load() { return pipeline('x', 'org/name', this.options); }\n}`,
    // a constant table every entry of which pins a commit; a revision handed in by callers
    imp + `const MODELS = { a: { id: 'org/a', revision: '${COMMIT}' }, b: { id: 'org/b', revision: '${COMMIT}' } };\nexport function load(name) {\n  const { id, revision } = MODELS[name];\n  return pipeline('x', id, { revision });\n}`,
    imp + `export function load(opts = {}) {\n  const { revision } = opts;\n  return pipeline('x', 'org/name', { revision });\n}`,
    // options that pin a commit (or stay local), given an unrelated option afterwards (review s28js)
    imp + `export async function load(device) {\n  const opts = { revision: '${COMMIT}' };\n  if (device === 'webgpu') opts.device = 'webgpu';\n  return pipeline('x', 'org/name', opts);\n}`,
    imp + `export async function load(device) {\n  const opts = { local_files_only: true };\n  if (device === 'webgpu') opts.device = 'webgpu';\n  return pipeline('x', 'org/name', opts);\n}`,
    // kokoro-js: local paths, remote models off, another package's KokoroTTS
    `import { KokoroTTS } from 'kokoro-js';\nexport const tts = await KokoroTTS.from_pretrained('./models/kokoro', { dtype: 'q8' });`,
    `import { env } from '@huggingface/transformers';\nimport { KokoroTTS } from 'kokoro-js';\nenv.allowRemoteModels = false;\nexport const tts = await KokoroTTS.from_pretrained('onnx-community/Kokoro-82M-v1.0-ONNX');`,
    `import { KokoroTTS } from './my-kokoro.js';\nexport const tts = await KokoroTTS.from_pretrained('onnx-community/Kokoro-82M-v1.0-ONNX');`,
    // a model server on this machine (loopback `env.remoteHost`): not a Hub download, no moving `main`
    imp + `Object.assign(env, { remoteHost: 'http://localhost:8080/' });\nawait AutoModel.from_pretrained('org/name');`,
    imp + `env.remoteHost = 'http://127.0.0.1:8080';\nenv.remotePathTemplate = '{model}';\nexport const e = await pipeline('feature-extraction', 'onnx-community/Qwen3-Embedding-0.6B-ONNX');`,
    imp + `env.remoteHost = 'http://[::1]:3000/';\nawait pipeline('x', 'org/name', { revision: 'main' });`,
    imp + `env.remoteHost = 'http://0.0.0.0:3000/';\nawait pipeline('summarization');`,
    `export async function loadNli(modelId: string) {\n  const { env, AutoModelForSequenceClassification } = await import('@xenova/transformers');\n  env.allowRemoteModels = true;\n  env.remoteHost = 'http://127.0.0.1:9';\n  return AutoModelForSequenceClassification.from_pretrained(modelId, { quantized: true });\n}`,
    // a commit hash in an enum member pins
    `import { pipeline } from '@huggingface/transformers';\nenum Rev { Vit = '0123456789abcdef0123456789abcdef01234567' }\nexport const p = await pipeline('image-classification', 'Xenova/vit-base-patch16-224', { revision: Rev.Vit });`,
    imp + `await pipeline('x', 'org/name', { revision: '${COMMIT}' });`,
    imp + `await AutoModel.from_pretrained('org/name', { revision: '${COMMIT.toUpperCase()}' });`,
    imp + `const R = '${COMMIT}'; const o = { revision: R }; await AutoModel.from_pretrained('org/name', { ...o });`,
    imp + `await AutoModel.from_pretrained('org/name', { revision: getRevision() });`,
    // options that are one of several objects, each pinning a commit (inline, through a constant, spread)
    imp + `await pipeline('x', 'org/name', process.env.FAST ? { revision: '${COMMIT}', dtype: 'q8' } : { revision: '${COMMIT}' });`,
    imp + `const opts = process.env.FAST ? { revision: '${COMMIT}', dtype: 'q8' } : { revision: '${COMMIT}' };\nexport const p = await pipeline('x', 'org/name', opts);`,
    imp + `export const load = (dev) => AutoModel.from_pretrained('org/name', { dtype: 'q8', ...(dev ? { revision: '${COMMIT}' } : { revision: '${COMMIT}' }) });`,
    imp + `const OPTIONS = Object.freeze({ revision: '${COMMIT}' });\nexport const p = await pipeline('x', 'org/name', OPTIONS);`,
    imp + `export const load = (dev) => pipeline('x', 'org/name', dev ? { local_files_only: true } : { local_files_only: true, dtype: 'q8' });`,
    `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const make = (dev) => new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: dev ? { revision: '${COMMIT}' } : { revision: '${COMMIT}', dtype: 'q8' } });`,
    // a loop over local paths only: no Hub load
    imp + `for (const dir of ['./models/a', './models/b']) await pipeline('x', dir);`,
    imp + `await pipeline('x', '/models/name');`,
    imp + `await pipeline('x', 'org/name', { local_files_only: true });`,
    imp + `await pipeline('x', process.env.MODEL || 'org/name', { revision: '${COMMIT}' });`,
    imp + `await pipeline('x', 'C:\\\\models\\\\name');`,
    imp + `await pipeline('x', 'https://example.com/x');`,
    imp + `env.allowRemoteModels = false;\nawait pipeline('x', 'org/name');`,
    // the last module-level write decides; `= false` in a function turns nothing back on
    imp + `env.allowRemoteModels = true;\nenv.allowRemoteModels = false;\nawait pipeline('x', 'org/name');`,
    imp + `env.allowRemoteModels = false;\nfunction off() { env.allowRemoteModels = false; }\nawait pipeline('x', 'org/name');`,
    // `Object.assign(env, { allowRemoteModels: false })` counts like the assignment
    imp + `Object.assign(env, { allowRemoteModels: false });\nawait pipeline('x', 'org/name');`,
    // a function runs once the module has: a module-level write after it is in force
    imp + `export function load() { return pipeline('x', 'org/name'); }\nenv.allowRemoteModels = false;`,
    `import * as transformers from '@xenova/transformers';\nObject.assign(transformers.env, { localModelPath: '/models/', allowRemoteModels: false });\nawait transformers.pipeline('x', 'org/name');`,
    imp + `env.allowRemoteModels = true;\nObject.assign(env, { allowRemoteModels: false });\nawait pipeline('x', 'org/name');`,
    `import { pipeline } from 'other-lib'; await pipeline('x', 'org/name');`,
    `await pipeline('x', 'org/name');`,
    imp + `function f(pipeline) { return pipeline('x', 'org/name'); }`,
    imp + `registry.from_pretrained('org/name');`,
    { code: imp + `await AutoModel.from_pretrained('org/name', { revision: 'v1.2.0' });`, options: [{ allowTags: true }] },
    `const { pipeline } = require('@xenova/transformers'); pipeline('x', 'org/name', { revision: '${COMMIT}' });`,
    // remote loading switched off in the function, on the straight-line path before the load
    `export async function load() {\n  const { pipeline, env } = await import('@huggingface/transformers');\n  env.allowRemoteModels = false;\n  env.localModelPath = '/models/';\n  return pipeline('automatic-speech-recognition', 'whisper-tiny');\n}`,
    imp + `export async function load() {\n  env.allowRemoteModels = false;\n  env.localModelPath = '/models/';\n  return pipeline('x', 'org/name');\n}`,
    imp + `export async function load(task) {\n  env.allowRemoteModels = false;\n  if (task) { return pipeline(task, 'org/name'); }\n  return pipeline('summarization');\n}`,
    imp + `export async function load() {\n  env.allowRemoteModels = false;\n  const m = await pipeline('x', 'org/name');\n  env.allowRemoteModels = true;\n  return m;\n}`,
    // the folder snapshotDownload returns is a local copy (pinned by the download itself)
    `import { snapshotDownload } from '@huggingface/hub';\n` + imp + `export async function load() {\n  const dir = await snapshotDownload({ repo: 'org/name', revision: '${COMMIT}' });\n  return AutoModel.from_pretrained(dir);\n}`,
    `import * as hub from '@huggingface/hub';\n` + imp + `await AutoModel.from_pretrained(await hub.snapshotDownload({ repo: 'org/name', revision: '${COMMIT}' }));`,
    `import { downloadFileToCacheDir } from '@huggingface/hub';\n` + imp + `const file = await downloadFileToCacheDir({ repo: 'org/name', path: 'onnx/model.onnx', revision: '${COMMIT}' });\nawait pipeline('x', file);`,
    imp + `import path from 'node:path';\nconst dir = path.join(process.cwd(), 'models');\nawait pipeline('x', dir);`,
    // a template without `{revision}` ignores pins: pinned loads are left to insecure-remote-host, which reports the template
    imp + `env.remotePathTemplate = '{model}/';\nawait pipeline('x', 'org/name', { revision: '${COMMIT}' });`,
    // LangChain.js's embeddings: pinned in \`pretrainedOptions\`, local, remote models off, another module's class
    `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { revision: '${COMMIT}', dtype: 'q8' } });`,
    `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/hf_transformers';\nconst options = { revision: '${COMMIT}' };\nexport const e = new HuggingFaceTransformersEmbeddings({ modelName: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: options });`,
    `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings({ model: '/models/all-MiniLM-L6-v2' });`,
    `import { env } from '@huggingface/transformers';\nimport { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nenv.allowRemoteModels = false;\nexport const e = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2' });`,
    `import { HuggingFaceTransformersEmbeddings } from './embeddings.js';\nexport const e = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2' });`,
    `import { HuggingFaceTransformersEmbeddings } from '@acme/langchain/embeddings/hf_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2' });`,
    `import { HuggingFaceInferenceEmbeddings } from '@langchain/community/embeddings/hf';\nexport const e = new HuggingFaceInferenceEmbeddings({ model: 'BAAI/bge-base-en-v1.5' });`,
    // the member is written through an alias before the load (review s31js, member/e_alias_write.js)
    imp + `export async function load() {\n  const options = { revision: 'main', device: navigator.gpu ? 'webgpu' : 'wasm' };\n  const o2 = options;\n  o2.revision = '${COMMIT}';\n  return AutoModel.from_pretrained('org/name', { revision: options.revision });\n}`,
    imp + `export async function load() {\n  const options = { revision: 'main', device: 'wasm' };\n  const o2 = options;\n  o2.revision = '${COMMIT}';\n  return AutoModel.from_pretrained('org/name', { revision: options.revision });\n}`,
    imp + `export async function load() {\n  const options = { revision: 'main', device: 'wasm' };\n  options.revision = '${COMMIT}';\n  return AutoModel.from_pretrained('org/name', { revision: options.revision });\n}`,
    // a helper's default every call of the file replaces with a commit
    imp + `async function load(rev = 'main') {\n  return AutoModel.from_pretrained('org/name', { revision: rev });\n}\nload('${COMMIT}');`,
  ],
  invalid: [
    // the pipeline stored in a global and called from there (an extension's `load_transformers.js`, review jsedge P3-e)
    {
      code: `import { pipeline, env } from 'https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2';\nwindow.transformers = { pipeline, env };\nexport const s = await window.transformers.pipeline('summarization', 'Xenova/distilbart-cnn-6-6');`,
      errors: [{ messageId: 'missing', data: { callee: 'window.transformers.pipeline', model: '"Xenova/distilbart-cnn-6-6"' }, confidence: 'high', line: 3 }],
    },
    // a web-llm record's weights at a Hub branch (or a tag): moved by every push (review jsmobile P3-4)
    {
      code: webllm("'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC/resolve/main/'"),
      errors: [{ messageId: 'webllmRecord', data: { model: '"mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC"', revision: 'main', url: 'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC/resolve/main/' }, confidence: 'high', line: 2 }],
    },
    // a malformed `%` escape in the revision segment: the segment as written, reported, not a crash (review s35js P2-1)
    {
      code: webllm("'https://huggingface.co/mlc-ai/Q-MLC/resolve/100%/'"),
      errors: [{ messageId: 'webllmRecord', data: { model: '"mlc-ai/Q-MLC"', revision: '100%', url: 'https://huggingface.co/mlc-ai/Q-MLC/resolve/100%/' }, confidence: 'high', line: 2 }],
    },
    {
      code: webllm("'https://huggingface.co/mlc-ai/Q-MLC/resolve/%E0%A4/'"),
      errors: [{ messageId: 'webllmRecord', data: { model: '"mlc-ai/Q-MLC"', revision: '%E0%A4', url: 'https://huggingface.co/mlc-ai/Q-MLC/resolve/%E0%A4/' }, confidence: 'high', line: 2 }],
    },
    {
      code: "import type { AppConfig } from '@mlc-ai/web-llm';\nconst BASE = 'https://huggingface.co/mlc-ai/Q-MLC';\nexport const appConfig: AppConfig = { model_list: [{ model: `${BASE}/resolve/v1.0/`, model_id: 'Q' }] };",
      errors: [{ messageId: 'webllmRecord', data: { model: '"mlc-ai/Q-MLC"', revision: 'v1.0', url: 'https://huggingface.co/mlc-ai/Q-MLC/resolve/v1.0/' }, severity: 'medium' }],
    },
    // an exported helper's id parameter with no default, given an id by a call of the file: medium (other modules may pass anything)
    {
      code: "import { pipeline } from '@huggingface/transformers';\nexport async function load(id: string) { return pipeline('text-classification', id); }\nload('Xenova/distilbert-base-uncased-finetuned-sst-2-english');",
      errors: [{ messageId: 'missing', confidence: 'medium', line: 2 }],
    },
    // a helper every call of which is in the file: the id and the options its calls pass (review jsserverless repro4)
    {
      code: imp + `async function createEmbedder(model_name, options) {\n  const { model_revision = 'main' } = options;\n  return AutoModel.from_pretrained(model_name, { revision: model_revision });\n}\nexport const embedder = await createEmbedder('minishlab/potion-base-32M', { device: 'cpu' });`,
      errors: [{ messageId: 'branch', data: { callee: 'AutoModel.from_pretrained', model: '"minishlab/potion-base-32M"', revision: 'main' }, confidence: 'high', line: 4 }],
    },
    // an exported helper: its default id and the id the file's own call passes are both named (review jsserverless repro.js)
    {
      code: imp + `export async function createEmbedder(model_name = 'minishlab/potion-base-8M', options = {}) {\n  const { model_revision = 'main' } = options;\n  return AutoModel.from_pretrained(model_name, { revision: model_revision });\n}\nexport const embedder = await createEmbedder('minishlab/potion-base-32M', { device: 'cpu' });`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'AutoModel.from_pretrained', model: '"minishlab/potion-base-8M" or "minishlab/potion-base-32M"', source: 'the Hugging Face Hub', revision: 'main', expr: '`model_revision`' }, confidence: 'medium', line: 4 }],
    },
    // a revision read from an options default whose other members are not known (review jsserverless, embedder.js)
    {
      code: imp + `export async function createEmbedder(\n  model_name = 'minishlab/potion-base-8M',\n  options = { model_revision: 'main', device: navigator?.gpu ? 'webgpu' : undefined },\n) {\n  const { model_revision = 'main' } = options;\n  return AutoModel.from_pretrained(model_name, { revision: model_revision });\n}`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'AutoModel.from_pretrained', model: '"minishlab/potion-base-8M"', source: 'the Hugging Face Hub', revision: 'main', expr: '`model_revision`' }, confidence: 'medium', line: 7 }],
    },
    {
      code: imp + `export async function load(options = { revision: 'dev', device: process.env.GPU ? 'webgpu' : 'cpu' }) {\n  return pipeline('x', 'org/name', { revision: options.revision });\n}`,
      // exported: a caller may pass another `options` (medium, the default named as such)
      errors: [{ messageId: 'revisionDefault', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'dev', expr: '`options.revision`' }, confidence: 'medium', line: 3 }],
    },
    // a later spread of an exported parameter may replace it (review s31js, member/d_spread_param_rev.js)
    {
      code: imp + `export async function load(overrides = {}) {\n  const options = { revision: 'main', device: navigator.gpu ? 'webgpu' : 'wasm', ...overrides };\n  return AutoModel.from_pretrained('org/name', { revision: options.revision });\n}`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'AutoModel.from_pretrained', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: '`options.revision`' }, confidence: 'medium', line: 4 }],
    },
    // an exported function's default, fully known, destructured or not: a caller may replace it
    {
      code: imp + `export async function load(rev = 'main') {\n  return AutoModel.from_pretrained('org/name', { revision: rev });\n}`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'AutoModel.from_pretrained', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: '`rev`' }, confidence: 'medium', line: 3 }],
    },
    {
      code: imp + `export async function load(options = { revision: 'main', device: navigator.gpu ? 'webgpu' : 'wasm' }) {\n  const { revision } = options;\n  return AutoModel.from_pretrained('org/name', { revision });\n}`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'AutoModel.from_pretrained', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: '`revision`' }, confidence: 'medium', line: 4 }],
    },
    // LangChain.js's embeddings download the model through transformers.js \`pipeline\`, at \`main\` without a pin
    {
      code: `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2' });`,
      errors: [{ messageId: 'missing', data: { callee: 'new HuggingFaceTransformersEmbeddings', model: '"Xenova/all-MiniLM-L6-v2"' }, confidence: 'high' }],
    },
    // no model named: LangChain.js's default one (the current module reads \`model\` only, not \`modelName\`)
    {
      code: `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings({ modelName: 'Xenova/bge-small-en-v1.5' });`,
      errors: [{ messageId: 'missing', data: { callee: 'new HuggingFaceTransformersEmbeddings', model: 'its default model "Xenova/all-MiniLM-L6-v2"' }, confidence: 'high' }],
    },
    {
      code: `const { HuggingFaceTransformersEmbeddings: E } = require('@langchain/community/embeddings/hf_transformers');\nexport const e = new E({ modelName: 'Xenova/bge-small-en-v1.5' });`,
      errors: [{ messageId: 'missing', data: { callee: 'new E', model: '"Xenova/bge-small-en-v1.5"' }, confidence: 'high' }],
    },
    {
      code: `import { HuggingFaceTransformersEmbeddings } from 'langchain/embeddings/hf_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings();`,
      errors: [{ messageId: 'missing', data: { callee: 'new HuggingFaceTransformersEmbeddings', model: 'its default model "Xenova/all-MiniLM-L6-v2"' }, confidence: 'high' }],
    },
    // a revision in \`pretrainedOptions\` that is a branch or a tag
    {
      code: `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { revision: 'main' } });`,
      errors: [{ messageId: 'branch', data: { callee: 'new HuggingFaceTransformersEmbeddings', model: '"Xenova/all-MiniLM-L6-v2"', revision: 'main' }, confidence: 'high' }],
    },
    {
      code: `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const e = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { revision: 'v1.0.0' } });`,
      errors: [{ messageId: 'tag', data: { callee: 'new HuggingFaceTransformersEmbeddings', model: '"Xenova/all-MiniLM-L6-v2"', revision: 'v1.0.0' }, severity: 'medium' }],
    },
    // fields or options the analysis cannot see: low confidence
    {
      code: `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const make = (fields) => new HuggingFaceTransformersEmbeddings(fields);`,
      errors: [{ messageId: 'spreadArguments', data: { callee: 'new HuggingFaceTransformersEmbeddings', args: '\`fields\`' }, confidence: 'low' }],
    },
    {
      code: `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';\nexport const make = (options) => new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: options });`,
      errors: [{ messageId: 'unseenOptions', data: { callee: 'new HuggingFaceTransformersEmbeddings', model: '"Xenova/all-MiniLM-L6-v2"', source: 'the Hugging Face Hub', options: '`options`' }, confidence: 'low' }],
    },
    // kokoro-js wraps transformers.js: its from_pretrained downloads from the Hub at \`main\`
    {
      code: `import { KokoroTTS } from "kokoro-js";\nexport const tts = await KokoroTTS.from_pretrained("onnx-community/Kokoro-82M-v1.0-ONNX", { dtype: "q8" });`,
      errors: [{ messageId: 'missing', data: { callee: 'KokoroTTS.from_pretrained', model: '"onnx-community/Kokoro-82M-v1.0-ONNX"' }, confidence: 'high' }],
    },
    {
      code: `import { KokoroTTS } from "https://cdn.jsdelivr.net/npm/kokoro-js@1.2.0/+esm";\nexport const tts = await KokoroTTS.from_pretrained("onnx-community/Kokoro-82M-v1.0-ONNX");`,
      errors: [{ messageId: 'missing', confidence: 'high' }],
    },
    {
      code: `export async function load(TTS_MODEL) {\n  const { KokoroTTS } = await import("https://cdn.jsdelivr.net/npm/kokoro-js@1.3.0/dist/kokoro-js.mjs");\n  return KokoroTTS.from_pretrained("onnx-community/Kokoro-82M-v1.0-ONNX", { dtype: "q8", device: "wasm" });\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 3 }],
    },
    // ... and does not pass \`revision\` on: a pin is dropped (medium: a fork may pass it on)
    {
      code: `import { KokoroTTS } from 'kokoro-js';\nexport const tts = await KokoroTTS.from_pretrained('onnx-community/Kokoro-82M-v1.0-ONNX', { revision: '${COMMIT}' });`,
      errors: [{ messageId: 'wrapperDropsRevision', data: { callee: 'KokoroTTS.from_pretrained', model: '"onnx-community/Kokoro-82M-v1.0-ONNX"', wrapper: 'kokoro-js' }, confidence: 'medium' }],
    },
    // a `private readonly` (or `readonly`) field of an exported class: no code outside the class may
    // assign it, so its one value is the id, as a literal is (high)
    {
      code: `export class EmbeddingService {\n  private readonly modelName = 'Xenova/bge-large-en-v1.5';\n  async init() {\n    const { pipeline } = await import('@xenova/transformers');\n    return pipeline('feature-extraction', this.modelName, { revision: 'main' });\n  }\n}`,
      errors: [{ messageId: 'branch', data: { callee: 'pipeline', model: '"Xenova/bge-large-en-v1.5"', revision: 'main' }, confidence: 'high', line: 5 }],
    },
    {
      code: `export class EmbeddingService {\n  readonly modelName = 'Xenova/bge-large-en-v1.5';\n  async init() {\n    const { pipeline } = await import('@xenova/transformers');\n    return pipeline('feature-extraction', this.modelName);\n  }\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 5 }],
    },
    // the callee named with the space after `await` (review jsdesk P3-e)
    {
      code: `export async function load() {\n  return (await import('@huggingface/transformers')).pipeline('fill-mask', 'Xenova/bert-base-uncased');\n}`,
      errors: [{ messageId: 'missing', data: { callee: "(await import('@huggingface/transformers')).pipeline", model: '"Xenova/bert-base-uncased"' }, confidence: 'high', line: 2 }],
    },
    // a helper that loads the module lazily and returns an object of its members, destructured by the caller (review jsdesk P2-a)
    {
      code: `async function init() {\n  const transformers = await import('@huggingface/transformers');\n  return { pipeline: transformers.pipeline, env: transformers.env };\n}\nexport async function embed() {\n  const { pipeline } = await init();\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"Xenova/all-MiniLM-L6-v2"' }, confidence: 'high', line: 7 }],
    },
    {
      code: `let pipeline = null;\nasync function init() {\n  if (pipeline) return { pipeline };\n  pipeline = (await import('@huggingface/transformers')).pipeline;\n  return { pipeline };\n}\nexport async function embed() {\n  const { pipeline: p } = await init();\n  return p('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'p', model: '"Xenova/all-MiniLM-L6-v2"' }, confidence: 'high', line: 9 }],
    },
    // `env.allowRemoteModels = false` in a setup function called before the load: most likely local (medium)
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv(root) {\n  env.allowRemoteModels = false;\n  env.localModelPath = root;\n}\nasync function main() {\n  configureEnv(Deno.args[0]);\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"Xenova/all-MiniLM-L6-v2"' }, confidence: 'medium', line: 8 }],
    },
    // ... not when the setup runs after the load, only in a branch of it, or is never called before it (high)
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv() {\n  env.allowRemoteModels = false;\n}\nasync function main() {\n  const p = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n  configureEnv();\n  return p;\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 6 }],
    },
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv(local) {\n  if (local) env.allowRemoteModels = false;\n}\nasync function main() {\n  configureEnv(process.env.LOCAL);\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 7 }],
    },
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv() {\n  env.allowRemoteModels = false;\n}\nasync function main() {\n  if (process.env.LOCAL) configureEnv();\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 7 }],
    },
    // ... nor when remote models are turned back on later in the setup function, or by a function called between the setup and the load
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv() {\n  env.allowRemoteModels = false;\n  env.localModelPath = '/models';\n  env.allowRemoteModels = true;\n}\nexport async function main() {\n  configureEnv();\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 9 }],
    },
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv() { env.allowRemoteModels = false; }\nfunction enableRemote() { env.allowRemoteModels = true; }\nexport async function main() {\n  configureEnv();\n  enableRemote();\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 7 }],
    },
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv() { env.allowRemoteModels = false; }\nfunction enableRemote() { env.allowRemoteModels = true; }\nfunction prepare() { enableRemote(); }\nexport async function main() {\n  configureEnv();\n  prepare();\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 8 }],
    },
    // ... a function that turns them on, called before the setup: still medium
    {
      code: `import { env, pipeline } from '@huggingface/transformers';\nfunction configureEnv() { env.allowRemoteModels = false; }\nfunction enableRemote() { env.allowRemoteModels = true; }\nexport async function main() {\n  enableRemote();\n  configureEnv();\n  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');\n}`,
      errors: [{ messageId: 'missing', confidence: 'medium', line: 7 }],
    },
    // ... a plain field of an exported class: another module may assign it (medium)
    {
      code: `export class EmbeddingService {\n  modelName = 'Xenova/bge-large-en-v1.5';\n  async init() {\n    const { pipeline } = await import('@xenova/transformers');\n    return pipeline('feature-extraction', this.modelName, { revision: 'main' });\n  }\n}`,
      errors: [{ messageId: 'branch', data: { callee: 'pipeline', model: '"Xenova/bge-large-en-v1.5"', revision: 'main' }, confidence: 'medium', line: 5 }],
    },
    // an id that cannot be resolved at an explicit revision that is no commit: meaningful only for a Hub load, medium
    {
      code: `export class LocalEmbeddingProvider {\n  readonly modelName: string;\n  constructor(model = 'Xenova/all-MiniLM-L6-v2') { this.modelName = model; }\n  async init() {\n    const transformers = await import('@xenova/transformers');\n    return transformers.pipeline('feature-extraction', this.modelName, { revision: 'main' });\n  }\n}`,
      // (the member's one value is the constructor's parameter, whose default is named)
      errors: [{ messageId: 'branch', data: { callee: 'transformers.pipeline', model: '"Xenova/all-MiniLM-L6-v2"', revision: 'main' }, confidence: 'medium' }],
    },
    { code: imp + `export const load = (id) => AutoModel.from_pretrained(id, { revision: 'v1.0' });`, errors: [{ messageId: 'tag', confidence: 'medium' }] },
    { code: imp + `export const load = (id) => AutoModel.from_pretrained(id);`, errors: [{ messageId: 'missing', confidence: 'low' }] },
    // arguments from a spread the analysis cannot expand: the id may be a Hub model, unpinned; low confidence, not dropped
    { code: imp + `await pipeline(...args);`, errors: [{ messageId: 'spreadArguments', data: { callee: 'pipeline', args: '`...args`' }, confidence: 'low' }] },
    {
      code: `import { pipeline } from "https://cdn.jsdelivr.net/npm/@huggingface/transformers@3.7.5";\nlet ai;\nself.addEventListener("message", async (e) => {\n  if (e.data.cmd === "init") ai = await pipeline(...e.data.args);\n});`,
      errors: [{ messageId: 'spreadArguments', data: { callee: 'pipeline', args: '`...e.data.args`' }, confidence: 'low', line: 4 }],
    },
    { code: imp + `await pipeline('x', ...rest);`, errors: [{ messageId: 'spreadArguments', confidence: 'low' }] },
    { code: imp + `await AutoModel.from_pretrained(...args);`, errors: [{ messageId: 'spreadArguments', confidence: 'low' }] },
    // `.call` of a loader: the same load, its arguments one place on (review jsedge P3-g)
    { code: imp + `export const run = () => pipeline.call(null, 'text-classification', 'Xenova/toxic-bert');`, errors: [{ messageId: 'missing', data: { callee: 'pipeline.call', model: '"Xenova/toxic-bert"' }, confidence: 'high' }] },
    { code: imp + `export const run = () => AutoModel.from_pretrained.call(AutoModel, 'org/name', { revision: 'main' });`, errors: [{ messageId: 'branch', data: { callee: 'AutoModel.from_pretrained.call', model: '"org/name"', revision: 'main' }, confidence: 'high' }] },
    { code: imp + `export const run = () => pipeline.call(null, 'summarization');`, errors: [{ messageId: 'defaultModel', data: { callee: 'pipeline.call', task: 'summarization' }, confidence: 'medium' }] },
    { code: imp + `export const run = (args) => pipeline.call(null, ...args);`, errors: [{ messageId: 'spreadArguments', data: { callee: 'pipeline.call', args: '`...args`' }, confidence: 'low' }] },
    // a spread of a constant array is read as its elements
    { code: `import { pipeline as p } from '@xenova/transformers';\nconst tasks = { sentiment: ['text-classification', 'Xenova/toxic-bert'] };\nexport const run = () => p(...tasks.sentiment);`, errors: [{ messageId: 'missing', data: { callee: 'p', model: '"Xenova/toxic-bert"' }, confidence: 'high', line: 3 }] },
    { code: imp + `const ARGS = ['x', 'org/name'];\nawait pipeline(...ARGS);`, errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/name"' } }] },
    // a parameter default is a value callers may override when the function is exported or a call
    // passes the argument: medium, named; certain when every call of the file leaves it out
    {
      code: `import { pipeline } from '@huggingface/transformers';\nexport async function getClassifier(modelId = 'Xenova/mobilevit-small') {\n  return pipeline('image-classification', modelId);\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"Xenova/mobilevit-small"' }, confidence: 'medium', line: 3 }],
    },
    {
      code: `import { pipeline } from '@huggingface/transformers';\nexport async function getClassifier(modelId = process.env.MODEL || 'Xenova/mobilevit-small') {\n  return pipeline('image-classification', modelId);\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"Xenova/mobilevit-small"' }, confidence: 'medium', line: 3 }],
    },
    {
      code: `import { pipeline } from '@huggingface/transformers';\nasync function getClassifier(modelId = 'Xenova/mobilevit-small') {\n  return pipeline('image-classification', modelId);\n}\nexport const c = await getClassifier();`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"Xenova/mobilevit-small"' }, confidence: 'high', line: 3 }],
    },
    // a TypeScript enum member is a constant: a branch in it is not pinned, an id in it is quoted
    {
      code: `import { AutoModel } from '@huggingface/transformers';\nenum Branch { Main = 'main' }\nexport const m = await AutoModel.from_pretrained('Xenova/vit-base-patch16-224', { revision: Branch.Main });`,
      errors: [{ messageId: 'branch', data: { callee: 'AutoModel.from_pretrained', model: '"Xenova/vit-base-patch16-224"', revision: 'main' }, confidence: 'high', line: 3 }],
    },
    {
      code: `import { pipeline } from '@huggingface/transformers';\nconst enum Models { Sentiment = 'Xenova/distilbert-base-uncased-finetuned-sst-2-english' }\nexport const p = await pipeline('sentiment-analysis', Models.Sentiment);`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"Xenova/distilbert-base-uncased-finetuned-sst-2-english"' }, confidence: 'high', line: 3 }],
    },
    // Deno's npm: specifier names the library as its npm name does
    { code: `import { pipeline } from 'npm:@huggingface/transformers@3.3.3';\nawait pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english');`, errors: [{ messageId: 'missing', confidence: 'high', line: 2 }] },
    // every value of a loop variable, a callback's parameter or a table lookup is a known Hub id: as known ids
    {
      code: imp + `const MODELS = ['org/a', 'org/b'];\nfor (const id of MODELS) await pipeline('x', id);`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/a" or "org/b"' }, confidence: 'high' }],
    },
    { code: imp + `const MODELS = [{ id: 'org/a' }, { id: 'org/b' }];\nexport const all = () => Promise.all(MODELS.map(({ id }) => AutoModel.from_pretrained(id)));`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    // look-alikes: mixed with a local path, an array the file changes: unresolved
    { code: imp + `for (const id of ['org/a', './models/b']) await pipeline('x', id);`, errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '`id`' }, confidence: 'low' }] },
    { code: imp + `const MODELS = ['org/a'];\nMODELS.push(process.env.MODEL);\nfor (const id of MODELS) await pipeline('x', id);`, errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '`id`' }, confidence: 'low' }] },
    // an id assigned just before the load, every value of the member a constant: that id, at medium
    // confidence (another method may assign another one in between)
    {
      code: imp + `class P {\n  static model_id = null;\n  static async getInstance() {\n    this.model_id = 'onnx-community/whisper-base';\n    return AutoModel.from_pretrained(this.model_id);\n  }\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'AutoModel.from_pretrained', model: '"onnx-community/whisper-base"' }, confidence: 'medium', line: 6 }],
    },
    {
      // every value the file gives the member is known: each is named (another method may assign the other in between)
      code: imp + `class Q {\n  model;\n  async load() {\n    Q.x = 1;\n    this.model = 'org/a';\n    await warmUp();\n    return pipeline('x', this.model);\n  }\n  other() { this.model = 'org/b'; }\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/a" or "org/b"' }, confidence: 'high' }],
    },
    // a Hub id defaulted in the constructor (review jsnode P7): the default is named, at medium confidence (the caller may pass another)
    {
      code: `import { pipeline } from '@xenova/transformers';\nexport class Embedder {\n  private readonly hubModelId: string;\n  constructor(opts: { hubModelId?: string } = {}) {\n    this.hubModelId = opts.hubModelId ?? 'Xenova/all-MiniLM-L6-v2';\n  }\n  warmup() {\n    return pipeline('feature-extraction', this.hubModelId, { quantized: true });\n  }\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"Xenova/all-MiniLM-L6-v2"' }, confidence: 'medium', line: 8 }],
    },
    // look-alikes that stay unresolved (low confidence): a value that is not a constant, an
    // assignment in a branch, on another object, or with a callback assigning the member in between
    ...[
      `class P { static id = null; static load(id) { this.id = 'org/a'; if (id) this.id = id; return AutoModel.from_pretrained(this.id); } }`,
      `class P { static id = null; static set(id) { this.id = id; } static load() { this.id = 'org/a'; return AutoModel.from_pretrained(this.id); } }`,
      `class P { static id = null; static load() { if (ready) { this.id = 'org/a'; } return AutoModel.from_pretrained(this.id); } }`,
      `class P { id = null; load(items) { this.id = 'org/a'; items.forEach((i) => { this.id = i.name; }); return AutoModel.from_pretrained(this.id); } }`,
      `class P { id = null; load() { this.id = 'org/a'; return AutoModel.from_pretrained(this.id); } }\nconst p = new P(); p.id = readId();`,
      `class P { id = null; load() { this.id = 'org/a'; return () => AutoModel.from_pretrained(this.id); } }`,
      `class P { id = null; load() { this.id ??= 'org/a'; return AutoModel.from_pretrained(this.id); } }`,
    ].map((code) => ({ code: imp + code, errors: [{ messageId: 'missing' as const, confidence: 'low' as const, data: { callee: 'AutoModel.from_pretrained', model: '`this.id`' } }] })),
    // module-level code runs in source order: a write after a module-level load does not apply to it
    { code: imp + `const p = await pipeline('x', 'org/name');\nenv.allowRemoteModels = false;`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    { code: imp + `const p = await pipeline('x', 'org/name');\nenv.remoteHost = 'https://mirror.example.com/';`, errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/name"' } }] },
    { code: imp + `env.remotePathTemplate = '{model}/';\nconst p = await pipeline('x', 'org/name');\nenv.remotePathTemplate = '{model}/resolve/{revision}/';`, errors: [{ messageId: 'revisionIgnored' }] },
    // switched back on after the `Object.assign`, or by a source of it the analysis cannot read
    { code: imp + `Object.assign(env, { allowRemoteModels: false });\nenv.allowRemoteModels = true;\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    // ... by a value the analysis cannot read: maybe local, so not at full confidence
    { code: imp + `Object.assign(env, { allowRemoteModels: false }, window.MODEL_ENV);\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', confidence: 'medium' }] },
    { code: imp + `env.allowRemoteModels = process.env.ALLOW_REMOTE === '1';\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', confidence: 'medium' }] },
    { code: imp + `export function configure(opts) { env.allowRemoteModels = opts.remote; }\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', confidence: 'medium' }] },
    { code: imp + `env.allowRemoteModels = process.env.ALLOW_REMOTE === '1';\nenv.allowRemoteModels = true;\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    { code: imp + `Object.assign(env, { allowRemoteModels: false });\nexport function online() { Object.assign(env, { allowRemoteModels: true }); }\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    // `Object.assign(env, { remoteHost })` names the host like the assignment does
    { code: imp + `Object.assign(env, { remoteHost: 'https://models.internal.example.com/' });\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: '"models.internal.example.com"' } }] },
    { code: imp + `await pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/name"' }, line: 2, column: 7, confidence: 'high', severity: 'high' }] },
    { code: imp + `const p = pipeline; await p('x', 'gpt2');`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    { code: `const { pipeline } = await import('@huggingface/transformers'); await pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    {
      code: `const { pipeline } = require('@xenova/transformers'); class E { constructor(m) { this.model = m; } run() { return pipeline('feature-extraction', this.model); } }`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '`this.model`' }, confidence: 'low' }],
    },
    { code: `const t = require('@xenova/transformers'); t.AutoTokenizer.from_pretrained('org/name');`, errors: [{ messageId: 'missing', data: { callee: 't.AutoTokenizer.from_pretrained', model: '"org/name"' } }] },
    { code: `import { AutoModel } from 'https://cdn.jsdelivr.net/npm/@huggingface/transformers@3.0.0';\nAutoModel.from_pretrained('org/name');`, errors: [{ messageId: 'missing' }] },
    { code: imp + `await AutoModel.from_pretrained('org/name', { revision: 'main' });`, errors: [{ messageId: 'branch', data: { callee: 'AutoModel.from_pretrained', model: '"org/name"', revision: 'main' } }] },
    { code: imp + `await AutoModel.from_pretrained('org/name', { revision: 'v1.2.0' });`, errors: [{ messageId: 'tag', severity: 'medium' }] },
    // a short hash, or a name that is no known branch: only known not to be a full commit hash
    { code: imp + `await pipeline('x', 'org/name', { revision: '${COMMIT.slice(0, 7)}' });`, errors: [{ messageId: 'notCommit' }] },
    {
      code: imp + `await AutoModel.from_pretrained('org/name', { revision: 'default' });`,
      errors: [{ messageId: 'notCommit', data: { callee: 'AutoModel.from_pretrained', model: '"org/name"', revision: 'default' } }],
    },
    { code: imp + `await pipeline('x', 'org/name', { revision: 'refs/pr/3' });`, errors: [{ messageId: 'branch' }] },
    { code: imp + `await pipeline('x', 'org/name', { revision: undefined });`, errors: [{ messageId: 'missing' }] },
    // a helper that writes the revision on every path: the revision it writes; one that may not (a condition, an early
    // return, an async one not awaited, a call in an \`if\`, after the load): as before, the literal's
    ...[
      `function pin(o) {\n  if (o.device === 'cpu') o.revision = '${COMMIT}';\n}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`,
      `function pin(o) {\n  if (globalThis.offline) return; o.revision = '${COMMIT}';\n}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`,
      `async function pin(o) {\n  o.revision = '${COMMIT}';\n}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`,
      `function pin(o) {\n  o.revision = '${COMMIT}';\n}\nconst options = { device: 'webgpu' };\nif (globalThis.pinned) pin(options);\nawait pipeline('x', 'org/name', options);`,
    ].map((code) => ({ code: imp + code, errors: [{ messageId: 'missing' as const, confidence: 'high' as const, line: 7 }] })),
    {
      code: imp + `function pin(o) {\n  o.revision = '${COMMIT}';\n}\nconst options = { device: 'webgpu' };\nawait pipeline('x', 'org/name', options);\npin(options);`,
      errors: [{ messageId: 'missing', confidence: 'high', line: 6 }],
    },
    {
      code: imp + `function pin(o) {\n  o.revision = 'main';\n}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`,
      errors: [{ messageId: 'branch', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main' }, confidence: 'high', line: 7 }],
    },
    // what a helper writes and the code then undoes or may change (review s32js P1/P2): reported as before the helper
    // writes were read — a `delete` of the revision after the helper or in it, a value the call passes over the
    // parameter's default, a write in the load's own block, a helper declared again (the last one runs), `arguments`
    ...[
      [`function pin(o) {\n  o.revision = '${COMMIT}';\n}\nconst options = { device: 'webgpu' };\npin(options);\ndelete options.revision;\nawait pipeline('x', 'org/name', options);`, 8, 'unseenOptions'],
      [`function pin(o) {\n  o.revision = '${COMMIT}';\n  delete o.revision;\n}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`, 8],
      [`function pin(o, rev = '${COMMIT}') {\n  o.revision = rev;\n}\nexport async function f(branch) {\n  const options = { device: 'webgpu' };\n  pin(options, branch);\n  return pipeline('x', 'org/name', options);\n}`, 8],
      [`function pin(o) {\n  o.revision = '${COMMIT}';\n}\nexport async function f(dev, branch) {\n  const options = { device: 'webgpu' };\n  pin(options);\n  if (dev) {\n    options.revision = branch;\n    return pipeline('x', 'org/name', options);\n  }\n}`, 10, 'unseenOptions'],
      [`function pin(o) {\n  o.revision = '${COMMIT}';\n}\nfunction pin(o) {}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`, 8],
      [`function pin(o) {\n  o.revision = '${COMMIT}';\n  arguments[0].revision = 'main';\n}\nconst options = { device: 'webgpu' };\npin(options);\nawait pipeline('x', 'org/name', options);`, 8],
    ].map(([code, line, messageId = 'missing']) => ({ code: imp + code, errors: [{ messageId: messageId as 'missing' | 'unseenOptions', line: line as number }] })),
    // options the analysis cannot see: the message says so instead of stating that the revision is missing
    {
      code: imp + `function f(opts) { return pipeline('x', 'org/name', opts); }`,
      errors: [{ messageId: 'unseenOptions', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: '`opts`' }, confidence: 'low' }],
    },
    // a ?: of option objects: both without a revision (high), one without (medium, on some paths)
    {
      code: imp + `export const load = (fast) => pipeline('x', 'org/name', fast ? { dtype: 'q8' } : { dtype: 'fp32' });`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/name"' }, confidence: 'high' }],
    },
    {
      code: imp + `export const load = (dev) => pipeline('x', 'org/name', dev ? {} : { revision: '${COMMIT}' });`,
      errors: [{ messageId: 'missingOnSomePaths', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: `\`dev ? {} : { revision: '${COMMIT.slice(0, 35)}…\`` }, confidence: 'medium' }],
    },
    // the revision chosen inside the value: each value it may take (review s28js)
    {
      code: imp + `export const load = (dev) => pipeline('x', 'org/name', { revision: dev ? 'main' : '${COMMIT}' });`,
      errors: [{ messageId: 'revisionOnSomePaths', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: "`{ revision: dev ? 'main' : '0123456789abcdef0123456789abcde…`", revision: 'main' }, confidence: 'medium' }],
    },
    {
      code: imp + `export const load = (dev) => pipeline('x', 'org/name', { revision: dev ? undefined : '${COMMIT}' });`,
      errors: [{ messageId: 'missingOnSomePaths', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: "`{ revision: dev ? undefined : '0123456789abcdef0123456789ab…`" }, confidence: 'medium' }],
    },
    {
      code: imp + `export const p = await pipeline('x', 'org/name', { revision: process.env.REV ?? 'main' });`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: "`process.env.REV ?? 'main'`" }, confidence: 'medium' }],
    },
    // an options object in a class field, read as the objects the file gives it (review jsnode P3-1)
    {
      code: imp + `export default class Summarizer {\n  static options = { revision: 'main', dtype: 'q8' };\n  static a() { return pipeline('x', 'org/name', this.options); }\n  static b() { return pipeline('x', 'org/name', Summarizer.options); }\n}`,
      errors: [
        { messageId: 'branch', data: { callee: 'pipeline', model: '"org/name"', revision: 'main' }, confidence: 'high', line: 4 },
        { messageId: 'branch', data: { callee: 'pipeline', model: '"org/name"', revision: 'main' }, confidence: 'high', line: 5 },
      ],
    },
    {
      code: imp + `export class S {\n  options = { revision: '${COMMIT}' };\n  unpin() { this.options.revision = 'main'; }\n  load() { return pipeline('x', 'org/name', this.options); }\n}`,
      errors: [{ messageId: 'unseenOptions', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: '`this.options`' }, confidence: 'low', line: 5 }],
    },
    // a revision destructured from an options parameter, its default a branch a caller may leave in place
    {
      code: imp + `export async function load({ revision = 'main' } = {}) {\n  return pipeline('x', 'org/name', { revision });\n}`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: '`revision`' }, confidence: 'medium', line: 3 }],
    },
    // a constructor parameter's default a caller may replace (review jsnode P3-2)
    {
      code: imp + `export class S {\n  revision: string;\n  constructor(revision = 'main') { this.revision = revision; }\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: '`this.revision`' }, confidence: 'medium', line: 5 }],
    },
    {
      code: imp + `export class S {\n  constructor(private readonly revision: string = 'main') {}\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: '`this.revision`' }, confidence: 'medium', line: 4 }],
    },
    // ... and a class of the file where some `new` leaves it out (review s33js P2-1)
    {
      code: imp + `class S {\n  constructor(revision = 'main') { this.revision = revision; }\n  init() { return pipeline('x', 'org/name', { revision: this.revision }); }\n}\nexport const s = [new S('${COMMIT}'), new S()];`,
      errors: [{ messageId: 'revisionOnSomePaths', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: '`{ revision: this.revision }`', revision: 'main' }, confidence: 'medium', line: 4 }],
    },
    // a destructuring default of `process.env`, as its `??` (review jsnode P2-2)
    {
      code: imp + `const { EMBED_MODEL = 'org/name', EMBED_REVISION = 'main' } = process.env;\nexport const p = await pipeline('x', EMBED_MODEL, { revision: EMBED_REVISION });`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', revision: 'main', expr: '`EMBED_REVISION`' }, confidence: 'medium', line: 3 }],
    },
    {
      code: imp + `const { EMBED_MODEL = 'org/name' } = process.env;\nexport const p = await pipeline('x', EMBED_MODEL);`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/name"' }, confidence: 'medium', line: 3 }],
    },
    // a revision read from a constant table where an entry has none (review jsnode P2-3)
    {
      code: imp + `const MODELS = { a: { id: 'org/a' }, b: { id: 'org/b', revision: '${COMMIT}' } };\nexport function load(name) {\n  const { id, revision } = MODELS[name];\n  return pipeline('x', id, { revision });\n}`,
      errors: [{ messageId: 'missingOnSomePaths', data: { callee: 'pipeline', model: '"org/a" or "org/b"', source: 'the Hugging Face Hub', options: '`{ revision }`' }, confidence: 'medium', line: 5 }],
    },
    {
      code: imp + `const MODELS = { a: { id: 'org/a' }, b: { id: 'org/b', revision: 'main' } };\nexport function load(name) {\n  const cfg = MODELS[name];\n  return pipeline('x', cfg.id, { revision: cfg.revision });\n}`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/a" or "org/b"' }, confidence: 'high', line: 5 }],
    },
    // options that may be, as a whole, an object the analysis cannot see: not pinned (review s28js)
    {
      code: imp + `export const load = (dev, opts) => pipeline('x', 'org/name', dev ? opts : { revision: '${COMMIT}' });`,
      errors: [{ messageId: 'missingOnSomePathsUnseen', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: "`dev ? opts : { revision: '0123456789abcdef0123456789abcdef0…`", unseen: '`opts`' }, confidence: 'low' }],
    },
    {
      code: imp + `export const load = (opts) => pipeline('x', 'org/name', opts ?? { revision: '${COMMIT}' });`,
      errors: [{ messageId: 'missingOnSomePathsUnseen', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: "`opts ?? { revision: '0123456789abcdef0123456789abcdef012345…`", unseen: '`opts`' }, confidence: 'low' }],
    },
    {
      code: imp + `export const load = (dev, opts) => pipeline('x', 'org/name', dev ? opts : { local_files_only: true });`,
      errors: [{ messageId: 'unseenOptions', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: '`opts`' }, confidence: 'low' }],
    },
    // a branch on some paths only is said to be so (review s28js)
    {
      code: imp + `export const load = (dev) => pipeline('x', 'org/name', dev ? { revision: 'main' } : { revision: '${COMMIT}' });`,
      errors: [{ messageId: 'revisionOnSomePaths', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: "`dev ? { revision: 'main' } : { revision: '0123456789abcdef0…`", revision: 'main' }, confidence: 'medium' }],
    },
    // the other object is not in view: not said to give no revision (review s28js)
    {
      code: imp + `export const load = (dev, opts) => pipeline('x', 'org/name', { dtype: 'q8', ...(dev ? opts : { revision: '${COMMIT}' }) });`,
      errors: [{ messageId: 'missingOnSomePathsUnseen', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: "`{ dtype: 'q8', ...(dev ? opts : { revision: '0123456789abcd…`", unseen: '`opts`' }, confidence: 'low' }],
    },
    // an object the file writes members of may hold anything: not read as it was written
    { code: imp + `export async function load(device) {\n  const opts = { revision: '${COMMIT}' };\n  if (device) opts.revision = device;\n  return pipeline('x', 'org/name', opts);\n}`, errors: [{ messageId: 'unseenOptions', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', options: '`opts`' }, confidence: 'low' }] },
    { code: imp + `const opts = {};\nopts.revision = pickRevision();\nexport const p = await pipeline('x', 'org/name', opts);`, errors: [{ messageId: 'unseenOptions', confidence: 'low' }] },
    { code: imp + `await pipeline('x', 'org/name', { ...opts });`, errors: [{ messageId: 'unseenOptions', confidence: 'low' }] },
    { code: imp + `function f(id) { return pipeline('x', id); }`, errors: [{ messageId: 'missing', confidence: 'low' }] },
    { code: imp + `function f(id = 'org/name') { return pipeline('x', id); }`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    {
      code: imp + `class P { static model = 'org/name'; static get() { return pipeline('x', this.model); } }`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/name"' }, confidence: 'high' }],
    },
    // a field of a class that leaves the file (exported, handed out): another module may assign it (medium)
    ...[
      `export class P { static model = 'org/name'; static get() { return pipeline('x', this.model); } }`,
      `class P { static model = 'org/name'; static get() { return pipeline('x', this.model); } }\nexport default P;`,
      `const make = () => class P { static model = 'org/name'; static get() { return pipeline('x', this.model); } };\nglobalThis.P ??= make();`,
      `export class E { model = 'org/name'; load() { return pipeline('x', this.model); } }`,
    ].map((code) => ({ code: imp + code, errors: [{ messageId: 'missing' as const, data: { callee: 'pipeline', model: '"org/name"' }, confidence: 'medium' as const }] })),
    // ... a field the file never assigns elsewhere, in a class that stays in it: its value (high)
    { code: imp + `class P { static model = 'org/name'; static get() { return pipeline('x', this.model); } }\nexport const get = () => P.get();`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    // a static field the file also assigns (through the class name, \`this.\` in a static method): the
    // member reading, unresolved without an assignment just before the load (low)
    ...[
      `class P { static model = 'org/name'; static get() { return pipeline('x', this.model); } }\nexport function useLocal() { P.model = './models/name'; }`,
      `class P { static model = 'org/name'; static useLocal() { this.model = './models/name'; } static get() { return pipeline('x', this.model); } }`,
      `class P { static model = 'org/name'; static get() { return pipeline('x', this.model); } }\nexport function use(m) { P.model = m; }`,
    ].map((code) => ({ code: imp + code, errors: [{ messageId: 'missing' as const, data: { callee: 'pipeline', model: '`this.model`' }, confidence: 'low' as const }] })),
    // ... and read as the id assigned just before the load (medium), as for instance members
    {
      code: imp + `class P { static model = 'org/a'; static get() { P.model = 'org/b'; return pipeline('x', this.model); } }\nexport function useLocal() { P.model = './models/name'; }`,
      errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/b"' }, confidence: 'medium' }],
    },
    // the default of an id the environment may override: named, at medium confidence
    ...[
      `const model = process.env.EMBED_MODEL || 'Xenova/dinov2-small';\nawait pipeline('image-feature-extraction', model);`,
      `const model = process.env.EMBED_MODEL ?? 'Xenova/dinov2-small';\nawait pipeline('image-feature-extraction', model);`,
      `await pipeline('image-feature-extraction', import.meta.env.VITE_MODEL || process.env.MODEL || 'Xenova/dinov2-small');`,
    ].map((code) => ({ code: imp + code, errors: [{ messageId: 'missing' as const, data: { callee: 'pipeline', model: '"Xenova/dinov2-small"' }, confidence: 'medium' as const }] })),
    { code: imp + `await pipeline('x', process.env.MODEL || (small ? 'org/s' : 'org/l'));`, errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '"org/s" or "org/l"' }, confidence: 'medium' }] },
    { code: imp + `await pipeline('x', process.env.MODEL || 'org/name', { revision: 'main' });`, errors: [{ messageId: 'branch', confidence: 'medium' }] },
    // a local default, or one default local and one on the Hub: unresolved (low)
    { code: imp + `const model = process.env.MODEL || './models/dinov2';\nawait pipeline('x', model);`, errors: [{ messageId: 'missing', data: { callee: 'pipeline', model: '`model`' }, confidence: 'low' }] },
    { code: imp + `await pipeline('x', process.env.MODEL || (local ? './models/m' : 'org/m'));`, errors: [{ messageId: 'missing', confidence: 'low' }] },
    {
      name: 'still reports in a file with a syntax error elsewhere',
      code: imp + `const = broken;\nawait pipeline('x', 'org/name');`,
      allowParseErrors: true,
      errors: [{ messageId: 'missing', line: 3 }],
    },
    { code: imp + `await pipeline('summarization');`, errors: [{ messageId: 'defaultModel', data: { callee: 'pipeline', task: 'summarization' }, confidence: 'medium' }] },
    { code: imp + `function f() { env.allowRemoteModels = false; }\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    // switched off, then back on: remote loads happen again
    { code: imp + `env.allowRemoteModels = false;\nenv.allowRemoteModels = true;\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', line: 4 }] },
    { code: imp + `env.allowRemoteModels = false;\nenv.allowRemoteModels = process.env.REMOTE === '1';\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    { code: imp + `env.allowRemoteModels = false;\nexport function online() { env.allowRemoteModels = true; }\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    { code: imp + `await pipeline(\n  'x',\n  'org/name',\n);`, errors: [{ messageId: 'missing', line: 2, endLine: 5 }] },
    // a write in a branch that may not run, after the load, or in another function does not count
    { code: imp + `export async function load(offline) {\n  if (offline) { env.allowRemoteModels = false; }\n  return pipeline('x', 'org/name');\n}`, errors: [{ messageId: 'missing', line: 4 }] },
    { code: imp + `export async function load() {\n  try { env.allowRemoteModels = false; } catch {}\n  return pipeline('x', 'org/name');\n}`, errors: [{ messageId: 'missing', line: 4 }] },
    { code: imp + `export async function load() {\n  const m = await pipeline('x', 'org/name');\n  env.allowRemoteModels = false;\n  return m;\n}`, errors: [{ messageId: 'missing', line: 3 }] },
    { code: imp + `export function load() {\n  env.allowRemoteModels = false;\n  return () => pipeline('x', 'org/name');\n}`, errors: [{ messageId: 'missing', line: 4 }] },
    // values that refer to each other end the search (no endless recursion)
    { code: imp + `const a = b.toString();\nconst b = a.toString();\nawait pipeline('x', a);`, errors: [{ messageId: 'missing', confidence: 'low' }] },
    { code: imp + `const a = new URL(b).href;\nconst b = new URL(a).href;\nawait pipeline('x', a);`, errors: [{ messageId: 'missing', confidence: 'low' }] },
    // a Blob is not a folder: still unknown
    { code: `import { downloadFile } from '@huggingface/hub';\n` + imp + `const blob = await downloadFile({ repo: 'org/name', path: 'x' });\nawait AutoModel.from_pretrained(blob);`, errors: [{ messageId: 'missing', confidence: 'low' }] },
    // switched back on between the write and the load
    { code: imp + `export async function load(remote) {\n  env.allowRemoteModels = false;\n  env.allowRemoteModels = remote;\n  return pipeline('x', 'org/name');\n}`, errors: [{ messageId: 'missing', line: 5 }] },
    // env.remoteHost: the message names where the model comes from
    {
      code: imp + `env.remoteHost = 'https://models.internal.example.com/';\nenv.remotePathTemplate = '{model}/resolve/{revision}/';\nawait pipeline('x', 'org/name');`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: '"models.internal.example.com"' }, confidence: 'high', line: 4 }],
    },
    // a loopback host set in a function the load may run without: the Hub may still be in force, the host is named
    {
      code: imp + `export function useLocal() { env.remoteHost = 'http://localhost:8080/'; }\nexport async function load() { return AutoModel.from_pretrained('org/name'); }`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'AutoModel.from_pretrained', model: '"org/name"', source: '"localhost"' } }],
    },
    // a loopback host or the Hub: still reported
    { code: imp + `env.remoteHost = dev ? 'http://localhost:8000/' : 'https://huggingface.co/';\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missingFrom', confidence: 'medium' }] },
    // a host the analysis cannot read, set only under a condition: the Hub otherwise (review jsnode P7)
    {
      code: imp + `const config = JSON.parse(process.argv[2] ?? '{}');\nif (config.remoteHost) env.remoteHost = config.remoteHost;\nexport const load = () => AutoModel.from_pretrained('Xenova/bge-small-en-v1.5');`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'AutoModel.from_pretrained', model: '"Xenova/bge-small-en-v1.5"', source: 'the Hugging Face Hub (or, when `config.remoteHost`, the host set in `env.remoteHost`)' }, confidence: 'medium' }],
    },
    {
      code: imp + `if (process.env.HF_MIRROR) { env.remoteHost = process.env.HF_MIRROR; } else { env.allowLocalModels = false; }\nexport const p = await pipeline('x', 'org/name');`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub (or, when `process.env.HF_MIRROR`, the host set in `env.remoteHost`)' } }],
    },
    // the load inside the branch that sets the host runs only with it set; nested conditions are all named (review s28js)
    {
      code: imp + `const config = JSON.parse(process.argv[2] ?? '{}');\nif (config.remoteHost) {\n  env.remoteHost = config.remoteHost;\n  await pipeline('x', 'org/name');\n}`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: 'the host set in `env.remoteHost`' }, confidence: 'medium' }],
    },
    {
      code: imp + `const config = JSON.parse(process.argv[2] ?? '{}');\nif (config.mirror) {\n  if (config.remoteHost) env.remoteHost = config.remoteHost;\n}\nexport const load = () => pipeline('x', 'org/name');`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub (or, when `config.mirror && config.remoteHost`, the host set in `env.remoteHost`)' }, confidence: 'medium' }],
    },
    {
      code: imp + `const config = JSON.parse(process.argv[2] ?? '{}');\nif (config.mirror) {\n  if (config.remoteHost) env.remoteHost = config.remoteHost;\n  await pipeline('x', 'org/name');\n}`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub (or, when `config.remoteHost`, the host set in `env.remoteHost`)' }, confidence: 'medium' }],
    },
    // ... set by a function, or always: the host alone is named
    { code: imp + `export function mirror(h) { env.remoteHost = h; }\nexport const p = await pipeline('x', 'org/name');`, errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: 'the host set in `env.remoteHost`' } }] },
    { code: imp + `env.remoteHost = 'http://localhost:8000/';\nexport function online() { env.remoteHost = 'https://huggingface.co/'; }\nexport async function load() { return pipeline('x', 'org/name'); }`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    // a host the analysis cannot resolve (the app's own origin, a setting): named as such, medium confidence
    {
      code: imp + `env.remoteHost = window.location.origin + '/models/';\nawait pipeline('x', 'whisper-base');`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"whisper-base"', source: 'the host set in `env.remoteHost`' }, confidence: 'medium' }],
    },
    { code: imp + `env.remoteHost = process.env.MODEL_HOST;\nfunction f(id) { return pipeline('x', id); }`, errors: [{ messageId: 'missingFrom', confidence: 'low' }] },
    // a mirror set in a function may be in force; two hosts are both named
    {
      code: imp + `env.remoteHost = 'https://a.example.com/';\nexport function useB() { env.remoteHost = 'https://b.example.com/'; }\nawait pipeline('x', 'org/name');`,
      errors: [{ messageId: 'missingFrom', data: { callee: 'pipeline', model: '"org/name"', source: '"a.example.com" or "b.example.com"' } }],
    },
    // the Hub, the last module-level write back to the Hub, and `??=` (the default is set): still the Hub
    { code: imp + `env.remoteHost = 'https://huggingface.co/';\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing', confidence: 'high' }] },
    { code: imp + `env.remoteHost = 'https://mirror.example.com/';\nenv.remoteHost = 'https://hf.co/';\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    { code: imp + `env.remoteHost ??= 'https://mirror.example.com/';\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    {
      code: imp + `env.remoteHost = 'https://mirror.example.com/';\nawait pipeline('summarization');`,
      errors: [{ messageId: 'defaultModelFrom', data: { callee: 'pipeline', task: 'summarization', source: '"mirror.example.com"' }, confidence: 'medium' }],
    },
    // a template without `{revision}`: no pin is asked for, one finding per load
    {
      code: imp + `env.remotePathTemplate = '{model}/';\nawait pipeline('x', 'org/name');`,
      errors: [{ messageId: 'revisionIgnored', data: { callee: 'pipeline', model: '"org/name"', source: 'the Hugging Face Hub', template: '{model}/' }, confidence: 'high', severity: 'high' }],
    },
    {
      code: imp + `env.remoteHost = window.location.origin + '/models/';\nenv.remotePathTemplate = '{model}/';\nawait AutoModel.from_pretrained('org/name', { revision: 'v1.2.0' });`,
      errors: [{ messageId: 'revisionIgnored', data: { callee: 'AutoModel.from_pretrained', model: '"org/name"', source: 'the host set in `env.remoteHost`', template: '{model}/' }, confidence: 'medium', severity: 'high' }],
    },
    {
      code: imp + `Object.assign(env, { remoteHost: 'https://mirror.example.com/', remotePathTemplate: 'models/{model}/' });\nawait pipeline('summarization');`,
      errors: [{ messageId: 'revisionIgnored', data: { callee: 'pipeline', model: 'the default model of the "summarization" task', source: '"mirror.example.com"', template: 'models/{model}/' }, confidence: 'medium' }],
    },
    // a template the analysis cannot read, or one set back to the Hub layout: a pin is still asked for
    { code: imp + `env.remotePathTemplate = process.env.TEMPLATE;\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
    { code: imp + `env.remotePathTemplate = '{model}/';\nexport function hub() { env.remotePathTemplate = '{model}/resolve/{revision}/'; }\nawait pipeline('x', 'org/name');`, errors: [{ messageId: 'missing' }] },
  ],
});

fixture(rule);
fixture(rule, undefined, undefined, 'unpinned-model-revision-remote-host');
fixture(rule, undefined, undefined, 'unpinned-model-revision-conditional-host');
fixture(rule, undefined, undefined, 'unpinned-model-revision-host-inside-condition');
