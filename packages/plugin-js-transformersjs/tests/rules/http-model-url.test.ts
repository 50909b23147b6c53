import { fileURLToPath } from 'node:url';
import { lintText, type Rule } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import { runFixture } from '@oculum/rule-tester';
import { describe, expect, it } from 'vitest';
import insecureRemoteHost from '../../src/rules/insecure-remote-host.js';
import rule from '../../src/rules/http-model-url.js';
import onnxModelFromRemoteUrl from '../../src/rules/onnx-model-from-remote-url.js';
import tfjsModelFromRemoteUrl from '../../src/rules/tfjs-model-from-remote-url.js';
import mediapipeModelFromRemoteUrl from '../../src/rules/mediapipe-model-from-remote-url.js';
import { id, tester } from '../helpers.js';

const loaders = [onnxModelFromRemoteUrl, tfjsModelFromRemoteUrl, mediapipeModelFromRemoteUrl, insecureRemoteHost];

/**
 * URLs a loader's rule reports at the load, with the same suggestion (TypeScript wrappers, a default
 * the environment may override, a branch of `?:`, a variable or a constant object), and that rule.
 * http-model-url leaves them out only when that rule runs in the same lint (`context.enabledRules`).
 */
const LOADER_CASES: Array<[code: string, loader: Rule<any, any>]> = [
  [`import * as ort from 'onnxruntime-web'; ort.InferenceSession.create('http://x.example/model.onnx');`, onnxModelFromRemoteUrl],
  [`import { env } from '@huggingface/transformers'; env.remoteHost = 'http://huggingface.co/';`, insecureRemoteHost],
  ...[
    `'http://x.example/v.onnx' as string`,
    `('http://x.example/v.onnx' satisfies string)`,
    `('http://x.example/v.onnx')!`,
    `process.env.MODEL_URL || 'http://x.example/f.onnx'`,
    `process.env.MODEL_URL ?? 'http://x.example/f.onnx'`,
    `small ? 'http://x.example/s.onnx' : 'http://x.example/l.onnx'`,
    `'http://x.example/' + name + '.onnx'`,
  ].map((arg): [string, Rule<any, any>] => [`import * as ort from 'onnxruntime-web';\nexport const load = (small: boolean, name: string) => ort.InferenceSession.create(${arg});`, onnxModelFromRemoteUrl]),
  [`import * as ort from 'onnxruntime-web';\nconst MODEL_URL = 'http://x.example/model.onnx';\nexport const s = ort.InferenceSession.create(MODEL_URL);`, onnxModelFromRemoteUrl],
  [`import * as ort from 'onnxruntime-web';\nexport const s = ort.InferenceSession.create(new URL('http://x.example/model.onnx').href);`, onnxModelFromRemoteUrl],
  [`import * as ort from 'onnxruntime-web';\nconst CONFIG = { modelUrl: 'http://x.example/model.onnx' };\nexport const s = ort.InferenceSession.create(CONFIG.modelUrl);`, onnxModelFromRemoteUrl],
  ["import * as tf from '@tensorflow/tfjs';\nexport async function run() {\n  const host = 'models.example.com';\n  const MODEL_URL = `http://${host}/linear/model.json`;\n  return tf.loadLayersModel(MODEL_URL);\n}", tfjsModelFromRemoteUrl],
  [`import { env } from '@huggingface/transformers';\nconst HOST = 'http://huggingface.co/';\nenv.remoteHost = HOST;`, insecureRemoteHost],
  // a URL built on a plain-HTTP base held in a constant, inline or in a variable (review jsdesk P2-c)
  ["import * as ort from 'onnxruntime-web';\nconst BASE = 'http://x.example';\nexport const s = ort.InferenceSession.create(`${BASE}/yolov8n.onnx`);", onnxModelFromRemoteUrl],
  ["import * as ort from 'onnxruntime-web';\nconst BASE = 'http://x.example';\nconst url = BASE + '/yolov8n.onnx';\nexport const s = ort.InferenceSession.create(url);", onnxModelFromRemoteUrl],
  // a `+` chain longer than the depth bound: its head literal is found however many operands follow (review jsedge P3-c)
  ...[10, 40].map((n): [string, Rule<any, any>] => [
    `import * as ort from 'onnxruntime-web';\nconst u = 'http://cdn.example.com/' + ${Array.from({ length: n - 2 }, (_, i) => `'p${i}/'`).join(' + ')} + 'model.onnx';\nexport const g = () => ort.InferenceSession.create(u);`,
    onnxModelFromRemoteUrl,
  ]),
  [`import * as ort from 'onnxruntime-web';\nexport const g = (a: string) => ort.InferenceSession.create(('http://cdn.example.com/' + a) + ${Array.from({ length: 12 }, (_, i) => `'p${i}/'`).join(' + ')} + 'model.onnx');`, onnxModelFromRemoteUrl],
  // the external weights of an ONNX model (review jsedge P3-a)
  [`import * as ort from 'onnxruntime-web';\nexport const s = ort.InferenceSession.create('./model.onnx', { externalData: [{ path: 'model.onnx_data', data: 'http://x.example/model.onnx_data' }] });`, onnxModelFromRemoteUrl],
  // a MediaPipe Tasks model (`.task` is a model file's extension)
  ["import { FilesetResolver, HandLandmarker } from '@mediapipe/tasks-vision';\nconst v = await FilesetResolver.forVisionTasks('/wasm');\nexport const h = await HandLandmarker.createFromOptions(v, { baseOptions: { modelAssetPath: 'http://models.lan/hand_landmarker.task' } });", mediapipeModelFromRemoteUrl],
];

/** The rule ids of the findings of `code` linted with `rules` (all at 'error'). */
async function findings(code: string, rules: Array<Rule<any, any>>, filename = 'app.ts'): Promise<string[]> {
  const result = await lintText({ path: filename, text: code, language: javascript, rules: rules.map((r) => ({ id: id(r), rule: r, level: 'error' as const })) });
  return result.findings.map((f) => f.ruleId);
}

describe('http-model-url and the loader rules: each URL reported once, and never lost', () => {
  describe.each(LOADER_CASES.map(([code, loader]) => [code.replace(/\s+/g, ' ').slice(0, 90), code, loader] as const))('%s', (_name, code, loader) => {
    it('alone (the loader rule off or not selected): http-model-url reports it', async () => {
      expect(await findings(code, [rule])).toContain(id(rule));
    });
    it('with the loader rule: one finding, by the loader rule', async () => {
      expect(await findings(code, [rule, loader])).toEqual([id(loader)]);
    });
    it('with another loader rule only (not the one that reports it): http-model-url reports it', async () => {
      const others = loaders.filter((l) => l !== loader);
      expect(await findings(code, [rule, ...others])).toContain(id(rule));
    });
  });

  // review problem 4's repro: a plain-HTTP URL held in a variable, the ONNX rule off in the config
  const repro = `import * as ort from 'onnxruntime-web';\n\nconst MODEL_URL = 'http://cdn.example.com/models/model.onnx';\nexport async function start() {\n  return ort.InferenceSession.create(MODEL_URL);\n}\n`;
  it('the repro: with the loader rules off, http-model-url reports the variable-held URL', async () => {
    const result = await lintText({
      path: 'http_url_variable.js',
      text: repro,
      language: javascript,
      rules: [rule, ...loaders].map((r) => ({ id: id(r), rule: r, level: r === rule || r === insecureRemoteHost ? ('error' as const) : ('off' as const) })),
    });
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([[id(rule), 3]]);
  });
  it('the repro: with the ONNX rule on, one finding, by the ONNX rule', async () => {
    expect(await findings(repro, [rule, ...loaders], 'http_url_variable.js')).toEqual([id(onnxModelFromRemoteUrl)]);
  });
});

tester.run(id(rule), rule, {
  valid: [
    // the Android emulator's alias of the host's loopback
    "import * as ort from 'onnxruntime-web';\nawait ort.InferenceSession.create('http://10.0.2.2:8081/model.onnx');",
    `const u = 'https://x.example/model.onnx';`,
    `const u = 'http://localhost/model.onnx';`,
    `const u = 'http://127.0.0.1:9000/model.onnx';`,
    `const u = 'http://x.example/index.html';`,
    `import x from 'http://x.example/model.onnx';`,
    '// http://x.example/model.onnx\nconst a = 1;',
    '/** http://x.example/model.onnx */\nconst a = 1;',
    'const q = gql`http://x.example/model.onnx`;',
    // TypeScript types download nothing: literal types, in an alias, an annotation, a type argument, an interface
    ...[
      `type ModelUrl = 'http://cdn.example.com/type/model.onnx';\nexport const u: ModelUrl | undefined = undefined;`,
      `let u: 'http://cdn.example.com/type/model.onnx' | undefined;`,
      `declare function load<T extends string>(): T;\nload<'http://cdn.example.com/type/model.onnx'>();`,
      'type Tpl = `http://cdn.example.com/type/model.onnx`;',
      `interface Models { 'http://cdn.example.com/type/model.onnx': string; url: 'http://cdn.example.com/type/model.onnx'; }`,
      `type T = typeof import('http://cdn.example.com/type/model.onnx');`,
      `declare module 'http://cdn.example.com/type/model.onnx' { const m: string; }`,
    ].map((code) => ({ code, filename: 'models.ts' })),
    // a host known to be this machine, through a constant
    "const HOST = 'localhost:8000';\nexport const u = `http://${HOST}/model.onnx`;",
  ],
  invalid: [
    // alone (the RuleTester runs this rule only), the URL a loader rule would report is reported:
    // review problem 4's repro, a URL held in a variable
    {
      code: `import * as ort from 'onnxruntime-web';\nconst MODEL_URL = 'http://cdn.example.com/models/model.onnx';\nexport async function start() {\n  return ort.InferenceSession.create(MODEL_URL);\n}`,
      errors: [
        {
          messageId: 'http',
          data: { url: 'http://cdn.example.com/models/model.onnx' },
          line: 2,
          suggestions: [{ messageId: 'useHttps', output: `import * as ort from 'onnxruntime-web';\nconst MODEL_URL = 'https://cdn.example.com/models/model.onnx';\nexport async function start() {\n  return ort.InferenceSession.create(MODEL_URL);\n}` }],
        },
      ],
    },
    // MediaPipe Tasks and LiteRT bundles are model files
    { code: `const u = 'http://models.lan/hand_landmarker.task';`, errors: [{ messageId: 'http', data: { url: 'http://models.lan/hand_landmarker.task' }, line: 1, suggestions: [{ messageId: 'useHttps', output: `const u = 'https://models.lan/hand_landmarker.task';` }] }] },
    { code: `const u = 'http://models.lan/gemma3-1b-it-int4.litertlm';`, errors: [{ messageId: 'http', data: { url: 'http://models.lan/gemma3-1b-it-int4.litertlm' }, line: 1, suggestions: [{ messageId: 'useHttps', output: `const u = 'https://models.lan/gemma3-1b-it-int4.litertlm';` }] }] },
    {
      code: `const u = 'http://x.example/model.onnx';`,
      errors: [{ messageId: 'http', data: { url: 'http://x.example/model.onnx' }, line: 1, column: 11, suggestions: [{ messageId: 'useHttps', output: `const u = 'https://x.example/model.onnx';` }] }],
    },
    {
      code: `const u = "HTTP://huggingface.co/o/n/resolve/main/config.json";`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `const u = "https://huggingface.co/o/n/resolve/main/config.json";` }] }],
    },
    {
      // any case of the scheme (the prefilter too)
      code: `const u = "Http://x.example/model.onnx";`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `const u = "https://x.example/model.onnx";` }] }],
    },
    {
      code: 'const u = `http://${host}/model.onnx`;',
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: 'const u = `https://${host}/model.onnx`;' }] }],
    },
    // a URL the loader's rule does not report as plain HTTP (another branch is https://, or is not known)
    {
      code: `import * as ort from 'onnxruntime-web';\nexport const load = (small) => ort.InferenceSession.create(small ? 'http://x.example/s.onnx' : 'https://x.example/l.onnx');`,
      errors: [{ messageId: 'http', column: 68, suggestions: [{ messageId: 'useHttps', output: `import * as ort from 'onnxruntime-web';\nexport const load = (small) => ort.InferenceSession.create(small ? 'https://x.example/s.onnx' : 'https://x.example/l.onnx');` }] }],
    },
    {
      code: `import * as ort from 'onnxruntime-web';\nexport const load = (bytes) => ort.InferenceSession.create(bytes.length ? bytes : 'http://x.example/m.onnx');`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `import * as ort from 'onnxruntime-web';\nexport const load = (bytes) => ort.InferenceSession.create(bytes.length ? bytes : 'https://x.example/m.onnx');` }] }],
    },
    // a value of a literal type of the file: switching it alone would not type-check (github review repro 06)
    {
      code: `type ModelUrl = 'http://cdn.example.com/type/model.onnx';\nexport const u: ModelUrl = 'http://cdn.example.com/type/model.onnx';`,
      filename: 'models.ts',
      errors: [{ messageId: 'http', line: 2, suggestions: [] }],
    },
    // a JSX attribute (a link the user may follow, nothing the app downloads itself): medium (review jsedge P3-f)
    {
      code: `export const Link = () => <a href="http://example.com/model.onnx">download</a>;`,
      filename: 'link.tsx',
      errors: [{ messageId: 'http', data: { url: 'http://example.com/model.onnx' }, confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: `export const Link = () => <a href="https://example.com/model.onnx">download</a>;` }] }],
    },
    {
      code: 'export const Link = () => <a href={`http://example.com/model.onnx`}>download</a>;',
      filename: 'link.tsx',
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: 'export const Link = () => <a href={`https://example.com/model.onnx`}>download</a>;' }] }],
    },
    // ... not a JSX attribute's own value: high
    {
      code: `const URL_ = 'http://example.com/model.onnx';\nexport const Link = () => <a href={URL_}>download</a>;`,
      filename: 'link.tsx',
      errors: [{ messageId: 'http', confidence: 'high', suggestions: [{ messageId: 'useHttps', output: `const URL_ = 'https://example.com/model.onnx';\nexport const Link = () => <a href={URL_}>download</a>;` }] }],
    },
    // an object key or a class member's name: reported, but renaming it would change its lookups
    { code: `export const SIZES = { 'http://x.example/model.onnx': 1 };`, errors: [{ messageId: 'http', suggestions: [] }] },
    { code: `export const SIZES = { ['http://x.example/' + name + '.onnx']: 1 };`, errors: [{ messageId: 'http', suggestions: [] }] },
    { code: `export class Sizes { 'http://x.example/model.onnx' = 1; }`, errors: [{ messageId: 'http', suggestions: [] }] },
    { code: `enum Urls { 'http://x.example/model.onnx' = 1 }`, errors: [{ messageId: 'http', suggestions: [] }] },
    // an enum member's value is a value
    {
      code: `enum Urls { A = 'http://x.example/model.onnx' }`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `enum Urls { A = 'https://x.example/model.onnx' }` }] }],
    },
    // the string's value: a line continuation or an escape in \`http://\` is read as JavaScript reads it; no suggestion
    { code: `const u = 'http:/\\\n/x.example/model.onnx';`, errors: [{ messageId: 'http', data: { url: 'http://x.example/model.onnx' }, suggestions: [] }] },
    { code: `const u = "http\\\n://x.example/model.onnx";`, errors: [{ messageId: 'http', data: { url: 'http://x.example/model.onnx' }, suggestions: [] }] },
    { code: 'const u = `http:/\\\n/x.example/${name}.onnx`;', errors: [{ messageId: 'http', data: { url: 'http://x.example/….onnx' }, suggestions: [] }] },
    { code: `const u = 'http\\u003a//x.example/model.onnx';`, errors: [{ messageId: 'http', data: { url: 'http://x.example/model.onnx' }, suggestions: [] }] },
    { code: `const u = '\\x68ttp://x.example/model.onnx';`, errors: [{ messageId: 'http', suggestions: [] }] },
    {
      code: `fetch('http://x.example/model.bin?x=1');`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `fetch('https://x.example/model.bin?x=1');` }] }],
    },
  ],
});

// The fixture runs with the loader rules, as a scan does: what they report is not reported twice.
runFixture({
  file: fileURLToPath(new URL('../fixtures/http-model-url.ts', import.meta.url)),
  language: javascript,
  rules: Object.fromEntries([rule, ...loaders].map((r) => [id(r), r])),
});

// web-llm's model records: the weights' folder and the compiled library are fetched from their URLs.
const WEBLLM = "import { CreateMLCEngine } from '@mlc-ai/web-llm';\n";
tester.run(`${id(rule)} (web-llm model records)`, rule, {
  valid: [
    // a base on this machine; a base over https
    "const BASE = 'http://localhost:8000';\nexport const u = `${BASE}/model.onnx`;",
    "const BASE = 'https://x.example';\nexport const u = `${BASE}/model.onnx`;",
    // https, and a loopback host
    `${WEBLLM}const appConfig = { model_list: [{ model: "https://example.com/mlc/Llama-MLC/resolve/main/", model_id: "x", model_lib: "https://example.com/lib.wasm" }] };\nawait CreateMLCEngine("x", { appConfig });`,
    `${WEBLLM}const appConfig = { model_list: [{ model: "http://localhost:8000/mlc/Llama-MLC/", model_id: "x", model_lib: "http://127.0.0.1:8000/lib.wasm" }] };`,
    // a \`model\` key outside a model list, or a \`model_list\` that is no array of records
    `const req = { model: "http://api.example.com/v1/chat", model_list: "http://example.com/list" };`,
    `const cfg = { model_list: [{ homepage: "http://example.com/llama" }] };`,
    // a \`model_list\` outside web-llm (a LiteLLM-style proxy's, no web-llm import, no \`model_lib\`): servers, not weights
    `export const config = { model_list: [{ model_name: "local", model: "http://inference.lan:8000/v1", api_key: "x" }] };`,
  ],
  invalid: [
    // a record's URL built on a plain-HTTP base held in a constant: reported at the concatenation, the edit on the base (review jsdesk P2-c)
    {
      code: "import { CreateMLCEngine } from '@mlc-ai/web-llm';\nconst BASE = 'http://models.lan.example.com';\nexport const e = CreateMLCEngine('m', { appConfig: { model_list: [{ model: BASE + '/Llama-3.2-1B-MLC/', model_id: 'm', model_lib: 'https://x.example.com/lib.wasm' }] } });",
      errors: [{ messageId: 'http', data: { url: 'http://models.lan.example.com/Llama-3.2-1B-MLC/' }, confidence: 'high', line: 3, column: 76, suggestions: [{ messageId: 'useHttps', output: "import { CreateMLCEngine } from '@mlc-ai/web-llm';\nconst BASE = 'https://models.lan.example.com';\nexport const e = CreateMLCEngine('m', { appConfig: { model_list: [{ model: BASE + '/Llama-3.2-1B-MLC/', model_id: 'm', model_lib: 'https://x.example.com/lib.wasm' }] } });" }] }],
    },
    // a base whose literal names the model already: reported there, once
    {
      code: "const MODEL = 'http://x.example/model.onnx';\nexport const u = MODEL + '?v=2';",
      errors: [{ messageId: 'http', data: { url: 'http://x.example/model.onnx' }, confidence: 'high', line: 1, suggestions: [{ messageId: 'useHttps', output: "const MODEL = 'https://x.example/model.onnx';\nexport const u = MODEL + '?v=2';" }] }],
    },
    {
      code: "const BASE = 'http://models.lan.example.com';\nexport const u = `${BASE}/model.onnx`;\nexport const v = BASE + '/weights.safetensors';\nexport const c = `${BASE}/config.json`;",
      errors: [
        { messageId: 'http', data: { url: 'http://models.lan.example.com/model.onnx' }, confidence: 'high', line: 2, column: 18, suggestions: [{ messageId: 'useHttps', output: "const BASE = 'https://models.lan.example.com';\nexport const u = `${BASE}/model.onnx`;\nexport const v = BASE + '/weights.safetensors';\nexport const c = `${BASE}/config.json`;" }] },
        { messageId: 'http', data: { url: 'http://models.lan.example.com/weights.safetensors' }, confidence: 'high', line: 3, column: 18, suggestions: [{ messageId: 'useHttps', output: "const BASE = 'https://models.lan.example.com';\nexport const u = `${BASE}/model.onnx`;\nexport const v = BASE + '/weights.safetensors';\nexport const c = `${BASE}/config.json`;" }] },
      ],
    },
    // a file that imports web-llm (a type import too): a record without \`model_lib\` (a prebuilt library) is still read
    {
      code: `import type { AppConfig } from '@mlc-ai/web-llm';\nexport const appConfig: AppConfig = { model_list: [{ model: "http://example.com/mlc/Phi-MLC/resolve/main/", model_id: "phi" }] };`,
      errors: [{ messageId: 'http', confidence: 'high', line: 2, suggestions: [{ messageId: 'useHttps', output: `import type { AppConfig } from '@mlc-ai/web-llm';\nexport const appConfig: AppConfig = { model_list: [{ model: "https://example.com/mlc/Phi-MLC/resolve/main/", model_id: "phi" }] };` }] }],
    },
    // a record with a \`model_lib\` is web-llm's, also in a config file that imports nothing
    {
      code: `export const appConfig = { model_list: [{ model: "http://example.com/mlc/Phi-MLC/resolve/main/", model_id: "phi", model_lib: "https://example.com/phi.wasm" }] };`,
      errors: [{ messageId: 'http', confidence: 'high', line: 1, suggestions: [{ messageId: 'useHttps', output: `export const appConfig = { model_list: [{ model: "https://example.com/mlc/Phi-MLC/resolve/main/", model_id: "phi", model_lib: "https://example.com/phi.wasm" }] };` }] }],
    },
    {
      code: `${WEBLLM}const appConfig = { model_list: [{ model: "http://example.com/mlc/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/", model_id: "x", model_lib: "http://example.com/lib.wasm" }] };\nconst engine = await CreateMLCEngine("x", { appConfig });`,
      errors: [
        {
          messageId: 'http',
          data: { url: 'http://example.com/mlc/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/' },
          confidence: 'high',
          line: 2,
          suggestions: [{ messageId: 'useHttps', output: `${WEBLLM}const appConfig = { model_list: [{ model: "https://example.com/mlc/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/", model_id: "x", model_lib: "http://example.com/lib.wasm" }] };\nconst engine = await CreateMLCEngine("x", { appConfig });` }],
        },
        {
          messageId: 'http',
          data: { url: 'http://example.com/lib.wasm' },
          confidence: 'high',
          line: 2,
          suggestions: [{ messageId: 'useHttps', output: `${WEBLLM}const appConfig = { model_list: [{ model: "http://example.com/mlc/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/", model_id: "x", model_lib: "https://example.com/lib.wasm" }] };\nconst engine = await CreateMLCEngine("x", { appConfig });` }],
        },
      ],
    },
  ],
});
// a JSX attribute (review jsedge P3-f)
runFixture({
  file: fileURLToPath(new URL('../fixtures/http-model-url-jsx.tsx', import.meta.url)),
  language: javascript,
  rules: { [id(rule)]: rule },
});
