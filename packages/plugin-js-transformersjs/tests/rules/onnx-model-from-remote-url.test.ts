import rule from '../../src/rules/onnx-model-from-remote-url.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import * as ort from 'onnxruntime-web';\n";

tester.run(id(rule), rule, {
  valid: [
    imp + `await ort.InferenceSession.create('./model.onnx');`,
    imp + `await ort.InferenceSession.create('model.onnx');`,
    imp + `await ort.InferenceSession.create(buffer);`,
    imp + `await ort.InferenceSession.create(new URL('model.onnx', import.meta.url));`,
    imp + `await ort.InferenceSession.create('http://[::1]:8000/model.onnx');`,
    `const { InferenceSession } = require('onnxruntime-node'); InferenceSession.create(require('path').join(__dirname, 'm.onnx'));`,
    `import { InferenceSession } from 'some-other-runtime'; InferenceSession.create('https://x.example/m.onnx');`,
    `function f(ort) { return ort.InferenceSession.create('https://x.example/m.onnx'); }`,
  ],
  invalid: [
    {
      code: imp + `await ort.InferenceSession.create('http://cdn.example.com/model.onnx');`,
      errors: [{
        messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '"http://cdn.example.com/model.onnx"' }, confidence: 'high',
        suggestions: [{ messageId: 'useHttps', output: imp + `await ort.InferenceSession.create('https://cdn.example.com/model.onnx');` }],
      }],
    },
    { code: imp + `await ort.InferenceSession.create('https://cdn.example.com/model.onnx', { executionProviders: ['wasm'] });`, errors: [{ messageId: 'remote' }] },
    { code: `import { InferenceSession } from 'onnxruntime-react-native'; InferenceSession.create('https://x.example/m.ort');`, errors: [{ messageId: 'remote' }] },
    { code: `const ort = await import('onnxruntime-web/webgpu'); ort.InferenceSession.create('https://x.example/m.onnx');`, errors: [{ messageId: 'remote' }] },
    { code: 'ort.InferenceSession.create(`https://${CDN}/m.onnx`);', errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ort.InferenceSession.create', url: '`https://${CDN}/m.onnx`' } }] },
    { code: imp + `await ort.InferenceSession.create(new URL('https://x.example/m.onnx'));`, errors: [{ messageId: 'remote' }] },
    // an expression the analysis cannot resolve is shown as code, not quoted like a URL
    { code: imp + `function f(modelUrl) { return ort.InferenceSession.create(modelUrl); }`, errors: [{ messageId: 'remote', confidence: 'low', data: { callee: 'ort.InferenceSession.create', url: '`modelUrl`' } }] },
    {
      code: imp + `const MODEL_URL = 'https://cdn.example.com/' + process.env.MODEL + '.onnx';\nort.InferenceSession.create(MODEL_URL);`,
      errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ort.InferenceSession.create', url: '`MODEL_URL`' } }],
    },
  ],
});

fixture(rule);
