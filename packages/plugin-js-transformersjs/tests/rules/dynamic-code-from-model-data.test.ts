import rule from '../../src/rules/dynamic-code-from-model-data.js';
import { fixture, id, tester } from '../helpers.js';

tester.run(id(rule), rule, {
  valid: [
    // constant code, or another target, through `Reflect`
    `import { AutoModel } from '@huggingface/transformers';\nexport const f = Reflect.construct(Function, ['return 1']);`,
    `import { AutoModel } from '@huggingface/transformers';\nexport async function g(model) { return Reflect.apply(console.log, null, [model.config.code]); }`,
    `import { AutoModel } from '@huggingface/transformers';\nexport async function g(model) { return Reflect.construct(Map, [model.config.code]); }`,
    `eval('2 + 2');`,
    `const CODE = 'return 1'; new Function(CODE);`,
    `setTimeout(tick, 100);`,
    `function f(config) { setTimeout(config.callback, 10); }`,
    `function f(input) { eval(input); }`,
    `const r = await fetch('https://api.example.com/x'); eval(await r.text());`,
    `function f(eval, config) { eval(config.code); }`,
    `import vm from 'vm'; vm.runInNewContext('1 + 1');`,
    `import { Script } from 'vm'; Script(config.code);`,
    `import vm from 'vm'; function run(state) { vm.runInThisContext(state.config.serializedDefines); }`,
    `function f(config) { return new Function('x', config.postprocess); }`,
    // a file read through path.join whose segments say nothing of models
    `const fs = require('fs'); const path = require('path'); const vm = require('vm');\nfunction load(dir, name) { vm.runInNewContext(fs.readFileSync(path.join(__dirname, 'plugins', name), 'utf8'), {}); }`,
    // the project's own source files called `model` (MVC or domain vocabulary), in files that use no model library
    `const fs = require('fs'); const path = require('path');\nconst modelSrc = fs.readFileSync(path.join(__dirname, '..', 'app', 'js', 'model.js'), 'utf8');\nconst VineModel = new Function(modelSrc + '; return VineModel;')();`,
    `import { readFileSync } from 'node:fs'; import { resolve } from 'node:path';\nconst MODEL = readFileSync(resolve(process.cwd(), 'src/core/model.js'), 'utf-8');\nnew Function(MODEL).call(globalThis);`,
    `const fs = require('fs'); const vm = require('vm');\nconst src = fs.readFileSync(__dirname + '/models/User.js', 'utf8');\nvm.runInThisContext(src);`,
    `const fs = require('fs'); const vm = require('vm');\nvm.runInThisContext(fs.readFileSync('./src/models/order.mjs', 'utf8'));`,
    // a path to a source file in a model directory only by its name, in a file that uses no model library
    `const fs = require('node:fs'); const path = require('node:path'); const vm = require('node:vm');\nfunction load(opts) { vm.runInNewContext(fs.readFileSync(path.join(opts.modelRoot, 'hook.js'), 'utf8'), {}); }`,
    `const fs = require('node:fs'); const { join } = require('node:path'); const vm = require('node:vm');\nfunction load(root) { vm.runInNewContext(fs.readFileSync(join(root, 'model', 'preprocess.js'), 'utf8'), {}); }`,
    // \`model\` in a name, in a file that uses no model library, neither downloaded nor read: a generic name
    `function f(modelCfg) { return Function(modelCfg.body); }`,
    `import { compileFunction } from 'vm'; function f(modelConfig) { compileFunction(modelConfig.code); }`,
  ],
  invalid: [
    // `Function` and `eval` reached through `Reflect` (review jsedge P3-g)
    ...[
      ['Reflect.construct(Function, [code])()', 'Reflect.construct'],
      ['Reflect.apply(Function, null, [code])()', 'Reflect.apply'],
      ['Reflect.apply(eval, undefined, [code])', 'Reflect.apply'],
      ['Reflect.construct(Function, ARGS)()', 'Reflect.construct'],
    ].map(([sink, callee]) => ({
      code: `import { AutoModel } from '@huggingface/transformers';\nexport async function hooks() {\n  const code = await (await fetch('https://huggingface.co/acme/m/resolve/main/weights/loader.js')).text();\n  const ARGS = ['x', code];\n  return ${sink};\n}\nexport const m = AutoModel;`,
      errors: [{ messageId: 'dynamicCode' as const, data: { callee, what: '`code`' }, confidence: 'high' as const, line: 5 }],
    })),
    // a file read through path.join / path.resolve: its literal segments and the names of its variables
    ...[
      `path.join(modelDir, 'weights', 'loader.js')`,
      `path.join(modelDir, 'weights/loader.js')`,
      `path.resolve(__dirname, 'weights', 'loader.js')`,
      `path.join(dir, 'tokenizer_hooks.js')`,
    ].map((p) => ({
      code: `const fs = require('node:fs'); const path = require('node:path'); const vm = require('node:vm');\nfunction load(modelDir, dir, opts) {\n  const source = fs.readFileSync(${p}, 'utf8');\n  vm.runInNewContext(source, {});\n}`,
      errors: [{ messageId: 'dynamicCode', confidence: 'high' as const, line: 4 }],
    })),
    // \`model\` in the path of a source file read, in a file that uses a model library: code shipped with a model
    ...[`path.join(opts.modelRoot, 'hook.js')`, `join(root, 'model', 'preprocess.js')`, `'./models/' + name + '/hooks.js'`].map((p) => ({
      code: `import { AutoModel } from '@huggingface/transformers';\nconst fs = require('node:fs'); const { join } = require('node:path'); const path = require('node:path'); const vm = require('node:vm');\nfunction load(root, opts, name) {\n  const file = ${p};\n  vm.runInNewContext(fs.readFileSync(file, 'utf8'), {});\n}`,
      errors: [{ messageId: 'dynamicCode', confidence: 'high' as const, line: 5 }],
    })),
    // a source file whose path names model data whatever the file is about
    {
      code: `const fs = require('fs'); const vm = require('vm');\nvm.runInThisContext(fs.readFileSync('./checkpoints/model.js', 'utf8'));`,
      errors: [{ messageId: 'dynamicCode', confidence: 'high' }],
    },
    { code: `import { pipeline } from '@huggingface/transformers';\nfunction f(config) { return new Function('x', config.postprocess); }`, errors: [{ messageId: 'dynamicCode', data: { callee: 'new Function', what: '`config.postprocess`' }, confidence: 'medium', severity: 'critical' }] },
    { code: `import * as ort from 'onnxruntime-node';\nfunction f(modelCfg) { return Function(modelCfg.body); }`, errors: [{ messageId: 'dynamicCode', confidence: 'medium' }] },
    // a generic name read or downloaded in a file that uses no model library: the app's own
    // configuration as likely as a model's, so low; high where the file uses a model library
    { code: `const cfg = JSON.parse(require('fs').readFileSync('config.json', 'utf8')); eval(cfg.hook);`, errors: [{ messageId: 'dynamicCode', confidence: 'low' }] },
    { code: `const fs = require('fs');\nconst config = JSON.parse(fs.readFileSync('./config.json', 'utf8'));\nmodule.exports = new Function('x', config.transform);`, errors: [{ messageId: 'dynamicCode', confidence: 'low' }] },
    { code: `import * as tf from '@tensorflow/tfjs';\nconst cfg = JSON.parse(require('fs').readFileSync('config.json', 'utf8')); eval(cfg.hook);`, errors: [{ messageId: 'dynamicCode', confidence: 'high' }] },
    { code: `async function f() { const m = await (await fetch('/model.json')).json(); window.eval(m.code); }`, errors: [{ messageId: 'dynamicCode', confidence: 'low' }] },
    { code: `import * as tf from '@tensorflow/tfjs';\nasync function f() { const m = await (await fetch('/model.json')).json(); window.eval(m.code); }`, errors: [{ messageId: 'dynamicCode', confidence: 'high' }] },
    // a model word that says so whatever the file is about
    { code: `async function f() { const m = await (await fetch('/tokenizer.json')).json(); window.eval(m.code); }`, errors: [{ messageId: 'dynamicCode', confidence: 'high' }] },
    { code: `export const m = await (await fetch('/model.json')).json(); (0, eval)(m.code);`, errors: [{ messageId: 'dynamicCode' }] },
    { code: `const vm = require('node:vm'); function f(tokenizer) { vm.runInThisContext(tokenizer.decoder); }`, errors: [{ messageId: 'dynamicCode' }] },
    { code: `import { compileFunction } from 'vm'; import { pipeline } from '@xenova/transformers';\nfunction f(modelConfig) { compileFunction(modelConfig.code); }`, errors: [{ messageId: 'dynamicCode', confidence: 'medium' }] },
    { code: `import { pipeline } from '@xenova/transformers';\nfunction f(config) { setInterval('tick(' + config.modelName + ')', 10); }`, errors: [{ messageId: 'dynamicCode' }] },
    {
      code: `import * as ort from 'onnxruntime-web';\nconst r = await fetch('/x.js'); eval(await r.text());`,
      errors: [{ messageId: 'dynamicCode', confidence: 'low' }],
    },
  ],
});

fixture(rule);
