/** Hand-built LZ4 frames for tests: literals-only blocks (the trivial encoder), stored blocks, flags. */
import { xxh32 } from '../src/lz4.js';

/** An LZ4 block of literals only: one sequence, token and length bytes, then the bytes. */
export function literalBlock(data: Uint8Array): Uint8Array {
  const len: number[] = [];
  let n = data.length;
  const token = Math.min(n, 15) << 4;
  if (n >= 15) {
    n -= 15;
    while (n >= 255) {
      len.push(255);
      n -= 255;
    }
    len.push(n);
  }
  return Uint8Array.from([token, ...len, ...data]);
}

export const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** An LZ4 frame (FLG with version 01 and `flags`, BD 64 KiB) of the given blocks. */
export function frame(blocks: Uint8Array[], opts: { flags?: number; contentSize?: number; stored?: boolean[]; badHc?: boolean } = {}): Uint8Array {
  const flg = 0x40 | (opts.flags ?? 0x20) | (opts.contentSize !== undefined ? 0x08 : 0);
  const desc = [flg, 0x40];
  if (opts.contentSize !== undefined) desc.push(...le32(opts.contentSize), 0, 0, 0, 0);
  const hc = ((xxh32(Uint8Array.from(desc), 0) >>> 8) & 0xff) ^ (opts.badHc ? 1 : 0);
  const out = [0x04, 0x22, 0x4d, 0x18, ...desc, hc];
  blocks.forEach((b, i) => {
    out.push(...le32(b.length + (opts.stored?.[i] ? 0x80000000 : 0)), ...b);
    if ((opts.flags ?? 0) & 0x10) out.push(0, 0, 0, 0);
  });
  out.push(0, 0, 0, 0);
  if ((opts.flags ?? 0) & 0x04) out.push(0, 0, 0, 0);
  return Uint8Array.from(out);
}

