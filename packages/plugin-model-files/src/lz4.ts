/**
 * LZ4 decoding for joblib's `lz4` compressor (`joblib.dump(..., compress='lz4')` writes an LZ4
 * frame through `lz4.frame.LZ4FrameFile`) and `.lz4` files. Node has no LZ4. This follows the LZ4
 * frame and block format specifications:
 * - frame: magic 04 22 4D 18, FLG/BD descriptor (version 01, block independence, block checksum,
 *   content size, content checksum, dictionary id), header checksum, blocks (size word; high bit =
 *   stored uncompressed; 0 = end mark), optional block and content checksums;
 * - skippable frames (magic 0x184D2A50–5F) are skipped, concatenated frames are read in turn;
 * - the legacy format (magic 02 21 4C 18: independent blocks of at most 8 MiB output, no descriptor)
 *   as the `lz4` command line tool reads it.
 * Streaming: the compressed input is read as it comes, one block at a time (at most 4 MiB, 8 MiB
 * in the legacy format), and each block's output is yielded as it is decoded; memory is one block in
 * and one block out, plus the 64 KiB window linked blocks refer to. Block and content checksums are
 * skipped (the scanner only needs the bytes; a reader that checks the content checksum does so after
 * the pickle has run); the header checksum is checked and a mismatch reported, not fatal.
 * A frame naming a dictionary is decoded without one: a match reaching before the frame's start is
 * then malformed.
 */

import { Input, OutputBudget, type StreamLimits } from './byte-stream.js';

/** The input queue the decoders share (exported here for its tests). */
export { Input };

export class Lz4Error extends Error {}

export type Lz4Limits = StreamLimits;

const FRAME_MAGIC = 0x184d2204;
const LEGACY_MAGIC = 0x184c2102;
const LEGACY_BLOCK = 8 << 20;
/** LZ4_compressBound(8 MiB): a legacy "block size" past it is the magic number of the next frame. */
const LEGACY_BOUND = LEGACY_BLOCK + Math.floor(LEGACY_BLOCK / 255) + 16;
const WINDOW = 65536;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

/**
 * Decodes one LZ4 block (`src[from..to)`) into `dst` at `at`, where `dst[at - history .. at)` is the
 * window matches may reach into, and writes no further than `limit` (the block's maximum size past
 * `at`). Returns the end offset of the output. With `partial`, input that
 * ends mid-sequence ends the output there instead of being an error (a file's head).
 */
export function decodeBlock(src: Uint8Array, from: number, to: number, dst: Uint8Array, at: number, history: number, limit = dst.length, partial = false): number {
  let i = from;
  let o = at;
  const low = at - history;
  const cut = (): never => {
    throw new Lz4Error('truncated LZ4 block');
  };
  while (i < to) {
    const token = src[i++];
    let lit = token >>> 4;
    if (lit === 15) {
      for (;;) {
        if (i >= to) return partial ? o : cut();
        const b = src[i++];
        lit += b;
        if (b !== 255) break;
      }
    }
    if (i + lit > to) {
      if (!partial) throw new Lz4Error('LZ4 literals run past the end of the block');
      const n = Math.min(to - i, limit - o);
      dst.set(src.subarray(i, i + n), o);
      return o + n;
    }
    if (o + lit > limit) {
      if (partial) {
        dst.set(src.subarray(i, i + (limit - o)), o);
        return limit;
      }
      throw new Lz4Error('LZ4 block decodes past its maximum size');
    }
    dst.set(src.subarray(i, i + lit), o);
    i += lit;
    o += lit;
    if (i >= to) break; // the last sequence has literals only
    if (i + 2 > to) return partial ? o : cut();
    const offset = src[i] | (src[i + 1] << 8);
    i += 2;
    if (offset === 0 || o - offset < low) {
      if (partial) return o;
      throw new Lz4Error(offset === 0 ? 'LZ4 match offset 0' : 'LZ4 match reaches before the start of the data (or needs a dictionary)');
    }
    let len = (token & 15) + 4;
    if ((token & 15) === 15) {
      for (;;) {
        if (i >= to) return partial ? o : cut();
        const b = src[i++];
        len += b;
        if (b !== 255) break;
      }
    }
    if (o + len > limit) {
      if (!partial) throw new Lz4Error('LZ4 block decodes past its maximum size');
      len = limit - o;
    }
    let s = o - offset;
    if (offset >= len) {
      dst.copyWithin(o, s, s + len);
      o += len;
    } else {
      // Overlapping match: a run repeating the last `offset` bytes.
      const end = o + len;
      while (o < end) dst[o++] = dst[s++];
    }
    if (o >= limit && partial) return o;
  }
  return o;
}

/**
 * Streams the decompressed bytes of LZ4 frames (and skippable and legacy frames) read from `input`.
 * Throws `Lz4Error` on malformed input and on a limit (messages `… exceeds …`, `time limit …`);
 * `onProblem` hears what is wrong but does not stop decoding (a header checksum mismatch, a content
 * size that differs from the output).
 */
export async function* unlz4(input: AsyncIterable<Uint8Array>, limits: Lz4Limits, onProblem?: (message: string) => void): AsyncGenerator<Uint8Array> {
  const src = new Input(input);
  let frames = 0;
  const budget = new OutputBudget(limits, () => src.consumed, (m) => new Lz4Error(m));
  // One output buffer, allocated when a block needs it and reused by later frames (a file of many
  // empty frames allocates nothing).
  let shared = new Uint8Array(0);
  const buffer = (size: number): Uint8Array => {
    if (shared.length < size) shared = new Uint8Array(size);
    return shared;
  };
  let pendingMagic: number | undefined;
  for (;;) {
    budget.checkTime();
    let magic: number;
    if (pendingMagic !== undefined) {
      magic = pendingMagic;
      pendingMagic = undefined;
    } else {
      if (!(await src.need(4))) {
        if (frames > 0) return; // the end, or a few trailing bytes after complete frames
        throw new Lz4Error('not an LZ4 frame (truncated magic number)');
      }
      magic = u32(src.take(4), 0);
    }
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      if (!(await src.need(4))) throw new Lz4Error('truncated skippable frame');
      const size = u32(src.take(4), 0);
      if (!(await src.skip(size))) throw new Lz4Error('truncated skippable frame');
      frames++;
      continue;
    }
    if (magic === LEGACY_MAGIC) {
      frames++;
      for (;;) {
        if (!(await src.need(4))) {
          if (src.available === 0) return;
          throw new Lz4Error('truncated legacy LZ4 block size');
        }
        const size = u32(src.take(4), 0);
        if (size > LEGACY_BOUND) {
          // Not a block: the magic number of the frame that follows.
          pendingMagic = size;
          break;
        }
        if (!(await src.need(size))) throw new Lz4Error('truncated legacy LZ4 block');
        const out = buffer(LEGACY_BLOCK);
        const n = decodeBlock(src.take(size), 0, size, out, 0, 0, LEGACY_BLOCK);
        const give = budget.fits(n);
        if (give) yield out.slice(0, give);
        budget.spend(n);
      }
      continue;
    }
    if (magic !== FRAME_MAGIC) {
      if (frames > 0) return; // trailing bytes after complete frames: readers stop (or fail) there
      throw new Lz4Error('not an LZ4 frame (bad magic number)');
    }
    frames++;
    if (!(await src.need(2))) throw new Lz4Error('truncated LZ4 frame descriptor');
    const flgBd = src.take(2);
    const flg = flgBd[0];
    const bd = flgBd[1];
    if (flg >>> 6 !== 1) throw new Lz4Error(`unsupported LZ4 frame version ${flg >>> 6}`);
    if (flg & 0x02 || bd & 0x8f) throw new Lz4Error('LZ4 frame descriptor has reserved bits set');
    const independent = (flg & 0x20) !== 0;
    const blockChecksum = (flg & 0x10) !== 0;
    const hasSize = (flg & 0x08) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    const hasDict = (flg & 0x01) !== 0;
    const blockMax = BLOCK_MAX[(bd >>> 4) & 7];
    if (!blockMax) throw new Lz4Error(`bad LZ4 block maximum size id ${(bd >>> 4) & 7}`);
    const rest = (hasSize ? 8 : 0) + (hasDict ? 4 : 0) + 1;
    if (!(await src.need(rest))) throw new Lz4Error('truncated LZ4 frame descriptor');
    const desc = new Uint8Array(2 + rest - 1);
    desc[0] = flg;
    desc[1] = bd;
    desc.set(src.take(rest - 1), 2);
    const hc = src.take(1)[0];
    if (((xxh32(desc, 0) >>> 8) & 0xff) !== hc) onProblem?.('lz4: frame header checksum does not match (readers refuse the frame)');
    let contentSize: number | undefined;
    if (hasSize) contentSize = u32(desc, 2) + u32(desc, 6) * 0x100000000;
    // The window linked blocks reach into, then room for one block.
    const room = (independent ? 0 : WINDOW) + blockMax;
    let history = 0;
    let frameOut = 0;
    for (;;) {
      if (!(await src.need(4))) throw new Lz4Error('truncated LZ4 frame (no end mark)');
      const word = u32(src.take(4), 0);
      if (word === 0) break;
      const stored = word >= 0x80000000;
      const size = stored ? word - 0x80000000 : word;
      if (size > blockMax) throw new Lz4Error(`LZ4 block of ${size} bytes is larger than the frame's maximum ${blockMax}`);
      if (!(await src.need(size + (blockChecksum ? 4 : 0)))) throw new Lz4Error('truncated LZ4 block');
      const data = src.take(size);
      const buf = buffer(room);
      let n: number;
      if (stored) {
        buf.set(data, history);
        n = size;
      } else n = decodeBlock(data, 0, size, buf, history, history, history + blockMax) - history;
      if (blockChecksum) src.take(4);
      // What fits under the size limit is handed on before the limit stops the stream.
      const give = budget.fits(n);
      if (give) yield buf.slice(history, history + give);
      budget.spend(n);
      frameOut += n;
      if (!independent) {
        // Keep the last 64 KiB of output at the start of the buffer.
        const end = history + n;
        const keep = Math.min(WINDOW, end);
        buf.copyWithin(0, end - keep, end);
        history = keep;
      }
    }
    if (contentChecksum && !(await src.skip(4))) throw new Lz4Error('truncated LZ4 content checksum');
    if (contentSize !== undefined && contentSize !== frameOut) {
      onProblem?.(`lz4: the frame declares ${contentSize} bytes of content and holds ${frameOut}`);
    }
  }
}

/**
 * The first decompressed bytes an LZ4 head (a file's first bytes, cut anywhere) holds, up to `max`:
 * the first frame's first block, decoded as far as the head goes. Empty when the head is no LZ4 frame.
 * Never throws.
 */
export function lz4Head(head: Uint8Array, max = 4096): Uint8Array {
  try {
    if (head.length < 8) return new Uint8Array(0);
    const magic = u32(head, 0);
    let p: number;
    let stored = false;
    let size: number;
    if (magic === LEGACY_MAGIC) {
      size = u32(head, 4);
      p = 8;
    } else if (magic === FRAME_MAGIC) {
      const flg = head[4];
      if (flg >>> 6 !== 1) return new Uint8Array(0);
      p = 7 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0);
      if (p + 4 > head.length) return new Uint8Array(0);
      const word = u32(head, p);
      stored = word >= 0x80000000;
      size = stored ? word - 0x80000000 : word;
      p += 4;
    } else return new Uint8Array(0);
    const to = Math.min(head.length, p + size);
    if (stored) return head.slice(p, Math.min(to, p + max));
    const out = new Uint8Array(max);
    const n = decodeBlock(head, p, to, out, 0, 0, max, true);
    return out.subarray(0, n);
  } catch {
    return new Uint8Array(0);
  }
}

const P1 = 2654435761;
const P2 = 2246822519;
const P3 = 3266489917;
const P4 = 668265263;
const P5 = 374761393;
const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const round = (acc: number, lane: number): number => Math.imul(rotl((acc + Math.imul(lane, P2)) >>> 0, 13), P1) >>> 0;

/** xxHash32 (for the frame header checksum: a few bytes). */
export function xxh32(b: Uint8Array, seed: number): number {
  let i = 0;
  const n = b.length;
  let h: number;
  if (n >= 16) {
    let v1 = (seed + P1 + P2) >>> 0;
    let v2 = (seed + P2) >>> 0;
    let v3 = seed >>> 0;
    let v4 = (seed - P1) >>> 0;
    for (; i + 16 <= n; i += 16) {
      v1 = round(v1, u32(b, i));
      v2 = round(v2, u32(b, i + 4));
      v3 = round(v3, u32(b, i + 8));
      v4 = round(v4, u32(b, i + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) >>> 0;
  } else h = (seed + P5) >>> 0;
  h = (h + n) >>> 0;
  for (; i + 4 <= n; i += 4) h = Math.imul(rotl((h + Math.imul(u32(b, i), P3)) >>> 0, 17), P4) >>> 0;
  for (; i < n; i++) h = Math.imul(rotl((h + Math.imul(b[i], P5)) >>> 0, 11), P1) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, P2) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, P3) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
