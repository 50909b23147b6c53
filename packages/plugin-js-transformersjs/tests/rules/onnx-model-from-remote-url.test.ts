import rule from '../../src/rules/onnx-model-from-remote-url.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import * as ort from 'onnxruntime-web';\n";
const expo = "import * as ort from 'onnxruntime-react-native';\nimport { Asset } from 'expo-asset';\n";

tester.run(id(rule), rule, {
  valid: [
    // external weights next to the model, or given as bytes (review jsedge P3-a)
    imp + `export const s = ort.InferenceSession.create('./model.onnx', { externalData: [{ path: 'model.onnx.data', data: './model.onnx.data' }] });`,
    imp + `export const s = ort.InferenceSession.create('./model.onnx', { externalData: ['model.onnx.data'] });`,
    imp + `export async function f(bytes: ArrayBuffer) { return ort.InferenceSession.create('./model.onnx', { externalData: [{ path: 'model.onnx.data', data: bytes }] }); }`,
    imp + `const base = new URL('./models/', import.meta.url).href;\nexport const s = ort.InferenceSession.create(base + 'model.onnx', { externalData: [{ path: 'model.onnx.data', data: base + 'model.onnx.data' }] });`,
    // a value cut at the depth bound but declared as bytes (`buf: Uint8Array`, read from a file 40 helpers away) is no location (review s35js P3-5)
    imp + `import fs from 'node:fs';\nfunction b0(buf: Uint8Array) { return ort.InferenceSession.create(buf); }\n${Array.from({ length: 39 }, (_, i) => `function b${i + 1}(buf: Uint8Array) { return b${i}(buf); }`).join('\n')}\nb39(fs.readFileSync('./models/local.onnx'));`,
    imp + `function b0(buf: ArrayBuffer | Buffer) { return ort.InferenceSession.create(buf); }\n${Array.from({ length: 39 }, (_, i) => `function b${i + 1}(buf: ArrayBuffer | Buffer) { return b${i}(buf); }`).join('\n')}\nb39(new ArrayBuffer(8));`,
    // every branch of a `?:` local
    "import path from 'node:path';\nimport { app } from 'electron';\nimport * as ort from 'onnxruntime-node';\nconst modelPath = app.isPackaged ? path.join(process.resourcesPath, 'm.onnx') : './models/m.onnx';\nexport const s = () => ort.InferenceSession.create(modelPath);",
    // an exported helper without a default: calls of the file with local URLs only, or none
    "import * as ort from 'onnxruntime-web';\nexport async function load(u: string) { return ort.InferenceSession.create(u); }\nload('/models/model.onnx'); load('./models/other.onnx');",
    "import * as ort from 'onnxruntime-web';\nexport async function load(u: string) { return ort.InferenceSession.create(u); }",
    "import * as ort from 'onnxruntime-web';\nexport async function load(u: string) { return ort.InferenceSession.create(u); }\nload(chrome.runtime.getURL('models/model.onnx'));",
    // a URL parameter with a local default that no call of the file replaces with a remote URL (an exported one too)
    "import * as ort from 'onnxruntime-web';\nconst LOCAL_URL = '/models/model.onnx';\nexport async function load(url = LOCAL_URL) {\n  return ort.InferenceSession.create(url);\n}\nload();\nload('./models/other.onnx');",
    "import { InferenceSession } from 'onnxruntime-react-native';\nimport { Image } from 'react-native';\nexport const load = () => InferenceSession.create(Image.resolveAssetSource(require('./assets/m.onnx')).uri);",
    // the file expo-file-system's download saved on the device: the download is unverified-model-download's (review edge)
    "import * as FileSystem from 'expo-file-system';\nimport { InferenceSession } from 'onnxruntime-react-native';\nexport async function load() {\n  const { uri } = await FileSystem.downloadAsync('https://cdn.example.com/model.onnx', FileSystem.documentDirectory + 'model.onnx');\n  return InferenceSession.create(uri);\n}",
    // the `File` expo-file-system's new `File.downloadFileAsync` saved on the device (SDK 54)
    "import { File, Paths } from 'expo-file-system';\nimport { InferenceSession } from 'onnxruntime-react-native';\nexport async function load() {\n  const file = await File.downloadFileAsync('https://cdn.example.com/model.onnx', Paths.document);\n  return InferenceSession.create(file.uri);\n}",
    "import * as FileSystem from 'expo-file-system/legacy';\nimport { InferenceSession } from 'onnxruntime-react-native';\nexport async function load(url) {\n  const res = await FileSystem.createDownloadResumable(url, FileSystem.documentDirectory + 'model.onnx').downloadAsync();\n  return InferenceSession.create(res.uri);\n}",
    // a `.then` callback of an expo-asset / expo-file-system promise holds what an `await` of it does (review jsmobile P3-1)
    `${expo}export function get() {\n  return Asset.loadAsync(require('./assets/m.ort')).then(([a]) => ort.InferenceSession.create(a.localUri!));\n}`,
    `${expo}export function get() {\n  return Asset.fromModule(require('./assets/m.ort')).downloadAsync().then((asset) => ort.InferenceSession.create(asset.localUri!));\n}`,
    "import * as FileSystem from 'expo-file-system';\nimport { InferenceSession } from 'onnxruntime-react-native';\nexport function get(url: string) {\n  return FileSystem.downloadAsync(url, FileSystem.cacheDirectory + 'm.onnx').then((r) => InferenceSession.create(r.uri));\n}",
    "import * as FileSystem from 'expo-file-system';\nimport { InferenceSession } from 'onnxruntime-react-native';\nexport function get(url: string) {\n  return FileSystem.downloadAsync(url, FileSystem.cacheDirectory + 'm.onnx').then(({ uri }) => InferenceSession.create(uri));\n}",
    // a `?:` chain of 40 local paths: every value read, all local (review jsmobile P3-2)
    imp + `declare const f: boolean[];\nexport const s = ort.InferenceSession.create(${Array.from({ length: 40 }, (_, i) => `f[${i}] ? '/local${i}.onnx' : `).join('')}'/last.onnx');`,
    // Capacitor's `convertFileSrc` of a device file: served by the app's own web view (review jsmobile P2-2)
    "import { Capacitor } from '@capacitor/core';\nimport * as ort from 'onnxruntime-web';\nexport const load = (modelUri: string) => ort.InferenceSession.create(Capacitor.convertFileSrc(modelUri));",
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
    // a bundled asset's \`uri\` is the app's own file (embedded, the app's update server, or the dev server)
    `${expo}export async function loadModel() {\n  const assets = await Asset.loadAsync(require('./assets/mnist.ort'));\n  const modelUri = assets[0].uri;\n  return ort.InferenceSession.create(modelUri);\n}`,
    `${expo}export async function load() {\n  const loaded = (await Asset.loadAsync(require('./model.onnx')))[0];\n  return ort.InferenceSession.create(loaded.uri);\n}`,
    `${expo}export function load() {\n  const asset = Asset.fromModule(require('./model.onnx'));\n  return ort.InferenceSession.create(asset.uri);\n}`,
    `${expo}export async function load() {\n  const asset = Asset.fromModule(require('./model.onnx'));\n  await asset.downloadAsync();\n  return ort.InferenceSession.create(asset.localUri ?? asset.uri);\n}`,
    `${expo}import modelFile from './assets/model.onnx';\nexport const load = () => ort.InferenceSession.create(Asset.fromModule(modelFile).uri);`,
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
    // a \`file:\` URL made by \`pathToFileURL\` (of any path, a user's too), inline or held in a variable
    "import * as ort from 'onnxruntime-node';\nimport { pathToFileURL } from 'node:url';\nexport const session = await ort.InferenceSession.create(pathToFileURL('./model.onnx').href);",
    "import * as ort from 'onnxruntime-node';\nimport { pathToFileURL } from 'url';\nexport function load(modelPath: string) { return ort.InferenceSession.create(pathToFileURL(modelPath).toString()); }",
    "import * as ort from 'onnxruntime-node';\nimport url from 'node:url';\nexport function load(modelPath) { const modelUrl = url.pathToFileURL(modelPath).href; return ort.InferenceSession.create(modelUrl); }",
    "import * as ort from 'onnxruntime-node';\nconst { pathToFileURL } = require('node:url');\nexport function load(p) { const fileUrl = pathToFileURL(p); return ort.InferenceSession.create(fileUrl.href); }",
    "import * as ort from 'onnxruntime-node';\nimport { pathToFileURL } from 'node:url';\nexport const load = (dir) => ort.InferenceSession.create(`${pathToFileURL(dir)}/model.onnx`);",
    // a \`blob:\` URL, inline or held in a variable named like a URL
    imp + 'export function open(file: File) { return ort.InferenceSession.create(URL.createObjectURL(file)); }',
    imp + 'export async function open(file: File) {\n  const blobUrl = URL.createObjectURL(file);\n  return ort.InferenceSession.create(blobUrl);\n}',
    imp + 'export async function open(bytes) {\n  const modelUrl = window.URL.createObjectURL(new Blob([bytes]));\n  return ort.InferenceSession.create(modelUrl);\n}',
    // every value of a loop variable or a callback's parameter is local
    imp + `const MODEL_URLS = ['/models/encoder.onnx', './models/decoder.onnx'];\nfor (const modelUrl of MODEL_URLS) await ort.InferenceSession.create(modelUrl);`,
    imp + `const MODEL_URLS = ['/models/encoder.onnx', './models/decoder.onnx'];\nexport const s = await Promise.all(MODEL_URLS.map((modelUrl) => ort.InferenceSession.create(modelUrl)));`,
  ],
  invalid: [
    // a remote URL of the external weights of a large model: reported at its `data` (review jsedge P3-a)
    {
      code: imp + `export const s = await ort.InferenceSession.create('./model.onnx', {\n  externalData: [{ path: 'model.onnx.data', data: 'https://cdn.example.com/phi3/model.onnx.data' }] });`,
      errors: [{ messageId: 'externalRemote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/phi3/model.onnx.data"' }, confidence: 'high', line: 3, column: 51 }],
    },
    {
      code: imp + `const BASE = 'http://cdn.example.com/phi3/';\nconst opts = { executionProviders: ['webgpu'], externalData: [{ path: 'model.onnx_data', data: BASE + 'model.onnx_data' }] };\nexport const s = ort.InferenceSession.create(BASE + 'model.onnx', opts);`,
      errors: [
        {
          messageId: 'externalHttp', data: { callee: 'ort.InferenceSession.create', url: '"http://cdn.example.com/phi3/model.onnx_data"' }, confidence: 'high', line: 3,
          suggestions: [{ messageId: 'useHttps', output: imp + `const BASE = 'https://cdn.example.com/phi3/';\nconst opts = { executionProviders: ['webgpu'], externalData: [{ path: 'model.onnx_data', data: BASE + 'model.onnx_data' }] };\nexport const s = ort.InferenceSession.create(BASE + 'model.onnx', opts);` }],
        },
        {
          messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '"http://cdn.example.com/phi3/model.onnx"' }, confidence: 'high', line: 4,
          suggestions: [{ messageId: 'useHttps', output: imp + `const BASE = 'https://cdn.example.com/phi3/';\nconst opts = { executionProviders: ['webgpu'], externalData: [{ path: 'model.onnx_data', data: BASE + 'model.onnx_data' }] };\nexport const s = ort.InferenceSession.create(BASE + 'model.onnx', opts);` }],
        },
      ],
    },
    {
      code: imp + `export const s = ort.InferenceSession.create(bytes, 0, bytes.byteLength, { externalData: ['https://cdn.example.com/m.onnx.data'] });`,
      errors: [{ messageId: 'externalRemote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m.onnx.data"' }, confidence: 'high' }],
    },
    // one constant externalData list shared by three sessions: its entry reported once (review s36js P1)
    {
      code: imp + `const XD = [{ path: 'm.onnx.data', data: 'https://cdn.example.com/m.onnx.data' }];\nexport const a = ort.InferenceSession.create('/models/a.onnx', { externalData: XD });\nexport const b = ort.InferenceSession.create('/models/b.onnx', { externalData: XD });\nexport const c = ort.InferenceSession.create('/models/c.onnx', { externalData: XD });`,
      errors: [{ messageId: 'externalRemote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m.onnx.data"' }, confidence: 'high', line: 2 }],
    },
    // more than 32 known URLs: the first ones named, at medium confidence (the others are not looked at) (review jsdesk P3-a)
    {
      code: `import * as ort from 'onnxruntime-web';\nconst URLS = [${Array.from({ length: 33 }, (_, i) => `'https://cdn.example.com/m${i}.onnx'`).join(', ')}];\nexport const all = URLS.map((u) => ort.InferenceSession.create(u));`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m0.onnx", "https://cdn.example.com/m1.onnx", "https://cdn.example.com/m2.onnx" or …' }, confidence: 'medium', line: 3 }],
    },
    // remote on some paths, local on the others: medium, naming the remote value (review jsdesk P2-b)
    {
      code: "import * as ort from 'onnxruntime-web';\ndeclare const c0: boolean;\nexport const s = ort.InferenceSession.create(c0 ? './x0.onnx' : 'https://cdn.example.com/m.onnx');",
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m.onnx"' }, confidence: 'medium', line: 3 }],
    },
    {
      code: "import path from 'node:path';\nimport { app } from 'electron';\nimport * as ort from 'onnxruntime-node';\nconst modelUrl = app.isPackaged\n  ? path.join(process.resourcesPath, 'models', 'silero_vad.onnx')\n  : 'https://huggingface.co/onnx-community/silero-vad/resolve/main/onnx/model.onnx';\nexport const createVad = () => ort.InferenceSession.create(modelUrl);",
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://huggingface.co/onnx-community/silero-vad/resolve/main/onnx/model.onnx"' }, confidence: 'medium', line: 7 }],
    },
    {
      code: "import * as ort from 'onnxruntime-web';\nexport const s = (dev, name) => ort.InferenceSession.create(dev ? `./models/${name}.onnx` : dev === 0 ? 'http://cdn.example.com/a.onnx' : 'http://cdn.example.com/b.onnx');",
      errors: [{ messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '"http://cdn.example.com/a.onnx" or "http://cdn.example.com/b.onnx"' }, confidence: 'medium', line: 2, suggestions: [{ messageId: 'useHttps', output: "import * as ort from 'onnxruntime-web';\nexport const s = (dev, name) => ort.InferenceSession.create(dev ? `./models/${name}.onnx` : dev === 0 ? 'https://cdn.example.com/a.onnx' : 'https://cdn.example.com/b.onnx');" }] }],
    },
    // an exported helper without a default, given a remote URL by a call of the file: medium (other modules may pass anything)
    {
      code: "import * as ort from 'onnxruntime-web';\nexport async function load(u: string) { return ort.InferenceSession.create(u); }\nload('https://cdn.example.com/m.onnx');",
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m.onnx"' }, confidence: 'medium', line: 2 }],
    },
    {
      code: "import * as ort from 'onnxruntime-web';\nexport async function createSession(path: string, opts: ort.InferenceSession.SessionOptions = {}) {\n  return ort.InferenceSession.create(path, { executionProviders: ['wasm'], ...opts });\n}\nexport const yolo = createSession('https://huggingface.co/Xenova/yolos-tiny/resolve/main/onnx/model.onnx');",
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://huggingface.co/Xenova/yolos-tiny/resolve/main/onnx/model.onnx"' }, confidence: 'medium', line: 3 }],
    },
    // a URL parameter with a local default, given a remote URL by a call of the file: high when the file makes every call, medium when exported
    {
      code: "import * as ort from 'onnxruntime-web';\nconst LOCAL_URL = '/models/model.onnx';\nasync function load(url = LOCAL_URL) {\n  return ort.InferenceSession.create(url);\n}\nload('https://cdn.example.com/model.onnx');",
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 4 }],
    },
    {
      code: "import * as ort from 'onnxruntime-web';\nconst LOCAL_URL = '/models/model.onnx';\nexport async function load(url = LOCAL_URL) {\n  return ort.InferenceSession.create(url);\n}\nload();\nload('https://cdn.example.com/model.onnx');",
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'medium', line: 4 }],
    },
    // Deno's npm: specifier names the library as its npm name does
    { code: `import * as ort from 'npm:onnxruntime-web@1.20.1';\nawait ort.InferenceSession.create('https://cdn.example.com/models/yolov8n.onnx');`, errors: [{ messageId: 'remote', confidence: 'high', line: 2 }] },
    // look-alikes of \`pathToFileURL\`: another module's, a local function, a URL object's host
    {
      code: "import * as ort from 'onnxruntime-node';\nimport { pathToFileURL } from './urls';\nexport const s = await ort.InferenceSession.create(pathToFileURL('./model.onnx').href);",
      errors: [{ messageId: 'remote', confidence: 'low' }],
    },
    {
      code: "import * as ort from 'onnxruntime-node';\nconst pathToFileURL = (p) => new URL(p, 'https://cdn.example.com/');\nexport const s = await ort.InferenceSession.create(pathToFileURL('model.onnx').href);",
      errors: [{ messageId: 'remote', confidence: 'low' }],
    },
    // a \`blob:\` URL held in a variable that is later given another value
    {
      code: imp + 'export async function open(file: File, remote: string) {\n  let blobUrl = URL.createObjectURL(file);\n  if (remote) blobUrl = remote;\n  return ort.InferenceSession.create(blobUrl);\n}',
      errors: [{ messageId: 'remote', confidence: 'low' }],
    },
    // every value of a loop variable or an array callback's parameter is known and remote: as a known URL
    {
      code: imp + `const MODEL_URLS = ['https://cdn.example.com/models/encoder.onnx', 'https://cdn.example.com/models/decoder.onnx'];\nexport const s = await Promise.all(MODEL_URLS.map((src) => ort.InferenceSession.create(src)));`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/models/encoder.onnx" or "https://cdn.example.com/models/decoder.onnx"' }, confidence: 'high' }],
    },
    {
      code: imp + `const MODEL_URLS = ['https://cdn.example.com/models/encoder.onnx', 'https://cdn.example.com/models/decoder.onnx'];\nfor (const modelUrl of MODEL_URLS) await ort.InferenceSession.create(modelUrl);`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/models/encoder.onnx" or "https://cdn.example.com/models/decoder.onnx"' }, confidence: 'high' }],
    },
    {
      code: imp + `const MODELS = [{ name: 'enc', url: 'http://cdn.example.com/enc.onnx' }, { name: 'dec', url: 'http://cdn.example.com/dec.onnx' }];\nMODELS.forEach(async ({ url }) => { await ort.InferenceSession.create(url); });`,
      errors: [{ messageId: 'http', confidence: 'high' }],
    },
    {
      code: imp + `const MODEL_URLS = { enc: 'https://cdn.example.com/enc.onnx', dec: 'https://cdn.example.com/dec.onnx' };\nexport const load = (name) => ort.InferenceSession.create(MODEL_URLS[name]);`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/enc.onnx" or "https://cdn.example.com/dec.onnx"' }, confidence: 'high' }],
    },
    // look-alikes: an array the file changes, one of elements not known, a callback not on the array: as before
    {
      code: imp + `const MODEL_URLS = ['https://cdn.example.com/models/encoder.onnx'];\nexport function add(u) { MODEL_URLS.push(u); }\nfor (const modelUrl of MODEL_URLS) await ort.InferenceSession.create(modelUrl);`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '`modelUrl`' }, confidence: 'low' }],
    },
    {
      code: imp + `const MODEL_URLS = ['https://cdn.example.com/models/encoder.onnx', process.env.EXTRA_URL];\nfor (const modelUrl of MODEL_URLS) await ort.InferenceSession.create(modelUrl);`,
      errors: [{ messageId: 'remote', confidence: 'low' }],
    },
    {
      code: imp + `const MODEL_URLS = ['https://cdn.example.com/models/encoder.onnx'];\nexport const s = (urls) => urls.map((modelUrl) => ort.InferenceSession.create(modelUrl));`,
      errors: [{ messageId: 'remote', confidence: 'low' }],
    },
    // an asset made from a URL is downloaded from there: its \`uri\` and its \`localUri\` name the URL
    {
      code: `${expo}export async function loadModel() {\n  const asset = Asset.fromURI('https://cdn.example.com/model.onnx');\n  return ort.InferenceSession.create(asset.uri);\n}`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high' }],
    },
    {
      code: `${expo}export async function loadModel() {\n  const asset = await Asset.fromURI('http://cdn.example.com/model.onnx').downloadAsync();\n  return ort.InferenceSession.create(asset.localUri ?? asset.uri);\n}`,
      errors: [{ messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '"http://cdn.example.com/model.onnx"' }, confidence: 'high' }],
    },
    {
      code: `${expo}export async function loadModel() {\n  const [asset] = await Asset.loadAsync('https://cdn.example.com/model.onnx');\n  return ort.InferenceSession.create(asset.localUri!);\n}`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high' }],
    },
    // look-alikes of Expo's files: the \`uri\` of an asset whose source is not known, another object's \`localUri\`
    {
      code: `${expo}export async function loadModel(moduleId) {\n  const assets = await Asset.loadAsync(moduleId);\n  const modelUri = assets[0].uri;\n  return ort.InferenceSession.create(modelUri);\n}`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '`modelUri`' }, confidence: 'low' }],
    },
    { code: `${expo}export function loadModel(download) {\n  const modelUri = download.localUri;\n  return ort.InferenceSession.create(modelUri);\n}`, errors: [{ messageId: 'remote', confidence: 'low' }] },
    // the default of a URL the environment may override: named, at medium confidence
    {
      code: imp + `const MODEL_URL = process.env.MODEL_URL ?? 'https://cdn.example.com/model.onnx';\nexport const load = () => ort.InferenceSession.create(MODEL_URL);`,
      errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'medium' }],
    },
    // a `let` URL built with `+=` keeps the plain-HTTP start of its first value (review jsnode P3-4)
    {
      code: imp + `export async function load(name) {\n  let url = 'http://cdn.example.com/models/';\n  url += \`\${name}.onnx\`;\n  return ort.InferenceSession.create(url);\n}`,
      errors: [{ messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '`url`' }, confidence: 'medium', line: 5, suggestions: [] }],
    },
    // ... and so does one reassigned to itself plus more
    {
      code: imp + `export async function load(name) {\n  let url = 'http://cdn.example.com/models/';\n  url = url + name + '.onnx';\n  return ort.InferenceSession.create(url);\n}`,
      errors: [{ messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '`url`' }, confidence: 'medium', line: 5, suggestions: [] }],
    },
    // ... or to a template that starts with it
    {
      code: imp + 'export async function load(name) {\n  let url = \'http://cdn.example.com/models/\';\n  url = `${url}${name}.onnx`;\n  return ort.InferenceSession.create(url);\n}',
      errors: [{ messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '`url`' }, confidence: 'medium', line: 5, suggestions: [] }],
    },
    // ... and its literal default is switched to https:// (also with `??` and in a branch of `?:`)
    {
      code: imp + `export const load = () => ort.InferenceSession.create(import.meta.env.VITE_MODEL || 'http://cdn.example.com/model.onnx');`,
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + `export const load = () => ort.InferenceSession.create(import.meta.env.VITE_MODEL || 'https://cdn.example.com/model.onnx');` }] }],
    },
    {
      code: imp + `const MODEL_URL = process.env.MODEL_URL ?? 'http://cdn.example.com/model.onnx';\nexport const load = () => ort.InferenceSession.create(MODEL_URL);`,
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + `const MODEL_URL = process.env.MODEL_URL ?? 'https://cdn.example.com/model.onnx';\nexport const load = () => ort.InferenceSession.create(MODEL_URL);` }] }],
    },
    {
      // both plain-HTTP branches in one edit
      code: imp + `export const load = (small) => ort.InferenceSession.create(small ? 'http://cdn.example.com/s.onnx' : 'http://cdn.example.com/l.onnx');`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `export const load = (small) => ort.InferenceSession.create(small ? 'https://cdn.example.com/s.onnx' : 'https://cdn.example.com/l.onnx');` }] }],
    },
    // one branch over https: the URL is reported as remote, with no suggestion (http-model-url reports the other literal)
    { code: imp + `export const load = (small) => ort.InferenceSession.create(small ? 'http://cdn.example.com/s.onnx' : 'https://cdn.example.com/l.onnx');`, errors: [{ messageId: 'remote', suggestions: [] }] },
    // TypeScript wrappers around the literal or the name: the same suggestion
    ...[
      [`'http://cdn.example.com/v.onnx' as string`, `'https://cdn.example.com/v.onnx' as string`],
      [`('http://cdn.example.com/v.onnx' satisfies string)`, `('https://cdn.example.com/v.onnx' satisfies string)`],
      [`('http://cdn.example.com/v.onnx')!`, `('https://cdn.example.com/v.onnx')!`],
    ].map(([arg, fixed]) => ({
      code: imp + `export const s = ort.InferenceSession.create(${arg});`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `export const s = ort.InferenceSession.create(${fixed});` }] }],
    })),
    {
      code: imp + `const MODEL_URL: string | undefined = 'http://cdn.example.com/m.onnx';\nexport const s = ort.InferenceSession.create((MODEL_URL as string)!);`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `const MODEL_URL: string | undefined = 'https://cdn.example.com/m.onnx';\nexport const s = ort.InferenceSession.create((MODEL_URL as string)!);` }] }],
    },
    // a URL built inline: the piece that holds `http://` is switched, as transformersjs/http-model-url does
    {
      code: imp + `const name = 'resnet';\nexport const s = ort.InferenceSession.create('http://cdn.example.com/' + name + '.onnx');`,
      errors: [{ messageId: 'http', confidence: 'high', suggestions: [{ messageId: 'useHttps', output: imp + `const name = 'resnet';\nexport const s = ort.InferenceSession.create('https://cdn.example.com/' + name + '.onnx');` }] }],
    },
    {
      code: imp + 'export const load = (name: string) => ort.InferenceSession.create(`http://cdn.example.com/${name}.onnx`);',
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + 'export const load = (name: string) => ort.InferenceSession.create(`https://cdn.example.com/${name}.onnx`);' }] }],
    },
    {
      code: imp + `const CONFIG = { modelUrl: 'http://cdn.example.com/m.onnx' };\nexport const s = ort.InferenceSession.create(CONFIG.modelUrl);`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `const CONFIG = { modelUrl: 'https://cdn.example.com/m.onnx' };\nexport const s = ort.InferenceSession.create(CONFIG.modelUrl);` }] }],
    },
    // a URL object made of the literal, or resolved against it
    {
      code: imp + `export const s = ort.InferenceSession.create(new URL('http://cdn.example.com/m.onnx').href);`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `export const s = ort.InferenceSession.create(new URL('https://cdn.example.com/m.onnx').href);` }] }],
    },
    {
      code: imp + `const BASE = 'http://cdn.example.com/models/';\nexport const s = ort.InferenceSession.create(new URL('m.onnx', BASE).toString());`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `const BASE = 'https://cdn.example.com/models/';\nexport const s = ort.InferenceSession.create(new URL('m.onnx', BASE).toString());` }] }],
    },
    // \`http://\` spelled with a line continuation or an escape: reported, no suggestion
    { code: imp + `export const s = ort.InferenceSession.create('ht\\\ntp://cdn.example.com/b.onnx');`, errors: [{ messageId: 'http', data: { callee: 'ort.InferenceSession.create', url: '"http://cdn.example.com/b.onnx"' }, suggestions: [] }] },
    { code: imp + `export const s = ort.InferenceSession.create('http\\u003a//cdn.example.com/b.onnx');`, errors: [{ messageId: 'http', suggestions: [] }] },
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
    // a `.then` callback on a promise that is not a device file: still read as before (a URL-named value, low)
    { code: `${expo}export function get(p) {\n  return p.then(({ uri }) => ort.InferenceSession.create(uri));\n}`, errors: [{ messageId: 'remote', confidence: 'low', data: { callee: 'ort.InferenceSession.create', url: '`uri`' } }] },
    { code: `${expo}export function get() {\n  return Asset.fromURI('https://cdn.example.com/m.ort').downloadAsync().then((a) => ort.InferenceSession.create(a.localUri!));\n}`, errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m.ort"' } }] },
    // a value the analysis gives up on at its depth bound (40 helpers passing the URL on): low, not dropped (review jsmobile P3-2)
    {
      code: imp + `function h0(u) { return ort.InferenceSession.create(u); }\n${Array.from({ length: 39 }, (_, i) => `function h${i + 1}(u) { return h${i}(u); }`).join('\n')}\nh39('https://cdn.example.com/m.onnx');`,
      errors: [{ messageId: 'unresolved', confidence: 'low', data: { callee: 'ort.InferenceSession.create', url: '`u`' } }],
    },
    // a `?:` chain 40 long, one remote branch past the first 32 values: the remote value, medium
    {
      code: imp + `declare const f: boolean[];\nexport const s = ort.InferenceSession.create(${Array.from({ length: 40 }, (_, i) => `f[${i}] ? '/local${i}.onnx' : `).join('')}'https://cdn.example.com/m0.onnx');`,
      errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m0.onnx"' } }],
    },
    // (an http(s) URL is returned unchanged by `convertFileSrc`)
    { code: "import { Capacitor } from '@capacitor/core';\nimport * as ort from 'onnxruntime-web';\nexport const load = () => ort.InferenceSession.create(Capacitor.convertFileSrc('https://cdn.example.com/m.onnx'));", errors: [{ messageId: 'remote', data: { callee: 'ort.InferenceSession.create', url: '"https://cdn.example.com/m.onnx"' }, confidence: 'high', suggestions: [] }] },
    // an expression the analysis cannot resolve is shown as code, not quoted like a URL
    { code: imp + `function f(modelUrl) { return ort.InferenceSession.create(modelUrl); }`, errors: [{ messageId: 'remote', confidence: 'low', data: { callee: 'ort.InferenceSession.create', url: '`modelUrl`' } }] },
    {
      code: imp + `const MODEL_URL = 'https://cdn.example.com/' + process.env.MODEL + '.onnx';\nort.InferenceSession.create(MODEL_URL);`,
      errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ort.InferenceSession.create', url: '`MODEL_URL`' } }],
    },
  ],
});

fixture(rule);
