import rule from '../../src/rules/hub-download-without-revision.js';
import { fixture, id, tester } from '../helpers.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const imp = "import { downloadFile, snapshotDownload } from '@huggingface/hub';\n";
const llama = "import { createModelDownloader, getLlama, resolveModelFile } from 'node-llama-cpp';\n";

tester.run(id(rule), rule, {
  valid: [
    // options that pin a commit, given an unrelated option afterwards (review s28js)
    imp + `export function f(token) {\n  const params = { repo: 'org/m', path: 'model.onnx', revision: '${COMMIT}' };\n  if (token) params.accessToken = token;\n  return downloadFile(params);\n}`,
    imp + `await downloadFile({ repo: 'o/n', path: 'model.onnx', revision: '${COMMIT}' });`,
    imp + `await snapshotDownload({ repo: 'o/n', revision: rev });`,
    // node-llama-cpp: a Hub file pinned to a commit (\`#<commit>\`, or \`/resolve/<commit>/\` in a Hub URL), other URLs, local paths
    `${llama}export const p = await resolveModelFile('hf:ggml-org/embeddinggemma-300M-GGUF/embeddinggemma-300M-Q8_0.gguf#${COMMIT}', './models');`,
    `${llama}export const d = await createModelDownloader({ modelUri: 'https://huggingface.co/o/n/resolve/${COMMIT}/m-Q4_K_M.gguf', dirPath: './models' });`,
    `import { spawn } from 'node:child_process';\nspawn('npx', ['node-llama-cpp', 'pull', '--dir', './models', 'hf:o/n/m.gguf#${COMMIT}']);`,
    `import { execSync } from 'node:child_process';\nexecSync('npx node-llama-cpp pull https://models.example.com/m.gguf');`,
    `${llama}export const d = await createModelDownloader({ modelUri: \`hf:o/n/m.gguf#\${REVISION}\` });`,
    `${llama}export const p = await resolveModelFile('https://models.example.com/m.gguf');`,
    `${llama}export const p = await resolveModelFile('./models/m.gguf');`,
    // the \`/blob/\` page URL of a commit (node-llama-cpp reads it as \`/resolve/\`); \`HF:\` in upper case is a local path to it (review s28js)
    `${llama}export const p = await resolveModelFile('https://huggingface.co/o/n/blob/${COMMIT}/m-Q4_K_M.gguf', './models');`,
    `${llama}export const p = await resolveModelFile('HF:o/n/m.gguf', './models');`,
    `${llama}export const p = await resolveModelFile('hf:o/n/m.gguf', { download: false });`,
    `${llama}export const load = async (modelPath) => (await getLlama()).loadModel({ modelPath });`,
    { code: `${llama}export const p = await resolveModelFile('hf:o/n/m.gguf#v1.2.0');`, options: [{ allowTags: true }] },
    // every object the options may spread pins a commit
    imp + `export const pull = (dev) => { const pin = dev ? { revision: '${COMMIT}' } : { revision: '${'89abcdef'.repeat(5)}' }; return downloadFile({ repo: 'o/n', path: 'm.gguf', ...pin }); };`,
    imp + `export const pull = (dev) => snapshotDownload(dev ? { repo: 'o/n', revision: '${COMMIT}' } : { repo: 'o/n', revision: '${COMMIT}', cacheDir: '/tmp/c' });`,
    imp + `const opts = { repo: 'o/n', revision: '${COMMIT}' }; await snapshotDownload(opts);`,
    { code: imp + `await snapshotDownload({ repo: 'o/n', revision: 'v1.0' });`, options: [{ allowTags: true }] },
    `import { downloadFile } from './local'; await downloadFile({ repo: 'o/n' });`,
    `const { downloadFile } = require('@huggingface/hub'); function f(downloadFile) { downloadFile({ repo: 'o/n' }); }`,
    // HF Storage Buckets are not versioned: there is no revision to pin
    imp + `await downloadFile({ repo: 'buckets/acme/scratch', path: 'notes/readme.txt' });`,
    imp + `await downloadFile({ repo: { type: 'bucket', name: 'acme/scratch' }, path: 'notes/readme.txt' });`,
    imp + `const BUCKET = process.env.HF_BUCKET;\nexport const get = (p) => downloadFile({ repo: \`buckets/\${BUCKET}\`, repoType: 'bucket', path: p });`,
  ],
  invalid: [
    // the revision chosen inside the value (review s28js)
    {
      code: imp + `await downloadFile({ repo: 'o/n', path: 'm.onnx', revision: process.env.REV || 'main' });`,
      errors: [{ messageId: 'revisionDefault', data: { callee: 'downloadFile', repo: '"o/n"', revision: 'main', expr: "`process.env.REV || 'main'`" }, confidence: 'medium' }],
    },
    // options that may be, as a whole, an object the analysis cannot see: not pinned (review s28js)
    {
      code: imp + `export const pull = (opts) => downloadFile(opts ?? { repo: 'o/n', path: 'm.onnx', revision: '${COMMIT}' });`,
      errors: [{ messageId: 'missingOnSomePathsUnseen', data: { callee: 'downloadFile', repo: 'a repository', options: "`opts ?? { repo: 'o/n', path: 'm.onnx', revision: '012345678…`", unseen: '`opts`' }, confidence: 'low' }],
    },
    // a branch on some paths only, and other objects not in view, are said to be so (review s28js)
    {
      code: imp + `export const pull = (dev) => downloadFile({ repo: 'o/n', path: 'm.onnx', ...(dev ? { revision: 'main' } : { revision: '${COMMIT}' }) });`,
      errors: [{ messageId: 'revisionOnSomePaths', data: { callee: 'downloadFile', repo: '"o/n"', options: "`{ repo: 'o/n', path: 'm.onnx', ...(dev ? { revision: 'main'…`", revision: 'main' }, confidence: 'medium' }],
    },
    {
      code: imp + `export const pull = (dev, opts) => downloadFile({ repo: 'o/n', path: 'm.onnx', ...(dev ? opts : { revision: '${COMMIT}' }) });`,
      errors: [{ messageId: 'missingOnSomePathsUnseen', data: { callee: 'downloadFile', repo: '"o/n"', options: "`{ repo: 'o/n', path: 'm.onnx', ...(dev ? opts : { revision:…`", unseen: '`opts`' }, confidence: 'low' }],
    },
    // a name that is no known branch: only known not to be a full commit hash
    { code: `import { downloadFile } from '@huggingface/hub';\nawait downloadFile({ repo: 'org/name', path: 'model.onnx', revision: 'default' });`, errors: [{ messageId: 'notCommit', data: { callee: 'downloadFile', repo: '"org/name"', revision: 'default' } }] },
    // a TypeScript enum member is a constant: a branch in it is not pinned
    { code: imp + `enum Branch { Main = 'main' }\nawait downloadFile({ repo: 'org/model', path: 'model.onnx', revision: Branch.Main });`, errors: [{ messageId: 'branch', confidence: 'high', line: 3 }] },
    // Deno's npm: specifier names the library as its npm name does
    { code: `import { downloadFile } from 'npm:@huggingface/hub@1.0.0';\nawait downloadFile({ repo: 'org/model', path: 'model.onnx' });`, errors: [{ messageId: 'missing', confidence: 'high', line: 2 }] },
    // the default of a repository the environment may override is named
    {
      code: imp + `const repo = process.env.REPO || 'Xenova/dinov2-small';\nexport const get = () => downloadFile({ repo, path: 'onnx/model.onnx' });`,
      errors: [{ messageId: 'missing', data: { callee: 'downloadFile', repo: '"Xenova/dinov2-small"' }, confidence: 'high' }],
    },
    { code: imp + `await downloadFile({ repo: 'o/n', path: 'model.onnx' });`, errors: [{ messageId: 'missing', data: { callee: 'downloadFile', repo: '"o/n"' }, confidence: 'high' }] },
    { code: imp + `await snapshotDownload({ repo: { type: 'dataset', name: 'o/d' }, revision: 'main' });`, errors: [{ messageId: 'branch', data: { callee: 'snapshotDownload', repo: '"o/d"', revision: 'main' } }] },
    { code: imp + `await snapshotDownload({ repo: 'o/n', revision: 'v1.0' });`, errors: [{ messageId: 'tag', severity: 'medium' }] },
    { code: imp + `await downloadFile({ repo: 'datasets/o/d', path: 'train.parquet' });`, errors: [{ messageId: 'missing', data: { callee: 'downloadFile', repo: '"datasets/o/d"' } }] },
    { code: `const hub = require('@huggingface/hub'); hub.downloadFileToCacheDir({ repo: 'o/n', path: 'x' });`, errors: [{ messageId: 'missing' }] },
    // Compiled CommonJS: the function is named, and an unresolved repo is shown as code.
    {
      code: `const hub_1 = require('@huggingface/hub'); async function f(model) { await (0, hub_1.downloadFileToCacheDir)({ repo: model, path: 'x' }); }`,
      errors: [{ messageId: 'missing', data: { callee: 'hub_1.downloadFileToCacheDir', repo: '`model`' } }],
    },
    { code: imp + `function f(o) { return downloadFile(o); }`, errors: [{ messageId: 'unseenOptions', data: { callee: 'downloadFile', repo: 'a repository', options: '`o`' }, confidence: 'low' }] },
    { code: imp + `export const pull = (o) => downloadFile({ repo: 'o/n', path: 'm.gguf', ...o });`, errors: [{ messageId: 'unseenOptions', data: { callee: 'downloadFile', repo: '"o/n"', options: '`o`' }, confidence: 'low' }] },
    // a spread of a ?: of literals, neither with a revision: known to be missing (high)
    {
      code: imp + `export const pull = (token) => { const auth = token ? { accessToken: token } : {}; return downloadFile({ repo: 'o/n', path: 'm.gguf', ...auth }); };`,
      errors: [{ messageId: 'missing', data: { callee: 'downloadFile', repo: '"o/n"' }, confidence: 'high' }],
    },
    {
      code: imp + `export const pull = (dev) => downloadFile({ repo: 'o/n', path: 'm.gguf', ...(dev ? {} : { revision: '${COMMIT}' }) });`,
      errors: [{ messageId: 'missingOnSomePaths', data: { callee: 'downloadFile', repo: '"o/n"', options: '`{ repo: \'o/n\', path: \'m.gguf\', ...(dev ? {} : { revision: \'…`' }, confidence: 'medium' }],
    },
    // node-llama-cpp's Hub URIs (review jsnode P3): a file without \`#<commit>\` follows \`main\`
    {
      code: `${llama}export const p = await resolveModelFile('hf:stabilityai/stable-code-instruct-3b/stable-code-3b-q5_k_m.gguf', './models');`,
      errors: [{ messageId: 'uriMissing', data: { callee: 'resolveModelFile', uri: '"hf:stabilityai/stable-code-instruct-3b/stable-code-3b-q5_k_m.gguf"' }, confidence: 'high', line: 2 }],
    },
    // a quantization tag is resolved on \`main\` through the Hub's manifest: it cannot be pinned
    {
      code: `${llama}export const d = await createModelDownloader({ modelUri: 'hf:Qwen/Qwen2.5-3B-Instruct-GGUF:Q4_K_M', dirPath: './models' });`,
      errors: [{ messageId: 'uriQuantTag', data: { callee: 'createModelDownloader', uri: '"hf:Qwen/Qwen2.5-3B-Instruct-GGUF:Q4_K_M"', tag: 'Q4_K_M' }, confidence: 'high' }],
    },
    { code: `${llama}export const p = await resolveModelFile('hf.co/ggml-org/gemma-3-1b-it-GGUF');`, errors: [{ messageId: 'uriQuantTag', data: { callee: 'resolveModelFile', uri: '"hf.co/ggml-org/gemma-3-1b-it-GGUF"', tag: 'latest' } }] },
    {
      code: `${llama}export const p = await resolveModelFile('https://huggingface.co/o/n/blob/main/m-Q4_K_M.gguf');`,
      errors: [{ messageId: 'uriBranch', data: { callee: 'resolveModelFile', uri: '"https://huggingface.co/o/n/blob/main/m-Q4_K_M.gguf"', revision: 'main' } }],
    },
    {
      code: `${llama}export const p = await resolveModelFile('https://huggingface.co/o/Llama-3.2-1B-GGUF/resolve/main/Llama-3.2-1B-Q4_K_M.gguf');`,
      errors: [{ messageId: 'uriBranch', data: { callee: 'resolveModelFile', uri: '"https://huggingface.co/o/Llama-3.2-1B-GGUF/resolve/main/Llama-3.2-1B-Q4_K_M.gguf"', revision: 'main' } }],
    },
    { code: `${llama}export const p = await resolveModelFile('hf:o/n/m.gguf#v1.2.0');`, errors: [{ messageId: 'uriTag', severity: 'medium' }] },
    { code: `${llama}export const p = await resolveModelFile('hf:o/n/m.gguf#onnx');`, errors: [{ messageId: 'uriNotCommit', data: { callee: 'resolveModelFile', uri: '"hf:o/n/m.gguf#onnx"', revision: 'onnx' } }] },
    // a URI built from parts: the known end says no revision follows; the default of one the environment may override (medium)
    { code: `${llama}export const get = (repo) => resolveModelFile(\`hf:\${repo}/model-Q4_K_M.gguf\`);`, errors: [{ messageId: 'uriMissing', data: { callee: 'resolveModelFile', uri: '`hf:${repo}/model-Q4_K_M.gguf`' }, confidence: 'high' }] },
    { code: `${llama}export const get = (name) => resolveModelFile(\`hf:ggml-org/\${name}:Q8_0\`);`, errors: [{ messageId: 'uriQuantTag', data: { callee: 'resolveModelFile', uri: '`hf:ggml-org/${name}:Q8_0`', tag: 'Q8_0' } }] },
    // the \`node-llama-cpp pull\` command run in a child process (review jsnode P6)
    {
      code: `import { spawn } from 'node:child_process';\nspawn('npx', ['node-llama-cpp', 'pull', '--dir', './models', 'hf:Qwen/Qwen2.5-3B-Instruct-GGUF:Q4_K_M']);`,
      errors: [{ messageId: 'uriQuantTag', data: { callee: 'spawn (node-llama-cpp pull)', uri: '"hf:Qwen/Qwen2.5-3B-Instruct-GGUF:Q4_K_M"', tag: 'Q4_K_M' }, confidence: 'high' }],
    },
    { code: `import { execSync } from 'node:child_process';\nexecSync('npx --yes node-llama-cpp pull --uri=hf:o/n/m-Q8_0.gguf -d models');`, errors: [{ messageId: 'uriMissing', data: { callee: 'execSync (node-llama-cpp pull)', uri: '"hf:o/n/m-Q8_0.gguf"' } }] },
    // nothing known after the prefix: pinned or not is not known (low)
    { code: `${llama}export const get = (model) => createModelDownloader({ modelUri: \`hf:\${model}\` });`, errors: [{ messageId: 'uriUnseen', data: { callee: 'createModelDownloader', uri: '`hf:${model}`' }, confidence: 'low' }] },
    { code: `${llama}const MODEL = process.env.MODEL_URI ?? 'hf:o/n/m.gguf';\nexport const d = await createModelDownloader({ modelUri: MODEL });`, errors: [{ messageId: 'uriMissing', data: { callee: 'createModelDownloader', uri: '"hf:o/n/m.gguf"' }, confidence: 'medium' }] },
    // a repository whose name merely starts with "buckets" is a model
    { code: imp + `await downloadFile({ repo: 'buckets-org/model', path: 'model.onnx' });`, errors: [{ messageId: 'missing', data: { callee: 'downloadFile', repo: '"buckets-org/model"' } }] },
    { code: imp + `await downloadFile({ repo: \`datasets/\${name}\`, path: 'train.parquet' });`, errors: [{ messageId: 'missing' }] },
  ],
});

fixture(rule);

// `node-llama-cpp pull` run by an execa or zx template, read as the execSync form is.
tester.run(`${id(rule)} (execa and zx templates)`, rule, {
  valid: [
    `import { $ } from 'execa';\nawait $\`npx -y node-llama-cpp pull \${'hf:o/n/m.gguf#${COMMIT}'}\`;`,
    `import { $ } from 'zx';\nconst URI = 'hf:o/n/m.gguf#${COMMIT}';\nawait $\`npx -y node-llama-cpp pull --dir ./models \${URI}\`;`,
    `import { $ } from 'zx';\nawait $\`npx -y node-llama-cpp pull https://models.example.com/m.gguf\`;`,
    // look-alikes: jQuery's \`$\`, a global \`$\` in a file that is no zx script, a command that pulls nothing
    `import $ from 'jquery';\n$\`npx -y node-llama-cpp pull hf:o/n/m.gguf\`;`,
    `import { getLlama } from 'node-llama-cpp';\nawait $\`npx -y node-llama-cpp pull hf:o/n/m.gguf\`;`,
    `import { $ } from 'zx';\nawait $\`npx -y node-llama-cpp chat --model ./models/m.gguf\`;`,
  ],
  invalid: [
    {
      code: `import { execSync } from 'node:child_process';\nconst uri = 'hf:o/n/m.gguf';\nexecSync(\`npx -y node-llama-cpp pull \${uri}\`);`,
      errors: [{ messageId: 'uriMissing', data: { callee: 'execSync (node-llama-cpp pull)', uri: '"hf:o/n/m.gguf"' }, confidence: 'high' }],
    },
    {
      code: `import { $ } from 'execa';\nconst uri = 'hf:o/n/m.gguf';\nawait $\`npx -y node-llama-cpp pull \${uri}\`;`,
      errors: [{ messageId: 'uriMissing', data: { callee: '$`…` (node-llama-cpp pull)', uri: '"hf:o/n/m.gguf"' }, confidence: 'high' }],
    },
    {
      code: `import { $ } from 'zx';\nconst uri = 'hf:o/n/m.gguf';\nawait $\`npx -y node-llama-cpp pull \${uri}\`;`,
      errors: [{ messageId: 'uriMissing', data: { callee: '$`…` (node-llama-cpp pull)', uri: '"hf:o/n/m.gguf"' }, confidence: 'high' }],
    },
    {
      code: `#!/usr/bin/env zx\nawait $\`npx -y node-llama-cpp pull --dir ./models "hf:o/n/m.gguf#main"\`;`,
      errors: [{ messageId: 'uriBranch', data: { callee: '$`…` (node-llama-cpp pull)', uri: '"hf:o/n/m.gguf#main"', revision: 'main' }, confidence: 'high' }],
    },
    {
      code: `import 'zx/globals';\nawait $.sync\`npx -y node-llama-cpp pull \${'hf:Qwen/Qwen2.5-3B-Instruct-GGUF:Q4_K_M'}\`;`,
      errors: [{ messageId: 'uriQuantTag', data: { callee: '$.sync`…` (node-llama-cpp pull)', uri: '"hf:Qwen/Qwen2.5-3B-Instruct-GGUF:Q4_K_M"', tag: 'Q4_K_M' }, confidence: 'high' }],
    },
  ],
});
