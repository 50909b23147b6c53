/**
 * Formatters given text from a hostile input: file and archive member names, pickle global names and
 * parser snippets end up in paths and messages, and must not drive the terminal or the renderer.
 */
import { describe, expect, it } from 'vitest';
import { formatters, printable } from '../src/formatters/index.js';
import type { ScanResult } from '../src/types.js';
import { at, cleanResult, CWD, finding } from './formatters-sample.js';

const ctx = { cwd: CWD, color: false, version: '0.1.0' };

/** Every character a terminal or a viewer would act on (the newlines between lines aside). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A result whose input-derived texts carry escape sequences, C1 controls, separators and bidi overrides. */
function hostileResult(): ScanResult {
  const evil = at('esc\x1b[2J\x1b[31mred.py');
  const newline = at('new\nline.py');
  const parse = at('evil.py');
  return {
    ...cleanResult(),
    files: [
      {
        file: evil,
        language: 'python',
        findings: [finding({ ruleId: 'torch/load-without-weights-only', file: evil, line: 2, severity: 'critical', message: 'pickle file in archive/\x1b[2Jdata.pkl imports `os.system`' })],
        diagnostics: [],
      },
      { file: newline, language: 'python', findings: [finding({ ruleId: 'torch/load-without-weights-only', file: newline, line: 2 })], diagnostics: [] },
      {
        file: parse,
        language: 'python',
        findings: [finding({ ruleId: 'model/suspicious-pickle-global', file: parse, line: 1, message: 'imports globals outside the allowlist: \x1b]8;;http://evil\x07os.system\x9b2J\u2028\u202egnp.exe\u2066x\u2069\r\t\x7f.' })],
        diagnostics: [{ file: parse, line: 3, column: 1, kind: 'parse-error', severity: 'warning', message: 'Syntax error: unexpected ")\x1b[3A\x1b[J\x1b[8m"' }],
      },
    ],
    diagnostics: [{ kind: 'skipped', severity: 'warning', message: 'No files match the pattern "\x1b[1Asrc/**"' }],
  };
}

describe('printable', () => {
  it('shows C0, DEL, C1, line separators and bidi controls escaped, and nothing else', () => {
    expect(printable('a\x1b[3Ab')).toBe('a\\x1b[3Ab');
    expect(printable('\x00\x07\x08\x7f\x80\x9b\x9f')).toBe('\\x00\\x07\\x08\\x7f\\x80\\x9b\\x9f');
    expect(printable('tab\there\nnew\rcr')).toBe('tab\\there\\nnew\\rcr');
    expect(printable('\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toBe(
      '\\u2028\\u2029\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
    );
    const plain = 'ünï©ødé.py — `torch.load` [x](y) <b> | 漢字 🙂 \\x1b';
    expect(printable(plain)).toBe(plain);
  });
});

describe('stylish with hostile input', () => {
  const out = formatters.stylish(hostileResult(), ctx);
  const lines = out.split('\n');

  it('prints no control character of the input', () => {
    expect(out).not.toMatch(CONTROL);
    expect(out).not.toContain('\x1b');
  });

  it('shows the escapes instead, in paths, messages and diagnostics', () => {
    expect(lines).toContain('esc\\x1b[2J\\x1b[31mred.py');
    expect(out).toContain('archive/\\x1b[2Jdata.pkl');
    expect(out).toContain('Syntax error: unexpected ")\\x1b[3A\\x1b[J\\x1b[8m"');
    expect(out).toContain('\\x1b]8;;http://evil\\x07os.system\\x9b2J\\u2028\\u202egnp.exe\\u2066x\\u2069\\r\\t\\x7f.');
    expect(out).toContain('No files match the pattern "\\x1b[1Asrc/**"');
  });

  it('keeps a file name with a newline on its own line, and the summary intact', () => {
    expect(lines).toContain('new\\nline.py');
    expect(lines).not.toContain('line.py');
    expect(out).toMatch(/\n✖ 3 findings \(/);
  });

  it('emits only its own colour codes when coloured', () => {
    const coloured = formatters.stylish(hostileResult(), { ...ctx, color: true });
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(out);
  });
});

describe('markdown with hostile input', () => {
  const out = formatters.markdown(hostileResult(), ctx);

  it('prints no control character of the input', () => {
    expect(out).not.toMatch(CONTROL);
  });

  it('shows the escapes in locations, messages and diagnostics', () => {
    expect(out).toContain('esc\\x1b[2J\\x1b[31mred.py:2');
    expect(out).toContain('new\\nline.py:2');
    expect(out).toContain('\\x1b[3A');
  });
});
