import rule from '../../src/rules/http-model-url.js';
import { fixture, id, tester } from '../helpers.js';

tester.run(id(rule), rule, {
  valid: [
    `const u = 'https://x.example/model.onnx';`,
    `const u = 'http://localhost/model.onnx';`,
    `const u = 'http://127.0.0.1:9000/model.onnx';`,
    `const u = 'http://x.example/index.html';`,
    `import x from 'http://x.example/model.onnx';`,
    '// http://x.example/model.onnx\nconst a = 1;',
    '/** http://x.example/model.onnx */\nconst a = 1;',
    'const q = gql`http://x.example/model.onnx`;',
    `import * as ort from 'onnxruntime-web'; ort.InferenceSession.create('http://x.example/model.onnx');`,
    `import { env } from '@huggingface/transformers'; env.remoteHost = 'http://huggingface.co/';`,
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
    // reported by the loader's rule, at the load, with the same suggestion: TypeScript wrappers, a
    // default the environment may override, a branch of \`?:\`, a variable or a constant object
    ...[
      `'http://x.example/v.onnx' as string`,
      `('http://x.example/v.onnx' satisfies string)`,
      `('http://x.example/v.onnx')!`,
      `process.env.MODEL_URL || 'http://x.example/f.onnx'`,
      `process.env.MODEL_URL ?? 'http://x.example/f.onnx'`,
      `small ? 'http://x.example/s.onnx' : 'http://x.example/l.onnx'`,
      `'http://x.example/' + name + '.onnx'`,
    ].map((arg) => `import * as ort from 'onnxruntime-web';\nexport const load = (small: boolean, name: string) => ort.InferenceSession.create(${arg});`),
    `import * as ort from 'onnxruntime-web';\nconst MODEL_URL = 'http://x.example/model.onnx';\nexport const s = ort.InferenceSession.create(MODEL_URL);`,
    `import * as ort from 'onnxruntime-web';\nexport const s = ort.InferenceSession.create(new URL('http://x.example/model.onnx').href);`,
    `import * as ort from 'onnxruntime-web';\nconst CONFIG = { modelUrl: 'http://x.example/model.onnx' };\nexport const s = ort.InferenceSession.create(CONFIG.modelUrl);`,
    "import * as tf from '@tensorflow/tfjs';\nexport async function run() {\n  const host = 'models.example.com';\n  const MODEL_URL = `http://${host}/linear/model.json`;\n  return tf.loadLayersModel(MODEL_URL);\n}",
    `import { env } from '@huggingface/transformers';\nconst HOST = 'http://huggingface.co/';\nenv.remoteHost = HOST;`,
  ],
  invalid: [
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

fixture(rule);
