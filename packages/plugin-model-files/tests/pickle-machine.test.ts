import { describe, expect, it } from 'vitest';
import { PickleMachine, parsePyInt, scanPickleBytes } from '../src/pickle/machine.js';
import { scanModelBytes } from '../src/scanner.js';
import { bytes, su, u32le } from './helpers.js';


const names = (r: ReturnType<typeof scanPickleBytes>) => r.globals.map((g) => `${g.module}.${g.name}`);

/** Feeds the pickle in pieces of `size` bytes. */
function chunked(data: Uint8Array, size: number) {
  const m = new PickleMachine();
  for (let i = 0; i < data.length; i += size) m.feed(data.subarray(i, i + size));
  return m.end();
}

describe('pickle machine', () => {
  it('records GLOBAL + REDUCE in protocol 0 text form', () => {
    const r = scanPickleBytes(bytes("cos\nsystem\n(S'touch x'\ntR."));
    expect(names(r)).toEqual(['os.system']);
    expect(r.calls[0]).toMatchObject({ callee: 'os.system', opcode: 'REDUCE' });
    expect(r.calls[0].args).toContain('touch x');
    expect(r.clean).toBe(true);
    expect(r.pickles).toBe(1);
  });

  it('resolves STACK_GLOBAL whose strings come from the memo', () => {
    const data = bytes([0x80, 4], su('os'), [0x94], su('system'), [0x94], '00', [0x68, 0, 0x68, 1, 0x93], su('id'), [0x85, 0x52, 0x2e]);
    expect(names(scanPickleBytes(data))).toEqual(['os.system']);
  });

  it('reports a STOP with nothing to return, as the unpickler does', () => {
    expect(scanPickleBytes(bytes('.')).problems).toEqual([{ kind: 'malformed', message: 'STOP: stack underflow', offset: 0 }]);
    expect(scanPickleBytes(bytes('N(.')).problems.map((p) => p.message)).toEqual(['STOP: stack underflow']);
    expect(scanPickleBytes(bytes('N.')).clean).toBe(true);
  });

  it('maps Python 2 names in protocols < 3 (__builtin__ → builtins)', () => {
    const r = scanPickleBytes(bytes([0x80, 2], 'c__builtin__\neval\n', [0x4e, 0x85, 0x52, 0x2e]));
    expect(names(r)).toEqual(['builtins.eval']);
  });

  it('resolves getattr(__import__("os"), "system") into os.system', () => {
    const data = bytes(
      [0x80, 2], 'cbuiltins\ngetattr\n', 'cbuiltins\n__import__\n', [0x58], u32le(2), 'os', [0x85, 0x52],
      [0x58], u32le(6), 'system', [0x86, 0x52], [0x58], u32le(2), 'id', [0x85, 0x52, 0x2e],
    );
    expect(names(scanPickleBytes(data))).toEqual(['builtins.getattr', 'builtins.__import__', 'os.*', 'os.system']);
  });

  it('records INST and OBJ calls', () => {
    expect(scanPickleBytes(bytes("(S'id'\nios\nsystem\n.")).calls[0]).toMatchObject({ callee: 'os.system', opcode: 'INST' });
    expect(scanPickleBytes(bytes("(cos\nsystem\nS'id'\no.")).calls[0]).toMatchObject({ callee: 'os.system', opcode: 'OBJ' });
  });

  it('accepts what CPython accepts: I0x10, 01/00 booleans, L suffix, FRAME', () => {
    const r = scanPickleBytes(bytes('(I0x10\nI01\nI00\nL0x20L\nI010\nt.'));
    expect(r.clean).toBe(true);
    const framed = bytes([0x80, 4, 0x95], [5, 0, 0, 0, 0, 0, 0, 0], [0x4b, 1, 0x4b, 2, 0x86, 0x2e]);
    expect(scanPickleBytes(framed).clean).toBe(true);
    expect(parsePyInt('0x10')).toBe(16);
    expect(parsePyInt('-0o17')).toBe(-15);
    expect(parsePyInt('1_000')).toBe(1000);
    expect(parsePyInt('abc')).toBeUndefined();
  });

  it('keeps going after a malformed opcode and reports both', () => {
    const r = scanPickleBytes(bytes([0x80, 2], 'cos\nsystem\n', [0x4e, 0x85, 0x52, 0xff], 'cposix\nsystem\n.'));
    expect(names(r)).toEqual(['os.system', 'posix.system']);
    expect(r.problems.some((p) => p.kind === 'malformed' && p.message.includes('0xff'))).toBe(true);
  });

  it('reports truncation and stack underflow', () => {
    expect(scanPickleBytes(bytes([0x80, 2, 0x7d])).problems[0].message).toMatch(/without STOP/);
    expect(scanPickleBytes(bytes([0x80, 2, 0x52, 0x2e])).problems[0].message).toMatch(/underflow/);
    expect(scanPickleBytes(bytes([0x80, 2, 0x58, 0xff, 0, 0, 0, 0x41])).problems[0].message).toMatch(/truncated/);
  });

  it('gives the same result whatever the chunking', () => {
    const data = bytes(
      [0x80, 4], su('builtins'), [0x94], su('eval'), [0x93], [0x58], u32le(300), 'x'.repeat(300), [0x85, 0x52],
      [0x8e], [10, 0, 0, 0, 0, 0, 0, 0], 'abcdefghij', [0x30], "cos\nsystem\n", [0x30, 0x2e],
    );
    const whole = scanPickleBytes(data);
    for (const size of [1, 2, 3, 7, 64]) {
      const r = chunked(data, size);
      expect(names(r)).toEqual(names(whole));
      expect(r.problems).toEqual(whole.problems);
    }
    expect(names(whole)).toEqual(['builtins.eval', 'os.system']);
  });

  it('scans stacked pickles and ignores data after a broken later pickle', () => {
    const first = bytes([0x80, 2, 0x7d, 0x2e]);
    const second = bytes([0x80, 2], 'cposix\nsystem\n', [0x4e, 0x85, 0x52, 0x2e]);
    const r = scanPickleBytes(bytes(first, second, [0x28, 0xff, 0xff]));
    expect(r.pickles).toBe(2);
    expect(names(r)).toEqual(['posix.system']);
    expect(r.clean).toBe(true);
  });

  it('reads exactly the five pickles of PyTorch legacy files (magic number)', () => {
    const magic = bytes([0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
    const small = bytes([0x80, 2, 0x4b, 1, 0x2e]);
    const r = scanPickleBytes(bytes(magic, small, small, small, small, "cos\nsystem\n."));
    expect(r.legacyTorch).toBe(true);
    expect(r.pickles).toBe(5);
    expect(names(r)).toEqual([]);
  });

  it('collects embedded pickles in bytes and marks those passed to loads-like calls', () => {
    const inner = bytes([0x80, 2], 'cos\nsystem\n', [0x4e, 0x85, 0x52, 0x2e]);
    const outer = bytes([0x80, 3], 'c_pickle\nloads\n', [0x43, inner.length], inner, [0x85, 0x52, 0x2e]);
    const r = scanPickleBytes(outer);
    expect(r.embedded).toHaveLength(1);
    expect(r.embedded[0].confirmed).toBe(true);
    expect(r.embedded[0].via).toBe('_pickle.loads');
  });

  it('scans pickles too large to keep while they stream inside bytes', () => {
    const u64 = (n: number) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt(n));
      return b;
    };
    const inner = Buffer.concat([bytes([0x80, 4, 0x8e]), u64(80 << 20), Buffer.alloc(80 << 20), bytes([0x30], 'cos\nsystem\n', [0x4e, 0x85, 0x52, 0x2e])]);
    const outer = Buffer.concat([bytes([0x80, 4], 'ctorch.storage\n_load_from_bytes\n', [0x8e]), u64(inner.length), inner, bytes([0x85, 0x52, 0x2e])]);
    const m = new PickleMachine();
    for (let i = 0; i < outer.length; i += 1 << 20) m.feed(outer.subarray(i, i + (1 << 20)));
    const r = m.end();
    expect(r.embedded).toHaveLength(1);
    expect(r.embedded[0].confirmed).toBe(true);
    expect(r.embedded[0].result?.globals.map((g) => `${g.module}.${g.name}`)).toEqual(['os.system']);
  });

  it('turns _codecs.encode(str, "latin1") into bytes (protocol 2 bytes)', () => {
    const inner = new TextEncoder().encode('\x80\x02cos\nsystem\nN\x85R.'); // str → UTF-8, as pickle writes it
    const outer = bytes([0x80, 2], 'c_codecs\nencode\n', [0x58], u32le(inner.length), inner, [0x58], u32le(6), 'latin1', [0x86, 0x52, 0x2e]);
    expect(scanPickleBytes(outer).embedded).toHaveLength(1);
  });

  it('records globals whose names are computed while loading', () => {
    // STACK_GLOBAL('builtins', str(b'eval', 'ascii'))
    const data = bytes([0x80, 4], su('builtins'), 'cbuiltins\nstr\n', [0x43, 4], 'eval', su('ascii'), [0x86, 0x52, 0x93, 0x4e, 0x85, 0x52, 0x2e]);
    const r = scanPickleBytes(data);
    expect(names(r)).toEqual(['builtins.str', 'builtins.<computed>']);
  });

  it('reports bytes passed to a loads-like call that were too large to keep', () => {
    const big = 'x'.repeat(10_000);
    const data = bytes([0x80, 3], 'c_pickle\nloads\n', [0x42], u32le(big.length), big, [0x85, 0x52, 0x2e]);
    const m = new PickleMachine();
    for (let i = 0; i < data.length; i += 1000) m.feed(data.subarray(i, i + 1000));
    const r = m.end();
    expect(r.problems.some((p) => p.kind === 'limit' && /too large/.test(p.message))).toBe(true);
    expect(r.pickles).toBe(1);
  });

  it('records BUILD applied to a global (attributes set on a class or module)', () => {
    const r = scanPickleBytes(bytes([0x80, 2], 'ccollections\nOrderedDict\n', [0x7d, 0x62, 0x2e]));
    expect(r.calls[0]).toMatchObject({ callee: 'collections.OrderedDict.__setstate__', opcode: 'BUILD' });
  });

  it('records EXT opcodes as copyreg extension registry lookups', () => {
    expect(names(scanPickleBytes(bytes([0x80, 2, 0x82, 7, 0x2e])))).toEqual(['copyreg._extension_registry[7]']);
  });

  it('stops at the opcode limit with a limit problem', () => {
    const data = bytes([0x80, 2], new Array(1000).fill(0x4e), [0x2e]);
    const r = scanPickleBytes(data, { limits: { maxOpcodes: 100 } });
    expect(r.problems.at(-1)).toMatchObject({ kind: 'limit' });
  });

  it('stops at the memo limit with a limit problem', () => {
    const parts: number[] = [0x80, 4];
    for (let i = 0; i < 50; i++) parts.push(0x4e, 0x94);
    const r = scanPickleBytes(bytes(parts, [0x2e]), { limits: { maxMemo: 10 } });
    expect(r.problems.some((p) => p.kind === 'limit' && /memo/.test(p.message))).toBe(true);
  });

  it('stops at the time limit with a limit problem', () => {
    const data = bytes([0x80, 2], new Array(70_000).fill(0x4e), [0x2e]);
    const r = scanPickleBytes(data, { limits: { deadline: Date.now() - 1 } });
    expect(r.problems.some((p) => p.kind === 'limit' && /time/.test(p.message))).toBe(true);
  });

  it('skips large operands without buffering them', () => {
    const m = new PickleMachine();
    m.feed(bytes([0x80, 4, 0x8e], [0, 0, 0, 64, 0, 0, 0, 0])); // BINBYTES8 of 1 GiB
    const chunk = new Uint8Array(1 << 20);
    for (let i = 0; i < 1024; i++) m.feed(chunk);
    m.feed(bytes([0x30], "cos\nsystem\n."));
    const r = m.end();
    expect(names(r)).toEqual(['os.system']);
    expect(r.clean).toBe(true);
  });
});

describe('getattr on objects the pickle built (bound methods)', () => {
  // Python pickles `sched.anneal_func` (a bound method) as REDUCE getattr (<OneCycleLR object>, '_annealing_cos').
  const GA = 'cbuiltins\ngetattr\n';
  const SCHED = 'ctorch.optim.lr_scheduler\nOneCycleLR\n';
  const obj = (cls = SCHED) => bytes(cls, [0x29, 0x81]); // NEWOBJ cls ()
  const method = (cls = SCHED, attr = '_annealing_cos') => bytes(GA, obj(cls), su(attr), [0x86, 0x52]);
  const usage = (data: Uint8Array) => scanPickleBytes(bytes([0x80, 2], data, [0x2e])).globals.find((g) => g.name === 'getattr')?.getattr;
  const CLASS = { module: 'torch.optim.lr_scheduler', name: 'OneCycleLR', attr: '_annealing_cos' };

  it('records the class and name, and who keeps the result, when nothing calls it', () => {
    // obj = OneCycleLR(); obj.__dict__ = {'anneal_func': getattr(obj, '_annealing_cos')}; the torch.save shape
    const u = usage(bytes(obj(), [0x71, 0], [0x7d], su('anneal_func'), GA, [0x68, 0], su('_annealing_cos'), [0x86, 0x52, 0x73, 0x62]));
    expect(u).toEqual({ uses: [{ ...CLASS, offset: expect.any(Number), holders: ['torch.optim.lr_scheduler.OneCycleLR'] }] });
    expect(usage(bytes([0x7d], su('f'), method(), [0x73]))).toEqual({ uses: [{ ...CLASS, offset: expect.any(Number) }] });
  });

  it('knows the class of protocol 0/1 objects (copy_reg._reconstructor)', () => {
    const r = scanPickleBytes(bytes("c__builtin__\ngetattr\n(ccopy_reg\n_reconstructor\n(" + SCHED + "c__builtin__\nobject\nNtRS'_annealing_cos'\ntR."));
    expect(r.globals.find((g) => g.name === 'getattr')?.getattr).toMatchObject({ uses: [CLASS] });
    expect(r.globals.find((g) => g.name === 'getattr')?.getattr?.other).toBeUndefined();
  });

  it('marks a result the pickle calls, or hands to code that may call it', () => {
    const called = (data: Uint8Array) => usage(data)?.uses[0]?.called;
    expect(called(bytes(method(), [0x29, 0x52]))).toBe('called by REDUCE');
    expect(called(bytes('cmod\nf\n', method(), [0x85, 0x52]))).toBe('passed to mod.f');
    expect(called(bytes('cmod\nf\n', [0x5d], method(), [0x61, 0x85, 0x52]))).toBe('passed to mod.f'); // inside a list argument
    expect(called(bytes('cmod\nCls\n', method(), [0x85, 0x81]))).toBe('passed to mod.Cls'); // NEWOBJ arguments
    expect(called(bytes([0x28], method(), [0x6f]))).toBe('called by OBJ');
    expect(called(bytes([0x7d], su('k'), method(), [0x73], 'cmod\nf\n', [0x4e, 0x85, 0x52, 0x30]))).toBeUndefined(); // another call
    // kept as the `__setstate__` of an object, which the next BUILD calls with its state
    const setstate = usage(bytes(obj('cargparse\nNamespace\n'), [0x7d], su('__setstate__'), method(), [0x73, 0x62, 0x4b, 1, 0x62]));
    expect(setstate?.uses[0]).toMatchObject({ called: 'called as __setstate__ by BUILD', holders: ['argparse.Namespace'] });
    // a dict-like object (items set before its BUILD, as Python writes them): only an item named __setstate__ is looked up
    const bunch = (key: string) => usage(bytes(obj('csklearn.utils._bunch\nBunch\n'), [0x28], su(key), method(), [0x75, 0x7d, 0x62]))?.uses[0];
    expect(bunch('f')).toEqual({ ...CLASS, offset: expect.any(Number), holders: ['sklearn.utils._bunch.Bunch'] });
    expect(bunch('__setstate__')?.called).toBe('called as __setstate__ by BUILD');
    expect(called(bytes(method(), [0x51]))).toBe('passed to persistent_load');
    expect(called(bytes(method(), [0x5d, 0x61]))).toBe('made the target of APPEND');
  });

  it('does not lose a result beyond the items it keeps of a container', () => {
    const many = (n: number) => bytes([0x5d, 0x28], new Array(n).fill(0x4e), method(), [0x65]); // [None × n, m]
    expect(usage(bytes('cmod\nf\n', many(40), [0x85, 0x52]))?.uses[0].called).toBe('passed to mod.f');
    expect(usage(bytes(many(40)))?.uses[0].called).toBeUndefined();
    const d = bytes([0x7d, 0x28], ...Array.from({ length: 40 }, (_, i) => bytes([0x4b, i, 0x4e])), [0x4b, 99], method(), [0x75]);
    expect(usage(bytes('cmod\nf\n', d, [0x85, 0x52]))?.uses[0].called).toBe('passed to mod.f');
  });

  it('names the objects whose code keeps a result', () => {
    const od = bytes('ccollections\nOrderedDict\n', [0x29, 0x52], [0x28], su('h'), method(), [0x75]);
    expect(usage(od)?.uses[0].holders).toEqual(['collections.OrderedDict']);
    const mine = bytes('c__main__\nHooks\n', [0x29, 0x81, 0x7d], su('h'), method(), [0x73, 0x62]);
    expect(usage(mine)?.uses[0].holders).toEqual(['__main__.Hooks']);
  });

  it('records any other use of getattr', () => {
    const other = (data: Uint8Array) => usage(data)?.other;
    expect(other(bytes(GA, 'cmod\nCls\n', su('x'), [0x86, 0x52]))).toBe('read from mod.Cls itself, not from an object');
    expect(other(bytes(GA, [0x85]))).toBe('used as a value by TUPLE1');
    expect(other(bytes(GA))).toBe('used as a value by STOP');
    expect(other(bytes(GA, obj(), su('x'), [0x4e, 0x87, 0x52]))).toMatch(/^called by REDUCE with/); // a default
    expect(other(bytes(GA, obj(), [0x4b, 1, 0x86, 0x52]))).toBe('a name that is not a string (1)');
    expect(other(bytes(GA, [0x4e], su('x'), [0x86, 0x52]))).toBe('read from None, not an object built from a class');
    expect(other(bytes([0x28], GA, obj(), su('x'), [0x6f]))).toBe('used as a value by OBJ');
    // getattr(getattr(obj, '__init__'), '__globals__'): the first result is read by the second
    const chain = usage(bytes(GA, [0x71, 0, 0x68, 0], obj(), su('__init__'), [0x86, 0x52], su('__globals__'), [0x86, 0x52]));
    expect(chain).toMatchObject({ uses: [{ attr: '__init__', called: 'read by getattr' }], other: 'read from what another getattr returned' });
  });

  it('starts afresh with each pickle of a stack', () => {
    const r = scanPickleBytes(bytes([0x80, 2], GA, [0x2e, 0x80, 2], method(), [0x2e]));
    const [first, second] = r.globals.filter((g) => g.name === 'getattr').map((g) => g.getattr);
    expect(first?.other).toBe('used as a value by STOP');
    expect(second).toEqual({ uses: [{ ...CLASS, offset: expect.any(Number) }] });
  });
});

describe('joblib in-stream arrays', () => {
  /**
   * joblib.dump of a 64-item float64 array, then `os.system('id')`. The dtype's BUILD state gives
   * `elsize` (numpy ignores it for fixed-size types and reads 8 bytes per item); the array bytes
   * after the first `elsize × 64` hold a BINBYTES whose length would swallow the continuation.
   */
  function joblibFloat64(elsize: number): Uint8Array {
    const tail = bytes('0', su('os'), su('system'), [0x93], su('id'), [0x85, 0x52]);
    const data = new Uint8Array(64 * 8);
    if (elsize < 8) {
      const at = 64 * elsize;
      data[at] = 0x42; // BINBYTES
      new DataView(data.buffer).setUint32(at + 1, data.length - (at + 5) + tail.length, true);
    }
    return bytes(
      [0x80, 4], su('joblib.numpy_pickle'), su('NumpyArrayWrapper'), [0x93, 0x29, 0x81, 0x7d, 0x28],
      su('subclass'), su('numpy'), su('ndarray'), [0x93],
      su('shape'), [0x4b, 64, 0x85], su('order'), su('C'),
      su('dtype'), su('numpy'), su('dtype'), [0x93], su('f8'), [0x89, 0x88, 0x87, 0x52],
      [0x28, 0x4b, 3], su('<'), [0x4e, 0x4e, 0x4e, 0x4a], u32le(elsize), [0x4a], u32le(-1), [0x4b, 0, 0x74, 0x62],
      su('allow_mmap'), [0x89, 0x75, 0x62],
      data, tail, '.',
    );
  }

  it('skips a fixed-size dtype by numpy\'s item size, not the size its state claims', () => {
    const honest = scanPickleBytes(joblibFloat64(0xffffffff));
    expect(names(honest)).toContain('os.system');
    expect(honest.problems).toEqual([]);
    const lying = scanPickleBytes(joblibFloat64(1));
    expect(names(lying)).toContain('os.system');
    expect(lying.calls.some((c) => c.callee === 'os.system')).toBe(true);
    expect(lying.problems).toEqual([expect.objectContaining({ kind: 'malformed', message: expect.stringContaining('dtype "f8" claims 1-byte items') })]);
  });
});

describe('bytes the pickle builds from values it holds', () => {
  /** protocol 2: `c<module>\n<name>\n` */
  const g = (module: string, name: string) => bytes('c', module, '\n', name, '\n');
  const inner = bytes([0x80, 2], g('os', 'system'), [0x58], u32le(2), 'id', [0x85, 0x52, 0x2e]);
  /** `torch.storage._load_from_bytes(<value>)` around the opcodes that build `value`. */
  const loadFromBytes = (...value: Array<string | number[] | Uint8Array>) =>
    bytes([0x80, 2], g('torch.storage', '_load_from_bytes'), ...value, [0x85, 0x52, 0x2e]);
  const ints = (d: Uint8Array) => [...d].flatMap((b) => [0x4b, b]); // BININT1 each
  const nested = async (data: Uint8Array) => {
    const f = await scanModelBytes(data, 'x.pkl');
    return { globals: f.globals.map((x) => `${x.member ?? ''}|${x.module}.${x.name}`), problems: f.problems.map((p) => `${p.kind}: ${p.message}`) };
  };

  it.each([
    ['builtins.bytes([…]) by EMPTY_LIST, MARK, APPENDS', loadFromBytes(g('builtins', 'bytes'), [0x5d, 0x28], ints(inner), [0x65, 0x85, 0x52])],
    ['builtins.bytearray([…]) by one APPEND per item (protocol 0 style)', loadFromBytes(g('builtins', 'bytearray'), [0x5d], [...inner].flatMap((b) => [0x4b, b, 0x61]), [0x85, 0x52])],
    ['builtins.bytes((…)) by MARK … TUPLE', loadFromBytes(g('builtins', 'bytes'), [0x28], ints(inner), [0x74, 0x85, 0x52])],
    ['builtins.bytes.fromhex(…)', loadFromBytes(g('builtins', 'bytes.fromhex'), [0x58], u32le(inner.length * 2), Buffer.from(inner).toString('hex'), [0x85, 0x52])],
    ['builtins.bytes(str, "latin1")', loadFromBytes(g('builtins', 'bytes'), [0x58], u32le(Buffer.from(Buffer.from(inner).toString('latin1'), 'utf8').length), Buffer.from(Buffer.from(inner).toString('latin1'), 'utf8'), [0x58], u32le(6), 'latin1', [0x86, 0x52])],
  ])('follows a pickle in %s', async (_, data) => {
    const r = await nested(data);
    expect(r.globals.some((x) => x.endsWith('|os.system') && x.includes('#bytes@'))).toBe(true);
  });

  it('reports a loader of bytes given a value it cannot resolve, at lower confidence (a limit), never drops it', async () => {
    // bytes([…, 'x']): not all bytes; the loader's argument is what a call returned.
    const r = await nested(loadFromBytes(g('builtins', 'bytes'), [0x5d, 0x28], ints(inner), [0x8c, 1], 'x', [0x65, 0x85, 0x52]));
    expect(r.problems).toEqual([expect.stringMatching(/^limit: torch\.storage\._load_from_bytes loads .* the scanner could not resolve to bytes/)]);
    // An ordinary storage (bytes operand) is not reported.
    expect((await nested(loadFromBytes([0x43, 4, 0x80, 2, 0x4e, 0x2e]))).problems).toEqual([]);
  });

  it('keeps byte lists whole only up to a bound, in linear time', () => {
    const n = 200_000;
    const data = new Uint8Array(4 + n * 3 + 4);
    data.set([0x80, 2], 0);
    let p = 2;
    data[p++] = 0x5d;
    for (let i = 0; i < n; i++) { data[p++] = 0x4b; data[p++] = i & 0xff; data[p++] = 0x61; }
    data[p++] = 0x2e;
    // The work is counted, not timed: array items the scan copies or walks (slice, concat, and the
    // array iterator behind spread, for-of and Array.from). Copying a list's bytes at each APPEND is
    // n²/2 items (2·10⁹ up to the 64 Ki bound); the spy gives up past the bound so that stays quick.
    const bound = 40 * n;
    let items = 0;
    const count = (k: number) => {
      items += k;
      if (items > bound) throw new Error(`more than ${bound} array items copied`);
    };
    const proto = Array.prototype as { slice: (...a: unknown[]) => unknown[]; concat: (...a: unknown[]) => unknown[] };
    const iterProto = Object.getPrototypeOf([][Symbol.iterator]()) as { next: () => IteratorResult<unknown> };
    const { slice, concat } = proto;
    const { next } = iterProto;
    proto.slice = function (this: unknown[], ...a: unknown[]) { const r = slice.apply(this, a); count(r.length); return r; };
    proto.concat = function (this: unknown[], ...a: unknown[]) { const r = concat.apply(this, a); count(r.length); return r; };
    iterProto.next = function (this: unknown) { count(1); return next.call(this); };
    let r: ReturnType<typeof scanPickleBytes>;
    try {
      r = scanPickleBytes(data.subarray(0, p));
    } finally {
      Object.assign(proto, { slice, concat });
      iterProto.next = next;
    }
    expect(items).toBeLessThanOrEqual(bound);
    expect(r.clean).toBe(true);
  });
});
