import rule from '../../src/rules/dynamic-code-from-model-data.js';
import { fixture, id, tester } from '../helpers.js';

tester.run(id(rule), rule, {
  valid: [
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
  ],
  invalid: [
    // a file read through path.join / path.resolve: its literal segments and the names of its variables
    ...[
      `path.join(modelDir, 'weights', 'loader.js')`,
      `path.join(modelDir, 'weights/loader.js')`,
      `path.resolve(__dirname, 'weights', 'loader.js')`,
      `path.join(dir, 'tokenizer_hooks.js')`,
      `path.join(opts.modelRoot, 'hook.js')`,
    ].map((p) => ({
      code: `const fs = require('node:fs'); const path = require('node:path'); const vm = require('node:vm');\nfunction load(modelDir, dir, opts) {\n  const source = fs.readFileSync(${p}, 'utf8');\n  vm.runInNewContext(source, {});\n}`,
      errors: [{ messageId: 'dynamicCode', confidence: 'high' as const, line: 4 }],
    })),
    {
      code: `const fs = require('node:fs'); const { join } = require('node:path'); const vm = require('node:vm');\nfunction load(root) {\n  const file = join(root, 'model', 'preprocess.js');\n  vm.runInNewContext(fs.readFileSync(file, 'utf8'), {});\n}`,
      errors: [{ messageId: 'dynamicCode', confidence: 'high', line: 4 }],
    },
    { code: `import { pipeline } from '@huggingface/transformers';\nfunction f(config) { return new Function('x', config.postprocess); }`, errors: [{ messageId: 'dynamicCode', data: { callee: 'new Function', what: '`config.postprocess`' }, confidence: 'medium', severity: 'critical' }] },
    { code: `function f(modelCfg) { return Function(modelCfg.body); }`, errors: [{ messageId: 'dynamicCode' }] },
    { code: `const cfg = JSON.parse(require('fs').readFileSync('config.json', 'utf8')); eval(cfg.hook);`, errors: [{ messageId: 'dynamicCode', confidence: 'high' }] },
    { code: `async function f() { const m = await (await fetch('/model.json')).json(); window.eval(m.code); }`, errors: [{ messageId: 'dynamicCode', confidence: 'high' }] },
    { code: `export const m = await (await fetch('/model.json')).json(); (0, eval)(m.code);`, errors: [{ messageId: 'dynamicCode' }] },
    { code: `const vm = require('node:vm'); function f(tokenizer) { vm.runInThisContext(tokenizer.decoder); }`, errors: [{ messageId: 'dynamicCode' }] },
    { code: `import { compileFunction } from 'vm'; function f(modelConfig) { compileFunction(modelConfig.code); }`, errors: [{ messageId: 'dynamicCode' }] },
    { code: `function f(config) { setInterval('tick(' + config.modelName + ')', 10); }`, errors: [{ messageId: 'dynamicCode' }] },
    {
      code: `import * as ort from 'onnxruntime-web';\nconst r = await fetch('/x.js'); eval(await r.text());`,
      errors: [{ messageId: 'dynamicCode', confidence: 'low' }],
    },
  ],
});

fixture(rule);
