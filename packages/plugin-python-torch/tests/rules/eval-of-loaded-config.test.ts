import rule from '../../src/rules/eval-of-loaded-config.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('torch/eval-of-loaded-config', rule, {
  valid: [
    'x = eval("1 + 1")',
    'import ast, json\ncfg = json.load(f)\nx = ast.literal_eval(cfg["a"])',
    'def f(expr):\n    return eval(expr)',
    'exec(open("pkg/version.py").read())',
    'class M:\n    def eval(self):\n        return self\nM().eval()',
  ],
  invalid: [
    {
      code: 'import json\nwith open("config.json") as fh:\n    cfg = json.load(fh)\nact = eval(cfg["activation"])',
      errors: [{ messageId: 'evalOfLoadedData', line: 4, confidence: 'high', data: { callee: 'eval', what: 'data read from a model, a download or a config file' } }],
    },
    { code: 'import json\ncfg = json.loads(s)\nexec(cfg.get("init", ""))', errors: [{ messageId: 'evalOfLoadedData', data: { callee: 'exec', what: 'data read from a model, a download or a config file' } }] },
    { code: 'import requests\ncode = compile(requests.get(u).text, "<remote>", "exec")', errors: [{ messageId: 'evalOfLoadedData', data: { callee: 'compile', what: 'data read from a model, a download or a config file' } }] },
    { code: 'import json\ncfg = json.load(f)\nfn = eval(f"torch.nn.{cfg[\'act\']}")', errors: [{ messageId: 'evalOfLoadedData' }] },
    { code: 'def build(cfg):\n    return eval(cfg["loss"])', errors: [{ messageId: 'evalOfLoadedData', confidence: 'medium', data: { callee: 'eval', what: 'a value from a configuration mapping' } }] },
    { code: 'x = eval(open("config.txt").read())', errors: [{ messageId: 'evalOfLoadedData', confidence: 'high' }] },
  ],
});

fixture(rule);
