import { RuleTester } from '@oculum/rule-tester';
import { javascript } from '@oculum/lang-js';
import rule from '../../src/rules/untrusted-publisher.js';
import { fixture, id } from '../helpers.js';

const settings = { trustedPublishers: ['Xenova', 'acme'] };
const imp = "import { pipeline, AutoTokenizer } from '@huggingface/transformers';\n";

new RuleTester({ language: javascript, settings }).run(id(rule), rule, {
  valid: [
    imp + `const model = process.env.EMBED_MODEL || 'Xenova/dinov2-small';\nawait pipeline('x', model);`,
    imp + `await pipeline('x', 'Xenova/bert');`,
    imp + `await AutoTokenizer.from_pretrained('acme/tok');`,
    imp + `await pipeline('x', '/models/bert');`,
    imp + `await pipeline('x', 'other/bert', { local_files_only: true });`,
    { code: imp + `await pipeline('x', 'other/bert');`, settings: { trustedPublishers: 'not-a-list' } },
    { code: imp + `await pipeline('x', 'other/bert');`, settings: { trustedPublishers: [] } },
    // typed repo strings: the owner follows the `datasets/` / `spaces/` / `models/` prefix
    `import { downloadFile } from '@huggingface/hub'; await downloadFile({ repo: 'datasets/acme/corpus', path: 'train.parquet', revision: SHA });`,
    `import { snapshotDownload } from '@huggingface/hub'; await snapshotDownload({ repo: 'spaces/acme/demo', revision: SHA });`,
    `import { downloadFile } from '@huggingface/hub'; await downloadFile({ repo: 'models/acme/m', path: 'model.onnx', revision: SHA });`,
    `import { downloadFile } from '@huggingface/hub'; await downloadFile({ repo: { type: 'dataset', name: 'acme/corpus' }, path: 'x', revision: SHA });`,
    // HF Storage Buckets: `buckets/namespace/name`
    `import { downloadFile } from '@huggingface/hub'; await downloadFile({ repo: 'buckets/acme/scratch', path: 'ckpt/model.safetensors' });`,
    `import { downloadFile } from '@huggingface/hub'; await downloadFile({ repo: { type: 'bucket', name: 'acme/scratch' }, path: 'x' });`,
    // remote loading switched off: the model is read from env.localModelPath
    "import { pipeline, env } from '@huggingface/transformers';\nenv.allowRemoteModels = false;\nenv.localModelPath = '/models/';\nawait pipeline('x', 'other/whisper-tiny-ft');",
    `export async function load() {\n  const { pipeline, env } = await import('@huggingface/transformers');\n  env.allowRemoteModels = false;\n  return pipeline('automatic-speech-recognition', 'whisper-tiny');\n}`,
    // the folder snapshotDownload returns is local; the download itself is judged (acme is trusted)
    "import { snapshotDownload } from '@huggingface/hub';\n" + imp + "export async function load() {\n  const dir = await snapshotDownload({ repo: 'acme/bert', revision: SHA });\n  return AutoTokenizer.from_pretrained(dir);\n}",
  ],
  invalid: [
    // the default of an id the environment may override: judged, at medium confidence
    { code: imp + `const model = process.env.EMBED_MODEL || 'other/dinov2-small';\nawait pipeline('x', model);`, errors: [{ messageId: 'unknownPublisher', data: { api: 'pipeline', id: 'other/dinov2-small', owner: 'other', trusted: 'xenova, acme' }, confidence: 'medium' }] },
    { code: `import { downloadFile } from '@huggingface/hub';\nawait downloadFile({ repo: process.env.REPO ?? 'stranger/m', path: 'x', revision: SHA });`, errors: [{ messageId: 'unknownPublisher', confidence: 'medium' }] },
    { code: imp + `await pipeline('x', 'other/bert');`, errors: [{ messageId: 'unknownPublisher', data: { api: 'pipeline', id: 'other/bert', owner: 'other', trusted: 'xenova, acme' }, confidence: 'high' }] },
    // remote models switched by a value the analysis cannot read: maybe local, so not at full confidence
    { code: `import { pipeline, env } from '@huggingface/transformers';\nenv.allowRemoteModels = import.meta.env.VITE_REMOTE_MODELS;\nawait pipeline('x', 'other/bert');`, errors: [{ messageId: 'unknownPublisher', confidence: 'medium' }] },
    { code: imp + `await pipeline('x', 'bert-base-uncased');`, errors: [{ messageId: 'noOwner', confidence: 'medium' }] },
    { code: imp + `function f(id) { return pipeline('x', id); }`, errors: [{ messageId: 'unresolved', confidence: 'low' }] },
    { code: `import * as hub from '@huggingface/hub'; hub.snapshotDownload({ repo: { type: 'model', name: 'other/x' }, revision: r });`, errors: [{ messageId: 'unknownPublisher' }] },
    {
      code: `import { downloadFile } from '@huggingface/hub'; await downloadFile({ repo: 'datasets/stranger/corpus', path: 'train.parquet', revision: SHA });`,
      errors: [{ messageId: 'unknownPublisher', data: { api: 'downloadFile', id: 'datasets/stranger/corpus', owner: 'stranger', trusted: 'xenova, acme' } }],
    },
    { code: `import { snapshotDownload } from '@huggingface/hub'; await snapshotDownload({ repo: 'spaces/stranger/demo', revision: SHA });`, errors: [{ messageId: 'unknownPublisher', data: { api: 'snapshotDownload', id: 'spaces/stranger/demo', owner: 'stranger', trusted: 'xenova, acme' } }] },
    // a legacy dataset without an owner namespace
    { code: `import { downloadFile } from '@huggingface/hub'; await downloadFile({ repo: 'datasets/squad', path: 'x', revision: SHA });`, errors: [{ messageId: 'noOwner', data: { api: 'downloadFile', id: 'datasets/squad' }, confidence: 'medium' }] },
    {
      code: `import { snapshotDownload } from '@huggingface/hub'; await snapshotDownload({ repo: 'buckets/stranger/scratch' });`,
      errors: [{ messageId: 'unknownPublisher', data: { api: 'snapshotDownload', id: 'buckets/stranger/scratch', owner: 'stranger', trusted: 'xenova, acme' } }],
    },
    // switched off, then back on in a function that may run first; switched off in a branch
    { code: "import { pipeline, env } from '@huggingface/transformers';\nenv.allowRemoteModels = false;\nexport function online() { env.allowRemoteModels = true; }\nawait pipeline('x', 'other/bert');", errors: [{ messageId: 'unknownPublisher', line: 4 }] },
    { code: imp.replace(' }', ', env }') + `export async function load(offline) {\n  if (offline) env.allowRemoteModels = false;\n  return pipeline('x', 'other/bert');\n}`, errors: [{ messageId: 'unknownPublisher', line: 4 }] },
  ],
});

fixture(rule, undefined, { trustedPublishers: ['Xenova', 'acme', 'other-org/one-model'] });
// a module-level `env.allowRemoteModels = false` keeps every load of the file local
fixture(rule, undefined, { trustedPublishers: ['Xenova', 'acme', 'other-org/one-model'] }, 'untrusted-publisher-remote-off');
fixture(rule, undefined, { trustedPublishers: ['Xenova', 'acme', 'other-org/one-model'] }, 'untrusted-publisher-remote-off-assign');
