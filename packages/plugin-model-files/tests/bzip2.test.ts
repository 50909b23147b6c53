import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bunzip2, Bzip2Error } from '../src/bzip2.js';
import { FIXTURES } from './helpers.js';

async function all(data: Uint8Array, chunk = 1 << 20): Promise<Buffer> {
  async function* src() {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  }
  const parts: Uint8Array[] = [];
  for await (const c of bunzip2(src(), { maxBytes: 1 << 30, deadline: Date.now() + 10_000 })) parts.push(c);
  return Buffer.concat(parts);
}

describe('bunzip2', () => {
  it('decodes a bzip2 file written by Python (any chunking)', async () => {
    const data = readFileSync(`${FIXTURES}/malicious/payload.pkl.bz2`);
    const whole = await all(data);
    expect(whole[0]).toBe(0x80);
    expect(whole.includes(Buffer.from('system'))).toBe(true);
    for (const size of [1, 5, 100]) expect((await all(data, size)).equals(whole)).toBe(true);
  });

  it('decodes runs, multiple blocks and every byte value', async () => {
    const data = readFileSync(`${FIXTURES}/../bz2-sample.bin.bz2`);
    const expected = readFileSync(`${FIXTURES}/../bz2-sample.bin`);
    expect((await all(data, 4096)).equals(expected)).toBe(true);
  });

  it('rejects garbage and truncation with a Bzip2Error', async () => {
    await expect(all(new Uint8Array([0x42, 0x5a, 0x68, 0x39, 1, 2, 3]))).rejects.toBeInstanceOf(Bzip2Error);
    const data = readFileSync(`${FIXTURES}/malicious/payload.pkl.bz2`);
    await expect(all(data.subarray(0, data.length - 10))).rejects.toBeInstanceOf(Bzip2Error);
  });

  it('stops at the size limit', async () => {
    const data = readFileSync(`${FIXTURES}/../bz2-sample.bin.bz2`);
    async function* src() {
      yield data;
    }
    const run = async () => {
      for await (const _ of bunzip2(src(), { maxBytes: 1000, deadline: Date.now() + 10_000 })) void _;
    };
    await expect(run()).rejects.toThrow(/exceeds/);
  });
});
