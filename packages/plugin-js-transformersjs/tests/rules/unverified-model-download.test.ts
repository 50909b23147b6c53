import { ruleTriggersMatch } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import rule, { CLIENTS } from '../../src/rules/unverified-model-download.js';
import { fixture, id, tester } from '../helpers.js';

describe('the triggers', () => {
  // With a model file in sight (the trigger group): the rule reports nothing without one.
  const model = " const p = 'model.onnx';";
  it('let through every client the rule resolves, however it is imported', () => {
    for (const module of Object.keys(CLIENTS)) {
      for (const text of [`import client from '${module}';`, `const c = require("${module}");`, 'const c = await import(`' + module + '`);', `import client from 'npm:${module.replace(/^[^/]+/, '$&@1.2.3')}';`]) {
        expect(ruleTriggersMatch(rule.meta, text + model), text).toBe(true);
      }
    }
    expect(ruleTriggersMatch(rule.meta, 'const r = await fetch(url);' + model)).toBe(true);
    expect(ruleTriggersMatch(rule.meta, 'const key = likely ? gotten : undefined;' + model)).toBe(false);
    expect(ruleTriggersMatch(rule.meta, 'const r = await fetch(url);')).toBe(false);
    // libraries that download to a file
    for (const module of ['expo-file-system', 'expo-file-system/legacy', 'expo-file-system/next', 'expo', 'react-native-fs', 'ipull', '@capacitor/filesystem', '@capacitor/file-transfer', 'react-native-blob-util', 'rn-fetch-blob']) {
      expect(ruleTriggersMatch(rule.meta, `import x from '${module}';` + model), module).toBe(true);
    }
  });
});

/** A helper that downloads its URL parameter and writes the bytes (line 2). */
const DOWNLOAD_HELPER = "import fs from 'fs';\nasync function download(url, out) { const r = await fetch(url); fs.writeFileSync(out, Buffer.from(await r.arrayBuffer())); }\n";
const ortImp = "import * as ort from 'onnxruntime-web';\n";
const llama = "import { createModelDownloader, resolveModelFile } from 'node-llama-cpp';\n";
const ENTE = "import { net } from 'electron/main';\nimport path from 'node:path';\nimport * as ort from 'onnxruntime-node';\nimport { writeStream } from '../utils/stream';\n";

const expoFs = "import * as FileSystem from 'expo-file-system';\nimport { InferenceSession } from 'onnxruntime-react-native';\n";
const rnfs = "import RNFS from 'react-native-fs';\nimport { InferenceSession } from 'onnxruntime-react-native';\n";
const blob = "import ReactNativeBlobUtil from 'react-native-blob-util';\nconst GGUF = 'https://huggingface.co/org/m-GGUF/resolve/main/m-Q4_K_M.gguf';\n";
const cap = "import { Filesystem, Directory } from '@capacitor/filesystem';\nimport { Capacitor, CapacitorHttp } from '@capacitor/core';\nimport * as ort from 'onnxruntime-web';\n";

tester.run(id(rule), rule, {
  valid: [
    // Expo's `getInfoAsync(path, { md5: true })` whose `md5` is compared with a pinned value checks the file (review jsmobile P2-3)
    expoFs + "const WHISPER = { url: 'https://huggingface.co/o/w/resolve/main/ggml-tiny.en.bin', md5: 'c78c86eb1a8faa21b369bcd33207cc90' };\nexport async function get() {\n  const target = `${FileSystem.documentDirectory}models/ggml-tiny.en.bin`;\n  await FileSystem.downloadAsync(WHISPER.url, target);\n  const info = await FileSystem.getInfoAsync(target, { md5: true });\n  if (!info.exists || info.md5 !== WHISPER.md5) throw new Error('Corrupt whisper model');\n  return target;\n}",
    expoFs + "const MD5 = 'c78c86eb1a8faa21b369bcd33207cc90';\nexport async function get(dest: string) {\n  await FileSystem.downloadAsync('https://cdn.example.com/m.onnx', dest);\n  const { md5 } = await FileSystem.getInfoAsync(dest, { md5: true });\n  if (md5 !== MD5) throw new Error('bad model');\n}",
    // ... assigned to a variable declared before (review s35js P3-6)
    expoFs + "export async function get(dest: string) {\n  await FileSystem.downloadAsync('https://cdn.example.com/m.onnx', dest);\n  let info;\n  info = await FileSystem.getInfoAsync(dest, { md5: true });\n  if (info.md5 !== 'd41d8cd98f00b204e9800998ecf8427e') throw new Error('bad');\n}",
    expoFs + "export async function get(dest: string) {\n  await FileSystem.downloadAsync('https://cdn.example.com/m.onnx', dest);\n  let md5;\n  ({ md5 } = await FileSystem.getInfoAsync(dest, { md5: true }));\n  if (md5 !== 'd41d8cd98f00b204e9800998ecf8427e') throw new Error('bad');\n}",
    "import { getInfoAsync, downloadAsync } from 'expo-file-system/legacy';\nconst MD5 = 'c78c86eb1a8faa21b369bcd33207cc90';\nexport async function get(dest: string) {\n  await downloadAsync('https://cdn.example.com/m.onnx', dest);\n  if ((await getInfoAsync(dest, { md5: true })).md5 !== MD5) throw new Error('bad model');\n}",
    // react-native-blob-util: a download checked with `fs.hash` of the file it saved; a request kept in memory; a POST (review jsmobile P3-3)
    blob + "export async function get(dest: string) {\n  await ReactNativeBlobUtil.config({ path: dest }).fetch('GET', GGUF);\n  if ((await ReactNativeBlobUtil.fs.hash(dest, 'sha256')) !== SHA) throw new Error('bad model');\n  return dest;\n}",
    blob + "export async function get() {\n  const res = await ReactNativeBlobUtil.fetch('GET', 'https://cdn.example.com/labels.txt');\n  return res.text();\n}",
    blob + "export async function send(dest: string) {\n  await ReactNativeBlobUtil.config({ path: dest }).fetch('POST', 'https://cdn.example.com/upload/m.gguf');\n}",
    // Capacitor: a download checked against a pinned digest; a configuration; a file of the app (review jsmobile P2-2)
    cap + "export async function load() {\n  const res = await CapacitorHttp.get({ url: 'https://cdn.example.com/m.onnx', responseType: 'arraybuffer' });\n  const digest = await crypto.subtle.digest('SHA-256', res.data);\n  if (toHex(digest) !== SHA) throw new Error('bad model');\n  return ort.InferenceSession.create(new Uint8Array(res.data));\n}",
    cap + "export async function config() {\n  const res = await CapacitorHttp.get({ url: 'https://cdn.example.com/models/config.json' });\n  return res.data;\n}",
    cap + "export async function load() {\n  await Filesystem.downloadFile({ url: '/assets/m.onnx', path: 'm.onnx', directory: Directory.Data });\n}",
    cap + "export async function load() {\n  const { uri } = await Filesystem.getUri({ path: 'm.onnx', directory: Directory.Data });\n  return ort.InferenceSession.create(Capacitor.convertFileSrc(uri));\n}",
    // Electron's session download of a file that is no model, or of the app's own server
    "import { session } from 'electron';\nexport const dl = () => session.defaultSession.downloadURL('https://example.com/report.pdf');",
    "import { session } from 'electron';\nexport const dl = () => session.defaultSession.downloadURL('http://localhost:3000/model.onnx');",
    // Tauri's HTTP client: a same-origin path, a checked download; look-alikes named `fetch` / `getClient` of the app's own modules
    "import { fetch } from '@tauri-apps/plugin-http';\nexport const get = () => fetch('/models/u2net.onnx');",
    "import { fetch } from '@tauri-apps/plugin-http';\nexport async function f() { const r = await fetch('https://cdn.example.com/models/u2net.onnx'); const b = await r.arrayBuffer(); if (hex(await crypto.subtle.digest('SHA-256', b)) !== PINNED) throw new Error('digest'); return b; }",
    "import { fetch } from './tauri-http';\nexport const get = () => fetch('https://cdn.example.com/models/u2net.onnx');",
    "import { getClient } from './api';\nexport async function f() { const client = await getClient(); return client.get('https://cdn.example.com/models/u2net.onnx'); }",
    // libraries that download to a file (review edge, jsserverless): a file that is no model, a hash
    // checked, a look-alike of another module, a loopback URL
    expoFs + "export const cfg = () => FileSystem.downloadAsync('https://cdn.example.com/config.json', FileSystem.documentDirectory + 'config.json');",
    rnfs + "export async function load() {\n  const p = `${RNFS.DocumentDirectoryPath}/model.onnx`;\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/model.onnx', toFile: p }).promise;\n  if ((await RNFS.hash(p, 'sha256')) !== SHA) throw new Error('bad model');\n  return InferenceSession.create(p);\n}",
    expoFs + "import * as Crypto from 'expo-crypto';\nexport async function load() {\n  const { uri } = await FileSystem.downloadAsync('https://cdn.example.com/model.onnx', FileSystem.documentDirectory + 'model.onnx');\n  const b64 = await FileSystem.readAsStringAsync(uri, { encoding: 'base64' });\n  if ((await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.SHA256, b64)) !== SHA) throw new Error('bad');\n  return InferenceSession.create(uri);\n}",
    "import { downloadFile } from 'ipull';\nconst d = await downloadFile({ url: 'https://example.com/files/readme.md', directory: './docs' });\nawait d.download();",
    "import { downloadFile } from './my-downloader';\nawait downloadFile('https://cdn.example.com/model.onnx', './models/model.onnx');",
    // expo-file-system's new `File.downloadFileAsync`: a file that is no model, a digest of its bytes checked, the loopback, the legacy module (no `File` there)
    "import { File, Paths } from 'expo-file-system';\nexport const labels = () => File.downloadFileAsync('https://cdn.example.com/labels.json', Paths.document);",
    "import { File, Paths } from 'expo-file-system';\nimport * as Crypto from 'expo-crypto';\nexport async function load() {\n  const file = await File.downloadFileAsync('https://cdn.example.com/model.onnx', Paths.document);\n  if ((await Crypto.digest(Crypto.CryptoDigestAlgorithm.SHA256, await file.bytes())) !== SHA) throw new Error('bad model');\n  return file.uri;\n}",
    "import { File, Paths } from 'expo-file-system';\nexport const dev = () => File.downloadFileAsync('http://10.0.2.2:8081/assets/model.onnx', Paths.document);",
    "import { File, Paths } from 'expo-file-system/legacy';\nexport const dl = () => File.downloadFileAsync('https://cdn.example.com/model.onnx', Paths.document);",
    // `RNFS.hash` of the downloaded file: the same literal path (or a constant of it), the same template, through a helper's parameter
    rnfs + "const MODEL_PATH = '/data/model.onnx';\nexport async function load() {\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/model.onnx', toFile: '/data/model.onnx' }).promise;\n  if ((await RNFS.hash(MODEL_PATH, 'sha256')) !== SHA) throw new Error('bad model');\n}",
    rnfs + "export async function load() {\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/model.onnx', toFile: `${RNFS.DocumentDirectoryPath}/model.onnx` }).promise;\n  if ((await RNFS.hash(`${RNFS.DocumentDirectoryPath}/model.onnx`, 'sha256')) !== SHA) throw new Error('bad model');\n}",
    rnfs + "async function verify(path) {\n  if ((await RNFS.hash(path, 'sha256')) !== SHA) throw new Error('bad model');\n}\nexport async function load() {\n  const p = RNFS.DocumentDirectoryPath + '/model.onnx';\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/model.onnx', toFile: p }).promise;\n  await verify(p);\n}",
    // an `RNFS.hash` whose path is not provably another file counts as the check (review s32js P2: `+` vs a template,
    // a re-assigned `let`, a path a function makes, a path a helper returns, a parameter's default)
    rnfs + "const DIR = RNFS.DocumentDirectoryPath;\nexport async function a() {\n  const dest = DIR + '/m.onnx';\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/m.onnx', toFile: dest }).promise;\n  if ((await RNFS.hash(`${DIR}/m.onnx`, 'sha256')) !== SHA) throw new Error('bad');\n}",
    rnfs + "export async function a(names) {\n  let dest = `${RNFS.DocumentDirectoryPath}/m.onnx`;\n  if (names.length) dest = `${RNFS.DocumentDirectoryPath}/${names[0]}.onnx`;\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/m.onnx', toFile: dest }).promise;\n  if ((await RNFS.hash(dest, 'sha256')) !== SHA) throw new Error('bad');\n}",
    rnfs + "const modelPath = (name) => `${RNFS.DocumentDirectoryPath}/${name}.onnx`;\nexport async function a() {\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/m.onnx', toFile: modelPath('m') }).promise;\n  if ((await RNFS.hash(modelPath('m'), 'sha256')) !== SHA) throw new Error('bad');\n}",
    rnfs + "async function download(url) {\n  const dest = `${RNFS.DocumentDirectoryPath}/m.onnx`;\n  await RNFS.downloadFile({ fromUrl: url, toFile: dest }).promise;\n  return dest;\n}\nexport async function a() {\n  const p = await download('https://cdn.example.com/m.onnx');\n  if ((await RNFS.hash(p, 'sha256')) !== SHA) throw new Error('bad');\n}",
    rnfs + "const DEST = `${RNFS.DocumentDirectoryPath}/m.onnx`;\nexport async function a(dest = DEST) {\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/m.onnx', toFile: dest }).promise;\n  if ((await RNFS.hash(DEST, 'sha256')) !== SHA) throw new Error('bad');\n}",
    rnfs + "await RNFS.downloadFile({ fromUrl: 'http://127.0.0.1:8080/model.onnx', toFile: `${RNFS.DocumentDirectoryPath}/model.onnx` }).promise;",
    // the Android emulator's alias of the host's loopback (the Metro dev server; review s31js, dl/d_local.js)
    expoFs + "export async function load() {\n  const { uri } = await FileSystem.downloadAsync('http://10.0.2.2:8081/assets/model.onnx', FileSystem.documentDirectory + 'model.onnx');\n  return InferenceSession.create(uri);\n}",
    // a file bundled with the app, copied to the device (review edge corpus: react_native_blocks mobilenet.js)
    "export async function load() {\n  const RNFS = require('react-native-fs');\n  const rn = require('react-native');\n  const uri = rn.Image.resolveAssetSource(require('../../assets/models/mobilenetv2-12.onnx')).uri;\n  await RNFS.downloadFile({ fromUrl: uri, toFile: `${RNFS.CachesDirectoryPath}/model.onnx` }).promise;\n}",
    // a relative URL whatever follows its known start (no scheme, no `//`): same origin
    ortImp + 'export async function load(name) {\n  const res = await fetch(`models/${name}.onnx`);\n  return ort.InferenceSession.create(new Uint8Array(await res.arrayBuffer()));\n}',
    ortImp + `export async function load(name) {\n  const res = await fetch('models/' + name + '.onnx');\n  return ort.InferenceSession.create(new Uint8Array(await res.arrayBuffer()));\n}`,
    'export async function load(name) {\n  const res = await fetch(`models/${name}.onnx`);\n  return res.arrayBuffer();\n}',
    'export async function load(dir, name) {\n  const url = `assets/${dir}/${name}.onnx`;\n  return (await fetch(url)).arrayBuffer();\n}',
    'export async function load(v, name) {\n  return (await fetch(`model_v${v}/${name}.onnx`)).arrayBuffer();\n}',
    // Deno's readers are no sinks
    `export async function f(url) {\n  const res = await fetch(url);\n  return Deno.readFile('models/model.onnx');\n}`,
    // a helper whose URL parameter has a local default: no call of the file, or calls with local URLs only
    "import * as ort from 'onnxruntime-web';\nconst LOCAL_URL = '/models/model.onnx';\nexport async function fetchModel(url = LOCAL_URL) {\n  const res = await fetch(url);\n  return ort.InferenceSession.create(new Uint8Array(await res.arrayBuffer()));\n}",
    "import * as ort from 'onnxruntime-web';\nconst LOCAL_URL = '/models/model.onnx';\nexport async function fetchModel(url = LOCAL_URL) {\n  const res = await fetch(url);\n  return ort.InferenceSession.create(new Uint8Array(await res.arrayBuffer()));\n}\nfetchModel();\nfetchModel('/models/small.onnx');",
    // the default is local: what may replace it is not known
    `export async function f() { return (await fetch(process.env.MODEL_URL || '/models/m.onnx')).arrayBuffer(); }`,
    // a Hub `resolve` URL of a configuration, read as JSON: no model file
    "export async function getConfig() {\n  const res = await fetch('https://huggingface.co/org/repo/resolve/main/config.json');\n  return res.json();\n}",
    // a URL looked up among known values that are local, or no model files
    `const M = { a: '/models/a.onnx', b: './b.onnx' }; export async function f(k) { return (await fetch(M[k])).arrayBuffer(); }`,
    `const M = { a: 'https://x.example/a.json', b: 'https://x.example/b.txt' }; export async function f(k) { return (await fetch(M[k])).arrayBuffer(); }`,
    // a Hub file that is not known, read as JSON or text, or whose known end is no model
    `export async function f(name) { return fetch('https://huggingface.co/o/m/resolve/main/' + name).then((r) => r.json()); }`,
    `export async function f(name) { const r = await fetch('https://huggingface.co/o/m/resolve/main/' + name); return r.text(); }`,
    `export async function f(name) { return fetch('https://huggingface.co/o/m/resolve/main/' + name + '.json'); }`,
    `export async function f(name) { return fetch('https://cdn.example.com/files/' + name); }`,
    // the same with `/resolve/<revision>/` between parts that are not known
    'export async function f(repo, file) { return fetch(`https://huggingface.co/${repo}/resolve/main/${file}`).then((r) => r.json()); }',
    'export async function f(repo, file) { return fetch(`https://huggingface.co/${repo}/resolve/main/${file}.json`); }',
    'export async function f(repo, file) { return fetch(`https://cdn.example.com/${repo}/resolve/main/${file}`); }',
    // a configuration or vocabulary fetched beside a session built from other bytes: read as JSON or
    // text, or a file evidently no model, that never reaches the session
    ortImp + `export async function load(bytes) {\n  const labels = await fetch('https://huggingface.co/Xenova/resnet-50/resolve/main/config.json').then((r) => r.json());\n  const session = await ort.InferenceSession.create(new Uint8Array(bytes));\n  return { labels, session };\n}`,
    ortImp + `export async function load(bytes) {\n  const vocab = await (await fetch('https://cdn.example.com/models/vocab.txt')).text();\n  return { vocab, session: await ort.InferenceSession.create(new Uint8Array(bytes)) };\n}`,
    ortImp + `export async function load(bytes, url) {\n  const meta = await (await fetch(url)).json();\n  return { meta, session: await ort.InferenceSession.create(bytes) };\n}`,
    ortImp + `export async function load(bytes, base) {\n  const res = await fetch(base + '/labels.csv');\n  return { res, session: await ort.InferenceSession.create(bytes) };\n}`,
    // a frozen table of local paths; one the file extends may hold anything
    `const M = Object.freeze({ a: '/models/a.onnx', b: './b.onnx' }); export async function f(k) { return (await fetch(M[k])).arrayBuffer(); }`,
    `const M = Object.freeze({ a: 'https://x.example/a.json' }); M.b = process.env.B; export async function f(k) { return (await fetch(M[k])).arrayBuffer(); }`,
    // a write stream of a file that is no model; a variable that is no write stream
    `const https = require('https'); const fs = require('fs');\nconst file = fs.createWriteStream('labels.txt');\nconst get = (url) => https.get(url, (res) => res.pipe(file));`,
    `const https = require('https'); const fs = require('fs');\nconst file = 'model.onnx';\nconst get = (url) => https.get(url, (res) => res.pipe(process.stdout).on('finish', () => log(file)));`,
    `const https = require('https');\nconst file = { write: () => {}, name: 'model.onnx' };\nconst get = (url) => https.get(url, (res) => res.on('data', (c) => file.write(c)));`,
    // not Node's http module; a request for metadata
    `import http from './http.js'; import * as fs from 'fs'; http.get(url, (res) => res.pipe(fs.createWriteStream('model.onnx')));`,
    `import https from 'https'; https.get('https://api.example.com/v1/models', (res) => res.on('data', log));`,
    `const r = await fetch('https://api.example.com/data.json');`,
    `const r = await fetch('/models/model.onnx');`,
    `const r = await fetch('https://x.example/m.onnx', { integrity: 'sha256-abc' });`,
    `async function f() { const r = await fetch('https://x.example/m.onnx'); const b = await r.arrayBuffer(); const d = await crypto.subtle.digest('SHA-256', b); if (hex(d) !== PINNED) throw new Error('digest'); }`,
    `async function f() { const r = await fetch('https://x.example/m.onnx'); const b = await r.arrayBuffer(); if (hex(await window.crypto.subtle.digest('SHA-256', b)) !== PINNED) throw new Error('digest'); }`,
    `import { createHash } from 'crypto'; async function f() { const r = await fetch('https://x.example/m.bin'); assert.strictEqual(createHash('sha256').update(Buffer.from(await r.arrayBuffer())).digest('hex'), PINNED); }`,
    `import { createHash } from 'crypto'; const sha = (b) => createHash('sha256').update(b).digest('hex'); async function f() { const r = await fetch('https://x.example/m.bin'); if (sha(Buffer.from(await r.arrayBuffer())) !== PINNED) throw new Error('digest'); }`,
    `import { sha256 } from '@noble/hashes/sha256'; async function f() { const r = await fetch('https://x.example/m.bin'); const d = sha256(new Uint8Array(await r.arrayBuffer())); if (!equalBytes(d, PINNED)) throw new Error('digest'); }`,
    `function fetch(u) {} fetch('https://x.example/m.onnx');`,
    `import { verifySha256 } from './integrity.js'; async function f() { const r = await fetch('https://x.example/m.onnx'); await verifySha256(r, 'abc'); }`,
    `client.get('https://x.example/m.onnx');`,
    `import axios from 'axios'; const local = axios.create({ baseURL: '/static' }); local.get('/models/model.onnx');`,
    `const r = await fetch('https://x.example/m.onnx', { method: 'HEAD' });`,
    `async function f(url) { const r = await fetch(url); return r.json(); }`,
    // the app downloads its own model from itself: a loopback URL with a file name replaced stays local
    `const axios = require('axios'); const fs = require('fs'); const path = require('path');\nconst modelPath = path.join(__dirname, 'model', 'model.json');\nconst modelUrl = 'http://localhost:5000/model/model.json';\nasync function f(weightPath) {\n  const weightUrl = modelUrl.replace('model.json', weightPath);\n  const r = await axios.get(weightUrl, { responseType: 'arraybuffer' });\n  fs.writeFileSync(path.join(path.dirname(modelPath), weightPath), r.data);\n  fs.writeFileSync(modelPath, '{}');\n}`,
    // a path.join whose last segment is not a model file
    `const fs = require('fs'); const path = require('path'); async function f(url) { const r = await fetch(url); fs.writeFileSync(path.join(__dirname, 'labels.json'), await r.text()); const m = 'model.onnx'; }`,
    `const fs = require('fs'); const path = require('path'); async function f(url, name) { const r = await fetch(url); fs.writeFileSync(path.join(__dirname, 'model.onnx', name), await r.text()); }`,
    // a helper that returns fetched bytes: not reported when no caller hands them to a model loader,
    // when the caller passes a same-origin URL, or when the caller checks the digest
    `async function get(url) { return fetch(url).then((r) => r.arrayBuffer()); }\nasync function f() { const b = await get('https://x.example/labels.bin'); return new TextDecoder().decode(b); }`,
    `import * as ort from 'onnxruntime-web'; async function get(url) { return fetch(url).then((r) => r.arrayBuffer()); }\nasync function f() { const b = await get('/models/model.onnx'); return ort.InferenceSession.create(b); }`,
    `import * as ort from 'onnxruntime-web'; async function get(url) { return fetch(url).then((r) => r.arrayBuffer()); }\nasync function f(u) { const b = await get(u); if (hex(await crypto.subtle.digest('SHA-256', b)) !== PINNED) throw new Error('digest'); return ort.InferenceSession.create(b); }`,
    `import * as ort from 'onnxruntime-web'; async function get(url) { const b = await (await fetch(url)).arrayBuffer(); if (hex(await crypto.subtle.digest('SHA-256', b)) !== PINNED) throw new Error('digest'); return b; }\nasync function f(u) { return ort.InferenceSession.create(await get(u)); }`,
    `import * as ort from 'onnxruntime-web'; async function get(url) { const r = await fetch(url); log(r.status); }\nasync function f(u) { const s = await get(u); return ort.InferenceSession.create(s); }`,
    // the helper returns a configuration; a path read from it is not the downloaded bytes
    `import * as ort from 'onnxruntime-web'; async function getConfig(url) { return (await fetch(url)).json(); }\nasync function f(u) { const cfg = await getConfig(u); return ort.InferenceSession.create(cfg.modelPath); }`,
    `import * as ort from 'onnxruntime-web'; async function status(url) { return (await fetch(url)).status; }\nasync function f(u) { return ort.InferenceSession.create(await status(u)); }`,
    // a digest of downloaded bytes compared with a set of pins is a check
    `import { createHash } from 'crypto'; async function f() { const r = await fetch('https://x.example/m.onnx'); const buf = Buffer.from(await r.arrayBuffer()); if (!PINS.has(createHash('sha256').update(buf).digest('hex'))) throw new Error('digest'); return buf; }`,
    // a loop over constant URLs that are all local, or none a model file
    `const FILES = ['/models/enc.onnx', './models/dec.onnx'];\nfor (const url of FILES) { const res = await fetch(url); await Bun.write(url.split('/').pop(), res); }`,
    `const FILES = ['https://x.example/vocab.txt', 'https://x.example/merges.txt'];\nfor (const url of FILES) { const res = await fetch(url); console.log(await res.arrayBuffer()); }`,
    // a blob: URL of a file the user picked, and a file: URL (here the response is kept, no sink)
    `export async function read(file) { const res = await fetch(URL.createObjectURL(file)); return res.arrayBuffer(); }`,
    // an array the file adds to: its loop variable may be anything (here no model file is written either)
    `import { writeFile } from 'node:fs/promises';\nconst WEIGHTS = ['https://cdn.example.com/models/encoder.onnx'];\nexport const add = (u) => WEIGHTS.push(u);\nfor (const url of WEIGHTS) { const res = await fetch(url); await writeFile(url.split('/').pop(), Buffer.from(await res.arrayBuffer())); }`,
    `import { writeFile } from 'node:fs/promises';\nconst WEIGHTS = ['https://cdn.example.com/models/encoder.onnx'];\nWEIGHTS[1] = process.env.EXTRA;\nWEIGHTS.forEach(async (url) => { const res = await fetch(url); await writeFile(url.split('/').pop(), Buffer.from(await res.arrayBuffer())); });`,
    // node-llama-cpp: Hub URIs (\`hub-download-without-revision\`'s), local paths, a path variable, a hash checked after the download
    `${llama}export const p = await resolveModelFile('hf:o/n/m-Q4_K_M.gguf', './models');`,
    `${llama}export const p = await resolveModelFile('https://huggingface.co/o/n/resolve/main/m-Q4_K_M.gguf');`,
    `${llama}export const p = await resolveModelFile('./models/m.gguf');`,
    `${llama}export const load = (modelPath) => resolveModelFile(modelPath);`,
    `${llama}import { createHash } from 'node:crypto';\nimport { readFile } from 'node:fs/promises';\nexport async function pull() {\n  const path = await resolveModelFile('https://models.example.com/m-Q4_K_M.gguf');\n  if (createHash('sha256').update(await readFile(path)).digest('hex') !== EXPECTED) throw new Error('bad model');\n  return path;\n}`,
    // a URL built from the function's parameters, whose calls pass no model file, a text read, or a hash checked
    `import { net } from 'electron/main';\nconst get = async (name) => { const res = await net.fetch(\`https://api.example.com/\${name}\`); return res.json(); };\nexport const config = () => get('config.json');`,
    `import { net } from 'electron/main';\nimport { writeStream } from './stream';\nconst save = async (to, name) => { const res = await net.fetch(\`https://cdn.example.com/\${name}\`); await writeStream(to, res.body); };\nexport const run = (dir) => save(dir + '/notes.txt', 'notes.txt');`,
    `import { net } from 'electron/main';\nimport { createHash } from 'node:crypto';\nimport { writeFile } from 'node:fs/promises';\nconst save = async (to, name) => {\n  const res = await net.fetch(\`https://models.example.com/\${name}\`);\n  const bytes = Buffer.from(await res.arrayBuffer());\n  if (createHash('sha256').update(bytes).digest('hex') !== SHA[name]) throw new Error('bad');\n  await writeFile(to, bytes);\n};\nexport const run = (dir) => save(dir + '/m.onnx', 'm.onnx');`,
    // node-llama-cpp: a Hub \`/blob/<commit>/\` URL is the pinned Hub file (review s28js)
    `import { resolveModelFile } from 'node-llama-cpp';\nexport const p = await resolveModelFile('https://huggingface.co/o/n/blob/0123456789abcdef0123456789abcdef01234567/m.gguf', './models');`,
    // curl uploads and HEAD requests, wget --spider: nothing downloaded (review s28js)
    `import { execFileSync } from 'node:child_process';\nexecFileSync('curl', ['-T', 'out/model.onnx', 'https://uploads.example.com/model.onnx']);`,
    `import { execFileSync } from 'node:child_process';\nexecFileSync('curl', ['--upload-file', 'model.onnx', 'https://transfer.example.com/model.onnx']);`,
    `import { execFileSync } from 'node:child_process';\nexecFileSync('curl', ['-F', 'file=@model.onnx', 'https://api.example.com/models/model.onnx']);`,
    `import { execFileSync } from 'node:child_process';\nexecFileSync('curl', ['-I', 'https://cdn.example.com/model.onnx']);`,
    `import { execSync } from 'node:child_process';\nexecSync('curl -sT out/model.onnx https://uploads.example.com/model.onnx');`,
    `import { execSync } from 'node:child_process';\nexecSync('wget --spider https://cdn.example.com/model.onnx');`,
    // curl / wget of files that are no model, of a local server, or checked with sha256sum
    `import { execFileSync } from 'node:child_process';\nexecFileSync('curl', ['-L', '-o', 'data/train.csv', 'https://example.com/train.csv']);`,
    `import { execSync } from 'node:child_process';\nexecSync('curl -sf http://localhost:8080/model.onnx -o m.onnx');`,
    `import { execSync } from 'node:child_process';\nexecSync('curl -L -o m.gguf https://models.example.com/m.gguf && echo "$SHA  m.gguf" | sha256sum -c -');`,
    `import { execFileSync } from 'node:child_process';\nexecFileSync('wget', ['-O', 'm.onnx', 'https://models.example.com/m.onnx']);\nexecFileSync('sha256sum', ['-c', 'm.onnx.sha256']);`,
    // execaCommand with options not seen: read as a shell would read it too, so the checksum command
    // after \`cd models &&\` is seen (review s29js P2)
    `import { execaCommand } from 'execa';\nexport async function f(opts) {\n  await execaCommand('curl -L -o models/model.bin https://example.com/model.bin', opts);\n  await execaCommand('cd models && sha256sum -c model.sha256', opts);\n}`,
    // node-llama-cpp pull: a Hub URI is \`hub-download-without-revision\`'s
    `import { spawn } from 'node:child_process';\nspawn('npx', ['node-llama-cpp', 'pull', '--dir', './models', 'hf:o/n/m-Q4_K_M.gguf']);`,
  ],
  invalid: [
    // `getInfoAsync`: `md5` not asked for, only logged, another field compared, or of another file: no check (review jsmobile P2-3)
    ...[
      "  const info = await FileSystem.getInfoAsync(dest);\n  if (!info.exists || info.size !== SIZE) throw new Error('bad model');",
      "  const info = await FileSystem.getInfoAsync(dest, { md5: true });\n  console.log(info.md5);\n  if (info.size !== SIZE) throw new Error('bad model');",
      "  const info = await FileSystem.getInfoAsync(dest, { md5: false });\n  if (info.md5 !== MD5) throw new Error('bad model');",
      "  const info = await FileSystem.getInfoAsync(`${FileSystem.documentDirectory}labels.txt`, { md5: true });\n  if (info.md5 !== MD5) throw new Error('bad labels');",
    ].map((check) => ({
      code: expoFs + `const MD5 = 'c78c86eb1a8faa21b369bcd33207cc90';\nconst SIZE = 1024;\nexport async function get() {\n  const dest = \`\${FileSystem.documentDirectory}model.onnx\`;\n  await FileSystem.downloadAsync('https://cdn.example.com/m.onnx', dest);\n${check}\n}`,
      errors: [{ messageId: 'unverified', data: { callee: 'FileSystem.downloadAsync', url: '"https://cdn.example.com/m.onnx"' }, confidence: 'high' as const }],
    })),
    // react-native-blob-util / rn-fetch-blob `config({ path }).fetch('GET', url)` writes the response to a file (review jsmobile P3-3)
    {
      code: blob + "export async function get(dest: string) {\n  const res = await ReactNativeBlobUtil.config({ path: dest, fileCache: true }).fetch('GET', GGUF);\n  return res.path();\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'ReactNativeBlobUtil.config(…).fetch', url: '"https://huggingface.co/org/m-GGUF/resolve/main/m-Q4_K_M.gguf"' }, confidence: 'high' }],
    },
    {
      code: "import RNFetchBlob from 'rn-fetch-blob';\nexport async function get() {\n  const task = RNFetchBlob.config({ fileCache: true });\n  const res = await task.fetch('GET', 'https://cdn.example.com/models/m.tflite');\n  return res.path();\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'task.fetch', url: '"https://cdn.example.com/models/m.tflite"' }, confidence: 'high' }],
    },
    {
      code: blob + "export async function get(dest: string) {\n  await ReactNativeBlobUtil.config({ path: dest }).fetch('GET', GGUF);\n  console.log(await ReactNativeBlobUtil.fs.hash(dest, 'sha256'));\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'ReactNativeBlobUtil.config(…).fetch', url: '"https://huggingface.co/org/m-GGUF/resolve/main/m-Q4_K_M.gguf"' }, confidence: 'high' }],
    },
    // Capacitor's own download and HTTP client, as `fetch` + `Filesystem.writeFile` is (review jsmobile P2-2)
    {
      code: cap + "export async function load() {\n  const result = await Filesystem.downloadFile({ url: 'https://cdn.example.com/models/m.onnx', path: 'models/m.onnx', directory: Directory.Data });\n  return ort.InferenceSession.create(Capacitor.convertFileSrc(result.path!));\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'Filesystem.downloadFile', url: '"https://cdn.example.com/models/m.onnx"' }, confidence: 'high' }],
    },
    {
      code: "import { FileTransfer } from '@capacitor/file-transfer';\nexport async function load(dest: string) {\n  await FileTransfer.downloadFile({ url: 'https://cdn.example.com/models/m.tflite', path: dest });\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'FileTransfer.downloadFile', url: '"https://cdn.example.com/models/m.tflite"' }, confidence: 'high' }],
    },
    {
      code: cap + "export async function save() {\n  const response = await CapacitorHttp.get({ url: 'https://cdn.example.com/models/yamnet.tflite', responseType: 'blob' });\n  await Filesystem.writeFile({ path: 'models/yamnet.tflite', data: response.data, directory: Directory.Data });\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'CapacitorHttp.get', url: '"https://cdn.example.com/models/yamnet.tflite"' }, confidence: 'high' }],
    },
    // a URL that names no model file, whose bytes are written as one
    {
      code: cap + "export async function save(id: string) {\n  const response = await CapacitorHttp.request({ url: `https://cdn.example.com/blob/${id}`, method: 'GET', responseType: 'blob' });\n  await Filesystem.writeFile({ path: 'models/yamnet.tflite', data: response.data, directory: Directory.Data });\n}",
      errors: [{ messageId: 'unverifiedSink', data: { callee: 'CapacitorHttp.request' }, confidence: 'medium' }],
    },
    // Electron's session downloads the URL to a file itself (review jsdesk P3-f)
    {
      code: "import { session } from 'electron';\nexport function dl() {\n  session.defaultSession.downloadURL('https://huggingface.co/TheBloke/x-GGUF/resolve/main/x.Q4_K_M.gguf');\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'session.defaultSession.downloadURL', url: '"https://huggingface.co/TheBloke/x-GGUF/resolve/main/x.Q4_K_M.gguf"' }, confidence: 'high', line: 3 }],
    },
    // Tauri's HTTP client (made from Rust, no CORS): v2's plugin `fetch` (renamed too), v1's `fetch`, `http.fetch` and a client's `get`
    {
      code: "import { fetch as tauriFetch } from '@tauri-apps/plugin-http';\nimport { writeFile } from '@tauri-apps/plugin-fs';\nexport async function f() {\n  const res = await tauriFetch('https://cdn.example.com/models/u2net.onnx');\n  await writeFile('u2net.onnx', new Uint8Array(await res.arrayBuffer()));\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'tauriFetch', url: '"https://cdn.example.com/models/u2net.onnx"' }, confidence: 'high', line: 4 }],
    },
    {
      code: "import { getClient, ResponseType } from '@tauri-apps/api/http';\nexport async function f() {\n  const client = await getClient();\n  return client.get('https://cdn.example.com/models/u2net.onnx', { responseType: ResponseType.Binary });\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'client.get', url: '"https://cdn.example.com/models/u2net.onnx"' }, confidence: 'high', line: 4 }],
    },
    {
      code: "import { fetch } from '@tauri-apps/api/http';\nexport const get = () => fetch('https://cdn.example.com/models/u2net.onnx', { method: 'GET' });",
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '"https://cdn.example.com/models/u2net.onnx"' }, confidence: 'high', line: 2 }],
    },
    {
      code: "import { http } from '@tauri-apps/api';\nexport const get = () => http.fetch('https://cdn.example.com/models/u2net.onnx');",
      errors: [{ messageId: 'unverified', data: { callee: 'http.fetch', url: '"https://cdn.example.com/models/u2net.onnx"' }, confidence: 'high', line: 2 }],
    },
    // libraries that download a URL to a file, judged as a fetch (or curl -o) of it (review edge, jsserverless)
    {
      code: expoFs + "export async function load() {\n  const dest = FileSystem.documentDirectory + 'model.onnx';\n  const { uri } = await FileSystem.downloadAsync('https://cdn.example.com/model.onnx', dest);\n  return InferenceSession.create(uri);\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'FileSystem.downloadAsync', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 5 }],
    },
    {
      code: "import { FileSystem } from 'expo';\nexport const dl = FileSystem.createDownloadResumable('https://cdn.example.com/model.onnx', FileSystem.documentDirectory + 'model.onnx');",
      errors: [{ messageId: 'unverified', data: { callee: 'FileSystem.createDownloadResumable', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 2 }],
    },
    {
      code: rnfs + "export async function load() {\n  const localPath = `${RNFS.DocumentDirectoryPath}/model.onnx`;\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/model.onnx', toFile: localPath }).promise;\n  return InferenceSession.create(localPath);\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'RNFS.downloadFile', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 5 }],
    },
    {
      code: "import { downloadFile } from 'ipull';\nconst downloader = await downloadFile('https://huggingface.co/TheBloke/X-GGUF/resolve/main/x.Q4_K_M.gguf', { directory: './models', fileName: 'model.gguf' });\nawait downloader.download();",
      errors: [{ messageId: 'unverified', data: { callee: 'downloadFile', url: '"https://huggingface.co/TheBloke/X-GGUF/resolve/main/x.Q4_K_M.gguf"' }, confidence: 'high', line: 2 }],
    },
    {
      code: "import { downloadFile } from 'ipull';\nawait (await downloadFile({ url: 'https://cdn.example.com/m.gguf', directory: './models' })).download();",
      errors: [{ messageId: 'unverified', data: { callee: 'downloadFile', url: '"https://cdn.example.com/m.gguf"' }, confidence: 'high', line: 2 }],
    },
    // ... not a look-alike of resolveAssetSource, nor the asset source of a URL
    {
      code: "import RNFS from 'react-native-fs';\nimport { Image } from './my-image';\nconst uri = Image.resolveAssetSource(require('./m.onnx')).uri;\nawait RNFS.downloadFile({ fromUrl: uri, toFile: `${RNFS.CachesDirectoryPath}/model.onnx` }).promise;",
      errors: [{ messageId: 'unverifiedSink', data: { callee: 'RNFS.downloadFile' }, confidence: 'medium', line: 4 }],
    },
    // an expo-crypto digest of text (the URL, for a cache key), not of the downloaded file: no check (review s31js, dl/a_digest_string.js)
    {
      code: expoFs + "import * as Crypto from 'expo-crypto';\nexport async function load() {\n  const key = await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.SHA256, 'https://cdn.example.com/model.onnx');\n  const { uri } = await FileSystem.downloadAsync('https://cdn.example.com/model.onnx', FileSystem.cacheDirectory + key + '.onnx');\n  return InferenceSession.create(uri);\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'FileSystem.downloadAsync', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 6 }],
    },
    // expo-file-system's new API (SDK 54; `expo-file-system/next` before): the static `File.downloadFileAsync(url, destination)`
    {
      code: "import { File, Paths } from 'expo-file-system';\nimport { InferenceSession } from 'onnxruntime-react-native';\nexport async function load() {\n  const file = await File.downloadFileAsync('https://cdn.example.com/model.onnx', Paths.document);\n  return InferenceSession.create(file.uri);\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'File.downloadFileAsync', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 4 }],
    },
    {
      code: "import { File, Paths } from 'expo-file-system/next';\nexport const dl = () => File.downloadFileAsync('https://cdn.example.com/model.onnx', Paths.cache);",
      errors: [{ messageId: 'unverified', data: { callee: 'File.downloadFileAsync', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 2 }],
    },
    // react-native-fs's `RNFS.hash(path, alg)` of another file than the one downloaded checks nothing of the download
    {
      code: rnfs + "export async function load() {\n  const p = `${RNFS.DocumentDirectoryPath}/model.onnx`;\n  const other = `${RNFS.DocumentDirectoryPath}/config.json`;\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/model.onnx', toFile: p }).promise;\n  if ((await RNFS.hash(other, 'sha256')) !== SHA) throw new Error('bad model');\n  return InferenceSession.create(p);\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'RNFS.downloadFile', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 6 }],
    },
    {
      code: rnfs + "export async function load() {\n  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/model.onnx', toFile: '/data/model.onnx' }).promise;\n  if ((await RNFS.hash('/data/labels.onnx', 'sha256')) !== SHA) throw new Error('bad model');\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'RNFS.downloadFile', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'high', line: 4 }],
    },
    // a helper whose URL parameter has a local default, given a remote model URL by a call of the file: what the call passes counts
    ...['export ', ''].map((exported) => ({
      code: `import * as ort from 'onnxruntime-web';\nconst LOCAL_URL = '/models/model.onnx';\n${exported}async function fetchModel(url = LOCAL_URL) {\n  const res = await fetch(url);\n  return ort.InferenceSession.create(new Uint8Array(await res.arrayBuffer()));\n}\nfetchModel('https://cdn.example.com/model.onnx');`,
      errors: [{ messageId: 'unverifiedPassed' as const, data: { callee: 'fetch', url: '"https://cdn.example.com/model.onnx"' }, confidence: 'medium' as const, line: 4 }],
    })),
    // a URL not known, saved as a model file: medium, as for curl -o
    {
      code: expoFs + "export async function load(url) {\n  const { uri } = await FileSystem.downloadAsync(url, FileSystem.documentDirectory + 'model.onnx');\n  return InferenceSession.create(uri);\n}",
      errors: [{ messageId: 'unverifiedSink', data: { callee: 'FileSystem.downloadAsync' }, confidence: 'medium', line: 4 }],
    },
    // execaCommand with options not seen, or a \`shell\` the analysis cannot compute: maybe (or surely)
    // run by a shell, which runs the download after \`cd models &&\` (review s29js P2)
    ...["opts", "{ shell: process.env.SHELL }", "{ ...opts }"].map((options) => ({
      code: `import { execaCommand } from 'execa';\nexport const f = (opts) => execaCommand('cd models && curl -L -o model.bin https://example.com/model.bin', ${options});`,
      errors: [{ messageId: 'unverified', data: { callee: 'execaCommand (curl)', url: '"https://example.com/model.bin"' }, confidence: 'high' as const, line: 2 }],
    })),
    // short options that take no value are no upload (`-sSLf`, `-i`): still a download (review s28js)
    {
      code: `import { execFileSync } from 'node:child_process';\nexecFileSync('curl', ['-sSLfi', '-o', 'm.onnx', 'https://cdn.example.com/m.onnx']);`,
      errors: [{ messageId: 'unverified', data: { callee: 'execFileSync (curl)', url: '"https://cdn.example.com/m.onnx"' }, confidence: 'high', line: 2 }],
    },
    // curl / wget of a model file in a child process (review jsnode P6), as a fetch of it would be
    {
      code: `const { execFileSync } = require('node:child_process');\nexecFileSync('curl', ['-L', '-o', 'models/ggml-base.en.bin', 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin']);`,
      errors: [{ messageId: 'unverified', data: { callee: 'execFileSync (curl)', url: '"https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin"' }, confidence: 'high', line: 2 }],
    },
    { code: `import { execSync } from 'node:child_process';\nexport const pull = (name) => execSync(\`wget -q -O models/\${name}.onnx https://models.example.com/\${name}.onnx\`);`, errors: [{ messageId: 'unverified', data: { callee: 'execSync (wget)', url: '`https://models.example.com/….onnx`' }, confidence: 'medium' }] },
    { code: `import { spawn } from 'node:child_process';\nexport const pull = (url) => spawn('bash', ['-c', \`curl -fsSL "\${url}" -o weights/model.safetensors\`]);`, errors: [{ messageId: 'unverifiedSink', confidence: 'medium' }] },
    // more than 32 values passed by a loop or a chain of `?:` (review s30js P2-4): never dropped. The first 32
    // are listed: model files among them, medium as with fewer; none among them, low rather than nothing.
    ...[
      `for (const f of [${Array.from({ length: 40 }, (_, i) => `'f${i}.onnx'`).join(', ')}]) await download(\`\${base}/\${f}\`, 'models/' + f);`,
      `await download(\`\${base}/\${${Array.from({ length: 40 }, (_, i) => `c${i} ? 'x${i}.onnx' : `).join('')}'m.onnx'}\`, 'models/m.onnx');`,
    ].map((use) => ({ code: DOWNLOAD_HELPER + `export async function main(base, ${Array.from({ length: 40 }, (_, i) => 'c' + i).join(', ')}) {\n  ${use}\n}`, errors: [{ messageId: 'unverifiedPassed' as const, confidence: 'medium' as const, line: 2 }] })),
    ...[
      `for (const f of [${Array.from({ length: 40 }, (_, i) => `'f${i}.${i < 36 ? 'json' : 'onnx'}'`).join(', ')}]) await download(\`\${base}/\${f}\`, 'models/' + f);`,
      // (8 × 8 combinations, past 32: the bounds alone)
      `for (const a of [${Array.from({ length: 8 }, (_, i) => `'a${i}'`).join(', ')}]) for (const b of [${Array.from({ length: 8 }, (_, i) => `'b${i}.onnx'`).join(', ')}]) await download(\`\${base}/\${a}/\${b}\`, 'models/m.onnx');`,
    ].map((use) => ({ code: DOWNLOAD_HELPER + `export async function main(base) {\n  ${use}\n}`, errors: [{ messageId: 'possiblyModel' as const, confidence: 'low' as const, line: 2 }] })),
    { code: `import { execFileSync } from 'node:child_process';\nexecFileSync('curl', ['-o', '/tmp/firmware.bin', 'https://downloads.example.com/esp32/firmware.bin']);`, errors: [{ messageId: 'possiblyModel', confidence: 'low' }] },
    // node-llama-cpp pull of a URL, of a model the analysis cannot resolve (chosen by the request: low)
    { code: `import { execSync } from 'node:child_process';\nexecSync('npx -y node-llama-cpp@3 pull --dir ./models https://models.example.com/llama-3.2-1b-q4_k_m.gguf');`, errors: [{ messageId: 'unverified', data: { callee: 'execSync (node-llama-cpp pull)', url: '"https://models.example.com/llama-3.2-1b-q4_k_m.gguf"' }, confidence: 'high' }] },
    {
      code: `import { spawn } from 'node:child_process';\nexport const pull = (req) => spawn('npx', ['node-llama-cpp', 'pull', '--dir', './models', req.body.repo]);`,
      errors: [{ messageId: 'unresolvedModelUri', data: { callee: 'spawn (node-llama-cpp pull)', url: '`req.body.repo`' }, confidence: 'low' }],
    },
    // a URL the downloading helper builds from its parameters, written by a helper of the project:
    // the model files its calls in the file pass, also through the parameters of its callers (ente desktop, review jsnode P4)
    {
      code: `${ENTE}const downloadModel = async (saveLocation, name) => {\n  const url = \`https://models.ente.io/\${name}\`;\n  const res = await net.fetch(url);\n  await writeStream(saveLocation, res.body);\n};\nexport const load = async (dir) => {\n  const modelPath = path.join(dir, 'models', 'mobileclip_s2_image.onnx');\n  await downloadModel(modelPath, 'mobileclip_s2_image.onnx');\n  return ort.InferenceSession.create(modelPath);\n};`,
      errors: [{ messageId: 'unverifiedBuilt', data: { callee: 'net.fetch', url: '"https://models.ente.io/mobileclip_s2_image.onnx"' }, confidence: 'medium', line: 7 }],
    },
    {
      code: `${ENTE}const downloadModel = async (saveLocation, name) => {\n  const res = await net.fetch(\`https://models.ente.io/\${name}\`);\n  await writeStream(saveLocation, res.body);\n};\nconst pathDownloadingIfNeeded = async (modelName) => {\n  const p = path.join(dir, modelName);\n  await downloadModel(p, modelName);\n  return p;\n};\nconst makeSession = (modelName) => {\n  const download = () => pathDownloadingIfNeeded(modelName);\n  return () => download().then((p) => ort.InferenceSession.create(p));\n};\nexport const image = makeSession('mobileclip_s2_image.onnx');\nexport const text = makeSession('mobileclip_s2_text.onnx');`,
      errors: [{ messageId: 'unverifiedBuilt', data: { callee: 'net.fetch', url: '"https://models.ente.io/mobileclip_s2_image.onnx" or "https://models.ente.io/mobileclip_s2_text.onnx"' }, confidence: 'medium' }],
    },
    // the arguments of one call go together: no URL made of two calls' arguments is named (review s28js)
    {
      code: `import fs from 'node:fs';\nasync function download(dest, kind, name) {\n  const res = await fetch(\`https://files.example.com/\${kind}/\${name}\`);\n  fs.writeFileSync(dest, Buffer.from(await res.arrayBuffer()));\n}\nexport async function two() {\n  await download('c', 'weights', 'model.onnx');\n  await download('d', 'configs', 'tokenizer.json');\n  await download('e', 'docs', 'README.md');\n}`,
      errors: [{ messageId: 'unverifiedBuilt', data: { callee: 'fetch', url: '"https://files.example.com/weights/model.onnx"' }, confidence: 'medium', line: 3 }],
    },
    // hundreds of calls that pass the same parameters on: each parameter's values worked out once (13 s before, review s28js)
    {
      code: `import fs from 'node:fs';\nasync function download(dest, a, b) {\n  const res = await fetch(\`https://models.example.com/\${a}/\${b}\`);\n  fs.writeFileSync(dest, Buffer.from(await res.arrayBuffer()));\n}\n${[1, 2, 3, 4].map((k) => `function w${k}(a, b) {\n${'  download(\'m\', a, b);\n'.repeat(100)}}\n${'w' + k}('org', 'model.onnx');\n`).join('')}`,
      errors: [{ messageId: 'unverifiedBuilt', data: { callee: 'fetch', url: '"https://models.example.com/org/model.onnx"' }, confidence: 'medium', line: 3 }],
    },
    // node-llama-cpp downloads and saves a GGUF file, checking its size only (review jsnode P3)
    {
      code: `${llama}export const d = await createModelDownloader({ modelUri: 'https://models.example.com/llama-3.2-1b-q4_k_m.gguf', dirPath: './models' });`,
      errors: [{ messageId: 'unverified', data: { callee: 'createModelDownloader', url: '"https://models.example.com/llama-3.2-1b-q4_k_m.gguf"' }, confidence: 'high', line: 2 }],
    },
    { code: `${llama}export const get = (name) => resolveModelFile(\`https://models.example.com/\${name}.gguf\`);`, errors: [{ messageId: 'unverified', data: { callee: 'resolveModelFile', url: '`https://models.example.com/${name}.gguf`' }, confidence: 'medium' }] },
    // a URI the analysis cannot resolve: pinned or not, verified or not, is not known (low)
    { code: `${llama}export const pull = (modelUri) => createModelDownloader({ modelUri, dirPath: './models' });`, errors: [{ messageId: 'unresolvedModelUri', data: { callee: 'createModelDownloader', url: '`modelUri`' }, confidence: 'low' }] },
    { code: `${llama}export const pull = (cfg) => resolveModelFile(cfg.modelUrl, './models');`, errors: [{ messageId: 'unresolvedModelUri', confidence: 'low' }] },
    // \`.bin\` alone, outside any model context (no model library, no Hub host, no model word in the
    // URL or the destination): it may be a model file, at low confidence
    {
      code: `const fs = require('fs');\nasync function updateFirmware() {\n  const res = await fetch('https://downloads.example.com/esp32/firmware.bin');\n  fs.writeFileSync('/tmp/firmware.bin', Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'possiblyModel', data: { callee: 'fetch', url: '"https://downloads.example.com/esp32/firmware.bin"' }, confidence: 'low', line: 3 }],
    },
    // ... a model word in the URL or the destination, a Hub host, a model library: a model file
    ...[
      [``, `https://downloads.example.com/esp32/firmware.bin`, `/tmp/model.bin`],
      [``, `https://cdn.example.com/pytorch_model.bin`, `/tmp/out.bin`],
      [``, `https://cdn.example.com/ggml-base.en.bin`, `/tmp/out.bin`],
      [``, `https://hf.co/org/repo/resolve/main/data.bin`, `/tmp/out.bin`],
      [`import * as ort from 'onnxruntime-node';\n`, `https://downloads.example.com/data.bin`, `/tmp/out.bin`],
    ].map(([imp, url, dest]) => ({
      code: imp + `const fs = require('fs');\nasync function get() {\n  const res = await fetch('${url}');\n  fs.writeFileSync('${dest}', Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'unverified', confidence: 'high' as const }],
    })),
    // beside a session: a URL not known, read as bytes, still counts; JSON the bytes hand to the loader too
    { code: ortImp + `export async function load(bytes, url) {\n  const raw = await (await fetch(url)).arrayBuffer();\n  return { raw, session: await ort.InferenceSession.create(bytes) };\n}`, errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 3 }] },
    { code: `import * as tf from '@tensorflow/tfjs';\nexport async function load(url) {\n  return tf.loadGraphModel(tf.io.fromMemory(await (await fetch(url)).json()));\n}`, errors: [{ messageId: 'unverifiedSink', line: 3 }] },
    // look-alikes of a relative URL: a start that may still become a scheme or a host, an absolute URL built with `+`
    { code: 'export async function f(s, name) { return (await fetch(`http${s}://cdn.example.com/${name}.onnx`)).arrayBuffer(); }', errors: [{ messageId: 'unverified', confidence: 'medium' }] },
    { code: 'export async function f(v, name) { return (await fetch(`v${v}/${name}.onnx`)).arrayBuffer(); }', errors: [{ messageId: 'unverified', confidence: 'medium' }] },
    { code: `export async function f(rest) { return (await fetch('//' + rest + '/m.onnx')).arrayBuffer(); }`, errors: [{ messageId: 'unverified', confidence: 'medium' }] },
    { code: `export async function f(name) { return (await fetch('https://cdn.example.com/models/' + name + '.onnx')).arrayBuffer(); }`, errors: [{ messageId: 'unverified', confidence: 'medium' }] },
    { code: 'export async function f(base, name) { return (await fetch(`${base}/models/${name}.onnx`)).arrayBuffer(); }', errors: [{ messageId: 'unverified', confidence: 'medium' }] },
    // Bun's `fetch` imported from `bun`, like the global one
    {
      code: `import { fetch } from 'bun';\nconst res = await fetch('https://huggingface.co/BAAI/bge-m3/resolve/main/onnx/model.onnx');\nawait Bun.write('models/model.onnx', await res.arrayBuffer());`,
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '"https://huggingface.co/BAAI/bge-m3/resolve/main/onnx/model.onnx"' }, confidence: 'high', line: 2 }],
    },
    { code: `import Bun from 'bun';\nexport const get = () => Bun.fetch('https://cdn.example.com/m.onnx');`, errors: [{ messageId: 'unverified', data: { callee: 'Bun.fetch', url: '"https://cdn.example.com/m.onnx"' } }] },
    // writes of a model file: `Bun.write` (global or imported), Deno's `writeFile`, `writeTextFile`, a file opened for writing
    { code: `export async function f(url) {\n  const res = await fetch(url);\n  await Bun.write('models/model.onnx', await res.arrayBuffer());\n}`, errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 2 }] },
    { code: `import { write } from 'bun';\nexport async function f(url) {\n  const res = await fetch(url);\n  await write('models/model.onnx', await res.arrayBuffer());\n}`, errors: [{ messageId: 'unverifiedSink', line: 3 }] },
    { code: `export async function f(url) {\n  const res = await fetch(url);\n  await Deno.writeFile('models/model.onnx', new Uint8Array(await res.arrayBuffer()));\n}`, errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 2 }] },
    { code: `export async function f(url) {\n  const res = await fetch(url);\n  await Deno.writeTextFile('models/model.bin', await res.text());\n}`, errors: [{ messageId: 'unverifiedSink', line: 2 }] },
    { code: `export async function f(url) {\n  const res = await fetch(url);\n  const file = await Deno.open('models/model.onnx', { write: true, create: true });\n  await res.body.pipeTo(file.writable);\n}`, errors: [{ messageId: 'unverifiedSink', line: 2 }] },
    { code: `export async function f(url) {\n  const res = await fetch(url);\n  const file = await Deno.create('models/model.gguf');\n  await res.body.pipeTo(file.writable);\n}`, errors: [{ messageId: 'unverifiedSink', line: 2 }] },
    // the default of a URL the environment may override, named (medium)
    {
      code: `const MODEL_URL = process.env.MODEL_URL || 'https://cdn.example.com/models/m.onnx';\nexport async function f() { return (await fetch(MODEL_URL)).arrayBuffer(); }`,
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '"https://cdn.example.com/models/m.onnx"' }, confidence: 'medium', line: 2 }],
    },
    {
      code: 'export async function f() { return (await fetch(`${process.env.CDN ?? \'https://cdn.example.com\'}/m.onnx`)).arrayBuffer(); }',
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '"https://cdn.example.com/m.onnx"' }, confidence: 'medium' }],
    },
    // Node's own clients and follow-redirects, however imported
    {
      code: `import { get } from 'node:https';\nimport { createWriteStream } from 'node:fs';\nexport function download(url, dest = 'model.safetensors') {\n  get(url, (res) => res.pipe(createWriteStream(dest)));\n}`,
      errors: [{ messageId: 'unverifiedSink', data: { callee: 'get' }, confidence: 'medium', line: 4 }],
    },
    // a URL looked up by a key that is not known: every value names a model file (medium), some do (low)
    {
      code: `const MODEL_URLS = { tiny: 'https://cdn.example.com/ggml-tiny.bin', base: 'https://cdn.example.com/ggml-base.bin' };\nexport async function fetchModel(name) {\n  const res = await fetch(MODEL_URLS[name]);\n  return new Uint8Array(await res.arrayBuffer());\n}`,
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '`MODEL_URLS[name]`' }, confidence: 'medium', line: 3 }],
    },
    {
      code: `const MODELS = { tiny: { url: 'https://x.example/t.onnx' }, base: { url: 'https://x.example/b.onnx' } };\nexport async function f(k) { const { url } = MODELS[k]; return fetch(url); }`,
      errors: [{ messageId: 'unverified', confidence: 'medium' }],
    },
    {
      code: `const FILES = { model: 'https://x.example/m.onnx', vocab: 'https://x.example/vocab.txt' };\nexport async function f(k) { return (await fetch(FILES[k])).arrayBuffer(); }`,
      errors: [{ messageId: 'possiblyModel', data: { callee: 'fetch', url: '`FILES[k]`' }, confidence: 'low' }],
    },
    {
      code: `import * as ort from 'onnxruntime-web';\nconst FILES = { model: 'https://x.example/m.onnx', vocab: 'https://x.example/vocab.txt' };\nexport async function f(k) { return ort.InferenceSession.create(await (await fetch(FILES[k])).arrayBuffer()); }`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium' }],
    },
    // a Hub `resolve` URL whose file is not known may be the weights (low)
    {
      code: `export async function getModelFile(name: string): Promise<Uint8Array> {\n  const res = await fetch('https://huggingface.co/Xenova/whisper-base/resolve/main/' + name);\n  return new Uint8Array(await res.arrayBuffer());\n}`,
      errors: [{ messageId: 'possiblyModel', confidence: 'low', line: 2 }],
    },
    // the repository and the file not known, `/resolve/<revision>/` between them (low); a known model file at the end (medium)
    {
      code: 'export async function download(repo: string, file: string) {\n  const res = await fetch(`https://huggingface.co/${repo}/resolve/main/${file}`);\n  return Buffer.from(await res.arrayBuffer());\n}',
      errors: [{ messageId: 'possiblyModel', data: { callee: 'fetch', url: '`https://huggingface.co/${repo}/resolve/main/${file}`' }, confidence: 'low', line: 2 }],
    },
    {
      code: `const fs = require('fs');\nexport async function download(repo, file, dest) {\n  const url = 'https://huggingface.co/' + repo + '/resolve/main/' + file;\n  const res = await fetch(url);\n  fs.writeFileSync(dest, Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'possiblyModel', data: { callee: 'fetch', url: '`url`' }, confidence: 'low', line: 4 }],
    },
    {
      code: 'export async function download(repo: string, rev: string) {\n  return fetch(`https://huggingface.co/${repo}/resolve/${rev}/model.onnx`);\n}',
      errors: [{ messageId: 'unverified', confidence: 'medium', line: 2 }],
    },
    // a constant table wrapped in `Object.freeze`
    {
      code: `const MODEL_URLS = Object.freeze({ tiny: 'https://cdn.example.com/ggml-tiny.bin', base: 'https://cdn.example.com/ggml-base.bin' });\nexport async function fetchModel(name) {\n  const res = await fetch(MODEL_URLS[name]);\n  return new Uint8Array(await res.arrayBuffer());\n}`,
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '`MODEL_URLS[name]`' }, confidence: 'medium', line: 3 }],
    },
    {
      code: `const MODELS = Object.freeze({ tiny: Object.freeze({ url: 'https://x.example/t.onnx' }), vocab: { url: 'https://x.example/vocab.txt' } });\nexport async function f(k) { return (await fetch(MODELS[k].url)).arrayBuffer(); }`,
      errors: [{ messageId: 'possiblyModel', confidence: 'low' }],
    },
    // a write stream made outside the function that follows redirects and pipes into it
    {
      code: `const https = require('https');\nconst fs = require('fs');\nconst file = fs.createWriteStream('ggml-tiny.en.bin');\nconst get = (url) => https.get(url, (res) => {\n  if (res.statusCode === 302) return get(res.headers.location);\n  res.pipe(file);\n});\nget('https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.en.bin');`,
      // the URL the call of the helper passes is named
      errors: [{ messageId: 'unverifiedPassed', data: { callee: 'https.get', url: '"https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.en.bin"' }, confidence: 'medium', line: 4 }],
    },
    {
      code: `const axios = require('axios');\nconst fs = require('node:fs');\nconst path = require('node:path');\nconst download = async (url) => {\n  const { data } = await axios({ url, method: 'GET', responseType: 'stream' });\n  data.pipe(fs.createWriteStream(path.resolve(__dirname, 'llama-2-7b-chat.ggmlv3.q4_0.bin')));\n};\ndownload('https://huggingface.co/TheBloke/Llama-2-7B-Chat-GGML/resolve/main/llama-2-7b-chat.ggmlv3.q4_0.bin');`,
      // named, and a long URL is cut before its file name, which it keeps
      errors: [{ messageId: 'unverifiedPassed', data: { callee: 'axios', url: '"https://huggingface.co/TheBloke/Llama-2-7B-Chat…/llama-2-7b-chat.ggmlv3.q4_0.bin"' }, confidence: 'medium', line: 5 }],
    },
    // a helper whose calls pass no known model URL: the sink alone
    {
      code: `const axios = require('axios');\nconst fs = require('node:fs');\nexport const download = async (url) => {\n  const { data } = await axios({ url, responseType: 'stream' });\n  data.pipe(fs.createWriteStream('model.onnx'));\n};`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 4 }],
    },
    {
      code: `import { createWriteStream } from 'node:fs';\nimport { pipeline } from 'node:stream/promises';\nconst out = createWriteStream(\`\${dir}/model.gguf\`);\nexport async function download(url) {\n  const res = await fetch(url);\n  await pipeline(res.body, out);\n}`,
      errors: [{ messageId: 'unverifiedSink', line: 5 }],
    },
    { code: `const { https } = require('follow-redirects');\nhttps.get('https://cdn.example.com/models/model.onnx', (res) => res.pipe(process.stdout));`, errors: [{ messageId: 'unverified', confidence: 'high' }] },
    { code: `const http = require('http');\nconst req = http.request('http://cdn.example.com/model.gguf');\nreq.end();`, errors: [{ messageId: 'unverified' }] },
    // a static method called through the class name
    {
      code: `import * as ort from 'onnxruntime-web';\nclass Models {\n  static async bytes(url) { return (await fetch(url)).arrayBuffer(); }\n}\nexport async function load() { return ort.InferenceSession.create(await Models.bytes('https://cdn.example.com/m.onnx')); }`,
      errors: [{ messageId: 'unverifiedSink', line: 3 }],
    },
    // the destination of a write is read through path.join / path.resolve and variables
    {
      code: `const axios = require('axios');\nconst fs = require('fs');\nconst path = require('path');\nasync function download(url) {\n  const response = await axios.get(url, { responseType: 'arraybuffer' });\n  fs.writeFileSync(path.join(__dirname, 'facenet.onnx'), response.data);\n}`,
      errors: [{ messageId: 'unverifiedSink', line: 5, confidence: 'medium' }],
    },
    {
      code: `import { writeFile } from 'node:fs/promises';\nimport { resolve } from 'node:path';\nexport async function download(url, dir, name) {\n  const dest = resolve(dir, 'models', \`\${name}.safetensors\`);\n  const res = await fetch(url);\n  await writeFile(dest, Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'unverifiedSink', line: 5 }],
    },
    {
      code: `import fs from 'fs';\nimport path from 'path';\nexport async function download(url) {\n  const res = await fetch(url);\n  fs.writeFileSync(path.posix.join('models', 'detector.onnx'), Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'unverifiedSink' }],
    },
    // the same on a remote host is a download
    {
      code: `const axios = require('axios'); const fs = require('fs'); const path = require('path');\nconst modelPath = path.join(__dirname, 'model', 'model.json');\nconst modelUrl = 'https://models.example.com/model/model.json';\nasync function f(weightPath) {\n  const weightUrl = modelUrl.replace('model.json', weightPath);\n  const r = await axios.get(weightUrl, { responseType: 'arraybuffer' });\n  fs.writeFileSync(modelPath, r.data);\n}`,
      errors: [{ messageId: 'unverifiedSink', line: 6 }],
    },
    { code: `const r = await fetch('https://x.example/m.onnx');`, errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '"https://x.example/m.onnx"' }, confidence: 'high' }] },
    // a URL known only by its end is shown as code, not quoted like a URL
    {
      code: `import * as ort from 'onnxruntime-web';\nconst MODEL_URL = process.env.PUBLIC_URL + '/models/m.onnx';\nexport async function dl() { return ort.InferenceSession.create(await (await fetch(MODEL_URL)).arrayBuffer()); }`,
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '`MODEL_URL`' }, confidence: 'medium' }],
    },
    { code: 'const r = await fetch(`${base}/model.onnx`);', errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '`${base}/model.onnx`' }, confidence: 'medium' }] },
    // a digest that is never compared checks nothing: a cache key, a value only logged
    {
      code: `import { createHash } from 'crypto'; import { writeFile } from 'fs/promises'; async function f(url) { const file = \`./cache/\${createHash('sha256').update(url).digest('hex')}.onnx\`; const res = await fetch('https://cdn.example.com/models/encoder.onnx'); await writeFile(file, Buffer.from(await res.arrayBuffer())); }`,
      errors: [{ messageId: 'unverified' }],
    },
    { code: `async function f() { const r = await fetch('https://x.example/m.onnx'); const b = await r.arrayBuffer(); console.log(await crypto.subtle.digest('SHA-256', b)); }`, errors: [{ messageId: 'unverified' }] },
    { code: `const r = await window.fetch('https://huggingface.co/o/n/resolve/main/model.safetensors?download=true');`, errors: [{ messageId: 'unverified' }] },
    { code: `import axios from 'axios'; await axios({ url: 'https://x.example/weights.pt', responseType: 'arraybuffer' });`, errors: [{ messageId: 'unverified' }] },
    { code: `const got = require('got'); got('https://x.example/model.tflite');`, errors: [{ messageId: 'unverified' }] },
    // MediaPipe Tasks bundles (`.task`) and LiteRT-LM files are model files too (review jsbrowser P2-2)
    {
      code: "import { FilesetResolver, FaceLandmarker } from '@mediapipe/tasks-vision';\nexport async function f() {\n  const vision = await FilesetResolver.forVisionTasks('/wasm');\n  const buf = new Uint8Array(await (await fetch('https://storage.googleapis.com/mediapipe-models/fl/1/face_landmarker.task')).arrayBuffer());\n  return FaceLandmarker.createFromOptions(vision, { baseOptions: { modelAssetBuffer: buf } });\n}",
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '"https://storage.googleapis.com/mediapipe-models/fl/1/face_landmarker.task"' }, confidence: 'high', line: 4 }],
    },
    { code: `export const get = () => fetch('https://cdn.example.com/llm/gemma3-1b-it-int4.litertlm');`, errors: [{ messageId: 'unverified', confidence: 'high' }] },
    {
      code: `import axios from 'axios'; const http = axios.create({ timeout: 60000 }); async function f() { const { data } = await http.get('https://cdn.example.com/model.safetensors', { responseType: 'arraybuffer' }); return data; }`,
      errors: [{ messageId: 'unverified' }],
    },
    {
      code: `import axios from 'axios'; const client = axios.create({ baseURL: 'https://cdn.example.com' }); async function f() { const { data } = await client.get('/weights/model.safetensors'); return data; }`,
      errors: [{ messageId: 'unverified' }],
    },
    { code: `import { hashPassword } from 'bcrypt-helpers'; async function f() { const r = await fetch('https://x.example/m.onnx'); hashPassword(r); }`, errors: [{ messageId: 'unverified' }] },
    { code: `import fetch from 'node-fetch'; fetch('https://x.example/model.pkl');`, errors: [{ messageId: 'unverified' }] },
    { code: 'async function f(base) { return fetch(`${base}/model.onnx`); }', errors: [{ messageId: 'unverified', confidence: 'medium' }] },
    {
      code: `import * as fs from 'fs';\nasync function f(url) { const r = await fetch(url); fs.writeFileSync('weights.safetensors', Buffer.from(await r.arrayBuffer())); }`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 2 }],
    },
    {
      code: `async function get() { return (await fetch('https://x.example/m.onnx')).arrayBuffer(); }\nasync function other() { const b = await get(); return b; }`,
      errors: [{ messageId: 'unverified' }],
    },
    // a same-file helper hides the download; its result reaches the model loader
    {
      code: `import * as ort from 'onnxruntime-web';\nasync function fetchAndCache(url) {\n  return fetch(url).then((r) => r.arrayBuffer());\n}\nexport async function load() {\n  const bytes = await fetchAndCache('https://cdn.example.com/models/model.onnx');\n  return ort.InferenceSession.create(bytes);\n}`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 3 }],
    },
    {
      code: `import * as ort from 'onnxruntime-web';\nasync function fetchAndCache(url) {\n  const cache = await caches.open('onnx');\n  const hit = await cache.match(url);\n  if (hit === undefined) {\n    const buffer = await fetch(url).then((response) => response.arrayBuffer());\n    await cache.put(url, new Response(buffer));\n    return buffer;\n  }\n  return hit.arrayBuffer();\n}\nexport class LLM {\n  async load(model, local) {\n    const base = local ? 'models/' + model.path : 'https://huggingface.co/' + model.path + '/resolve/main';\n    const config = JSON.parse(new TextDecoder().decode(await fetchAndCache(base + '/config.json')));\n    const model_bytes = await fetchAndCache(base + '/onnx/' + model.file);\n    this.sess = await ort.InferenceSession.create(model_bytes, { executionProviders: ['webgpu'] });\n    return config;\n  }\n}`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 6 }],
    },
    // through an arrow helper and a second wrapper, into tf.io.fromMemory / a model file on disk
    {
      code: `import * as fs from 'fs';\nconst get = async (u) => (await fetch(u)).arrayBuffer();\nasync function weights(u) { return new Uint8Array(await get(u)); }\nasync function save(u) { fs.writeFileSync('model.safetensors', await weights(u)); }`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 2 }],
    },
    // the payload of an axios response returned by a helper
    {
      code: `import axios from 'axios'; import * as ort from 'onnxruntime-node';\nasync function download(url) { return (await axios.get(url, { responseType: 'arraybuffer' })).data; }\nexport async function load(u) { return ort.InferenceSession.create(await download(u)); }`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 2 }],
    },
    // a digest of the URL used as a cache key checks nothing about the bytes
    {
      code: `import { createHash } from 'crypto'; async function f(url) { const key = createHash('sha256').update(url).digest('hex'); if (index.has(key)) return index.get(key); const r = await fetch('https://cdn.example.com/models/encoder.onnx'); return r.arrayBuffer(); }`,
      errors: [{ messageId: 'unverified' }],
    },
    {
      code: `async function f(modelUrl) { const key = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(modelUrl))); if (cached && cached.key === key) return cached.bytes; const r = await fetch('https://cdn.example.com/models/encoder.onnx'); return r.arrayBuffer(); }`,
      errors: [{ messageId: 'unverified' }],
    },
    {
      code: 'import { createHash } from \'crypto\'; async function f(name) { const key = createHash(\'sha1\').update(`models/${name}`).digest(\'hex\'); if (seen.includes(key)) return; return fetch(\'https://cdn.example.com/models/encoder.onnx\'); }',
      errors: [{ messageId: 'unverified' }],
    },
    // a loop variable over a constant array of model URLs has exactly its values (as \`WEIGHTS[i]\`)
    {
      code: `import { writeFile } from 'node:fs/promises';\nconst WEIGHTS = ['https://cdn.example.com/models/encoder.onnx', 'https://cdn.example.com/models/decoder.onnx'];\nfor (const url of WEIGHTS) {\n  const res = await fetch(url);\n  await writeFile(url.split('/').pop(), Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: '`url`' }, confidence: 'medium', line: 4 }],
    },
    {
      code: `import { writeFile } from 'node:fs/promises';\nconst WEIGHTS = ['https://cdn.example.com/models/encoder.onnx', 'https://cdn.example.com/models/decoder.onnx'];\nfor (let i = 0; i < WEIGHTS.length; i++) {\n  const res = await fetch(WEIGHTS[i]);\n  await writeFile(\`w\${i}.onnx\`, Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'unverified', confidence: 'medium', line: 4 }],
    },
    {
      code: `const WEIGHTS = ['https://cdn.example.com/models/encoder.onnx', 'https://cdn.example.com/models/decoder.onnx'];\nWEIGHTS.forEach(async (url) => {\n  const res = await fetch(url);\n  await Bun.write(url.split('/').pop(), res);\n});`,
      errors: [{ messageId: 'unverified', confidence: 'medium', line: 3 }],
    },
    {
      code: `const MODELS = [{ file: 'enc.onnx', url: 'https://cdn.example.com/enc.onnx' }, { file: 'dec.onnx', url: 'https://cdn.example.com/dec.onnx' }];\nexport const all = () => Promise.all(MODELS.map(async ({ url }) => (await fetch(url)).arrayBuffer()));`,
      errors: [{ messageId: 'unverified', confidence: 'medium', line: 2 }],
    },
    {
      code: `const FILES = ['https://x.example/m.onnx', 'https://x.example/vocab.txt'];\nfor (const url of FILES) { const res = await fetch(url); await Bun.write(url.split('/').pop(), res); }`,
      errors: [{ messageId: 'possiblyModel', confidence: 'low' }],
    },
    // look-alikes: an array the file adds to, an element that is not known: no values known
    {
      code: `import { writeFile } from 'node:fs/promises';\nconst WEIGHTS = ['https://cdn.example.com/models/encoder.onnx'];\nif (process.env.EXTRA) WEIGHTS.push(process.env.EXTRA);\nfor (const url of WEIGHTS) {\n  const res = await fetch(url);\n  await writeFile('weights.bin', Buffer.from(await res.arrayBuffer()));\n}`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 5 }],
    },
  ],
});

fixture(rule);
// a zx script: its `#!` line makes its global `$` zx's
fixture(rule, undefined, undefined, 'unverified-model-download-zx-script');

describe('message and confidence agree (review whole3 P13)', () => {
  it('a helper whose calls in the file pass a model file is medium, and its message says other callers may pass anything', () => {
    const { messages } = rule.meta;
    // the message that states a model file as fact is the high/known-URL one; the helper's says what is known
    expect(messages.unverifiedPassed).toContain("a model file in this file's calls: {{url}}; other callers may pass anything");
    expect(messages.unverifiedPassed).not.toMatch(/downloads a model file/);
  });
});

// Tagged-template commands: execa's `$` (its words) and zx's `$` (a shell command line, each `${…}`
// quoted into one word), read as `execFileSync('curl', […])` is.
const MODEL_URL = "const URL = 'https://example.com/m/model.onnx';\n";
const zxUnverified = (callee: string, line: number) => ({ messageId: 'unverified', data: { callee: `${callee} (curl)`, url: '"https://example.com/m/model.onnx"' }, confidence: 'high' as const, line });

tester.run(`${id(rule)} (execa and zx templates)`, rule, {
  valid: [
    // a checksum command in the same function: execa's template, zx's, and the same command line
    `import { $ } from 'execa';\n${MODEL_URL}export async function f() {\n  await $\`curl -L -o models/m.onnx \${URL}\`;\n  await $\`sha256sum -c models.sha256\`;\n}`,
    `import { $ } from 'zx';\n${MODEL_URL}export async function f() {\n  await $\`curl -L -o models/m.onnx \${URL}\`;\n  await $\`sha256sum -c models.sha256\`;\n}`,
    `import { $ } from 'zx';\n${MODEL_URL}export async function f() {\n  await $\`curl -L -o models/m.onnx \${URL} && cd models && sha256sum -c models.sha256\`;\n}`,
    `#!/usr/bin/env zx\n${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;\nawait $\`shasum -a 256 -c models.sha256\`;`,
    // look-alikes: jQuery's \`$\`, a \`$\` of another module, a local \`$\` in a zx script, a global \`$\` in a file that is no zx script
    `import $ from 'jquery';\n${MODEL_URL}$\`curl -L -o models/m.onnx \${URL}\`;`,
    `import { $ } from './shell.js';\n${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;`,
    `#!/usr/bin/env zx\nconst $ = (s, ...v) => s.join(v.join(''));\n${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;`,
    `#!/usr/bin/env node\n${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;`,
    `${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;`,
    `#!/usr/bin/env zxing\n${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;`,
    // zx templates running commands that download no model file
    `import { $ } from 'zx';\nawait $\`curl -L -o data/train.csv https://example.com/train.csv\`;`,
    `import { $ } from 'zx';\n${MODEL_URL}await $\`ls -la models && echo \${URL}\`;`,
    `import { $ } from 'zx';\n${MODEL_URL}await $\`curl -I \${URL}\`;`,
    // zx reads quotes: the URL quoted with the upload option is an upload
    `import { $ } from 'zx';\nawait $\`curl --upload-file models/m.onnx "https://transfer.example.com/m.onnx"\`;`,
  ],
  invalid: [
    // execa's template, as execFileSync('curl', …)
    { code: `import { $ } from 'execa';\n${MODEL_URL}export async function f() {\n  await $\`curl -L -o models/m.onnx \${URL}\`;\n}`, errors: [zxUnverified('$`…`', 4)] },
    {
      code: `import { execFileSync } from 'node:child_process';\n${MODEL_URL}export function f() {\n  execFileSync('curl', ['-L', '-o', 'models/m.onnx', URL]);\n}`,
      errors: [zxUnverified('execFileSync', 4)],
    },
    // zx: imported from zx or zx/core, required, \`$.sync\`, bound with options and held in a variable
    { code: `import { $ } from 'zx';\n${MODEL_URL}export async function f() {\n  await $\`curl -L -o models/m.onnx \${URL}\`;\n}`, errors: [zxUnverified('$`…`', 4)] },
    { code: `import { $ } from 'zx/core';\n${MODEL_URL}await $\`wget -O models/m.onnx \${URL}\`;`, errors: [{ ...zxUnverified('$`…`', 3), data: { callee: '$`…` (wget)', url: '"https://example.com/m/model.onnx"' } }] },
    { code: `const { $ } = require('zx');\n${MODEL_URL}$.sync\`curl -L -o models/m.onnx \${URL}\`;`, errors: [zxUnverified('$.sync`…`', 3)] },
    { code: `import { $ } from 'zx';\n${MODEL_URL}const sh = $({ cwd: 'models', verbose: true });\nawait sh\`curl -L -o m.onnx \${URL}\`;`, errors: [zxUnverified('sh`…`', 4)] },
    { code: `import { $ } from 'zx';\n${MODEL_URL}await $({ cwd: 'models' })\`curl -L -o m.onnx \${URL}\`;`, errors: [zxUnverified("$({cwd:'models'})`…`", 3)] },
    // the global \`$\` of a zx script: its \`#!\` line, or an import of zx/globals
    { code: `#!/usr/bin/env zx\n${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;`, errors: [zxUnverified('$`…`', 3)] },
    { code: `#!/usr/bin/env -S npx zx@8 --quiet\n${MODEL_URL}await $.sync\`curl -L -o models/m.onnx \${URL}\`;`, errors: [zxUnverified('$.sync`…`', 3)] },
    { code: `import 'zx/globals';\n${MODEL_URL}await $\`curl -L -o models/m.onnx \${URL}\`;`, errors: [zxUnverified('$`…`', 3)] },
    // zx reads the template's quotes, and quotes each \`\${…}\` into one word: an output with a space, an array of arguments
    { code: `import { $ } from 'zx';\n${MODEL_URL}await $\`curl -L -o "my models/m.onnx" \${URL}\`;`, errors: [zxUnverified('$`…`', 3)] },
    { code: `import { $ } from 'zx';\n${MODEL_URL}const OUT = "it's my model.onnx";\nawait $\`curl -L -o \${OUT} \${URL}\`;`, errors: [zxUnverified('$`…`', 4)] },
    { code: `import { $ } from 'zx';\n${MODEL_URL}const ARGS = ['-L', '-o', 'models/m.onnx', URL];\nawait $\`curl \${ARGS}\`;`, errors: [zxUnverified('$`…`', 4)] },
    // a URL known only at its end, saved as a model file
    { code: `import { $ } from 'zx';\nexport const pull = (url) => $\`curl -fsSL \${url} -o weights/model.safetensors\`;`, errors: [{ messageId: 'unverifiedSink', confidence: 'medium' }] },
    // node-llama-cpp pull of a URL through execa and zx templates
    {
      code: `import { $ } from 'zx';\nawait $\`npx -y node-llama-cpp@3 pull --dir ./models \${'https://models.example.com/llama-3.2-1b-q4_k_m.gguf'}\`;`,
      errors: [{ messageId: 'unverified', data: { callee: '$`…` (node-llama-cpp pull)', url: '"https://models.example.com/llama-3.2-1b-q4_k_m.gguf"' }, confidence: 'high' }],
    },
    {
      code: `import { $ } from 'execa';\nexport const pull = (req) => $\`npx node-llama-cpp pull --dir ./models \${req.body.repo}\`;`,
      errors: [{ messageId: 'unresolvedModelUri', data: { callee: '$`…` (node-llama-cpp pull)', url: '`req.body.repo`' }, confidence: 'low' }],
    },
  ],
});

// The blind review of 54 JS/TS apps: a loop over file names, a URL on a model host built from a
// function's parameters with no caller in the file, and a choice among known URLs.
const BUN_HELPER = 'async function downloadFile(url, outputPath) {\n  const response = await fetch(url);\n  const buffer = await response.arrayBuffer();\n  await Bun.write(outputPath, buffer);\n}\n';
const FS_HELPER = "import fs from 'fs';\nasync function downloadFile(url, outputPath) {\n  const response = await fetch(url);\n  fs.writeFileSync(outputPath, Buffer.from(await response.arrayBuffer()));\n}\n";
const VOICE_HELPER = "async function download(file) {\n  const res = await fetch(VOICE_URL + file);\n  writeFileSync('tts/' + file, Buffer.from(await res.arrayBuffer()));\n  return 'tts/' + file;\n}\n";
const VOICE_HEAD = "import { writeFileSync } from 'node:fs';\nimport * as ort from 'onnxruntime-node';\nconst MALE = process.argv.includes('--male');\n";

tester.run(`${id(rule)} (loops, parameter URLs, choices)`, rule, {
  valid: [
    // a loop over configuration files only
    `${BUN_HELPER}async function downloadModel(model, revision = 'main') {\n  const baseUrl = \`https://huggingface.co/\${model}/resolve/\${revision}\`;\n  for (const file of ['config.json', 'tokenizer.json']) {\n    await downloadFile(\`\${baseUrl}/\${file}\`, \`./models/\${file}\`);\n  }\n}\nawait downloadModel('BAAI/bge-m3');`,
    // a loop over local model files: no download from anywhere remote
    `${FS_HELPER}for (const file of ['model.onnx', 'tokenizer.json']) {\n  await downloadFile(\`/models/\${file}\`, \`./cache/\${file}\`);\n}`,
    // a URL built from parameters on a host and in a function that name no model
    "import { writeStream } from './stream';\nexport const downloadAsset = async (saveLocation, name) => {\n  const res = await fetch(`https://assets.example.com/${name}`);\n  await writeStream(saveLocation, res.body);\n};",
    // the function's name alone says model, the URL does not
    "import fs from 'node:fs/promises';\nexport async function downloadModel(dest, name) {\n  const res = await fetch('https://cdn.example.com/' + name);\n  await fs.writeFile(dest, Buffer.from(await res.arrayBuffer()));\n}",
    // a model word only after the part the parameters make
    "import { writeStream } from './stream';\nexport const download = async (saveLocation, name) => {\n  const res = await fetch(`https://cdn.example.com/${name}?kind=model`);\n  await writeStream(saveLocation, res.body);\n};",
    // a model host, but the response is read as JSON
    'export const modelInfo = async (name) => {\n  const res = await fetch(`https://models.example.com/${name}`);\n  return res.json();\n};',
    // a model host, and the known end of the URL names no model file
    "import { writeStream } from './stream';\nexport const downloadModel = async (saveLocation, name) => {\n  const res = await fetch(`https://models.example.com/${name}/config.json`);\n  await writeStream(saveLocation, res.body);\n};",
    // hash-checked
    "import { createHash } from 'node:crypto';\nimport { writeFile } from 'node:fs/promises';\nexport const downloadModel = async (saveLocation, name, sha) => {\n  const res = await fetch(`https://models.example.com/${name}`);\n  const bytes = Buffer.from(await res.arrayBuffer());\n  if (createHash('sha256').update(bytes).digest('hex') !== sha) throw new Error('hash');\n  await writeFile(saveLocation, bytes);\n};",
    // a choice among two known hosts, neither of them a model file's
    "import { writeStream } from './stream';\nconst HOST = process.env.EU ? 'https://eu.example.com' : 'https://us.example.com';\nexport const downloadReport = async (dest, name) => {\n  const res = await fetch(`${HOST}/reports/${name}`);\n  await writeStream(dest, res.body);\n};",
  ],
  invalid: [
    // Bun.write and fs.writeFileSync, a loop over a literal list that holds a model file, in a function or at the top
    {
      code: `${BUN_HELPER}async function downloadModel(model, revision = 'main') {\n  const baseUrl = \`https://huggingface.co/\${model}/resolve/\${revision}\`;\n  const files = ['config.json', 'onnx/model.onnx'];\n  for (const file of files) {\n    await downloadFile(\`\${baseUrl}/\${file}\`, \`./models/\${file}\`);\n  }\n}\nawait downloadModel('BAAI/bge-m3');`,
      errors: [{ messageId: 'unverifiedPassed', data: { callee: 'fetch', url: '`${baseUrl}/${file}`' }, confidence: 'medium', line: 2 }],
    },
    {
      code: `${FS_HELPER}async function downloadModel(model, revision = 'main') {\n  const baseUrl = \`https://huggingface.co/\${model}/resolve/\${revision}\`;\n  const files = ['config.json', 'onnx/model.onnx'];\n  for (const file of files) {\n    await downloadFile(\`\${baseUrl}/\${file}\`, \`./models/\${file}\`);\n  }\n}\nawait downloadModel('BAAI/bge-m3');`,
      errors: [{ messageId: 'unverifiedPassed', data: { callee: 'fetch', url: '`${baseUrl}/${file}`' }, confidence: 'medium', line: 3 }],
    },
    {
      code: `${FS_HELPER}const files = ['config.json', 'onnx/model.onnx'];\nfor (const file of files) {\n  await downloadFile(\`https://huggingface.co/BAAI/bge-m3/resolve/main/\${file}\`, \`./models/\${file}\`);\n}`,
      errors: [{ messageId: 'unverifiedPassed', data: { callee: 'fetch', url: '"https://huggingface.co/BAAI/bge-m3/resolve/main/onnx/model.onnx"' }, confidence: 'medium', line: 3 }],
    },
    // Electron's net.fetch of a model host's URL built from a parameter, no caller in the file: low, not nothing
    {
      code: "import { net } from 'electron/main';\nimport { writeStream } from '../stream';\nexport const downloadModel = async (saveLocation, name) => {\n  const url = `https://models.ente.io/${name}`;\n  const res = await net.fetch(url);\n  if (!res.ok) throw new Error(`Failed to fetch ${url}`);\n  await writeStream(saveLocation, res.body);\n};",
      errors: [{ messageId: 'possiblyModel', data: { callee: 'net.fetch', url: '`url`' }, confidence: 'low', line: 5 }],
    },
    // the known start of the URL names weights
    {
      code: "import fs from 'node:fs/promises';\nexport async function fetchFile(dest, name) {\n  const res = await fetch('https://cdn.example.com/weights/' + name);\n  await fs.writeFile(dest, Buffer.from(await res.arrayBuffer()));\n}",
      errors: [{ messageId: 'possiblyModel', data: { callee: 'fetch', url: "`'https://cdn.example.com/weights/' + name`" }, confidence: 'low', line: 3 }],
    },
    // one of two known Hub URLs chosen by a ternary: judged as a known URL is (medium, as without the ternary)
    {
      code: `${VOICE_HEAD}const VOICE = MALE ? 'it_IT-riccardo-x_low' : 'it_IT-paola-medium';\nconst VOICE_URL = \`https://huggingface.co/rhasspy/piper-voices/resolve/main/it/it_IT/\${MALE ? 'riccardo/x_low' : 'paola/medium'}/\`;\n${VOICE_HELPER}const session = await ort.InferenceSession.create(await download(\`\${VOICE}.onnx\`));`,
      errors: [{ messageId: 'unverifiedBuilt', confidence: 'medium', line: 7 }],
    },
    // a loop over a long list of known model URLs: 1,024 are read (medium); past that the analysis gives
    // up at its bound, and the download is reported at low confidence rather than dropped
    ...[1024, 1025, 3000].map((n) => ({
      code: `const WEIGHTS = [${Array.from({ length: n }, (_, i) => `'https://cdn.example.com/w${i}.onnx'`).join(', ')}];\nfor (const url of WEIGHTS) { const r = await fetch(url); await Bun.write(url.split('/').pop(), r); }`,
      errors: [
        n <= 1024
          ? { messageId: 'unverified' as const, data: { callee: 'fetch', url: '"https://cdn.example.com/w0.onnx", "https://cdn.example.com/w1.onnx", "https://cdn.example.com/w2.onnx" or …' }, confidence: 'medium' as const, line: 2 }
          : { messageId: 'possiblyModel' as const, data: { callee: 'fetch', url: '`url`' }, confidence: 'low' as const, line: 2 },
      ],
    })),
  ],
});
