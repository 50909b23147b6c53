/**
 * Problems a review of the GGUF, chat-template, ONNX and safetensors readers found (P3, P4, P7,
 * P11, P12, P15, P16, P17). Every file is built here byte by byte. The template cases were checked
 * with jinja2 3.1 (a plain Environment): each renders `<class 'str'>` (or reaches lipsum.__globals__).
 */
import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../src/formats/jinja-eval.js';
import { analyzeTemplate, isWeakIndicator } from '../src/formats/template.js';
import { checkSafetensors } from '../src/formats/safetensors.js';
import { BufferAccess } from '../src/io.js';
import { scanModelBytes } from '../src/scanner.js';
import { fld, gguf, type GgufKv, vfld } from './helpers.js';

const CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

// ---------------------------------------------------------------------------------------------- P3
describe('chat templates: obfuscated internals (P3)', () => {
  // Each renders `<class 'str'>` under jinja2 3.1; none names `__class__` as written.
  const bypasses = [
    "{% set a = dict(__cla=1,ss__=1)|join %}{% set b = dict(__mr=1,o__=1)|join %}{% set c = dict(__subcla=1,sses__=1)|join %}{{ ''[a][b][1][c]()[0] }}",
    "{{ ''['\\N{LOW LINE}\\N{LOW LINE}class\\N{LOW LINE}\\N{LOW LINE}'] }}",
    "{{ ''['\\N{low line}\\N{LOW LINE}class\\N{LOW LINE}\\N{LOW LINE}'] }}",
    "{{ ''['\\U0000005f\\U0000005fclass\\U0000005f\\U0000005f'] }}",
    "{{ ''['\\x5f\\x5fcla' 'ss\\137\\137'] }}",
    "{{ ''['%sclass%s' % ('__','__')] }}",
    "{{ ''['__ssalc__'[::-1]] }}",
    "{{ ''['{0}class{0}'.format('__')] }}",
    "{{ ''[('__CLA' ~ 'SS__')|lower] }}",
    "{{ ''|attr(['__cla','ss__']|join) }}",
    "{% set u = '_' %}{% for p in ['cla'] %}{{ ''[u*2 ~ p ~ 'ss' ~ u*2] }}{% endfor %}",
    "{% set x %}__cla{% endset %}{{ ''[x ~ 'ss__'] }}",
    "{{ ''[(x|default('__cla')) ~ 'ss__'] }}",
    "{{ ''['%(a)sclass%(a)s'|format(a='__')] }}",
    "{{ ''[('x'*300 ~ '__class__')|replace('x','')] }}",
    "{{ ''['__cla' + 'ss__'] }}",
    "{{ ''[('cla','ss')|join|replace('c','__c')|replace('ss','ss__')] }}",
    "{{ ''[['__','cla','ss','__']|join] }}",
    "{{ ''[('__c' if true else 'x') ~ 'lass__'] }}",
  ];
  it.each(bypasses)('%s', (t) => {
    expect(analyzeTemplate(t + CHATML).indicators).toContain('__class__');
    // the evaluator finds it by itself, whatever the template's size
    expect(analyzeTemplate(t + `{# ${'x'.repeat(300_000)} #}`).indicators).toContain('__class__');
  });
  it('reports a template global reached with a computed name', () => {
    expect(analyzeTemplate("{{ lipsum['\\x5f_globals__'] }}").indicators).toEqual(expect.arrayContaining(['__globals__', 'template global lipsum.__globals__']));
  });
  it('reports an attribute name built from values it cannot know, as a weaker indicator', () => {
    const t = "{% set ns = namespace(a='') %}{% for p in ['__cla','ss__'] %}{% set ns.a = ns.a ~ p %}{% endfor %}{{ ''[ns.a] }}";
    const v = analyzeTemplate(t);
    expect(v.indicators.length).toBe(1);
    expect(isWeakIndicator(v.indicators[0])).toBe(true);
    expect(v.indicators[0]).toContain("''[ns.a]");
  });
  it('passes ordinary templates, also with subscripts and loops', () => {
    const tools = "{% set ns = namespace(found=false, sys='') %}{% for m in messages %}{% if m.role == 'system' %}{% set ns.found = true %}{% set ns.sys = ns.sys ~ m.content %}{% endif %}{{ messages[loop.index0 + 1]['content'] | trim if not loop.last }}{% for t in tools %}{{ t['function']['name'] ~ ': ' ~ (t.function.parameters|tojson) }}{% endfor %}{% endfor %}{{ '%s' % bos_token }}";
    expect(analyzeTemplate(tools).indicators).toEqual([]);
    expect(analyzeTemplate(CHATML).indicators).toEqual([]);
  });
});

// --------------------------------------------------------------------------------------------- P12
describe('chat templates: size (P12)', () => {
  it('a benign template over 256 KiB has no indicator', () => {
    const big = CHATML + `{# ${'documentation of the prompt format. '.repeat(8000)} #}`;
    expect(big.length).toBeGreaterThan(256 * 1024);
    expect(analyzeTemplate(big).indicators).toEqual([]);
  });
  // Work counted, not timed: tokens read never exceed the template's length (one pass), and the
  // hostile inputs below would take minutes (the test's timeout) if quadratic.
  it.each([
    ['nested (', `{{ ${'('.repeat(2_000_000)} }}`],
    ['nested [', `{{ x${'['.repeat(2_000_000)} }}`],
    ['~ chain', `{{ '_'${" ~ '_'".repeat(400_000)} }}`],
    ['self-concatenating sets', "{% set a = a ~ '_c' %}".repeat(100_000)],
    ['unary chains', `{{ ${'not - '.repeat(400_000)} x }}`],
  ])('linear on %s', (_name, t) => {
    const facts = evaluateTemplate(t, () => true);
    expect(facts.tokens).toBeLessThanOrEqual(t.length);
    expect(analyzeTemplate(t).indicators.filter((i) => !isWeakIndicator(i))).toEqual([]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------- GGUF
const SSTI = "{{ ''.__class__.__mro__[1].__subclasses__() }}";
const BASE: GgufKv[] = [['general.architecture', 'str', 'llama'], ['general.alignment', 'u32', 32]];

describe('GGUF (P4, P15, P16)', () => {
  it('P4: analyses every copy of a duplicated template and reports the duplicate key', async () => {
    const f = await scanModelBytes(gguf([...BASE, ['tokenizer.chat_template', 'str', SSTI], ['tokenizer.chat_template', 'str', CHATML]]), 'model.gguf');
    expect(f.templates.map((t) => [t.key, t.indicators.length > 0])).toEqual([['tokenizer.chat_template', true], ['tokenizer.chat_template (copy 2)', false]]);
    expect(f.problems.map((p) => `${p.kind}|${p.message}`)).toContain('malformed|GGUF: metadata key tokenizer.chat_template is given more than once (llama.cpp refuses the file; gguf-py keeps the first value)');
    // benign first, malicious second: still found
    const g = await scanModelBytes(gguf([...BASE, ['tokenizer.chat_template.tool_use', 'str', CHATML], ['tokenizer.chat_template.tool_use', 'str', SSTI]]), 'model.gguf');
    expect(g.templates.find((t) => t.key === 'tokenizer.chat_template.tool_use (copy 2)')?.indicators).toContain('__class__');
  });
  it('P15: reads a big-endian (byte-swapped) GGUF and its template', async () => {
    const f = await scanModelBytes(gguf([...BASE, ['tokenizer.chat_template', 'str', SSTI]], { be: true }), 'model.gguf');
    expect(f.problems).toEqual([]);
    expect(f.details.ggufVersion).toBe(3);
    expect(f.templates[0].indicators).toContain('__class__');
  });
  it('P16: prints 64-bit counts exactly', async () => {
    const f = await scanModelBytes(gguf([], { kvCount: 2n ** 63n }), 'model.gguf');
    expect(f.problems.map((p) => p.message)).toContain('GGUF: metadata count 9223372036854775808 is implausible');
  });
});

// ---------------------------------------------------------------------------------------------- ONNX
const entry = (k: string, v: string) => fld(13, [...fld(1, k), ...fld(2, v)]);
const model = (graph: number[], extra: number[] = []) => new Uint8Array([...vfld(1, 8), ...fld(7, graph), ...fld(8, [...fld(1, ''), ...vfld(2, 17)]), ...extra]);

describe('ONNX (P7, P11)', () => {
  it('P7: checks every location of a tensor (onnx uses the last) and reports the repeated key', async () => {
    const tensor = [...fld(8, 'w'), ...vfld(2, 1), ...entry('location', 'weights.bin'), ...entry('offset', '0'), ...entry('location', '../../../../etc/passwd'), ...vfld(14, 1)];
    const f = await scanModelBytes(model(fld(5, tensor)), 'model.onnx');
    expect(f.externalData.map((x) => x.location)).toEqual(['weights.bin', '../../../../etc/passwd']);
    expect(f.problems.map((p) => p.message)).toContain('ONNX: tensor w: external_data key "location" is given more than once (onnx and onnxruntime use the last)');
  });
  it('P11: a node that is not one of the functions of its domain is a custom op', async () => {
    const node = (op: string) => fld(1, [...fld(4, op), ...fld(7, 'com.evil.ops')]);
    const fn = fld(25, [...fld(1, 'Helper'), ...fld(10, 'com.evil.ops'), ...fld(7, [...fld(4, 'Identity')])]);
    const shadowed = await scanModelBytes(model([...node('Helper'), ...node('Exec')], fn), 'model.onnx');
    expect(shadowed.domains).toEqual([{ member: '', domain: 'com.evil.ops', ops: ['Exec'], local: false }]);
    const local = await scanModelBytes(model(node('Helper'), fn), 'model.onnx');
    expect(local.domains).toEqual([{ member: '', domain: 'com.evil.ops', ops: ['Helper'], local: true }]);
  });
});

// ---------------------------------------------------------------------------------------------- safetensors
function st(header: string | Uint8Array, dataLen: number): BufferAccess {
  const h = typeof header === 'string' ? Buffer.from(header, 'utf8') : Buffer.from(header);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(h.length));
  return new BufferAccess(new Uint8Array(Buffer.concat([len, h, Buffer.alloc(dataLen)])));
}

describe('safetensors as the reference reader (P17)', () => {
  it('rejects a header that is not UTF-8', async () => {
    const h = Buffer.from('{"a\xff":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}', 'latin1');
    expect((await checkSafetensors(st(h, 4))).problems).toEqual(['header is not valid UTF-8 (the reference reader rejects it)']);
  });
  it('rejects offsets and shapes that are not integers', async () => {
    const r = await checkSafetensors(st('{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4.0]}}', 4));
    expect(r.problems).toEqual(['a.data_offsets: number 4.0 is not an integer (serde_json rejects it for shape and data_offsets)']);
    const s = await checkSafetensors(st('{"a":{"dtype":"U8","shape":[4e0],"data_offsets":[0,4]}}', 4));
    expect(s.problems).toEqual(['a.shape: number 4e0 is not an integer (serde_json rejects it for shape and data_offsets)']);
  });
  it('names a duplicate tensor key, metadata key and field', async () => {
    const dup = await checkSafetensors(st('{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"a":{"dtype":"U8","shape":[4],"data_offsets":[4,8]}}', 8));
    expect(dup.problems[0]).toBe('tensor key "a" is given more than once (serde_json keeps the last entry; the earlier one is ignored)');
    const meta = await checkSafetensors(st('{"__metadata__":{"k":"1","k":"2"},"a":{"dtype":"U8","dtype":"U8","shape":[4],"data_offsets":[0,4]}}', 4));
    expect(meta.problems).toEqual([
      '__metadata__ key "k" is given more than once (serde_json keeps the last value)',
      'tensor a: field "dtype" is given more than once (serde rejects the header: duplicate field)',
    ]);
  });
  it('reads escaped keys as JSON does and names nested duplicates by their path', async () => {
    const esc = await checkSafetensors(st('{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"\\u0061":{"dtype":"U8","shape":[4],"data_offsets":[4,8]}}', 8));
    expect(esc.problems[0]).toBe('tensor key "a" is given more than once (serde_json keeps the last entry; the earlier one is ignored)');
    const deep = await checkSafetensors(st('{"__metadata__":{"k":"1"},"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4],"x":[{"y":{"z":1,"z":2}}]}}', 4));
    expect(deep.problems).toContain('key "z" is given more than once in a.x.y');
  });
  it('stops at the scan deadline and says what was not checked (a header of many tensors)', async () => {
    const header: Record<string, object> = {};
    for (let i = 0; i < 10_000; i++) header[`t${i}`] = { dtype: 'U8', shape: [1], data_offsets: [i, i + 1] };
    const full = await checkSafetensors(st(JSON.stringify(header), 10_000));
    expect(full).toMatchObject({ problems: [], tensors: 10_000 });
    expect(full.limit).toBeUndefined();
    const cut = await checkSafetensors(st(JSON.stringify(header), 10_000), Date.now() - 1);
    expect(cut.limit).toMatch(/^time limit reached after 4095 tensors/);
    expect(cut.tensors).toBeLessThan(10_000);
    // the tensors checked before the limit keep their problems (the serde-only pass runs last, review s35js P3-1)
    header.t0 = { dtype: 'Q9', shape: [1], data_offsets: [0, 1] };
    const bad = await checkSafetensors(st(JSON.stringify(header), 10_000), Date.now() - 1);
    expect(bad.problems).toEqual(['tensor t0: unknown dtype "Q9"']);
    expect(bad.limit).toMatch(/^time limit reached after 4095 tensors/);
  });
  it('accepts leading whitespace and space padding, as the reference does', async () => {
    expect((await checkSafetensors(st('  {"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}   ', 4))).problems).toEqual([]);
  });
});
