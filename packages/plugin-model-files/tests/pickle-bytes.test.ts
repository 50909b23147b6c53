import { describe, expect, it } from 'vitest';
import { judgePickleBytes } from '../src/pickle-bytes.js';
import { bytes } from './helpers.js';

describe('judgePickleBytes (pickles written into source code)', () => {
  it('calls a whole pickle inert when every import is allowed', () => {
    expect(judgePickleBytes(bytes([0x80, 4], 'N.'))).toEqual({ inert: true, imports: [] });
    expect(judgePickleBytes(bytes("cnumpy\ndtype\n(S'f8'\ntR."))).toEqual({ inert: true, imports: [] });
  });

  it('names what it imports beyond plain data, dangerous first', () => {
    const r = judgePickleBytes(bytes("cmypkg\nModel\n)Rcos\nsystem\n(S'id'\ntR."));
    expect(r.inert).toBe(false);
    expect(r.imports).toEqual([
      { name: 'os.system', verdict: 'dangerous' },
      { name: 'mypkg.Model', verdict: 'suspicious' },
    ]);
  });

  it('judges getattr on how the pickle uses it (bound methods)', () => {
    // {'f': getattr(OneCycleLR(), '_annealing_cos')}, then the same method called
    const method = "cbuiltins\ngetattr\nctorch.optim.lr_scheduler\nOneCycleLR\n)\x81S'_annealing_cos'\n\x86R";
    expect(judgePickleBytes(bytes([0x80, 2], "}S'f'\n", method, 's.'))).toEqual({ inert: true, imports: [] });
    expect(judgePickleBytes(bytes([0x80, 2], method, ')R.'))).toEqual({ inert: false, imports: [{ name: 'builtins.getattr', verdict: 'dangerous' }] });
    expect(judgePickleBytes(bytes([0x80, 2], 'cnumpy.core._multiarray_umath\nlog1p\n.')).inert).toBe(true);
  });

  it('judges the pickles nested in its byte strings (an allowed loader of bytes)', () => {
    const nested = "cos\nsystem\n(S'id'\ntR.";
    const outer = (inner: string) => bytes([0x80, 3], 'ctorch.storage\n_load_from_bytes\n(C', [inner.length], inner, 'tR.');
    expect(judgePickleBytes(outer(nested))).toEqual({ inert: false, imports: [{ name: 'os.system', verdict: 'dangerous' }] });
    // a nested pickle of plain data: still inert
    expect(judgePickleBytes(outer("(lp0\nI1\na."))).toEqual({ inert: true, imports: [] });
  });

  it('applies settings.model, and is never inert when malformed or cut short', () => {
    expect(judgePickleBytes(bytes('cmypkg\nModel\n)R.'), { model: { allowGlobals: ['mypkg.Model'] } }).inert).toBe(true);
    expect(judgePickleBytes(bytes('cmypkg\nModel\n)R.'), { model: { denyGlobals: ['mypkg.*'] } }).imports[0].verdict).toBe('dangerous');
    expect(judgePickleBytes(bytes([0x80, 4], 'Nxx')).inert).toBe(false);
    expect(judgePickleBytes(bytes([0x80, 4, 0x4e])).inert).toBe(false);
  });
});
