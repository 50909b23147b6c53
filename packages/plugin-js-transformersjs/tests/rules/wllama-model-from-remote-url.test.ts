import rule from '../../src/rules/wllama-model-from-remote-url.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import { Wllama } from '@wllama/wllama';\nconst wllama = new Wllama({ 'single-thread/wllama.wasm': '/wllama.wasm' });\n";
const HUB_URL = 'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf';

tester.run(id(rule), rule, {
  valid: [
    // an exported helper without a default whose calls in the file pass local URLs only
    imp + "export async function load(u: string) { await wllama.loadModelFromUrl(u); }\nload('/models/stories260K.gguf');",
    // the app's own origin, a local file, the Blobs of a verified download
    imp + `await wllama.loadModelFromUrl('/models/stories260K.gguf');`,
    imp + `await wllama.loadModelFromUrl('./models/stories260K.gguf', { n_ctx: 2048 });`,
    imp + `export const load = (file) => wllama.loadModel([file]);`,
    // a URL the analysis cannot see, not named like one
    imp + `export const load = (path) => wllama.loadModelFromUrl(path);`,
    // another package's Wllama, another object's method, no import of wllama for an unknown receiver
    `import { Wllama } from './my-wllama.js';\nconst wllama = new Wllama({});\nawait wllama.loadModelFromHF('ggml-org/models', 'tinyllamas/stories260K.gguf');`,
    `const store = { loadModelFromHF: (a, b) => a + b };\nstore.loadModelFromHF('ggml-org/models', 'tinyllamas/stories260K.gguf');`,
    `export const load = (engine) => engine.loadModelFromUrl('${HUB_URL}');`,
    // a Wllama module imported, but the receiver is provably something else
    `import { Wllama } from '@wllama/wllama';\nclass Store { loadModelFromUrl(u) { return u; } }\nnew Store().loadModelFromUrl('${HUB_URL}');`,
    // without a repository or a file wllama throws before downloading
    imp + `await wllama.loadModelFromHF('ggml-org/models');`,
  ],
  invalid: [
    // an exported helper without a default, given a remote URL by a call of the file: medium (other modules may pass anything)
    {
      code: imp + `export async function load(u: string) { await wllama.loadModelFromUrl(u); }\nload('${HUB_URL}');`,
      errors: [{ messageId: 'remote', data: { callee: 'wllama.loadModelFromUrl', url: `"${HUB_URL}"` }, confidence: 'medium', line: 3 }],
    },
    {
      code: imp + `await wllama.loadModelFromUrl('${HUB_URL}');`,
      errors: [{ messageId: 'remote', data: { callee: 'wllama.loadModelFromUrl', url: `"${HUB_URL}"` }, confidence: 'high', line: 3 }],
    },
    // wllama builds `https://huggingface.co/<repo>/resolve/main/<file>`: no revision can be given
    {
      code: imp + `await wllama.loadModelFromHF('ggml-org/models', 'tinyllamas/stories260K.gguf', { n_ctx: 2048 });`,
      errors: [{ messageId: 'hubMain', data: { callee: 'wllama.loadModelFromHF', repo: '"ggml-org/models"', file: '"tinyllamas/stories260K.gguf"' }, confidence: 'high' }],
    },
    {
      code: imp + `export const load = (repo, file) => wllama.loadModelFromHF(repo, file);`,
      errors: [{ messageId: 'hubMain', data: { callee: 'wllama.loadModelFromHF', repo: '`repo`', file: '`file`' }, confidence: 'high' }],
    },
    // plain HTTP: the literal switched to https:// (and http-model-url leaves it to this rule)
    {
      code: imp + `await wllama.loadModelFromUrl('http://models.example.com/llm/stories260K.gguf');`,
      errors: [
        {
          messageId: 'http',
          data: { callee: 'wllama.loadModelFromUrl', url: '"http://models.example.com/llm/stories260K.gguf"' },
          confidence: 'high',
          suggestions: [{ messageId: 'useHttps', output: imp + `await wllama.loadModelFromUrl('https://models.example.com/llm/stories260K.gguf');` }],
        },
      ],
    },
    // shards: wllama downloads from the first URL
    {
      code: imp + `const SHARDS = ['https://cdn.example.com/m-00001-of-00002.gguf', 'https://cdn.example.com/m-00002-of-00002.gguf'];\nawait wllama.loadModelFromUrl(SHARDS);`,
      errors: [{ messageId: 'remote', data: { callee: 'wllama.loadModelFromUrl', url: '"https://cdn.example.com/m-00001-of-00002.gguf"' }, confidence: 'high' }],
    },
    // an instance in a class member; CDN and `npm:` specifiers name the package too
    {
      code: `import { Wllama } from 'https://cdn.jsdelivr.net/npm/@wllama/wllama@2.3.1/esm/index.js';\nexport class Chat {\n  engine = null;\n  async start() {\n    this.engine = new Wllama({});\n    await this.engine.loadModelFromHF('ggml-org/models', 'tinyllamas/stories260K.gguf');\n  }\n}`,
      errors: [{ messageId: 'hubMain', data: { callee: 'this.engine.loadModelFromHF', repo: '"ggml-org/models"', file: '"tinyllamas/stories260K.gguf"' }, confidence: 'high', line: 6 }],
    },
    {
      code: `import { Wllama as W } from 'npm:@wllama/wllama@2';\nconst w = new W({});\nawait w.loadModelFromUrl('${HUB_URL}');`,
      errors: [{ messageId: 'remote', data: { callee: 'w.loadModelFromUrl', url: `"${HUB_URL}"` }, confidence: 'high' }],
    },
    // a receiver the analysis cannot resolve, in a file that imports wllama: low
    {
      code: `import { Wllama } from '@wllama/wllama';\nexport const load = (engine) => engine.loadModelFromHF('ggml-org/models', 'tinyllamas/stories260K.gguf');`,
      errors: [{ messageId: 'hubMain', data: { callee: 'engine.loadModelFromHF', repo: '"ggml-org/models"', file: '"tinyllamas/stories260K.gguf"' }, confidence: 'low' }],
    },
    {
      code: `import { Wllama } from '@wllama/wllama';\nlet wllama;\nexport async function start() {\n  wllama = new Wllama({});\n  await wllama.loadModelFromUrl('${HUB_URL}');\n}`,
      errors: [{ messageId: 'remote', data: { callee: 'wllama.loadModelFromUrl', url: `"${HUB_URL}"` }, confidence: 'low' }],
    },
    // a URL named like one that the analysis cannot resolve: low
    {
      code: imp + `export const load = (modelUrl) => wllama.loadModelFromUrl(modelUrl);`,
      errors: [{ messageId: 'remote', data: { callee: 'wllama.loadModelFromUrl', url: '`modelUrl`' }, confidence: 'low' }],
    },
  ],
});

fixture(rule);
