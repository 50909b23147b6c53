import { RuleTester } from '@oculum/rule-tester';
import { javascript } from '@oculum/lang-js';
import rule from '../../src/rules/missing-signature-verification.js';
import { fixture, id } from '../helpers.js';

const imp = "import * as ort from 'onnxruntime-web';\n";

new RuleTester({ language: javascript, settings: { requireSignatures: true } }).run(id(rule), rule, {
  valid: [
    { code: imp + `await ort.InferenceSession.create('./m.onnx');`, settings: { requireSignatures: false } },
    { code: imp + `await ort.InferenceSession.create('./m.onnx');`, settings: { requireSignatures: { enabled: false } } },
    imp + `import { verify } from '@sigstore/verify';\nasync function f(b, bytes) { await verify(b, bytes); return ort.InferenceSession.create(bytes); }`,
    imp + `import { checkSignature } from './signing.js';\nasync function f(p) { await checkSignature(p); return ort.InferenceSession.create(p); }`,
    imp + `async function load(p) { return ort.InferenceSession.create(p); }\nasync function main() { await verifyModelSignature('m.onnx'); return load('m.onnx'); }`,
    `const x = store.load('m');`,
  ],
  invalid: [
    { code: imp + `await ort.InferenceSession.create('./m.onnx');`, errors: [{ messageId: 'unsigned', data: { api: 'ort.InferenceSession.create' } }] },
    { code: imp + `await ort.InferenceSession.create('./m.onnx');`, settings: { requireSignatures: { enabled: true } }, errors: [{ messageId: 'unsigned' }] },
    { code: `import * as tf from '@tensorflow/tfjs'; await tf.loadGraphModel('/m/model.json');`, errors: [{ messageId: 'unsigned' }] },
    { code: `import { snapshotDownload } from '@huggingface/hub'; await snapshotDownload({ repo: 'o/n', revision: r });`, errors: [{ messageId: 'unsigned' }] },
  ],
});

fixture(rule, undefined, { requireSignatures: true });
