import rule from '../../src/rules/onnx-model-from-remote-url.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import * as ort from 'onnxruntime-web';\n";
const expo = "import * as ort from 'onnxruntime-react-native';\nimport { Asset } from 'expo-asset';\n";

tester.run(id(rule), rule, {
  valid: [
    // a relative URL, whatever follows its known start, also through a variable named like a URL
    imp + 'export const load = (name) => ort.InferenceSession.create(`models/${name}.onnx`);',
    imp + 'export function load(name) { const modelUrl = `models/${name}.onnx`; return ort.InferenceSession.create(modelUrl); }',
    imp + `export function load(name) { const modelUrl = 'assets/models/' + name; return ort.InferenceSession.create(modelUrl); }`,
    // Expo: an asset's \`localUri\` is a file on the device (\`file://\`), and so is a path in an expo-file-system directory
    `${expo}export async function loadModel() {\n  const assets = await Asset.loadAsync(require('./assets/mnist.ort'));\n  const modelUri = assets[0].localUri;\n  return ort.InferenceSession.create(modelUri!);\n}`,
    `${expo}export async function loadModel() {\n  const assets = await Asset.loadAsync(require('./assets/mnist.ort'));\n  return ort.InferenceSession.create(assets[0].localUri!);\n}`,
    `${expo}export async function loadModel() {\n  const [{ localUri: modelUri }] = await Asset.loadAsync([require('./assets/mnist.ort')]);\n  return ort.InferenceSession.create(modelUri!);\n}`,
    `${expo}export async function loadModel() {\n  const asset = await Asset.fromModule(require('./assets/mnist.ort')).downloadAsync();\n  const modelUrl = asset.localUri;\n  return ort.InferenceSession.create(modelUrl!);\n}`,
    `${expo}export async function loadModel() {\n  const asset = Asset.fromModule(require('./assets/mnist.ort'));\n  await asset.downloadAsync();\n  return ort.InferenceSession.create(asset.localUri!);\n}`,
    `import * as ort from 'onnxruntime-react-native';\nimport { useAssets } from 'expo-asset';\nexport function useModel() {\n  const [assets] = useAssets([require('./assets/mnist.ort')]);\n  const modelUri = assets?.[0]?.localUri;\n  return () => ort.InferenceSession.create(modelUri!);\n}`,
    `import * as ort from 'onnxruntime-react-native';\nimport * as FileSystem from 'expo-file-system';\nexport function loadModel() {\n  const modelUri = FileSystem.documentDirectory + 'model.onnx';\n  return ort.InferenceSession.create(modelUri);\n}`,
    "import * as ort from 'onnxruntime-react-native';\nimport { cacheDirectory } from 'expo-file-system/legacy';\nexport const load = (name) => ort.InferenceSession.create(`${cacheDirectory}models/${name}.ort`);",
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
    // look-alikes of Expo's local files: an asset's \`uri\` (the dev server or a remote URL), another object's \`localUri\`
    {
      code: `${expo}export async function loadModel() {\n  const assets = await Asset.loadAsync(require('./assets/mnist.ort'));\n  const modelUri = assets[0].uri;\n  return ort.InferenceSession.create(modelUri);\n}`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '`modelUri`' }, confidence: 'low' }],
    },
    { code: `${expo}export function loadModel(download) {\n  const modelUri = download.localUri;\n  return ort.InferenceSession.create(modelUri);\n}`, errors: [{ messageId: 'remote', confidence: 'low' }] },
    // the default of a URL the environment may override: named, at medium confidence
    {
      code: imp + `const MODEL_URL = process.env.MODEL_URL ?? 'https://cdn.example.com/model.onnx';\nexport const load = () => ort.InferenceSession.create(MODEL_URL);`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'medium' }],
    },
    { code: imp + `export const load = () => ort.InferenceSession.create(import.meta.env.VITE_MODEL || 'http://cdn.example.com/model.onnx');`, errors: [{ messageId: 'http', confidence: 'medium' }] },
    // a field of an exported class: another module may assign it (medium)
    {
      code: imp + `export class Detector {\n  static modelUrl = 'https://cdn.example.com/model.onnx';\n  static load() { return ort.InferenceSession.create(this.modelUrl); }\n}`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'medium' }],
    },
    { code: imp + `class Detector {\n  static modelUrl = 'https://cdn.example.com/model.onnx';\n  static load() { return ort.InferenceSession.create(this.modelUrl); }\n}\nDetector.load();`, errors: [{ messageId: 'remote', confidence: 'high' }] },
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
