import { lintTextWithDetails } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { withNormalisedNames } from '../src/identifiers.js';
import { python } from '../src/index.js';
import { calleeName, nodesOfType, parse, torchLoadRule } from './helpers.js';

// CPython reads every identifier in NFKC (PEP 3131). The expected names are CPython's:
// `ast.dump(ast.parse(text))` on Debian's python3 3.11.
const BOLD_LOAD = '\u{1d425}\u{1d428}\u{1d41a}\u{1d41d}'; // 𝐥𝐨𝐚𝐝 (2 code units per letter)
const BOLD_TORCH = '\u{1d42d}\u{1d428}\u{1d42b}\u{1d41c}\u{1d421}'; // 𝐭𝐨𝐫𝐜𝐡
const BOLD_IMPORT = '\u{1d422}\u{1d426}\u{1d429}\u{1d428}\u{1d42b}\u{1d42d}'; // 𝐢𝐦𝐩𝐨𝐫𝐭
const ST = '\ufb06'; // ﬆ, NFKC "st"
const FI = '\ufb01'; // ﬁ, NFKC "fi"

describe('identifiers as Python reads them (NFKC)', () => {
  it('a call through look-alike letters is the call Python makes, at the offsets of the file', async () => {
    // CPython: Attribute(value=Name(id='torch'), attr='load'); Import(names=[alias(name='torch', asname='t')])
    const text = `import torch\ntorch.${BOLD_LOAD}(p)\nimport ${BOLD_TORCH} as t\nt.${BOLD_LOAD}(q)\n`;
    const sc = await parse(text);
    expect(sc.text.length).toBe(text.length);
    expect(calleeName(sc, 'torch.load')).toBe('torch.load');
    expect(calleeName(sc, 't.load')).toBe('torch.load');
    const [first] = nodesOfType(sc, 'call');
    expect(sc.getLoc(first)).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 1 + `torch.${BOLD_LOAD}(p)`.length } });
    expect(sc.parseErrors).toEqual([]);
  });

  it('a keyword argument name is normalised: truﬆ_remote_code takes the blank after it', async () => {
    // CPython: keyword(arg='trust_remote_code')
    const sc = await parse(`f(a, tru${ST}_remote_code = True)\n`);
    expect(nodesOfType(sc, 'keyword_argument').map((k) => k.childForFieldName('name')!.text)).toEqual(['trust_remote_code']);
    expect(sc.parseErrors).toEqual([]);
  });

  it('a longer name takes the blanks before it when none follow, and never joins two tokens', async () => {
    const sc = await parse(`f(a, tru${ST}_remote_code=True)\nx = [y, ${FI}le]\nx = y if z else ${FI}le\n`);
    expect(nodesOfType(sc, 'keyword_argument').map((k) => k.childForFieldName('name')!.text)).toEqual(['trust_remote_code']);
    expect(sc.getText(nodesOfType(sc, 'list')[0])).toBe('[y,file]');
    // `elsefile` would be one name: the blank before stays, and there is none after.
    expect(sc.parseErrors.map((p) => [p.loc.start.line, p.loc.start.column])).toEqual([[3, 17]]);
  });

  it('with no room, the name stays as written and the file says so', async () => {
    const sc = await parse(`f(a,tru${ST}_remote_code=True)\nfor ${FI}le in xs: pass\n    \n`);
    expect(sc.parseErrors.map((p) => [p.loc.start.line, p.loc.start.column, p.message])).toEqual([
      [1, 5, `Identifier "tru${ST}_remote_code" is "trust_remote_code" to Python (NFKC, PEP 3131) but was read as written: no room to rewrite it in place, so findings about it may be missing`],
      [2, 5, `Identifier "${FI}le" is "file" to Python (NFKC, PEP 3131) but was read as written: no room to rewrite it in place, so findings about it may be missing`],
    ]);
  });

  it('indentation is never taken', async () => {
    const sc = await parse(`if x:\n    ${FI}le(1)\n`);
    expect(sc.parseErrors.map((p) => p.loc.start.line)).toEqual([2]);
    expect(nodesOfType(sc, 'block')).toHaveLength(1);
  });

  it('strings, comments, keywords and characters Python rejects are left as written', async () => {
    // CPython: a string's value is not normalised; `𝐢𝐦𝐩𝐨𝐫𝐭 os` and `x²` are syntax errors.
    const text = `s = "torch.${BOLD_LOAD}"  # ${FI}\n${BOLD_IMPORT} os\ny = x\u00b2\n`;
    const sc = await parse(text);
    expect(sc.text).toBe(text);
  });

  it('the prefilter sees the normalised names as well as the text as written', () => {
    const code = `import torch\ntorch.${BOLD_LOAD}(p)\n`;
    const seen = withNormalisedNames(code);
    expect(seen.startsWith(code)).toBe(true);
    expect(seen).toContain('torch.load(p)');
    expect(withNormalisedNames('x = "caf\u00e9"\n')).toBe('x = "caf\u00e9"\n');
    expect(withNormalisedNames('x = 1\n')).toBe('x = 1\n');
  });

  it('a rule whose trigger is only spelled with look-alikes runs and reports', async () => {
    const { result } = await lintTextWithDetails({
      path: 'a.py',
      text: `import torch\ntorch.${BOLD_LOAD}(p)  # oculum-ignore -- reviewed\ntorch.${BOLD_LOAD}(q)\n`,
      language: python,
      rules: [{ id: 't/loads', rule: torchLoadRule(), level: 'error' }],
    });
    expect(result.findings.map((f) => [f.line, f.column, f.suppressed !== undefined])).toEqual([
      [2, 1, true],
      [3, 1, false],
    ]);
  });
});
