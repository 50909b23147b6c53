import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LzmaError, unlzmaAlone, unxz } from '../src/lzma.js';
import { FIXTURES } from './helpers.js';

const limits = () => ({ maxBytes: 1 << 30, deadline: Date.now() + 10_000 });
const expected = readFileSync(`${FIXTURES}/../bz2-sample.bin`);

describe('lzma', () => {
  it('decodes .xz (LZMA2) written by Python', () => {
    const out = Buffer.concat([...unxz(readFileSync(`${FIXTURES}/../lzma-sample.bin.xz`), limits())]);
    expect(out.equals(expected)).toBe(true);
  });

  it('decodes .lzma (lzma-alone) written by Python', () => {
    const out = Buffer.concat([...unlzmaAlone(readFileSync(`${FIXTURES}/../lzma-sample.bin.lzma`), limits())]);
    expect(out.equals(expected)).toBe(true);
  });

  it('rejects truncation and garbage with an LzmaError', () => {
    const xz = readFileSync(`${FIXTURES}/../lzma-sample.bin.xz`);
    expect(() => [...unxz(xz.subarray(0, xz.length / 2), limits())]).toThrow(LzmaError);
    expect(() => [...unxz(Buffer.from('not xz at all'), limits())]).toThrow(LzmaError);
  });

  it('stops at the size limit', () => {
    const xz = readFileSync(`${FIXTURES}/../lzma-sample.bin.xz`);
    expect(() => [...unxz(xz, { maxBytes: 1000, deadline: Date.now() + 10_000 })]).toThrow(/exceeds/);
  });
});
