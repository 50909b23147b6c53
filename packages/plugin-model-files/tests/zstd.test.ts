/**
 * The Zstandard decoder (`src/zstd.ts`) against the `zstd` tool's output (`tests/fixtures/zstd/`,
 * written by `scripts/make-zstd-fixtures.py`), hand-built frames for what the tool does not write on
 * small inputs, and hostile input: every outcome is the original bytes or a `ZstdError`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unzstd, unzstdSync, ZSTD_MAX_WINDOW, ZstdError, zstdHead, type ZstdLimits } from '../src/zstd.js';
import { FIXTURES } from './helpers.js';
import { onFakeClock } from './work-counters.js';
import { block, frame, header, rleBlock, rleLiterals, runBlock, runs, text, windowLog } from './zstd-frames.js';

const DIR = `${FIXTURES}/../zstd`;
const fixture = (name: string): Buffer => readFileSync(`${DIR}/${name}`);
const SAMPLE = fixture('sample.bin');

/** Every frame the zstd tool wrote, and its original. */
const WRITTEN: Array<[string, string, () => Buffer]> = [
  ['sample.bin.1.zst', 'level 1', () => SAMPLE],
  ['sample.bin.3.zst', 'level 3 (content size, checksum)', () => SAMPLE],
  ['sample.bin.19.zst', 'level 19', () => SAMPLE],
  ['sample.bin.22.zst', '--ultra -22', () => SAMPLE],
  ['sample.bin.long.zst', '--long=27 from standard input (a 128 MiB window declared)', () => SAMPLE],
  ['sample.bin.nocheck.zst', '--no-check', () => SAMPLE],
  ['sample.bin.stdin.zst', 'from standard input (no content size)', () => SAMPLE],
  ['sample.bin.frames.zst', 'two frames (levels 3 and 19)', () => SAMPLE],
  ['sample.bin.skippable.zst', 'between skippable frames', () => SAMPLE],
  ['nibbles.bin.zst', 'Huffman weights stored directly', () => fixture('nibbles.bin')],
  ['noise.bin.zst', 'random bytes (a raw block)', () => fixture('noise.bin')],
  ['text.19.zst', 'three blocks reusing tables (repeat modes, treeless literals)', text],
  ['runs.zst', 'RLE blocks', runs],
];

const limits = (l: Partial<ZstdLimits> = {}): ZstdLimits => ({ maxBytes: 1 << 30, deadline: Date.now() + 10_000, ...l });

async function all(data: Uint8Array, chunk = 1 << 20, l: Partial<ZstdLimits> = {}, problems: string[] = [], parts: Uint8Array[] = []): Promise<Buffer> {
  async function* src() {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  }
  for await (const c of unzstd(src(), limits(l), (m) => problems.push(m))) parts.push(c);
  return Buffer.concat(parts);
}

const sync = (data: Uint8Array, l: Partial<ZstdLimits> = {}): Buffer => Buffer.concat([...unzstdSync(data, limits(l))]);

/** What decoding gives: the bytes, or the error (with what was handed on before it). */
async function outcome(data: Uint8Array, chunk: number, l: Partial<ZstdLimits> = {}): Promise<{ out: Buffer; error?: unknown }> {
  const parts: Uint8Array[] = [];
  try {
    return { out: await all(data, chunk, l, [], parts) };
  } catch (error) {
    return { out: Buffer.concat(parts), error };
  }
}

describe('zstd: frames the zstd tool wrote', () => {
  for (const [name, what, original] of WRITTEN) {
    it(`${what}: ${name}, read in any chunking, streamed or from memory`, async () => {
      const data = fixture(name);
      const expected = original();
      const problems: string[] = [];
      expect((await all(data, 1 << 20, {}, problems)).equals(expected)).toBe(true);
      expect((await all(data, 7)).equals(expected)).toBe(true);
      expect(sync(data).equals(expected)).toBe(true);
      expect(problems).toEqual([]);
    });
  }

  it('a declared window larger than the limit is refused, with the sizes named', async () => {
    const long = fixture('sample.bin.long.zst');
    expect(ZSTD_MAX_WINDOW).toBe(128 << 20);
    const error = await all(long, 1 << 20, { maxWindow: 64 << 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZstdError);
    expect(error).toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/needs a 128 MiB window, more than the 64 MiB decoded/) });
  });
});

describe('zstd: hand-built frames', () => {
  it('RLE literals, RLE tables and a 3-byte sequence count, then the same tables repeated', () => {
    const out = sync(frame(header(), runBlock(0x78), runBlock(0x79, { repeat: true, last: true })));
    expect(out.equals(Buffer.concat([Buffer.alloc(131_072, 'x'), Buffer.alloc(131_072, 'y')]))).toBe(true);
  });

  it('an offset past 16 MiB (offset code 25, 25 extra bits) reaches back into the window', () => {
    // 40 MiB of RLE blocks (block i holds byte i), then one match of 3 reaching back into block 7
    const blocks = Array.from({ length: 320 }, (_, i) => rleBlock(i & 0xff, 131_072));
    const total = 320 * 131_072;
    const offset = total - (7 * 131_072 + 5);
    const v = offset + 3 - 2 ** 25;
    const bits = (1 << 25) | v; // 25 bits, then the end mark
    const content = [0x00, 1, 0x54, 0, 25, 0, bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, bits >>> 24];
    const data = frame(header({ wd: windowLog(26) }), ...blocks, block(2, content.length, content, true));
    let last: Uint8Array = new Uint8Array(0);
    let n = 0;
    for (const c of unzstdSync(data, limits())) {
      n += c.length;
      last = c;
    }
    expect(n).toBe(total + 3);
    expect([...last.subarray(last.length - 3)]).toEqual([7, 7, 7]);
    // the same match in a 32 MiB window reaches past it
    const small = frame(header({ wd: windowLog(25) }), ...blocks, block(2, content.length, content, true));
    expect(() => sync(small)).toThrow(/reaches before the window/);
  });

  it('an empty frame, raw and RLE blocks, single-segment content sizes', () => {
    expect(sync(frame(header(), block(0, 0, [], true)))).toHaveLength(0);
    const single = frame([0x28, 0xb5, 0x2f, 0xfd, 0x20, 5], block(0, 3, [1, 2, 3]), rleBlock(9, 2, true));
    expect([...sync(single)]).toEqual([1, 2, 3, 9, 9]);
  });

  it('a frame that needs a dictionary is an error naming it', () => {
    const data = frame(header({ dict: 0x12345678 }), block(0, 1, [1], true));
    expect(() => sync(data)).toThrow(expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/needs dictionary 305419896/) }));
  });

  it('malformed headers, blocks and sections are ZstdErrors that say what is wrong', () => {
    const cases: Array<[number[][], RegExp]> = [
      [[[1, 2, 3, 4]], /not a zstd frame/],
      [[header({ fhd: 0x08 }), block(0, 0, [], true)], /reserved bit/],
      [[header(), block(3, 0, [], true)], /reserved zstd block type/],
      [[header({ wd: windowLog(10) }), block(0, 2000, new Array(2000).fill(0), true)], /larger than the frame's maximum/],
      [[header(), block(2, 2, [0x00, 0x00], true)], /.+/], // no literals, no sequences: fine
      [[header(), block(2, 1, [0x03], true)], /truncated literals header/],
      [[header(), block(2, 3, [0x00, 1, 0x01], true)], /reserved bits|sequences/],
      [[header(), block(2, 4, [0x00, 1, 0xfc, 0x01], true)], /repeated table for literal lengths without a previous one/],
      [[header(), block(2, 3, [0x00, 0x00, 0x01], true)], /bytes after an empty sequences section/],
      [[header(), block(2, 6, [0x00, 1, 0x54, 36, 0, 0], true)], /RLE code 36 is out of range for literal lengths/],
      [[header(), block(2, 2, [0x03, 0x00], true)], /treeless literals without a previous Huffman tree|truncated/],
      [[header(), runBlock(0x41, { repeat: true, last: true })], /repeated table/],
    ];
    for (const [parts, message] of cases) {
      const data = frame(...parts);
      let error: unknown;
      try {
        sync(data);
      } catch (e) {
        error = e;
      }
      if (message.source === '.+') expect(error).toBeUndefined();
      else {
        expect(error, message.source).toBeInstanceOf(ZstdError);
        expect((error as Error).message).toMatch(message);
      }
    }
  });

  it('reports a content size that differs, and bytes after the last frame, without stopping', async () => {
    const problems: string[] = [];
    const sized = frame([0x28, 0xb5, 0x2f, 0xfd, 0x20, 4], block(0, 3, [1, 2, 3], true));
    expect([...(await all(Buffer.concat([sized, Buffer.from('junk')]), 1 << 20, {}, problems))]).toEqual([1, 2, 3]);
    expect(problems).toEqual([expect.stringMatching(/declares 4 bytes of content and holds 3/), expect.stringMatching(/after the last frame are not a zstd frame/)]);
  });
});

describe('zstd: limits and hostile input', () => {
  it('hands on what fits, then stops at the size limit', async () => {
    const parts: Uint8Array[] = [];
    const error = await all(fixture('runs.zst'), 1 << 20, { maxBytes: 200_000 }, [], parts).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'limit', message: 'decompressed size exceeds 200000 bytes' });
    expect(Buffer.concat(parts).equals(runs().subarray(0, 200_000))).toBe(true);
  });

  it('stops a decompression bomb at the ratio limit, and at the deadline', async () => {
    // 12.5 MiB of zeros from 415 bytes: RLE blocks of 128 KiB
    const bomb = frame(header(), ...Array.from({ length: 100 }, (_, i) => rleBlock(0, 131_072, i === 99)));
    expect(sync(bomb)).toHaveLength(100 * 131_072);
    await expect(all(bomb, 1 << 20, { maxRatio: 1000 })).rejects.toMatchObject({ kind: 'limit', message: expect.stringMatching(/compression ratio exceeds 1000:1/) });
    await expect(all(bomb, 1 << 20, { deadline: Date.now() - 1 })).rejects.toMatchObject({ kind: 'limit', message: expect.stringMatching(/time limit/) });
  });

  it('a huge declared window is refused before anything is allocated', async () => {
    for (const wd of [windowLog(31), windowLog(41) | 7]) {
      await expect(all(frame(header({ wd }), block(0, 0, [], true)))).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/window, more than the 128 MiB decoded/) });
    }
    // single segment: the content size is the window (2^63 here)
    const single = frame([0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0x80], block(0, 0, [], true));
    await expect(all(single)).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('cut at every 7th byte: a ZstdError (truncated), with a correct prefix handed on before it', async () => {
    for (const [name, , original] of WRITTEN) {
      const data = fixture(name);
      const expected = original();
      for (let cut = 0; cut < data.length; cut += 7) {
        const r = await outcome(data.subarray(0, cut), 4096);
        expect(expected.subarray(0, r.out.length).equals(r.out), `${name} cut at ${cut}`).toBe(true);
        // a cut between two frames is a shorter stream, every other cut an error
        if (r.error === undefined) expect(name === 'sample.bin.frames.zst' || name === 'sample.bin.skippable.zst', `${name} cut at ${cut}`).toBe(true);
        else expect(r.error, `${name} cut at ${cut}`).toBeInstanceOf(ZstdError);
      }
    }
  });

  it('random bit flips end in output or a ZstdError, never another error, with little work', async () => {
    let seed = 8878;
    const rand = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const outcomes = { output: 0, error: 0 };
    let most = 0;
    for (let k = 0; k < 600; k++) {
      const [name] = WRITTEN[k % WRITTEN.length];
      const data = Buffer.from(fixture(name));
      for (let j = 0, n = 1 + rand(6); j < n; j++) data[4 + rand(data.length - 4)] ^= 1 << rand(8);
      const { value: r, reads } = await onFakeClock(() => outcome(data, 1 + rand(4096), { maxBytes: 1 << 20, deadline: Date.now() + 2000 }));
      most = Math.max(most, reads);
      if (r.error === undefined) outcomes.output++;
      else {
        expect(r.error).toBeInstanceOf(ZstdError);
        outcomes.error++;
      }
      zstdHead(data.subarray(0, 512));
    }
    expect(outcomes.error).toBeGreaterThan(300);
    // the work, not the time: at most 21 looks at the clock for one input (the decoder looks at each
    // step through a frame and as it hands on output); one spinning until its 2000 ms deadline looks 2000 times
    expect(most).toBeLessThanOrEqual(100);
  });

  it('random bytes after a frame header end in a ZstdError', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let k = 0; k < 2000; k++) {
      const body = Array.from({ length: 3 + rand(300) }, () => rand(256));
      // a compressed block of random content, its size set to what there is
      const size = body.length - 3;
      body[0] = 0x05 | ((size << 3) & 0xf8);
      body[1] = (size >>> 5) & 0xff;
      body[2] = (size >>> 13) & 0xff;
      try {
        sync(frame(header(), body));
      } catch (error) {
        expect(error).toBeInstanceOf(ZstdError);
      }
    }
  });
});

describe('zstdHead: the first bytes of a head cut anywhere', () => {
  it('decodes the blocks the head holds whole, a raw block as far as it goes', () => {
    const full = fixture('sample.bin.3.zst');
    expect(Buffer.from(zstdHead(full, 4096)).equals(SAMPLE.subarray(0, 4096))).toBe(true);
    // its one compressed block is cut by a 512-byte head: nothing
    expect(zstdHead(full.subarray(0, 512))).toHaveLength(0);
    const noise = zstdHead(fixture('noise.bin.zst').subarray(0, 512));
    expect(noise.length).toBeGreaterThan(480);
    expect(Buffer.from(noise).equals(fixture('noise.bin').subarray(0, noise.length))).toBe(true);
    expect(Buffer.from(zstdHead(fixture('runs.zst'), 4096)).equals(Buffer.alloc(4096))).toBe(true);
    expect(Buffer.from(zstdHead(fixture('sample.bin.skippable.zst'), 100)).equals(SAMPLE.subarray(0, 100))).toBe(true);
  });

  it('takes any declared window (only `max` bytes are kept), and gives nothing for other bytes', () => {
    expect([...zstdHead(frame(header({ wd: windowLog(41) }), block(0, 3, [1, 2, 3], true)))]).toEqual([1, 2, 3]);
    expect(zstdHead(Buffer.from('not zstd at all'))).toHaveLength(0);
    expect(zstdHead(new Uint8Array(0))).toHaveLength(0);
  });
});
