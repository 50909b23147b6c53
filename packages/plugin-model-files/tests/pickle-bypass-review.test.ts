/**
 * Pickle-analysis and policy problems of the scanner-bypass review (/tmp/review-bypass, P1, P3, P4,
 * P5, P7, P8, P9, P10, P14). Every file is built here byte by byte, small, and never loaded.
 */
import { lintText, type FileResult, type Severity } from '@oculum/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { parseMemoKey, PickleMachine, scanPickleBytes } from '../src/pickle/machine.js';
import { bytes, su, u32le } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-pickle-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));

/** Writes `data` as `name` in a temporary directory and lints it with every model rule. */
async function lintBytes(name: string, data: Uint8Array, settings: Record<string, unknown> = {}): Promise<FileResult> {
  writeFileSync(join(dir, name), data);
  return lintText({ path: name, language: modelLanguage, rules, settings, cwd: dir });
}
const worst = (r: FileResult): Severity => r.findings.reduce<Severity>((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'info');
const found = (r: FileResult) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
const names = (r: { globals: Array<{ module: string; name: string }> }) => r.globals.map((g) => `${g.module}.${g.name}`);

/** A `.npy` file (version 1.0) with the header dict `dict` and the bytes `data` after it. */
function npy(dict: string, data: Uint8Array): Uint8Array {
  let h = `${dict}`;
  while ((10 + h.length + 1) % 64) h += ' ';
  const head = Buffer.from(`${h}\n`, 'latin1');
  return bytes([0x93], 'NUMPY', [1, 0, head.length & 0xff, head.length >> 8], head, data);
}

// ---------------------------------------------------------------------------------------------- P1
describe('P1: memo keys of GET/PUT are read in base 10, as CPython reads them', () => {
  // memo[10] = 'os', memo[8] = 'torch', memo[11] = 'system', memo[9] = 'FloatStorage';
  // GET 010, GET 011, STACK_GLOBAL: CPython imports os.system (read as octal: torch.FloatStorage).
  const MEMO_TRICK = bytes("Vos\np010\n0Vtorch\np8\n0Vsystem\np011\n0VFloatStorage\np9\n0g010\ng011\n", [0x93], '(Vtouch /tmp/oculum-pwned\ntR.');

  it('a leading zero does not make a memo key octal', () => {
    const r = scanPickleBytes(MEMO_TRICK);
    expect(names(r)).toEqual(['os.system']);
    expect(r.clean).toBe(true);
  });

  it('parses memo keys as int(s) does (decimal, sign, underscores, surrounding whitespace)', () => {
    expect(parseMemoKey('010')).toBe(10);
    expect(parseMemoKey(' 1_0 ')).toBe(10);
    expect(parseMemoKey('+7')).toBe(7);
    expect(parseMemoKey('\t3\r')).toBe(3);
    expect(parseMemoKey('-1')).toBe(-1);
    for (const bad of ['0x10', '0o7', '1__0', '_1', '1_', '', ' ', '1 2', '\u00a01']) expect(parseMemoKey(bad)).toBeUndefined();
  });

  it('a key CPython refuses is malformed (hex, negative PUT)', () => {
    expect(scanPickleBytes(bytes("Np0x10\n.")).problems.map((p) => p.message)).toContain('PUT: invalid memo key');
    expect(scanPickleBytes(bytes('Np-1\n.')).problems.map((p) => p.message)).toContain('PUT: negative memo key');
    expect(scanPickleBytes(bytes('Np1\n0g-1\n.')).problems.map((p) => p.message)).toContain('GET: memo key -1 not found');
  });

  it.each([
    ['memo_leading_zero.pkl', MEMO_TRICK],
    ['memo_leading_zero.npy', npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", MEMO_TRICK)],
  ])('%s is critical and names os.system', async (name, data) => {
    const r = await lintBytes(name, data);
    expect(worst(r), found(r).join('\n')).toBe('critical');
    expect(found(r).join('\n')).toContain('`os.system`');
  });
});

/** STACK_GLOBAL of `module.name` (SHORT_BINUNICODE operands). */
const sg = (module: string, name: string) => bytes(su(module), su(name), [0x93]);
/** BINUNICODE of `s` (UTF-8, as pickle writes a str). */
const str = (s: string) => {
  const b = Buffer.from(s, 'utf8');
  return bytes([0x58], u32le(b.length), b);
};
/** SHORT_BINBYTES / BINBYTES of `b`. */
const bin = (b: Uint8Array) => (b.length < 256 ? bytes([0x43, b.length], b) : bytes([0x42], u32le(b.length), b));
/** `callee(*args)`: the callee's opcodes, MARK, the arguments' opcodes, TUPLE, REDUCE. */
const call = (callee: Uint8Array, ...args: Uint8Array[]) => bytes(callee, [0x28], ...args, [0x74, 0x52]);
/** A protocol 4 pickle of `body`. */
const p4 = (...body: Uint8Array[]) => bytes([0x80, 4], ...body, '.');
/** `os.system('touch …')` in protocol 0 (no PROTO: does not look like an embedded pickle). */
const P0_SYSTEM = bytes("cos\nsystem\n(S'touch /tmp/oculum-pwned'\ntR.");
const LOAD_FROM_BYTES = sg('torch.storage', '_load_from_bytes');

// ---------------------------------------------------------------------------------------------- P4
describe('P4: _codecs.encode(s, encoding) honours the encoding', () => {
  /**
   * `s` whose low bytes (what a latin-1 reading of every character gives) are a harmless STRING
   * pickle, while `s.encode('utf-16-le')` is `STRING '' ; GLOBAL os popen ; … ; REDUCE`.
   */
  function utf16Polyglot(): string {
    const cmd = 'echo PWNED!';
    let real = bytes("S''\ncos\npopen\n(X", u32le(cmd.length), cmd, 'tR.');
    if (real.length % 2) real = bytes(real, ' ');
    let s = '';
    for (let i = 0; i < real.length; i += 2) s += String.fromCharCode(real[i] | (real[i + 1] << 8));
    return `${s}'\n.`;
  }
  const encode = (text: string, encoding?: string) => call(sg('_codecs', 'encode'), str(text), ...(encoding === undefined ? [] : [str(encoding)]));
  const latin = Buffer.from(P0_SYSTEM).toString('latin1');

  it('a UTF-16 polyglot is read as CPython encodes it: critical, naming os.popen', async () => {
    const r = await lintBytes('utf16_polyglot.pkl', p4(call(LOAD_FROM_BYTES, encode(utf16Polyglot(), 'utf-16-le'))));
    expect(worst(r), found(r).join('\n')).toBe('critical');
    expect(found(r).join('\n')).toContain('`os.popen`');
  });

  it.each([['latin1'], ['L1'], ['ISO-8859-1'], ['iso_8859_1'], ['latin'], ['ascii'], ['utf-8'], ['UTF8'], [undefined]])('%s: the nested pickle is read', async (encoding) => {
    const r = await lintBytes('codecs_alias.pkl', p4(call(LOAD_FROM_BYTES, encode(latin, encoding))));
    expect(found(r).join('\n')).toContain('`os.system`');
  });

  it('rot13 is applied as text (a chain ending in latin-1 is read)', async () => {
    const rot13 = latin.replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c < 'a' ? 65 : 97)));
    const r = await lintBytes('codecs_rot13.pkl', p4(call(LOAD_FROM_BYTES, call(sg('_codecs', 'encode'), encode(rot13, 'rot13'), str('latin1')))));
    expect(found(r).join('\n')).toContain('`os.system`');
  });

  it('an encoding it does not implement leaves the bytes unresolved: a high limit, not wrong bytes called malformed', async () => {
    const r = await lintBytes('codecs_cp037.pkl', p4(call(LOAD_FROM_BYTES, encode(latin, 'cp037'))));
    expect(worst(r), found(r).join('\n')).toBe('high');
    expect(r.findings.map((f) => f.ruleId)).toContain('model/model-scan-limit');
    expect(r.findings.map((f) => f.ruleId)).not.toContain('model/malformed-model-file');
    // latin-1 of a character above 0xff fails in CPython: not resolved either
    const wide = await lintBytes('codecs_wide.pkl', p4(call(LOAD_FROM_BYTES, encode(`${latin}\u0100`, 'latin1'))));
    expect(wide.findings.map((f) => f.ruleId)).toContain('model/model-scan-limit');
  });
});

// ---------------------------------------------------------------------------------------------- P3
describe('P3: nested pickles reached through allowed helpers that call their argument', () => {
  /** `os.system` in protocol 2 behind NONE, POP: the bytes do not start with PROTO. */
  const N0_P2 = bytes('N0', [0x80, 2], 'cos\nsystem\n', str('touch /tmp/oculum-pwned'), [0x85, 0x52, 0x2e]);
  it.each([
    ['_rebuild_from_type_v2(_load_from_bytes, Tensor, (b"…",), None)', p4(call(sg('torch._tensor', '_rebuild_from_type_v2'), LOAD_FROM_BYTES, sg('torch', 'Tensor'), bytes([0x28], bin(P0_SYSTEM), [0x74]), [0x4e]))],
    ['_rebuild_from_type(_load_from_bytes, Tensor, (b"…",), {})', p4(call(sg('torch._tensor', '_rebuild_from_type'), LOAD_FROM_BYTES, sg('torch', 'Tensor'), bytes([0x28], bin(P0_SYSTEM), [0x74]), [0x7d]))],
    ['__randomstate_ctor(b"…", _load_from_bytes)', p4(call(sg('numpy.random._pickle', '__randomstate_ctor'), bin(P0_SYSTEM), LOAD_FROM_BYTES))],
    ['__generator_ctor(b"N0" + protocol 2, _load_from_bytes)', p4(call(sg('numpy.random._pickle', '__generator_ctor'), bin(N0_P2), LOAD_FROM_BYTES))],
  ])('%s is critical, naming os.system', async (_, data) => {
    const r = await lintBytes('helper.pkl', data);
    expect(worst(r), found(r).join('\n')).toBe('critical');
    expect(found(r).join("\n")).toMatch(/\(pickle\)#bytes@\d+ imports `os\.system`/);
  });

  it('records the call the helper makes', () => {
    const r = scanPickleBytes(p4(call(sg('numpy.random._pickle', '__randomstate_ctor'), str('MT19937'), sg('numpy.random._pickle', '__bit_generator_ctor'))));
    expect(r.calls.map((c) => `${c.callee} ${c.opcode}`)).toEqual([
      'numpy.random._pickle.__randomstate_ctor REDUCE',
      'numpy.random._pickle.__bit_generator_ctor REDUCE via numpy.random._pickle.__randomstate_ctor',
    ]);
  });

  it('a helper that holds itself is followed a bounded number of times', () => {
    // L = [_rebuild_from_type_v2, Tensor, L, None]; _rebuild_from_type_v2(*L)
    const helper = sg('torch._tensor', '_rebuild_from_type_v2');
    const list = bytes(helper, [0x94, 0x30, 0x5d, 0x94, 0x28], [0x68, 0], sg('torch', 'Tensor'), [0x68, 1, 0x4e, 0x65, 0x30]);
    const r = scanPickleBytes(p4(list, call(helper, [0x68, 0], sg('torch', 'Tensor'), [0x68, 1, 0x4e])));
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining('more than 16 nested helpers')]);
  });

  it.each([
    ['a protocol 0 pickle', P0_SYSTEM],
    ['NONE, POP before a protocol 2 pickle', N0_P2],
    ['a protocol 0 pickle past the 4 KiB kept', bytes('N0'.repeat(4000), P0_SYSTEM)],
  ])('bytes holding %s are read as a pickle wherever they are', (_, inner) => {
    const data = p4([0x7d], str('blob'), bin(inner), [0x73]); // {'blob': b'…'}
    for (const size of [inner.length + 64, 1000, 7]) {
      const m = new PickleMachine();
      for (let i = 0; i < data.length; i += size) m.feed(data.subarray(i, i + size));
      const r = m.end();
      expect(r.embedded.flatMap((e) => (e.result ? names(e.result) : names(scanPickleBytes(e.data))))).toEqual(['os.system']);
    }
  });

  it.each([
    ['text', bytes('hello world, not a pickle.')],
    ['a GLOBAL that never reaches STOP', bytes('cfoo\nbar\n(S')],
    ['float data', Uint8Array.from({ length: 6000 }, (_, i) => (i * 37) & 0xff)],
    ['a harmless protocol 0 pickle', bytes('(lp0\nI1\naI2\na.')],
  ])('bytes holding %s are not reported', async (_, inner) => {
    const r = await lintBytes('plain.pkl', p4([0x7d], str('blob'), bin(inner), [0x73]));
    expect(found(r)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- P8
describe('P8: Hub-loading classes called by copyreg._reconstructor and by helpers', () => {
  const ST = sg('sentence_transformers.SentenceTransformer', 'SentenceTransformer');
  it.each([
    ['copyreg._reconstructor(ST, ST, "attacker/evil-repo")', p4(call(sg('copyreg', '_reconstructor'), ST, ST, str('attacker/evil-repo')))],
    ['__randomstate_ctor("attacker/evil-repo", ST)', p4(call(sg('numpy.random._pickle', '__randomstate_ctor'), str('attacker/evil-repo'), ST))],
    ['_rebuild_from_type_v2(ST, Tensor, ("attacker/evil-repo", …, True), None)', p4(call(sg('torch._tensor', '_rebuild_from_type_v2'), ST, sg('torch', 'Tensor'), bytes([0x28], str('attacker/evil-repo'), [0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x88, 0x74]), [0x4e]))],
  ])('%s is critical, naming the constructor', async (_, data) => {
    const r = await lintBytes('hub.pkl', data);
    expect(worst(r), found(r).join('\n')).toBe('critical');
    expect(found(r).join('\n')).toContain('`sentence_transformers.SentenceTransformer.SentenceTransformer.__init__`');
  });

  it.each([
    ['a pickled instance: _reconstructor(ST, object, None)', p4(call(sg('copyreg', '_reconstructor'), ST, sg('builtins', 'object'), [0x4e]))],
    ['a dict subclass: _reconstructor(OrderedDict, dict, {})', p4(call(sg('copyreg', '_reconstructor'), sg('collections', 'OrderedDict'), sg('builtins', 'dict'), [0x7d]))],
  ])('%s stays quiet', async (_, data) => {
    expect(found(await lintBytes('hub_benign.pkl', data))).toEqual([]);
  });
});
