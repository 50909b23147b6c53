import { describe, expect, it } from 'vitest';
import rule, { ATTRIBUTE_CALL, BARE_CALL, BARE_VALUE, CONFIG_EXTENSIONS, CONFIG_NAME, CONFIG_READERS, LOADER_FUNCTION, SOURCE_TRIGGERS } from '../../src/rules/eval-of-loaded-config.js';
import { NETWORK_CALLS } from '../../src/utils.js';
import { fixture, ruleTester } from '../helpers.js';

describe('the source trigger group', () => {
  it('matches every source taintOf follows, so the prefilter keeps in step with the tables', () => {
    // A qualified name needs its module imported (and its last part called); either word is in the text.
    for (const qn of [...CONFIG_READERS, ...NETWORK_CALLS]) {
      const [module] = qn.split('.');
      // or the call as written (`torch.load(...)`, whose words alone are too common to ask for)
      const hit = SOURCE_TRIGGERS.test(module) || SOURCE_TRIGGERS.test(qn.slice(qn.lastIndexOf('.') + 1)) || SOURCE_TRIGGERS.test(`${qn}(`);
      expect(hit, qn).toBe(true);
    }
    for (const ext of ['json', 'yaml', 'yml', 'toml', 'cfg', 'ini', 'conf', 'txt']) {
      expect(CONFIG_EXTENSIONS.test(`settings.${ext}`), ext).toBe(true);
      expect(SOURCE_TRIGGERS.test(`open("settings.${ext}")`), ext).toBe(true);
    }
    for (const name of ['config', 'model_cfg', 'conf', 'hparams', 'hyperparams', 'hyper_params', 'model_args', 'model_kwargs']) {
      expect(CONFIG_NAME.test(name), name).toBe(true);
      expect(SOURCE_TRIGGERS.test(`def f(${name}):`), name).toBe(true);
    }
    for (const name of ['load', 'load_model', 'from_file', 'restore', 'load_checkpoint', 'read_model']) {
      expect(LOADER_FUNCTION.test(name), name).toBe(true);
      expect(SOURCE_TRIGGERS.test(`    def ${name}(cls, file):`), name).toBe(true);
    }
  });
});

describe('the call trigger', () => {
  it('matches every call the gate accepts by name, and not the word alone', () => {
    for (const code of ['eval(x)', 'exec (x)', 'y = compile\\\n  (x, "f", "exec")', '[eval\n (x)]', 'from builtins import eval\neval(x)']) {
      expect(BARE_CALL.test(code), code).toBe(true);
    }
    for (const code of ['model.eval()', 'names = ["eval", "train"]', 'evaluate(x)', 'torch.compile(m)', 'exec_module(m)', 'mode = eval', 'def eval(self): ...', '    def compile (self, x):']) {
      expect(BARE_CALL.test(code), code).toBe(false);
    }
  });

  it('lets through a call through the module builtins (and the word must be there), or a bare call', () => {
    const triggered = (code: string) =>
      [...rule.meta.triggers].some((t) => (t as RegExp).test(code)) && rule.meta.triggerGroups!.every((g) => g.some((t) => (t as RegExp).test(code)));
    for (const code of ['import builtins, json\nbuiltins.exec(json.load(f))', 'import builtins as b\nimport json\nb . eval (json.loads(s))', 'import json\neval(json.load(f))']) {
      expect(triggered(code), code).toBe(true);
    }
    for (const code of ['import json\nmodel.eval(json.load(f))', 'from torch.jit._builtins import x\nimport json\nm.eval(json)', 'import builtins, json\ndef eval(self) -> builtins.bool: ...']) {
      expect(triggered(code), code).toBe(false);
    }
    expect(ATTRIBUTE_CALL.test('builtins.\\\n    eval(x)')).toBe(true);
  });

  it('matches eval or exec named as a value, which the gate follows, and not strings, attributes or calls', () => {
    for (const code of ['run = eval', 'list(map(eval, xs))', 'partial(exec, globals=g)', 'from builtins import eval as run', 'f = eval if x else exec']) {
      expect(BARE_VALUE.test(code), code).toBe(true);
    }
    for (const code of ['names = ["eval", "train"]', "mode = 'eval'", 'model.eval()', 'f = self.eval', 'evaluate(x)', 'exec_module(m)', 'eval(x)', 'exec (x)', 'is_eval = True', 'assert m.training, "Fusion only for eval!"', 'msg = "in eval mode"']) {
      expect(BARE_VALUE.test(code), code).toBe(false);
    }
  });
});

ruleTester.run('torch/eval-of-loaded-config', rule, {
  valid: [
    // a field named like a config path, of an object of unknown origin
    'exec(open(settings.config).read())',
    // text written in the code, parsed: not loaded data
    'import json\nDEFAULTS = json.loads(\'{"act": "nn.GELU"}\')\nact = eval(DEFAULTS["act"])',
    'x = eval("1 + 1")',
    'import ast, json\ncfg = json.load(f)\nx = ast.literal_eval(cfg["a"])',
    'def f(expr):\n    return eval(expr)',
    'exec(open("pkg/version.py").read())',
    'class M:\n    def eval(self):\n        return self\nM().eval()',
    // a loading function that runs a Python file (detectron2's LazyConfig.load of a .py config): exec, as designed
    'def load(filename):\n    with open(filename) as f:\n        content = f.read()\n    exec(compile(content, filename, "exec"), {})',
    // eval of a file's text in a function that does not say it loads (a parameter named like no config)
    'def run(path):\n    with open(path) as f:\n        return eval(f.read())',
    // a generator over literal names whose items are built here, not loaded; a helper that returns code written here
    'def guess(names):\n    a, b = (x.upper() for x in ("nn.ReLU", "nn.GELU"))\n    return eval(a)',
    'def default_act():\n    return "nn.SiLU()"\ndef build():\n    return eval(default_act())',
    // the loaded config given to a function whose result is bound to another name, and a call not given it
    'import yaml\nfrom utils import build, name_of\ndef main(args):\n    with open("task.yaml") as f:\n        cfg = yaml.safe_load(f)\n    model = build(cfg)\n    eval(model)\n    name = name_of(args)\n    eval(name)',
    // a helper that builds code from its own parameter named like a config (attrs' `_compile_and_eval` callers): not loaded data
    'def make_script(config):\n    return "x = " + config["name"]\ndef build():\n    code = make_script({"name": "1"})\n    eval(compile(code, "generated", "exec"))',
  ],
  invalid: [
    // a project config object imported by a config name (yacs: HRNet's tools/test.py), like a parameter named so
    {
      code: 'from config import cfg, update_config\nimport models\ndef main(args):\n    update_config(cfg, args)\n    return eval("models." + cfg.MODEL.NAME + ".get_pose_net")(cfg, is_train=False)',
      errors: [{ messageId: 'evalOfLoadedData', confidence: 'medium' }],
    },
    // the loaded config handed to a function the file does not define and bound again to its name
    // (Isaac Gym's `cfg = fixed_cfg(cfg, args)`): most likely the same config, adjusted (medium)
    {
      code: 'import yaml\nfrom utils import fixed_cfg\ndef main(args):\n    with open("envs/task.yaml") as f:\n        cfg = yaml.safe_load(f)\n    cfg = fixed_cfg(cfg, args)\n    return eval(cfg["basic"]["task"])',
      errors: [{ messageId: 'evalOfLoadedData', line: 7, confidence: 'medium', data: { callee: 'eval', what: 'a value from a configuration mapping' } }],
    },
    // a config file the user names on the command line, executed
    {
      code: 'import argparse\nparser = argparse.ArgumentParser()\nargs = parser.parse_args()\nexec(open(args.config).read())',
      errors: [{ messageId: 'evalOfLoadedData', confidence: 'medium' }],
    },
    // YOLO's parse_model: the loaded config through enumerate(...) and deepcopy(...)
    {
      code: 'import yaml\nwith open(p) as f:\n    d = yaml.safe_load(f)\nfor i, (f_, n, m, args) in enumerate(d["backbone"] + d["head"]):\n    m = eval(m) if isinstance(m, str) else m',
      errors: [{ messageId: 'evalOfLoadedData', line: 5, confidence: 'high' }],
    },
    {
      code: 'import yaml\nfrom copy import deepcopy\ndef parse_model(d):\n    return eval(d.get("activation"))\nclass Model:\n    def __init__(self, cfg):\n        with open(cfg) as f:\n            self.yaml = yaml.safe_load(f)\n        self.model = parse_model(deepcopy(self.yaml))',
      errors: [{ messageId: 'evalOfLoadedData', line: 4 }],
    },
    // ultralytics' parse_model (review cv): values unpacked from a generator over the loaded dict, the dict
    // returned by a loader function of the file
    {
      code: 'import yaml\ndef yaml_model_load(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\ndef parse_model(d):\n    nc, act, scales = (d.get(x) for x in ("nc", "activation", "scales"))\n    if act:\n        return eval(act)\ndef build(path):\n    return parse_model(yaml_model_load(path))',
      errors: [{ messageId: 'evalOfLoadedData', line: 8, confidence: 'high' }],
    },
    // an ONNX Runtime session's metadata, whatever holds the session; ONNX metadata_props through a comprehension
    { code: 'def get_class_names(session):\n    meta = session.get_modelmeta().custom_metadata_map\n    return eval(meta["names"])', errors: [{ messageId: 'evalOfLoadedData' }] },
    { code: 'import onnx\nmeta = {x.key: x.value for x in onnx.load(p).metadata_props}\nnames = eval(meta["names"])', errors: [{ messageId: 'evalOfLoadedData' }] },
    {
      code: 'import json\nwith open("config.json") as fh:\n    cfg = json.load(fh)\nact = eval(cfg["activation"])',
      errors: [{ messageId: 'evalOfLoadedData', line: 4, confidence: 'high', data: { callee: 'eval', what: 'data read from a model, a download or a config file' } }],
    },
    { code: 'import json\ncfg = json.loads(s)\nexec(cfg.get("init", ""))', errors: [{ messageId: 'evalOfLoadedData', data: { callee: 'exec', what: 'data read from a model, a download or a config file' } }] },
    { code: 'import requests\ncode = compile(requests.get(u).text, "<remote>", "exec")', errors: [{ messageId: 'evalOfLoadedData', data: { callee: 'compile', what: 'data read from a model, a download or a config file' } }] },
    { code: 'import json\ncfg = json.load(f)\nfn = eval(f"torch.nn.{cfg[\'act\']}")', errors: [{ messageId: 'evalOfLoadedData' }] },
    { code: 'def build(cfg):\n    return eval(cfg["loss"])', errors: [{ messageId: 'evalOfLoadedData', confidence: 'medium', data: { callee: 'eval', what: 'a value from a configuration mapping' } }] },
    { code: 'x = eval(open("config.txt").read())', errors: [{ messageId: 'evalOfLoadedData', confidence: 'high' }] },
    // the saved model a loading function is given, eval'd through a helper of the file (amp's Amp.load: review corpus2, r03)
    {
      code: 'def string2dict(text):\n    return eval(text)\nclass Amp:\n    @classmethod\n    def load(cls, file):\n        with open(file) as f:\n            text = f.read()\n        p = string2dict(text)\n        for key in ["descriptor", "model"]:\n            p[key] = string2dict(p[key])\n        return p',
      errors: [{ messageId: 'evalOfLoadedData', line: 2, confidence: 'medium', data: { callee: 'eval', what: 'the text of the file a loading function is given' } }],
    },
    { code: 'def load_model(path):\n    return eval(open(path).read())', errors: [{ messageId: 'evalOfLoadedData', confidence: 'medium' }] },
  ],
});

fixture(rule);
