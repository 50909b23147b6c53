/**
 * Formatters given text from a hostile input: file and archive member names, pickle global names and
 * parser snippets end up in paths and messages, and must not drive the terminal or the renderer.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatters, printable } from '../src/formatters/index.js';
import type { ScanResult } from '../src/types.js';
import { at, cleanResult, CWD, finding, rules } from './formatters-sample.js';

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
    expect(out).toContain('`esc\\x1b[2J\\x1b[31mred.py:2`');
    expect(out).toContain('`new\\nline.py:2`');
    // outside a code span, the backslash of the escape is itself escaped: it renders as \x1b
    expect(out).toContain('\\\\x1b\\[3A');
  });
});

/** A finding of the markdown table (or a diagnostic) whose message holds `text`. */
function withMessage(text: string, file = at('model.pkl')): ScanResult {
  return {
    ...cleanResult(),
    files: [
      {
        file,
        findings: [finding({ ruleId: 'model/suspicious-pickle-global', file, line: 1, message: text })],
        diagnostics: [{ file, kind: 'parse-error', severity: 'warning', message: text }],
      },
    ],
  };
}

/** The table row and the diagnostic line of `withMessage(text)`. */
function rendered(text: string, file?: string): { row: string; diagnostic: string } {
  const lines = formatters.markdown(withMessage(text, file), ctx).split('\n');
  return { row: lines.find((l) => l.startsWith('| 🟠'))!, diagnostic: lines.find((l) => l.startsWith('- warning'))! };
}

describe('markdown keeps text from the input inert', () => {
  it('escapes link, image and emphasis syntax outside code spans', () => {
    const { row, diagnostic } = rendered('imports globals outside the allowlist: my|mod [click] (here) ![img](x) <b>x</b> *bold* _it_ ~~s~~ a\\b');
    const message = 'imports globals outside the allowlist: my\\|mod \\[click\\] (here) !\\[img\\](x) &lt;b&gt;x&lt;/b&gt; \\*bold\\* \\_it\\_ \\~\\~s\\~\\~ a\\\\b';
    expect(row).toContain(`| ${message} |`);
    expect(diagnostic).toContain(` ${message} _(parse-error)_`);
  });

  it('puts a word that holds a link in a code span of its own (md_inject)', () => {
    const { row } = rendered('imports globals outside the allowlist: my|mod [click](https://evil.example).f<b>x</b>. Loading it imports and may call them.');
    expect(row).toContain('| imports globals outside the allowlist: my\\|mod `[click](https://evil.example).f<b>x</b>.` Loading it imports and may call them. |');
  });

  it('puts bare URLs, www. hosts, e-mail addresses and mentions in code spans', () => {
    const { row } = rendered('loads http://evil.example/x and www.evil.example, mails root@evil.example, pings @org/security-team');
    expect(row).toContain('`http://evil.example/x`');
    // the punctuation around them stays outside the span
    expect(row).toContain('and `www.evil.example`, mails `root@evil.example`, pings');
    expect(row).toContain('`@org/security-team`');
    expect(rendered('urlretrieve fetches a model over plain HTTP ("http://models.example.com/vec.pkl"): anyone').row).toContain('HTTP ("`http://models.example.com/vec.pkl`"): anyone');
    // a word from the input of any length is cut with its message (1,000 characters, so the comment
    // stays under GitHub's size limit), and split in linear time: a quadratic regex took 17 s on 60,000
    // characters
    const word = 'http://' + '.'.repeat(200_000) + 'x).';
    const { row: long, diagnostic } = rendered(word);
    expect(long).toContain('`http://' + '.'.repeat(993) + '…`');
    expect(long.length).toBeLessThan(1_200);
    expect(diagnostic).toContain('`http://' + '.'.repeat(993) + '…`');
    expect(rendered('http://' + '.'.repeat(900) + 'x).').row).toContain('`http://' + '.'.repeat(900) + 'x`).');
  });

  it('escapes HTML character references', () => {
    const { row } = rendered('name &#x202e;exe.pkl &amp; &lt;script&gt;');
    expect(row).toContain('&amp;#x202e;exe.pkl &amp;amp; &amp;lt;script&amp;gt;');
  });

  it("keeps the rule's code spans, and a backtick from the input cannot open or close one", () => {
    expect(rendered('pickle file imports `os.system` (os) via GLOBAL: loading it runs code.').row).toContain(
      '| pickle file imports `os.system` (os) via GLOBAL: loading it runs code. |',
    );
    // a global named "x` [click](https://evil) `y" closes the rule's span and opens another: the link between stays escaped
    expect(rendered('imports `x` [click](evil) `y` via GLOBAL').row).toContain('| imports `x` \\[click\\](evil) `y` via GLOBAL |');
    expect(rendered('imports `x` [click](https://evil.example) `y` via GLOBAL').row).toContain('| imports `x` `[click](https://evil.example)` `y` via GLOBAL |');
    // a word that would autolink right beside a code span joins it (two spans side by side would read as one fence)
    expect(rendered('x`https://evil.example`y https://a.example`b`').row).toContain('| x`https://evil.example`y `https://a.exampleb` |');
    // an unpaired backtick is escaped
    expect(rendered('imports a`b [c](d)').row).toContain('imports a\\`b \\[c\\](d)');
    // code spans with backticks inside get a longer fence
    expect(rendered('imports ``a`b`` here').row).toContain('imports ``a`b`` here');
  });

  it('fences file names with backticks and escapes their pipes in the table', () => {
    const { row, diagnostic } = rendered('x', at('a|b `x` ``y`` [pwn](https:&&evil.example) <img src=x onerror=alert(1)>.py'));
    expect(row).toContain('| ```a\\|b `x` ``y`` [pwn](https:&&evil.example) <img src=x onerror=alert(1)>.py:1``` |');
    expect(diagnostic).toContain('```a|b `x` ``y`` [pwn](https:&&evil.example) <img src=x onerror=alert(1)>.py```');
  });

  it('links a rule to its documentation only through an http(s) URL, percent-encoding what would end the link', () => {
    const result = withMessage('m');
    result.rules = [
      { ...rules[0], id: 'model/suspicious-pickle-global', meta: { ...rules[0].meta, docs: { ...rules[0].meta.docs, url: 'https://docs.example/a rule) [x](https://evil)' } } },
    ];
    expect(formatters.markdown(result, ctx)).toContain('[`model/suspicious-pickle-global`](https://docs.example/a%20rule%29%20%5Bx%5D%28https://evil%29)');
    result.rules[0].meta.docs.url = 'javascript:alert(1)';
    expect(formatters.markdown(result, ctx)).toContain('| `model/suspicious-pickle-global` |');
  });
});

/** What a custom rule may report: negative, zero, fractional, NaN or huge positions, an end before the start. */
function badLocations(): ScanResult {
  const file = at('victim.py');
  return {
    ...cleanResult(),
    files: [
      {
        file,
        language: 'python',
        findings: [
          finding({ ruleId: 'evil/r', file, line: -5, column: 1e9, endLine: 1e9, endColumn: -1, message: 'out of range' }),
          finding({ ruleId: 'evil/r', file, line: Number.NaN, column: 2.5, endLine: Number.NaN, endColumn: 0, message: 'not a number' }),
          finding({ ruleId: 'evil/r', file, line: 3, column: 0, endLine: 2, endColumn: 1, message: 'zero column' }),
        ],
        diagnostics: [{ file, line: -2, column: -9, kind: 'parse-error', severity: 'warning', message: 'negative diagnostic' }],
      },
    ],
  };
}

describe('locations a custom rule got wrong', () => {
  it('stylish shows positions of at least 1', () => {
    const lines = formatters.stylish(badLocations(), ctx).split('\n');
    const row = (text: string) => lines.find((l) => l.includes(text))!.trim();
    expect(row('out of range')).toMatch(/^1:1000000000 +high +out of range/);
    expect(row('not a number')).toMatch(/^1:2 +high +not a number/);
    expect(row('zero column')).toMatch(/^3:1 +high +zero column/);
    expect(row('negative diagnostic')).toMatch(/^1:1 +warning +negative diagnostic/);
    expect(lines.join('\n')).not.toMatch(/-\d|NaN/);
  });

  it('markdown shows file:line with a line of at least 1', () => {
    const out = formatters.markdown(badLocations(), ctx);
    expect(out).toContain('| `victim.py:1` | out of range |');
    expect(out).toContain('| `victim.py:1` | not a number |');
    expect(out).toContain('`victim.py:1` negative diagnostic');
    expect(out).not.toMatch(/-\d|NaN/);
  });

  it('json stays valid for its schema (positions are integers of at least 1)', () => {
    const schema = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../src/formatters/json-schema.json', import.meta.url)), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const report = JSON.parse(formatters.json(badLocations(), ctx));
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    const positions = report.files[0].findings.map((f: { message: string; line: number; column: number; endLine: number; endColumn: number }) => [f.message, f.line, f.column, f.endLine, f.endColumn]);
    expect(positions).toEqual([
      ['not a number', 1, 2, 1, 2],
      ['out of range', 1, 1000000000, 1000000000, 1],
      ['zero column', 3, 1, 3, 1],
    ]);
    expect(report.files[0].diagnostics[0]).toMatchObject({ line: 1, column: 1 });
  });
});
