import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBlock, Input, Lz4Error, lz4Head, unlz4, xxh32 } from '../src/lz4.js';
import { FIXTURES } from './helpers.js';
import { frame, le32, literalBlock } from './lz4-frames.js';

// lz4-sample.bin.* were written by the `lz4` command line tool (v1.9.4) from lz4-sample.bin:
//   .lz4         -B4 -BD -BX --content-size  (64 KiB linked blocks, block checksums, content size and checksum)
//   .indep.lz4   -B5 --no-frame-crc          (256 KiB independent blocks, no checksum)
//   .legacy.lz4  -l                          (legacy format)
const SAMPLE = `${FIXTURES}/../lz4-sample.bin`;
const expected = readFileSync(SAMPLE);

async function all(data: Uint8Array, chunk = 1 << 20, limits: { maxBytes?: number; maxRatio?: number } = {}, problems: string[] = []): Promise<Buffer> {
  async function* src() {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  }
  const parts: Uint8Array[] = [];
  const l = { maxBytes: limits.maxBytes ?? 1 << 30, maxRatio: limits.maxRatio, deadline: Date.now() + 10_000 };
  for await (const c of unlz4(src(), l, (m) => problems.push(m))) parts.push(c);
  return Buffer.concat(parts);
}

const text = (s: string) => new TextEncoder().encode(s);

describe('lz4', () => {
  it('xxHash32 matches the reference values', () => {
    expect(xxh32(new Uint8Array(0), 0)).toBe(0x02cc5d05);
    expect(xxh32(text('a'), 0)).toBe(0x550d7456);
    expect(xxh32(text('abc'), 0)).toBe(0x32d153ff);
    expect(xxh32(text('Nobody inspects the spammish repetition'), 0)).toBe(0xe2293b2f);
  });

  for (const [name, what] of [
    ['lz4-sample.bin.lz4', 'linked blocks, block checksums, content size and checksum'],
    ['lz4-sample.bin.indep.lz4', 'independent 256 KiB blocks, no content checksum'],
    ['lz4-sample.bin.legacy.lz4', 'the legacy format'],
  ]) {
    it(`decodes frames written by the lz4 tool: ${what} (any chunking)`, async () => {
      const data = readFileSync(`${FIXTURES}/../${name}`);
      const problems: string[] = [];
      expect((await all(data, 1 << 20, {}, problems)).equals(expected)).toBe(true);
      expect((await all(data, 7)).equals(expected)).toBe(true);
      expect(problems).toEqual([]);
    });
  }

  it('decodes uncompressed blocks, concatenated frames and skips skippable frames', async () => {
    const a = frame([literalBlock(text('hello ')), text('stored ')], { stored: [false, true], contentSize: 13 });
    const skippable = Uint8Array.from([0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);
    const b = frame([literalBlock(text('world'))], { flags: 0x20 | 0x10 | 0x04 });
    const problems: string[] = [];
    expect((await all(Buffer.concat([a, skippable, b]), 3, {}, problems)).toString()).toBe('hello stored world');
    expect(problems).toEqual([]);
  });

  it('copies overlapping matches and matches into the previous linked block', () => {
    // "ab" then a match of 10 at offset 2: "abababababab"
    const block = Uint8Array.from([0x26, 0x61, 0x62, 0x02, 0x00, 0x00]);
    const out = new Uint8Array(64);
    const n = decodeBlock(block, 0, block.length - 1, out, 0, 0);
    expect(Buffer.from(out.subarray(0, n)).toString()).toBe('abababababab');
    // A match reaching 4 bytes back, into the history before `at`.
    out.set(text('wxyz'), 0);
    const m = decodeBlock(Uint8Array.from([0x00, 0x04, 0x00]), 0, 3, out, 4, 4);
    expect(Buffer.from(out.subarray(4, m)).toString()).toBe('wxyz');
  });

  it('reports malformed frames with an Lz4Error, never hangs', async () => {
    await expect(all(text('not lz4 at all'))).rejects.toBeInstanceOf(Lz4Error);
    const data = readFileSync(`${FIXTURES}/../lz4-sample.bin.lz4`);
    await expect(all(data.subarray(0, data.length - 100))).rejects.toBeInstanceOf(Lz4Error);
    await expect(all(data.subarray(0, 6))).rejects.toBeInstanceOf(Lz4Error);
    // a match before the start of the data (a dictionary frame without its dictionary)
    await expect(all(frame([Uint8Array.from([0x10, 0x61, 0x05, 0x00])]))).rejects.toThrow(/before the start/);
    // offset 0, a reserved bit, version 2, a block larger than the frame's maximum
    await expect(all(frame([Uint8Array.from([0x10, 0x61, 0x00, 0x00])]))).rejects.toThrow(/offset 0/);
    const reserved = frame([literalBlock(text('x'))]);
    reserved[4] |= 0x02;
    await expect(all(reserved)).rejects.toThrow(/reserved/);
    const v2 = frame([literalBlock(text('x'))]);
    v2[4] = (v2[4] & 0x3f) | 0x80;
    await expect(all(v2)).rejects.toThrow(/version/);
    const big = frame([literalBlock(text('x'))]);
    big.set(le32(0x10001), 7);
    await expect(all(big)).rejects.toThrow(/larger than/);
    // a match decoding past the block's maximum size
    await expect(all(frame([Uint8Array.from([0x1f, 0x61, 0x01, 0x00, ...new Array(300).fill(255), 0])]))).rejects.toThrow(/maximum size/);
  });

  it('reports a header checksum or content size mismatch without stopping', async () => {
    const problems: string[] = [];
    const out = await all(frame([literalBlock(text('abc'))], { badHc: true, contentSize: 4 }), 1 << 20, {}, problems);
    expect(out.toString()).toBe('abc');
    expect(problems).toEqual([
      expect.stringMatching(/header checksum/),
      expect.stringMatching(/declares 4 bytes of content and holds 3/),
    ]);
  });

  it('stops at the size and ratio limits', async () => {
    const data = readFileSync(`${FIXTURES}/../lz4-sample.bin.lz4`);
    await expect(all(data, 1 << 20, { maxBytes: 1000 })).rejects.toThrow(/exceeds 1000 bytes/);
    // 4 MiB of zeros from a few hundred bytes: linked 64 KiB blocks of one long match each
    const zeros = new Uint8Array(4 << 20);
    const block = Uint8Array.from([0x1f, 0x00, 0x01, 0x00, ...new Array(256).fill(255), 236]); // 1 literal + a match of 65535
    const blocks = Array.from({ length: 64 }, () => block);
    const bomb = frame(blocks, { flags: 0x00 });
    expect((await all(bomb)).equals(zeros)).toBe(true);
    await expect(all(bomb, 1 << 20, { maxRatio: 100 })).rejects.toThrow(/ratio exceeds 100:1/);
  });

  it('mutated and cut frames end in an Lz4Error or output, never another error', async () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (const name of ['lz4-sample.bin.lz4', 'lz4-sample.bin.legacy.lz4']) {
      const original = readFileSync(`${FIXTURES}/../${name}`).subarray(0, 4096);
      for (let k = 0; k < 200; k++) {
        const data = Buffer.from(original.subarray(0, 8 + rand(original.length - 8)));
        for (let j = 0; j < 1 + rand(4); j++) data[rand(data.length)] = rand(256);
        try {
          await all(data, 1 + rand(600));
        } catch (error) {
          expect(error).toBeInstanceOf(Lz4Error);
        }
        lz4Head(data.subarray(0, 512));
      }
    }
  });

  it('reads the first bytes of a head cut anywhere', () => {
    const payload = Buffer.from('\x80\x04\x95' + 'x'.repeat(2000), 'latin1');
    const f = frame([literalBlock(payload)]);
    // 7 bytes of frame header, 4 of block size, a token and 8 bytes of literal length: 492 literals in the head
    expect(Buffer.from(lz4Head(f.subarray(0, 512))).equals(payload.subarray(0, 492))).toBe(true);
    const legacy = lz4Head(readFileSync(`${FIXTURES}/../lz4-sample.bin.legacy.lz4`).subarray(0, 512));
    expect(legacy.length).toBeGreaterThan(16);
    expect(Buffer.from(legacy).equals(expected.subarray(0, legacy.length))).toBe(true);
    expect(lz4Head(text('nothing to see here'))).toHaveLength(0);
  });
});

// Small chunks are joined once a need can be met, not copied per chunk (a nested stream arrives in 16 KiB).
describe('LZ4 input queue', () => {
  async function* chunks(total: number, size: number): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < total; i += size) yield new Uint8Array(Math.min(size, total - i));
  }

  it('buffering a block from small chunks copies each byte a bounded number of times', async () => {
    const total = 16 << 20;
    const input = new Input(chunks(total, 4 << 10));
    let got = 0;
    while (await input.need(4 << 20)) got += input.take(4 << 20).length;
    expect(got).toBe(total);
    // Copied once per byte (the old queue copied every pending byte per chunk: ~1000x here).
    expect(input.copied).toBeLessThanOrEqual(total);
  });

  it('small needs over large chunks do not copy the chunks (a lone chunk is used as it is)', async () => {
    const total = 8 << 20;
    const input = new Input(chunks(total, 1 << 20));
    let got = 0;
    while (await input.need(4)) got += input.take(Math.min(input.available, 4096)).length;
    expect(got).toBe(total);
    expect(input.copied).toBe(0);
  });

  it('what is left when the input ends is available', async () => {
    const input = new Input(chunks(10, 3));
    expect(await input.need(20)).toBe(false);
    expect(input.available).toBe(10);
  });
});
