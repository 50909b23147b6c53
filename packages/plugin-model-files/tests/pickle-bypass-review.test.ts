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
import { parsePyLiteral } from '../src/formats/npy.js';
import { GlobalPolicy } from '../src/policy.js';
import { parseMemoKey, PickleMachine, scanPickleBytes } from '../src/pickle/machine.js';
import { bytes, su, u32le, zip as zipOf } from './helpers.js';

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

/** What `bytes` joins. */
type Part = string | number[] | Uint8Array;
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
const call = (callee: Part, ...args: Part[]) => bytes(callee, [0x28], ...args, [0x74, 0x52]);
/** A protocol 4 pickle of `body`. */
const p4 = (...body: Part[]) => bytes([0x80, 4], ...body, '.');
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
    ['random bytes that read as a GLOBAL of two lines, then STOP', bytes('c', [0xff, 0xfe, 0x0a, 0x01], 'x\n.')],
    ['a GLOBAL nothing calls, then STOP', bytes('cfoo\nbar\n.')],
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

/** A zip of stored (0) or deflated (8) members (the shared builder). */
const zip = (members: Array<[string, Uint8Array, 0 | 8]>): Uint8Array => new Uint8Array(zipOf(members.map(([name, data, method]) => ({ name, data, method }))));

// ---------------------------------------------------------------------------------------------- P5
describe('P5: .npy headers read as ast.literal_eval reads them', () => {
  const header = (descr: string, shape = '(1,)') => `{'descr': ${descr}, 'fortran_order': False, 'shape': ${shape}, }`;
  const objectArray = (descr: string) => npy(header(descr), P0_SYSTEM);

  it.each([
    ["an octal escape: '\\117'", "'\\117'"],
    ["a named escape: '\\N{LATIN CAPITAL LETTER O}'", "'\\N{LATIN CAPITAL LETTER O}'"],
    ["a named escape in lower case: '\\N{latin capital letter o}'", "'\\N{latin capital letter o}'"],
    ["adjacent literals: '\\x4f' ''", "'\\x4f' ''"],
    ["adjacent literals: 'obj' \"ect\"", "'obj' \"ect\""],
    ["adjacent literals across lines: ('|' 'O')", "('|'\n 'O')"],
    ["a name the scanner does not know (read as objects, fail closed): '\\N{LATIN CAPITAL LETTER OO}'", "'\\N{LATIN CAPITAL LETTER OO}'"],
  ])('an object dtype written with %s: its pickle is scanned', async (_, descr) => {
    const r = await lintBytes('descr.npy', objectArray(descr));
    expect(worst(r), found(r).join('\n')).toBe('critical');
    expect(found(r).join('\n')).toContain('`os.system`');
    expect(r.findings.map((f) => f.ruleId)).not.toContain('model/malformed-model-file');
  });

  it('an .npz member named without .npy, with an octal-escaped object dtype', async () => {
    const r = await lintBytes('member.npz', zip([['weights', objectArray("'\\117'"), 8]]));
    expect(found(r).join('\n')).toContain('`os.system`');
  });

  it.each([
    ["'<' 'i4'", bytes([1, 0, 0, 0, 2, 0, 0, 0])],
    ["'\\74i4'", bytes([1, 0, 0, 0, 2, 0, 0, 0])],
    ["u'<' r'i4'", bytes([1, 0, 0, 0, 2, 0, 0, 0])],
  ])('a plain int32 array with descr %s stays quiet (not malformed)', async (descr, data) => {
    const r = await lintBytes('plain.npy', npy(header(descr, '(2,)'), data));
    expect(found(r)).toEqual([]);
  });

  it('parses strings as Python does', () => {
    const lit = (s: string) => parsePyLiteral(s);
    expect(lit("'\\101\\0\\08\\1234'")).toBe('A\0\0' + '8' + 'S4');
    expect(lit("'\\N{DIGIT FOUR}\\N{less-than sign}'")).toBe('4<');
    expect(lit("'a' \"b\" '''c'''")).toBe('abc');
    expect(lit("r'\\'' R'\\n'")).toBe("\\'\\n");
    expect(lit("b'\\x41\\u0041' rb'\\x41'")).toBe('A\\u0041\\x41');
    expect(lit("'a\\\nb'")).toBe('ab');
    expect(lit("'\\q'")).toBe('\\q');
    expect(lit("'a' b'c'")).toBeUndefined(); // bytes and str do not mix
    expect(lit("ur'a'")).toBeUndefined();
    expect(lit("f'a'")).toBeUndefined();
    expect(lit("'\\x4'")).toBeUndefined();
    expect(lit("'\\U00110000'")).toBeUndefined();
    expect(lit("{'a': ('x'\n 'y'),}")).toEqual(new Map([['a', 'xy']]));
  });
});

// ---------------------------------------------------------------------------------------------- P7
describe('P7: joblib NDArrayWrapper makes joblib.load np.load another file with pickles allowed', () => {
  /** An `NDArrayWrapper` (NEWOBJ) whose BUILD state names `filename`, as joblib < 0.10 wrote them. */
  const wrapper = (filename: string, cls = sg('joblib.numpy_pickle_compat', 'NDArrayWrapper')) =>
    p4(cls, [0x29, 0x81, 0x7d, 0x28], str('filename'), str(filename), str('subclass'), sg('numpy', 'ndarray'), str('allow_mmap'), [0x89, 0x75, 0x62]);

  it.each([
    ['an absolute path', '/tmp/oculum-review/evil_01.npy'],
    ['a path that leaves the directory', '../../elsewhere/evil_01.npy'],
    ['a Windows drive path', 'C:\\models\\evil_01.npy'],
  ])('%s is high, naming the file', async (_, filename) => {
    const r = await lintBytes('wrapper.joblib', wrapper(filename));
    expect(worst(r), found(r).join('\n')).toBe('high');
    const f = r.findings.find((x) => x.ruleId === 'model/dangerous-pickle-global');
    expect(f?.message).toContain(filename);
    expect(f?.message).toContain('joblib.numpy_pickle_compat.NDArrayWrapper');
  });

  it('also when built by copyreg._reconstructor in protocol 2 (ZNDArrayWrapper)', async () => {
    const state = bytes([0x7d, 0x28], str('filename'), str('/etc/evil.z'), [0x75, 0x62]);
    const data = bytes([0x80, 2], 'ccopy_reg\n_reconstructor\n(cjoblib.numpy_pickle_compat\nZNDArrayWrapper\nc__builtin__\nobject\nNtR', state, '.');
    const r = await lintBytes('wrapper2.pkl', data);
    expect(worst(r), found(r).join('\n')).toBe('high');
    expect(found(r).join('\n')).toContain('/etc/evil.z');
  });

  it('a file next to it (what joblib < 0.10 wrote) is listed in the inventory, not reported', async () => {
    const r = await lintBytes('old.pkl', wrapper('old.pkl_01.npy', sg('joblib.numpy_pickle', 'NDArrayWrapper')));
    expect(found(r)).toEqual([]);
    expect(r.findings[0].message).toContain('old.pkl_01.npy');
  });
});

// ---------------------------------------------------------------------------------------------- P9
describe('P9: allowed module prefixes do not admit classes that unpickle files or are torch.fx', () => {
  const policy = new GlobalPolicy();
  const verdict = (module: string, name: string) => policy.judge(module, name).verdict;

  it.each([
    ['transformers.models.rag.retrieval_rag', 'LegacyIndex'], // CVE-2023-6730: pickle.load of the index passages
    ['transformers.models.rag.retrieval_rag', 'RagRetriever'],
    ['transformers.models.transfo_xl.tokenization_transfo_xl', 'TransfoXLTokenizer'], // CVE-2023-7018
    ['transformers.models.transfo_xl.tokenization_transfo_xl', 'TransfoXLCorpus'],
    ['transformers.models.deprecated.transfo_xl.tokenization_transfo_xl', 'TransfoXLTokenizer'],
    ['torch.ao.quantization.fx.graph_module', 'GraphModule'], // torch.fx's GraphModule, re-exported
    ['torch.ao.quantization.fx.graph_module', 'ObservedGraphModule'],
    ['torch.ao.quantization.fx.utils', 'Graph'],
    ['torch.ao.quantization.quantize_fx', 'GraphModule'],
    ['torch.quantization.fx.graph_module', 'GraphModule'],
    ['torch.ao.quantization.quantization_types', 'Node'],
    ['torch.ao.quantization.pt2e.utils', 'GraphModule'],
    ['torch.nn.modules.something_new', 'Tracer'], // any torch.fx class name under an allowed torch prefix
    ['sklearn.datasets._openml', 'Request'],
    ['sklearn.datasets._lfw', 'Memory'],
    ['sklearn.utils.validation', 'Parameter'], // inspect.Parameter
  ])('%s.%s is dangerous', (module, name) => expect(verdict(module, name)).toBe('dangerous'));

  it.each([
    ['torch.ao.quantization.observer', 'MinMaxObserver'], ['torch.ao.quantization.qconfig', 'QConfig'],
    ['torch.ao.quantization.fake_quantize', 'FakeQuantize'], ['torch.ao.nn.quantized.modules.linear', 'Linear'],
    ['torch.nn.modules.transformer', 'Transformer'], ['transformers.models.bert.modeling_bert', 'BertModel'],
    ['transformers.models.bert.tokenization_bert', 'BertTokenizer'], ['transformers.models.rag.configuration_rag', 'RagConfig'],
    ['sklearn.linear_model._logistic', 'LogisticRegression'],
  ])('%s.%s stays allowed', (module, name) => expect(verdict(module, name)).toBe('safe'));

  it.each([
    ['LegacyIndex(768, "attacker/evil-index")', p4(call(sg('transformers.models.rag.retrieval_rag', 'LegacyIndex'), [0x4a, 0, 3, 0, 0], str('attacker/evil-index')))],
    ['GraphModule({}, Graph()) under torch.ao.quantization', p4(call(sg('torch.ao.quantization.fx.graph_module', 'GraphModule'), [0x7d], sg('torch.ao.quantization.fx.utils', 'Graph'), [0x29, 0x81]))],
  ])('%s is critical', async (_, data) => {
    const r = await lintBytes('prefix.pkl', data);
    expect(worst(r), found(r).join('\n')).toBe('critical');
  });
});

// --------------------------------------------------------------------------------------------- P10
describe('P10: code-execution, file-write and network gadgets outside the lists', () => {
  const policy = new GlobalPolicy();
  const ECHO = str('echo PWNED');

  it.each<[string, string, Part[]]>([
    ['numpy.core', '_ufunc_reconstruct', [str('os'), str('system')]],
    ['numpy._core', '_ufunc_reconstruct', [str('os'), str('system')]],
    ['torch._utils', '_import_dotted_name', [str('os.system')]],
    ['scipy._lib._uarray._backend', 'unpickle_function', [str('os'), str('system'), [0x4e]]],
  ])('the universal resolver %s.%s is followed to what it returns (os.system)', async (module, name, args) => {
    const r = await lintBytes('resolver.pkl', p4(call(call(sg(module, name), ...args), ECHO)));
    expect(worst(r), found(r).join('\n')).toBe('critical');
    expect(found(r).join('\n')).toContain(`imports \`os.system\` (os) via ${module}.${name}`);
  });

  it('an old pickle of a numpy ufunc (numpy < 1.19: _ufunc_reconstruct("numpy", "log1p")) stays quiet', async () => {
    const r = await lintBytes('ufunc.pkl', p4([0x7d], str('func'), call(sg('numpy.core', '_ufunc_reconstruct'), str('numpy'), str('log1p')), [0x73]));
    expect(found(r)).toEqual([]);
  });

  it('a resolver given names the scanner cannot know, or used as a value, is critical', async () => {
    const computed = await lintBytes('resolver_computed.pkl', p4(call(sg('torch._utils', '_import_dotted_name'), call(sg('mypkg', 'name_of'), [0x4b, 1]))));
    expect(found(computed).join('\n')).toMatch(/critical: .*`torch\._utils\._import_dotted_name` \(torch\._utils\._import_dotted_name: imports any name it is given; called by REDUCE with/);
    const kept = await lintBytes('resolver_kept.pkl', p4([0x7d], str('f'), sg('numpy.core', '_ufunc_reconstruct'), [0x73]));
    expect(worst(kept), found(kept).join('\n')).toBe('critical');
  });

  it.each([
    ['mailcap', 'findmatch'], ['_xxsubinterpreters', 'run_string'], ['_interpreters', 'exec'],
    ['mlflow.projects.backend.local', '_run_entry_point'], ['logging', 'FileHandler'], ['logging', 'basicConfig'],
    ['numpy', 'savetxt'], ['numpy', 'save'], ['numpy', 'loadtxt'], ['numpy', 'genfromtxt'], ['numpy', 'fromfile'],
    ['numpy.lib.format', 'open_memmap'], ['numpy', 'DataSource'], ['numpy.ndarray', 'tofile'],
    ['torch', 'save'], ['torch.utils.tensorboard.writer', 'SummaryWriter'],
    ['pandas.io.parsers.readers', 'read_csv'], ['pandas', 'read_csv'], ['pandas', 'read_json'], ['pandas', 'eval'],
    ['pandas.core.computation.eval', 'eval'], ['pandas', 'HDFStore'],
  ])('%s.%s is dangerous', async (module, name) => {
    expect(policy.judge(module, name).verdict).toBe('dangerous');
    const r = await lintBytes('gadget.pkl', p4(call(sg(module, name), str('x'))));
    expect(worst(r), found(r).join('\n')).toBe('critical');
  });

  it('numpy.memmap is dangerous when the pickle calls it with arguments (it creates or truncates the file), not as a pickled class', async () => {
    const called = await lintBytes('memmap_called.pkl', p4(call(sg('numpy', 'memmap'), str('/home/u/.bashrc'), str('w+'))));
    expect(found(called).join('\n')).toContain('`numpy.memmap.__init__`');
    // what pickling a memmap writes: numpy.core.multiarray._reconstruct(numpy.memmap, (0,), b'b')
    const instance = await lintBytes('memmap_instance.pkl', p4(call(sg('numpy.core.multiarray', '_reconstruct'), sg('numpy', 'memmap'), bytes([0x4b, 0, 0x85]), bin(bytes('b')))));
    expect(RANK[worst(instance)]).toBeLessThan(RANK.high);
  });

  it('calling what a global outside the allowlist returned is high: the shape of a name resolver', async () => {
    const r = await lintBytes('calls_result.pkl', p4(call(call(sg('mypkg.helpers', 'lookup'), str('os'), str('system')), ECHO)));
    expect(worst(r), found(r).join('\n')).toBe('high');
    expect(found(r).join('\n')).toContain('calls what `mypkg.helpers.lookup` returned');
    // a global outside the allowlist that is only called stays medium
    const plain = await lintBytes('unknown_call.pkl', p4(call(sg('mypkg.helpers', 'lookup'), str('os'))));
    expect(worst(plain)).toBe('medium');
    // so do globals that are only a pickled logger's
    expect(worst(await lintBytes('logger.pkl', p4(call(sg('logging', 'getLogger'), str('x')))))).toBe('medium');
  });
});

// --------------------------------------------------------------------------------------------- P14
describe('P14: pickle data in a compression the scanner does not decode is high', () => {
  /**
   * A zip whose only member is marked with compression method `method` (98: PPMd, which 7-Zip writes
   * into zips; zstd, 93, which Python 3.14's zipfile reads, is decoded: see zstd-scan.test.ts).
   */
  const withMethod = (name: string, method: number) => {
    const z = Buffer.from(zip([[name, P0_SYSTEM, 0]]));
    z.writeUInt16LE(method, 8); // local header
    z.writeUInt16LE(method, 30 + name.length + P0_SYSTEM.length + 10); // central directory entry
    return new Uint8Array(z);
  };
  it.each([
    ['archive/data.pkl of a PyTorch zip', 'checkpoint.pt', 'archive/data.pkl'],
    ['a .pkl member of a plain zip', 'bundle.zip', 'model/weights.pkl'],
    ['a .npy member of an .npz', 'arrays.npz', 'arr_0.npy'],
  ])('%s', async (_, file, member) => {
    const r = await lintBytes(file, withMethod(member, 98));
    const f = r.findings.find((x) => x.ruleId === 'model/model-scan-limit');
    expect(f, found(r).join('\n')).toMatchObject({ severity: 'high', messageId: 'unsupportedPickle' });
    expect(f?.message).toContain('compression method 98');
  });

  it('another member stays medium', async () => {
    const r = await lintBytes('docs.zip', zip([['model/weights.pkl', P0_SYSTEM, 0], ['README.md', bytes('x'), 0]]).slice());
    expect(r.findings.filter((x) => x.ruleId === 'model/model-scan-limit')).toEqual([]);
    const z = Buffer.from(zip([['notes/README.md', bytes('hello'), 0], ['model/weights.pkl', bytes('N.'), 0]]));
    z.writeUInt16LE(98, 8);
    z.writeUInt16LE(98, 30 + 15 + 5 + 30 + 17 + 2 + 10);
    const m = await lintBytes('docs2.zip', new Uint8Array(z));
    expect(m.findings.filter((x) => x.ruleId === 'model/model-scan-limit').map((x) => x.severity)).toEqual(['medium']);
  });
});

describe('source files asked whether they are model files (the scan asks about every one)', () => {
  it('a file that starts as source does is not sniffed; a pickle under a source name is claimed', async () => {
    const { isModelFile } = await import('../src/formats/detect.js');
    for (const text of ['import os\n', '#!/usr/bin/env python\n', '"""Doc."""\n', 'from x import y\n', '\n', 'def f(): pass\n', 'export const x = 1;\n', '// c\n', '@dec\nclass A: pass\n']) {
      expect(isModelFile(bytes(text), 'a.py'), text).toBe(false);
    }
    // protocol 0, INST after a MARK (`(`) and GLOBAL (`c`) first; protocol 4
    expect(isModelFile(bytes("(S'touch /tmp/x'\nios\nsystem\n."), 'a.py')).toBe(true);
    expect(isModelFile(bytes("cposix\nsystem\n(S'touch /tmp/x'\ntR."), 'a.js')).toBe(true);
    expect(isModelFile(new Uint8Array([0x80, 0x04, 0x4e, 0x2e]), 'a.py')).toBe(true);
  });
});
