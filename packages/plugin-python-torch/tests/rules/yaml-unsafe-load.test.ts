import { lintText, type Depth } from '@oculum/core';
import { python } from '@oculum/lang-python';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/yaml-unsafe-load.js';
import { fixture, fixturesDir, ruleTester } from '../helpers.js';

ruleTester.run('torch/yaml-unsafe-load', rule, {
  valid: [
    'import yaml\ndef loaders():\n    return yaml.SafeLoader, yaml.SafeDumper\nd = yaml.load(f, Loader=loaders()[0])',
    // unpacked from what a function of the file returns: safe loaders in every return
    'import yaml\ndef loaders():\n    if fast:\n        return yaml.CSafeLoader, yaml.CDumper\n    return yaml.SafeLoader, yaml.Dumper\nLoader, Dumper = loaders()\nd = yaml.load(f, Loader=Loader)',
    'import yaml\nc = yaml.safe_load(t)',
    'import yaml\nc = yaml.load(t, Loader=yaml.SafeLoader)',
    'import yaml\nc = yaml.load(t, yaml.CSafeLoader)',
    'import yaml\nclass L(yaml.SafeLoader):\n    pass\nc = yaml.load(t, Loader=L)',
    'import yaml\nL = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader\nc = yaml.load(t, Loader=L)',
    'import yaml\nc = yaml.load(t, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))',
    'import yaml\ns = yaml.dump(c)',
    'import yaml\ncs = list(map(yaml.safe_load, texts))',
    'import functools, yaml\ncs = list(map(functools.partial(yaml.load, Loader=yaml.CSafeLoader), texts))',
  ],
  invalid: [
    // a loader handed to an API that calls it
    {
      code: 'import yaml\ncs = list(map(yaml.unsafe_load, texts))',
      errors: [{ messageId: 'callback', line: 2, confidence: 'medium', data: { callee: 'yaml.unsafe_load', via: 'map', how: '' } }],
    },
    // (review s33py P2-2) a local forwarder of any name
    { code: 'import yaml\ndef retry(func, *args, **kwargs):\n    return func(*args, **kwargs)\ndef f(t):\n    return retry(yaml.unsafe_load, t)', errors: [{ messageId: 'callback', line: 5, confidence: 'medium', data: { callee: 'yaml.unsafe_load', via: 'retry', how: '' } }] },
    {
      code: 'import yaml\ncs = list(map(yaml.load, texts))',
      errors: [{ messageId: 'callback', data: { callee: 'yaml.load', via: 'map', how: ' without a safe `Loader`' } }],
    },
    {
      code: 'import yaml\nc = executor.submit(yaml.load, text, Loader=yaml.Loader)',
      errors: [{ messageId: 'callback', data: { callee: 'yaml.load', via: '.submit', how: ' with `Loader=yaml.Loader`' } }],
    },
    { code: 'import yaml\nc = executor.submit(yaml.load, text, Loader=make_loader())', errors: [{ messageId: 'unknownLoader', confidence: 'low' }] },
    // YAML written in the source: no outside data, low
    {
      code: 'import yaml\nDEFAULTS = yaml.load("lr: 0.1")',
      output: 'import yaml\nDEFAULTS = yaml.safe_load("lr: 0.1")',
      errors: [{ messageId: 'noLoader', confidence: 'low' }],
    },
    // BasicSR's ordered_yaml(): a Loader returned by a function of the file
    {
      code: 'import yaml\ndef ordered_yaml():\n    try:\n        from yaml import CLoader as Loader\n    except ImportError:\n        from yaml import Loader\n    return Loader, None\nopt = yaml.load(f, Loader=ordered_yaml()[0])',
      errors: [{ messageId: 'unsafeLoader', confidence: 'high', line: 8 }],
    },
    // the same, unpacked (`Loader, Dumper = OrderedYaml()`, the BasicSR options loader its forks copy),
    // read inside the function that uses it
    {
      code: 'import yaml\ntry:\n    from yaml import CLoader as Loader, CDumper as Dumper\nexcept ImportError:\n    from yaml import Loader, Dumper\ndef OrderedYaml():\n    return Loader, Dumper\nLoader, Dumper = OrderedYaml()\ndef parse(opt_path):\n    with open(opt_path) as f:\n        return yaml.load(f, Loader=Loader)',
      errors: [{ messageId: 'unsafeLoader', confidence: 'high', line: 11, data: { callee: 'yaml.load', loader: 'yaml.CLoader' } }],
    },
    // The file adds tags to the default loaders (CloudFormation's !Ref): safe_load would stop reading
    // its documents, so the finding stays and the fix goes.
    {
      code: 'import yaml\nyaml.add_multi_constructor("", lambda loader, suffix, node: None)\nd = yaml.load(t, Loader=yaml.Loader)',
      output: null,
      errors: [{ messageId: 'unsafeLoader', line: 3 }],
    },
    {
      code: 'import yaml\nc = yaml.load(t)',
      output: 'import yaml\nc = yaml.safe_load(t)',
      errors: [{ messageId: 'noLoader', line: 2, confidence: 'high', data: { callee: 'yaml.load' } }],
    },
    {
      code: 'import yaml as y\nc = y.load(t, Loader=y.Loader)',
      output: 'import yaml as y\nc = y.safe_load(t)',
      errors: [{ messageId: 'unsafeLoader', data: { callee: 'yaml.load', loader: 'yaml.Loader' } }],
    },
    {
      code: 'import yaml\nfor d in yaml.load_all(s):\n    pass',
      output: 'import yaml\nfor d in yaml.safe_load_all(s):\n    pass',
      errors: [{ messageId: 'noLoader' }],
    },
    {
      // the rest of the call as written: comments, line breaks, a trailing comma
      code: 'import yaml\ncfg = yaml.load(\n    f,  # the experiment config\n    Loader=yaml.Loader,  # TODO: !include\n)',
      output: 'import yaml\ncfg = yaml.safe_load(\n    f,  # the experiment config\n    # TODO: !include\n)',
      errors: [{ messageId: 'unsafeLoader' }],
    },
    { code: 'import yaml\nc = yaml.load(\n    f,\n    Loader=yaml.Loader,\n)', output: 'import yaml\nc = yaml.safe_load(\n    f,\n)', errors: [{ messageId: 'unsafeLoader' }] },
    { code: 'import yaml\nc = yaml.load(f, Loader=yaml.Loader, )', output: 'import yaml\nc = yaml.safe_load(f)', errors: [{ messageId: 'unsafeLoader' }] },
    { code: 'import yaml\nc = yaml.load(f,  # why\n    Loader=yaml.Loader)', output: 'import yaml\nc = yaml.safe_load(f,  # why\n    )', errors: [{ messageId: 'unsafeLoader' }] },
    // a comment inside the keyword would go with it: no fix
    { code: 'import yaml\nc = yaml.load(f, Loader=  # why\n    yaml.Loader)', output: null, errors: [{ messageId: 'unsafeLoader' }] },
    // a YAMLObject subclass adds its tag to Loader, FullLoader and UnsafeLoader, never SafeLoader: no fix
    {
      code: 'import yaml\nclass Include(yaml.YAMLObject):\n    yaml_tag = "!include"\ncfg = yaml.load(open("c.yml"), Loader=yaml.Loader)',
      output: null,
      errors: [{ messageId: 'unsafeLoader', line: 4 }],
    },
    {
      code: 'from yaml import YAMLObject\nimport yaml\nclass Tagged(YAMLObject):\n    pass\nclass Include(Tagged):\n    yaml_tag = "!include"\ncfg = yaml.load(s)',
      output: null,
      errors: [{ messageId: 'noLoader', line: 7 }],
    },
    // FullLoader: reported, in words true of PyYAML >= 5.4 too (python/object/apply refused since then,
    // python/name and python/module still resolved)
    { code: 'import yaml\nc = yaml.load(t, Loader=yaml.FullLoader)', output: null, errors: [{ messageId: 'fullLoader', data: { callee: 'yaml.load', how: ' with `Loader=yaml.FullLoader`', safe: 'yaml.safe_load' } }] },
    { code: 'import yaml\nc = yaml.load_all(t, Loader=yaml.CFullLoader)', output: null, errors: [{ messageId: 'fullLoader', data: { callee: 'yaml.load_all', how: ' with `Loader=yaml.CFullLoader`', safe: 'yaml.safe_load_all' } }] },
    { code: 'import yaml\nc = yaml.load(t, yaml.UnsafeLoader)', output: null, errors: [{ messageId: 'unsafeLoader' }] },
    { code: 'import yaml\nc = yaml.unsafe_load(t)', output: null, errors: [{ messageId: 'unsafeFunction', data: { callee: 'yaml.unsafe_load', safe: 'yaml.safe_load' } }] },
    { code: 'import yaml\nc = yaml.full_load(t)', output: null, errors: [{ messageId: 'fullLoader', message: '`yaml.full_load` builds Python objects with PyYAML\'s FullLoader: before PyYAML 5.4 it ran tags such as `!!python/object/apply:os.system` (CVE-2020-1747, CVE-2020-14343), and it still resolves `!!python/name` and `!!python/module` tags to any function or module already imported. Use `yaml.safe_load` (a `yaml.SafeLoader`), which builds plain data only.' }] },
    { code: 'import yaml\nc = yaml.full_load_all(t)', output: null, errors: [{ messageId: 'fullLoader', data: { callee: 'yaml.full_load_all', how: '', safe: 'yaml.safe_load_all' } }] },
    { code: 'import yaml\ncs = list(map(yaml.full_load, texts))', output: null, errors: [{ messageId: 'callbackFullLoader', data: { callee: 'yaml.full_load', via: 'map', how: '' } }] },
    { code: 'import yaml\nf = executor.submit(yaml.load, t, Loader=yaml.FullLoader)', output: null, errors: [{ messageId: 'callbackFullLoader', data: { callee: 'yaml.load', via: '.submit', how: ' with `Loader=yaml.FullLoader`' } }] },
    { code: 'from yaml import load\nc = load(t)', output: null, errors: [{ messageId: 'noLoader' }] },
    { code: 'import yaml\ndef f(t, L):\n    return yaml.load(t, Loader=L)', output: null, errors: [{ messageId: 'unknownLoader', confidence: 'low' }] },
    { code: 'import yaml\nclass L(yaml.Loader):\n    pass\nc = yaml.load(t, Loader=L)', output: null, errors: [{ messageId: 'unsafeLoader', line: 4 }] },
  ],
});

fixture(rule);

// At --depth deep, loader classes imported from another module of the project (fixtures/project/yaml_loaders.py)
describe('a Loader class of another module of the project (--depth deep)', () => {
  const dir = `${fixturesDir}project/`;
  const text = [
    'import yaml',
    'from yaml_loaders import OrderedSafeLoader, OrderedLoader, IncludeLoader',
    'a = yaml.load(f, Loader=OrderedSafeLoader)',
    'b = yaml.load(f, Loader=OrderedLoader)',
    'c = yaml.load(f, Loader=IncludeLoader)',
    'class Local(OrderedLoader):',
    '    pass',
    'd = yaml.load(f, Loader=Local)',
    '',
  ].join('\n');
  async function reported(depth: Depth): Promise<string[]> {
    const result = await lintText({ path: `${dir}snippet.py`, text, language: python, rules: [{ id: 'torch/yaml-unsafe-load', rule, level: 'error', options: [] }], depth, cwd: dir });
    return result.findings.map((f) => `${f.line} ${f.messageId} ${f.confidence}${f.messageId === 'unsafeLoader' ? ` ${f.message.slice(0, f.message.indexOf(' constructs'))}` : ''}`);
  }

  it('is judged by its bases outside the project', async () => {
    expect(await reported('deep')).toEqual(['4 unsafeLoader high `yaml.load` with `Loader=yaml.Loader`', '8 unsafeLoader high `yaml.load` with `Loader=yaml.Loader`']);
  });

  it('is not known below deep', async () => {
    expect(await reported('standard')).toEqual(['3 unknownLoader low', '4 unknownLoader low', '5 unknownLoader low', '8 unknownLoader low']);
  });
});
