import { lintTextWithDetails } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { python } from '../src/index.js';
import { parse, torchLoadRule } from './helpers.js';

// CPython reads source with universal newlines: a lone CR ends a line as LF and CRLF do.
describe('lone CR line ends (as CPython reads them)', () => {
  const rule = torchLoadRule();
  const lint = async (text: string) => {
    const { result } = await lintTextWithDetails({ path: 'a.py', text, language: python, rules: [{ id: 't/loads', rule, level: 'error' }] });
    return result.findings.map((f) => ({ line: f.line, column: f.column, suppressed: f.suppressed !== undefined }));
  };

  it('a statement behind a lone CR is on the next line, out of reach of a trailing oculum-ignore', async () => {
    // CPython: [n.lineno for n in ast.parse(text).body] == [1, 2, 3]
    const text = 'import torch\ntorch.load(a)  # oculum-ignore -- reviewed\rtorch.load(b)\n';
    expect(await lint(text)).toEqual([
      { line: 2, column: 1, suppressed: true },
      { line: 3, column: 1, suppressed: false },
    ]);
  });

  it('a file with CR line ends only gets CPython line numbers', async () => {
    // CPython: [n.lineno for n in ast.parse(text).body] == [1, 3, 5]
    const text = 'import torch\r\rtorch.load(a)\r# note\rtorch.load(b)  # oculum-ignore\r';
    expect(await lint(text)).toEqual([
      { line: 3, column: 1, suppressed: false },
      { line: 5, column: 1, suppressed: true },
    ]);
    const sc = await parse(text);
    expect(sc.getComments().map((c) => [c.loc.start.line, c.value, c.ownLine])).toEqual([
      [4, ' note', true],
      [5, ' oculum-ignore', false],
    ]);
  });

  it('CRLF files are read as before', async () => {
    const text = 'import torch\r\ntorch.load(a)  # oculum-ignore\r\ntorch.load(b)\r\n';
    expect(await lint(text)).toEqual([
      { line: 2, column: 1, suppressed: true },
      { line: 3, column: 1, suppressed: false },
    ]);
    const sc = await parse(text);
    expect(sc.text).toBe(text);
    expect(sc.getComments()[0].range).toEqual([29, 44]);
  });

  it('the text the rules read is the one Python reads: lone CRs as LF, same length and offsets', async () => {
    const text = 'x = """a\rb"""\r\ny = 1\r';
    const sc = await parse(text);
    expect(sc.text).toBe('x = """a\nb"""\r\ny = 1\n');
    expect(sc.text.length).toBe(text.length);
    // The value Python gives the string (universal newlines apply inside strings too).
    const value = sc.ast.descendantsOfType('string')[0];
    expect(sc.constant(value)).toBe('a\nb');
    expect(sc.getLoc(sc.ast.descendantsOfType('assignment')[1])).toEqual({ start: { line: 3, column: 1 }, end: { line: 3, column: 6 } });
  });
});
