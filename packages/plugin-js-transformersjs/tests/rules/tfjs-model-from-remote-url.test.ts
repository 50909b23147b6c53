import rule from '../../src/rules/tfjs-model-from-remote-url.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import * as tf from '@tensorflow/tfjs';\n";

tester.run(id(rule), rule, {
  valid: [
    imp + 'export const load = (name) => tf.loadGraphModel(`models/${name}/model.json`);',
    "import * as tf from '@tensorflow/tfjs';\nimport * as FileSystem from 'expo-file-system';\nexport const load = () => tf.loadGraphModel(FileSystem.bundleDirectory + 'model/model.json');",
    "import * as tmImage from '@teachablemachine/image';\nconst m = await tmImage.load('/tm/model.json', '/tm/metadata.json');",
    imp + `await tf.loadLayersModel('localstorage://m');`,
    imp + `await tf.loadLayersModel('downloads://m');`,
    imp + `await tf.loadGraphModel('./model/model.json');`,
    imp + `await tf.loadGraphModel(tf.io.browserFiles([a, b]));`,
    `const tf = require('@tensorflow/tfjs-node'); tf.loadLayersModel('file://' + dir + '/model.json');`,
    `import * as tf from 'not-tf'; tf.loadGraphModel('https://x.example/model.json');`,
    `model.loadGraphModel('https://x.example/model.json');`,
    `import * as mobilenet from '@tensorflow-models/mobilenet'; await mobilenet.load({ version: 2, alpha: 1, modelUrl: '/models/mobilenet/model.json' });`,
    `import * as cocoSsd from '@tensorflow-models/coco-ssd'; function f(config) { return cocoSsd.load(config); }`,
    `import * as m from '@tensorflow-models/mobilenet'; m.infer(x);`,
    // a local `tmImage` / `tmPose` is not Teachable Machine's global; its other loaders are local files
    `function init(tmImage) { return tmImage.load('https://teachablemachine.withgoogle.com/models/abc123/model.json'); }`,
    `import { tmPose } from './poses.js';\ntmPose.load('https://teachablemachine.withgoogle.com/models/abc123/model.json');`,
    `tmImage.loadFromFiles(modelFile, weightsFile, metadataFile);`,
    // a \`file:\` URL made by \`pathToFileURL\`, of any path, inline or held in a variable
    "import * as tf from '@tensorflow/tfjs-node';\nimport { pathToFileURL } from 'node:url';\nexport const model = await tf.loadGraphModel(pathToFileURL('./model/model.json').href);",
    "import * as tf from '@tensorflow/tfjs-node';\nimport * as url from 'url';\nexport function load(dir) { const modelUrl = url.pathToFileURL(dir + '/model.json').toString(); return tf.loadLayersModel(modelUrl); }",
    "import * as tf from '@tensorflow/tfjs-node';\nimport { pathToFileURL } from 'node:url';\nexport function load(userPath) { return tf.loadLayersModel(pathToFileURL(userPath).href); }",
  ],
  invalid: [
    // Deno's npm: specifier names the library as its npm name does
    { code: `import * as tf from 'npm:@tensorflow/tfjs@4.22.0';\nawait tf.loadGraphModel('https://cdn.example.com/graph/model.json');`, errors: [{ messageId: 'remote', confidence: 'high', line: 2 }] },
    // a \`pathToFileURL\` that is not Node's: as before
    {
      code: "import * as tf from '@tensorflow/tfjs-node';\nimport { pathToFileURL } from './cdn-urls';\nexport const model = await tf.loadGraphModel(pathToFileURL('./model/model.json').href);",
      errors: [{ messageId: 'remote', confidence: 'low' }],
    },
    // every value of a loop variable over a constant array is remote
    {
      code: imp + `const MODEL_URLS = ['https://x.example/a/model.json', 'https://x.example/b/model.json'];\nfor (const url of MODEL_URLS) await tf.loadGraphModel(url);`,
      errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://x.example/a/model.json" or "https://x.example/b/model.json"' }, confidence: 'high' }],
    },
    // the default of a URL the environment may override: named, at medium confidence
    {
      code: `import * as tf from '@tensorflow/tfjs-node';\nconst MODEL_URL = process.env.MODEL_URL || 'https://storage.googleapis.com/bucket/model/model.json';\nexport const load = () => tf.loadGraphModel(MODEL_URL);`,
      errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://storage.googleapis.com/bucket/model/model.json"' }, confidence: 'medium' }],
    },
    {
      code: imp + `export const load = (small) => tf.loadLayersModel(process.env.MODEL_URL ?? (small ? 'https://x.example/s/model.json' : 'https://x.example/l/model.json'));`,
      errors: [{ messageId: 'remote', data: { callee: 'tf.loadLayersModel', url: '"https://x.example/s/model.json" or "https://x.example/l/model.json"' }, confidence: 'medium' }],
    },
    // a local default: what may replace it is not known (named like a URL: low, as before)
    { code: imp + `const MODEL_URL = process.env.MODEL_URL || '/model/model.json';\nexport const load = () => tf.loadGraphModel(MODEL_URL);`, errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '`MODEL_URL`' }, confidence: 'low' }] },
    // Teachable Machine's loader is tf.loadLayersModel underneath
    {
      code: "import * as tmImage from '@teachablemachine/image';\nconst m = await tmImage.load('https://teachablemachine.withgoogle.com/models/abc123/model.json', 'https://teachablemachine.withgoogle.com/models/abc123/metadata.json');",
      errors: [{ messageId: 'remote' }],
    },
    // the script-tag build's globals, no import (Teachable Machine's export snippet)
    {
      code: `const URL = "https://teachablemachine.withgoogle.com/models/vgq3k9l7i/";\nasync function init() {\n  return tmImage.load(URL + "model.json", URL + "metadata.json");\n}`,
      errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'tmImage.load', url: '"https://teachablemachine.withgoogle.com/models/vgq3k9l7i/model.json"' } }],
    },
    // TypeScript's ambient declaration of that global (`declare const tmImage: any`) binds nothing
    {
      code: `declare const tmImage: any;
const URL = "https://teachablemachine.withgoogle.com/models/vgq3k9l7i/";
export const model = tmImage.load(URL + "model.json", URL + "metadata.json");`,
      filename: 'app.ts',
      errors: [{ messageId: 'remote', data: { callee: 'tmImage.load', url: '"https://teachablemachine.withgoogle.com/models/vgq3k9l7i/model.json"' } }],
    },
    {
      code: `const tmPose = window.tmPose;\nconst model = await tmPose.load('http://models.example.com/pose/model.json', 'https://models.example.com/pose/metadata.json');`,
      errors: [
        {
          messageId: 'http',
          suggestions: [{ messageId: 'useHttps', output: `const tmPose = window.tmPose;\nconst model = await tmPose.load('https://models.example.com/pose/model.json', 'https://models.example.com/pose/metadata.json');` }],
        },
      ],
    },
    {
      code: imp + `await tf.loadGraphModel('http://example.com/model.json');`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `await tf.loadGraphModel('https://example.com/model.json');` }] }],
    },
    // a URL built from a template or `+`: the literal piece that holds `http://` is switched, inline or held in a variable
    {
      // (github: persocom01/TestJavaScript, with a remote host)
      code: imp + "export async function run() {\n  const host = 'models.example.com';\n  const MODEL_URL = `http://${host}/linear/model.json`;\n  return tf.loadLayersModel(MODEL_URL);\n}",
      errors: [{
        messageId: 'http', data: { callee: 'tf.loadLayersModel', url: '"http://models.example.com/linear/model.json"' }, confidence: 'high', line: 5,
        suggestions: [{ messageId: 'useHttps', output: imp + "export async function run() {\n  const host = 'models.example.com';\n  const MODEL_URL = `https://${host}/linear/model.json`;\n  return tf.loadLayersModel(MODEL_URL);\n}" }],
      }],
    },
    {
      code: imp + 'export const load = (name: string) => tf.loadGraphModel(`http://models.example.com/${name}/model.json`);',
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + 'export const load = (name: string) => tf.loadGraphModel(`https://models.example.com/${name}/model.json`);' }] }],
    },
    {
      code: imp + "export const load = (name: string) => tf.loadGraphModel('http://models.example.com/' + name + '/model.json');",
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + "export const load = (name: string) => tf.loadGraphModel('https://models.example.com/' + name + '/model.json');" }] }],
    },
    {
      code: imp + "await tf.loadLayersModel(tf.io.http(process.env.MODEL_URL ?? 'http://models.example.com/model.json'));",
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + "await tf.loadLayersModel(tf.io.http(process.env.MODEL_URL ?? 'https://models.example.com/model.json'));" }] }],
    },
    { code: imp + `await tf.loadLayersModel(tf.io.browserHTTPRequest('https://x.example/model.json'));`, errors: [{ messageId: 'remote' }] },
    { code: `const tf = require('@tensorflow/tfjs-node-gpu'); tf.loadGraphModel('https://x.example/model.json');`, errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://x.example/model.json"' } }] },
    { code: `tf.loadLayersModel('https://x.example/model.json');`, errors: [{ messageId: 'remote' }] },
    // an unresolved value is shown as code, a known one in quotes
    { code: `export const load = (modelUrl) => tf.loadGraphModel(modelUrl);`, errors: [{ messageId: 'remote', confidence: 'low', data: { callee: 'tf.loadGraphModel', url: '\`modelUrl\`' } }] },
    { code: `const URL_BASE = 'https://x.example/';\ntf.loadGraphModel(URL_BASE + 'model.json');`, errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://x.example/model.json"' } }] },
    { code: `import * as mobilenet from '@tensorflow-models/mobilenet'; await mobilenet.load();`, errors: [{ messageId: 'packageDefault', data: { callee: 'mobilenet.load', module: '@tensorflow-models/mobilenet' }, confidence: 'medium' }] },
    { code: `import { load } from '@tensorflow-models/coco-ssd'; await load({ base: 'lite_mobilenet_v2' });`, errors: [{ messageId: 'packageDefault' }] },
    { code: `import * as qna from '@tensorflow-models/qna'; await qna.load({ modelUrl: 'https://x.example/qna/model.json' });`, errors: [{ messageId: 'remote' }] },
    { code: imp + `await tf.loadGraphModel('google/imagenet/mobilenet/1', { fromTFHub: true });`, errors: [{ messageId: 'remote' }] },
  ],
});

fixture(rule);
