import { createRule, lintTextWithDetails } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { WARM_UP } from '../src/code-text.js';
import { codeText, python } from '../src/index.js';

describe('codeText (what the trigger prefilter reads)', () => {
  it('leaves out comments and docstrings, one space each', () => {
    const text = '"""Loads with torch.load."""\nimport torch  # torch.load is unsafe\n\ndef f(p):\n    """Calls pickle.loads."""\n    return p\n';
    expect(codeText(text)).toBe(' \nimport torch   \n\ndef f(p):\n     \n    return p\n');
    expect(python.prefilterText!(text)).toBe(codeText(text));
  });

  it('keeps strings that are used: arguments, assignments, returns, continuations, bracketed lines', () => {
    const kept = [
      'torch.hub.load_state_dict_from_url("http://x/model.pt")',
      'URL = "http://x/model.pt"',
      'def f():\n    return "http://x"',
      'x = \\\n    "http://x"',
      'urls = [\n    "http://x",\n]',
      'f(\n    "http://x"  # the model\n)',
      '"http://x".format(1)',
      '"http://x" % y',
      '"a" "http://x"',
      'x = 1; "http://x"',
      'if x: "http://x"',
      'assert ok, "http://x"',
      'case = {"k": """http://x"""}',
    ];
    for (const text of kept) expect(codeText(text), text).toContain('http://x');
  });

  it('blanks a bare string after a comment-only or blank line, in any block, with every prefix', () => {
    for (const text of [
      'def f():\n    # note\n\n    """http://x"""\n    return 1',
      'class A:\n    r"""http://x"""',
      "if x:\n    pass\nelse:\n    b'http://x'  # trailing comment",
      'f"http://{host}/x"',
      "Rb'''http://x'''",
      "'http://x'\r\nimport os\r\n",
    ]) {
      expect(codeText(text), JSON.stringify(text)).not.toContain('http://x');
    }
  });

  it('scans f-strings: nested quotes (PEP 701), format specs, escaped braces, raw backslashes', () => {
    // A `#` inside a string is not a comment: the code after it stays.
    expect(codeText('x = f"{d["#"]}" + torch.load(p)')).toContain('torch.load(p)');
    expect(codeText("x = f'{v:>{w}}' + torch.load(p)  # c")).toBe("x = f'{v:>{w}}' + torch.load(p)   ");
    expect(codeText("x = f'{{#}}' + torch.load(p)")).toContain('torch.load(p)');
    expect(codeText("x = rf'(@\\{{[0-9]*\\}})' + torch.load(p)")).toContain('torch.load(p)');
    expect(codeText("x = '#' + r'\\'' + torch.load(p)")).toContain('torch.load(p)');
    expect(codeText('x = """a\n# not a comment\n""" + torch.load(p)')).toContain('# not a comment');
  });

  it('warms up on a text that scans, with a docstring, comments and strings of every kind', () => {
    const out = codeText(WARM_UP);
    expect(out).not.toBe(WARM_UP); // scanned: a text that cannot be is given back as it is
    expect(out).not.toContain('Doc.');
    expect(out).not.toContain('# c');
    for (const kept of ['rb"\\x"', "{{b}}", "u's'", "F'''t{d:{e}}'''"]) expect(out).toContain(kept);
  });

  it('gives the text back unchanged when it cannot be scanned with certainty', () => {
    for (const text of [
      'x = "unterminated\ntorch.load(p)  # c',
      'x = """never closed\n# c',
      'f(\n# c\n',
      ')  # c',
      'x = 1 \\ 2  # c',
      "x = f'{a # c}'",
      // hostile nesting of f-strings in f-string fields: no stack overflow, the text as it is
      'x = ' + 'f"{'.repeat(20_000) + '1' + '}"'.repeat(20_000) + '  # c',
    ]) {
      expect(codeText(text), JSON.stringify(text)).toBe(text);
    }
  });
});

describe('the engine prefilter on Python', () => {
  const rule = createRule({
    name: 'any-call',
    meta: {
      detector: 'unsafe_model_load',
      severity: 'high',
      languages: ['python'],
      triggers: [/\bload\b/],
      docs: { description: 'Every call.', recommended: true },
      messages: { call: 'A call.' },
      remediation: 'None.',
    },
    create: (context) => ({ call: (node: unknown) => context.report({ node: node as never, messageId: 'call' }) }),
  });
  const lint = (text: string) => lintTextWithDetails({ path: 'a.py', text, language: python, rules: [{ id: 't/any-call', rule, level: 'error' }] });

  it('does not parse a file whose trigger words occur only in comments and docstrings', async () => {
    const onlyProse = await lint('"""Use torch.load with weights_only=True."""\nprint(1)  # never load pickles\n');
    expect(onlyProse.parsed).toBe(false);
    expect(onlyProse.result.findings).toEqual([]);
    const code = await lint('"""Docs."""\nmodel = torch.load(p)\n');
    expect(code.parsed).toBe(true);
    expect(code.result.findings).toHaveLength(1);
  });
});

describe('foldedStrings (names spelled in pieces or by escapes, for the prefilter)', () => {
  const pre = (text: string) => python.prefilterText!(text, 'a.py');
  it('adds, quoted, the names a dynamic lookup may be given in pieces or with escapes', () => {
    expect(pre('import torch\ngetattr(torch, "lo" "ad")(p)\n')).toContain('\n"load"\n');
    expect(pre('import pickle\n_NAME = "lo" + "ads"\ngetattr(pickle, _NAME)(b)\n')).toContain('\n"loads"\n');
    expect(pre('import importlib\nimportlib.import_module("\\x70ickle").loads(b)\n')).toContain('\n"pickle"\n');
    expect(pre('import importlib\nm = importlib.import_module(\n    "pic"\n    "kle")\n')).toContain('\n"pickle"\n');
    expect(pre("getattr(torch, 'lo' \\\n 'ad')\n")).toContain('\n"load"\n');
  });
  it('adds nothing where nothing is looked up by a string, for prose, or for whole literals', () => {
    expect(pre('x = "lo" "ad"\n')).toBe('x = "lo" "ad"\n');
    const prose = 'getattr(a, "b")\nraise ValueError("expected a tensor, "\n    "got a list")\nprint("\\x1b[31m red")\n';
    expect(pre(prose)).toBe(prose);
    expect(pre('getattr(torch, "load")(p)\n')).toBe('getattr(torch, "load")(p)\n');
    // a raw string's backslashes are its characters
    expect(pre('getattr(m, r"\\x6coad")\n')).toBe('getattr(m, r"\\x6coad")\n');
  });
  it('lets the file through the prefilter where the rule resolves the name', async () => {
    const rule = createRule({
      name: 'r',
      meta: { detector: 'unsafe_model_load', severity: 'critical', languages: ['python'], triggers: ['"load"'], docs: { description: 'd', recommended: true }, messages: { m: 'm' }, remediation: 'r' },
      create: (context) => ({ call(node: any) { if (node.text.startsWith('getattr')) context.report({ node, messageId: 'm' }); } }),
    });
    const result = await lintTextWithDetails({ path: 'a.py', text: 'import torch\ngetattr(torch, "lo" "ad")(p)\n', language: python, rules: [{ id: 't/r', rule, level: 'error' }] });
    expect(result.parsed).toBe(true);
  });
});

