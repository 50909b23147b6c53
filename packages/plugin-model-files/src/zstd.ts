/**
 * Zstandard decoding (RFC 8878) for `.zst` files (`pandas.read_pickle("model.pkl.zst")` infers zstd
 * from the name), `.tar.zst` tarballs, zip members of method 93 (Python 3.14's `zipfile` reads them)
 * and 7z folders in 7-Zip ZS's zstd codec. Node 20's zlib has no zstd. This follows the format
 * specification and its educational decoder:
 * - frames: magic 28 B5 2F FD, frame header (window descriptor, dictionary id, single segment,
 *   content size, checksum flag), blocks (raw, RLE, compressed; at most 128 KiB each), the content
 *   checksum skipped (the scanner only needs the bytes; a reader that checks it does so after the
 *   pickle has run, as for LZ4);
 * - skippable frames (magic 0x184D2A50–5F: pzstd's, metadata) are skipped, concatenated frames are
 *   read in turn (the zstd tool and Python's `compression.zstd` read them all), and bytes after the
 *   last frame that are no frame end the stream with a problem reported;
 * - compressed blocks: literals raw, RLE or Huffman-coded (1 or 4 streams, a new tree or the
 *   previous one), sequences with predefined, RLE, FSE-coded or repeated tables for literal lengths,
 *   match lengths and offsets, and the three repeat offsets.
 * A frame that needs a dictionary is an error naming it, and one whose window is larger than
 * `maxWindow` (128 MiB, the default limit of the zstd tool and of Python's readers too) is refused
 * (both `unsupported`: not decoded, and said so); the output limits are `limit` errors; every other
 * malformation is a `ZstdError` (`malformed`): no input makes the decoder hang, read out of bounds or
 * grow without bound.
 * Streaming: the input is read as it comes, one block (at most 128 KiB) at a time; the output is kept
 * in a window buffer that grows with what was decoded (never more than the window, some slack and two
 * blocks: a frame that declares a large window but holds little costs little) and is handed on every
 * 256 KiB, within the output limits (`maxBytes`, `maxRatio`, deadline) that `OutputBudget` enforces.
 */
import { ByteQueue, Input, OutputBudget, type StreamLimits } from './byte-stream.js';

export type ZstdErrorKind = 'malformed' | 'limit' | 'unsupported';

/** A zstd stream that cannot be decoded: corrupt (`malformed`), past an output limit, or not decoded here (a dictionary, a window past `maxWindow`). */
export class ZstdError extends Error {
  constructor(message: string, readonly kind: ZstdErrorKind = 'malformed') {
    super(message);
  }
}

export interface ZstdLimits extends StreamLimits {
  /** The largest window a frame may need (bytes kept for back-references); `ZSTD_MAX_WINDOW` by default. */
  maxWindow?: number;
}

const MAGIC = 0xfd2fb528;
/** Like the zstd tool's default (`--memory=128MB`, window log 27): larger windows are refused. */
export const ZSTD_MAX_WINDOW = 128 << 20;
const BLOCK_MAX = 128 << 10;
/** Output is handed on in pieces of this size (and at the end of the stream). */
const FLUSH = 256 << 10;
/** Zero bytes after a block's copy and the literals, so bit reads a few bytes past a stream's end stay in bounds. */
const PAD = 8;
const EMPTY = new Uint8Array(0);

const fail = (message: string): never => {
  throw new ZstdError(message);
};
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
/** The index of the highest set bit (x > 0). */
const hsb = (x: number): number => 31 - Math.clz32(x);
const mib = (n: number): string => `${+(n / (1 << 20)).toFixed(1)} MiB`;

// Literal length and match length codes: baseline and extra bits (RFC 8878, 3.1.1.3.2.1.1).
const LL_BASE = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);
const LL_BITS = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
const ML_BASE = Uint32Array.from([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
  35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539,
]);
const ML_BITS = Uint8Array.from([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
]);
// Predefined distributions (RFC 8878, 3.1.1.3.2.2).
const LL_DEFAULT = [4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1];
const ML_DEFAULT = [
  1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1,
];
const OF_DEFAULT = [1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1];

/** An FSE decoding table: per state, the symbol, the bits to read and the baseline of the next state. */
class Fse {
  log = 0;
  readonly sym: Uint8Array;
  readonly nb: Uint8Array;
  readonly base: Uint16Array;
  constructor(size = 512) {
    this.sym = new Uint8Array(size);
    this.nb = new Uint8Array(size);
    this.base = new Uint16Array(size);
  }
}

const scratchNorm = new Int16Array(256);
const scratchNext = new Uint16Array(256);

/** Spreads `n` normalized counts (summing to 2^log, -1 for "less than one") into `t` (RFC 8878, 4.1.1). */
function buildFse(t: Fse, norm: ArrayLike<number>, n: number, log: number): Fse {
  const size = 1 << log;
  let high = size;
  for (let s = 0; s < n; s++) {
    if (norm[s] === -1) {
      t.sym[--high] = s;
      scratchNext[s] = 1;
    } else scratchNext[s] = norm[s];
  }
  const step = (size >>> 1) + (size >>> 3) + 3;
  const mask = size - 1;
  let pos = 0;
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < norm[s]; i++) {
      t.sym[pos] = s;
      do pos = (pos + step) & mask;
      while (pos >= high);
    }
  }
  if (pos !== 0) fail('FSE table description does not fill its table');
  for (let i = 0; i < size; i++) {
    const next = scratchNext[t.sym[i]]++;
    const nb = log - hsb(next);
    t.nb[i] = nb;
    t.base[i] = (next << nb) - size;
  }
  t.log = log;
  return t;
}

const PREDEFINED = {
  ll: buildFse(new Fse(64), LL_DEFAULT, LL_DEFAULT.length, 6),
  ml: buildFse(new Fse(64), ML_DEFAULT, ML_DEFAULT.length, 6),
  of: buildFse(new Fse(32), OF_DEFAULT, OF_DEFAULT.length, 5),
};

/**
 * Reads an FSE table description (forward, little-endian bits) at `from` into `t`; returns where it
 * ends, at most `to`. Bits past `to` read as whatever follows (a description that needs them fails).
 */
function readFse(b: Uint8Array, from: number, to: number, maxLog: number, maxSym: number, t: Fse): number {
  let bp = 0;
  const limit = (to - from) * 8;
  const bits = (n: number): number => {
    const i = from + (bp >>> 3);
    const v = ((b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> (bp & 7)) & ((1 << n) - 1);
    bp += n;
    return v;
  };
  if (from >= to) fail('truncated FSE table description');
  const log = bits(4) + 5;
  if (log > maxLog) fail(`FSE table accuracy ${log} is above the maximum ${maxLog}`);
  let remaining = 1 << log;
  let n = 0;
  while (remaining > 0) {
    if (n > maxSym || bp > limit) fail('corrupt FSE table description');
    const width = hsb(remaining + 1) + 1;
    let v = bits(width);
    const low = (1 << (width - 1)) - 1;
    const threshold = (1 << width) - 1 - (remaining + 1);
    if ((v & low) < threshold) {
      bp--;
      v &= low;
    } else if (v > low) v -= threshold;
    const p = v - 1;
    remaining -= p < 0 ? -p : p;
    scratchNorm[n++] = p;
    if (p === 0) {
      for (;;) {
        const repeat = bits(2);
        if (n + repeat > maxSym + 1) fail('FSE table description names too many symbols');
        for (let k = 0; k < repeat; k++) scratchNorm[n++] = 0;
        if (repeat !== 3) break;
      }
    }
  }
  if (remaining !== 0) fail('FSE table description does not sum to its accuracy');
  const end = from + ((bp + 7) >>> 3);
  if (end > to) fail('truncated FSE table description');
  buildFse(t, scratchNorm, n, log);
  return end;
}

/** The bits of a backward bitstream `b[from, to)`: all but the end mark (the highest set bit of its last byte) and the zeros above it. */
function streamBits(b: Uint8Array, from: number, to: number, what: string): number {
  if (to <= from) fail(`empty ${what}`);
  const last = b[to - 1];
  if (last === 0) fail(`${what} without its end mark`);
  return (to - from - 1) * 8 + hsb(last);
}

/** A bitstream read backwards from its end mark (the highest set bit of its last byte). */
class BackwardBits {
  b: Uint8Array = EMPTY;
  s = 0;
  /** Bits left; below 0 once a read ran past the stream's start (those bits read as zeros). */
  p = 0;
  init(b: Uint8Array, from: number, to: number, what: string): void {
    this.b = b;
    this.s = from;
    this.p = streamBits(b, from, to, what);
  }
  /** The next `n` bits (n ≤ 24). */
  read(n: number): number {
    this.p -= n;
    return peekBits(this.b, this.s, this.p, n);
  }
}

/**
 * The `n` bits (n ≤ 24) at bit `bp` of the backward bitstream starting at `b[s]` (bits before its start
 * read as zeros, and `bp` below 0 is a read past it, which the caller finds when the stream ends).
 */
function peekBits(b: Uint8Array, s: number, bp: number, n: number): number {
  if (n === 0) return 0;
  if (bp >= 0) {
    const i = s + (bp >>> 3);
    return ((b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> (bp & 7)) & ((1 << n) - 1);
  }
  const have = n + bp;
  if (have <= 0) return 0;
  return ((b[s] | (b[s + 1] << 8) | (b[s + 2] << 16)) & ((1 << have) - 1)) << -bp;
}

const MAX_HUFFMAN_BITS = 11;

/** A Huffman decoding table over `maxBits`-bit peeks: entry = symbol << 4 | code length. */
class Huffman {
  maxBits = 0;
  readonly table = new Uint16Array(1 << MAX_HUFFMAN_BITS);
}

const scratchWeights = new Uint8Array(260);
const rankIdx = new Uint32Array(MAX_HUFFMAN_BITS + 2);
const rankCount = new Uint32Array(MAX_HUFFMAN_BITS + 2);
const weightsFse = new Fse(64);

/** Reads a Huffman tree description at `from` (RFC 8878, 4.2.1) into `h`; returns where it ends. */
function readHuffman(b: Uint8Array, from: number, to: number, bits: BackwardBits, h: Huffman): number {
  if (from >= to) fail('truncated Huffman tree description');
  const header = b[from];
  let p = from + 1;
  const w = scratchWeights;
  let n = 0;
  if (header >= 128) {
    n = header - 127;
    const bytes = (n + 1) >>> 1;
    if (p + bytes > to) fail('truncated Huffman weights');
    for (let i = 0; i < n; i++) w[i] = i & 1 ? b[p + (i >>> 1)] & 15 : b[p + (i >>> 1)] >>> 4;
    p += bytes;
  } else {
    const end = p + header;
    if (end > to) fail('truncated Huffman weights');
    const t = weightsFse;
    const start = readFse(b, p, end, 6, 255, t);
    // Two interleaved states until the stream is exhausted (RFC 8878, 4.2.1.2).
    bits.init(b, start, end, 'Huffman weights bitstream');
    const states = [bits.read(t.log), bits.read(t.log)];
    for (let k = 0; ; k ^= 1) {
      if (n >= 255) fail('too many Huffman weights');
      const state = states[k];
      w[n++] = t.sym[state];
      states[k] = t.base[state] + bits.read(t.nb[state]);
      if (bits.p < 0) {
        // The stream is exhausted: the other state holds the last weight.
        w[n++] = t.sym[states[k ^ 1]];
        break;
      }
    }
    if (n > 255) fail('too many Huffman weights');
    p = end;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] > MAX_HUFFMAN_BITS) fail(`Huffman weight ${w[i]} is above ${MAX_HUFFMAN_BITS}`);
    if (w[i]) total += 1 << (w[i] - 1);
  }
  if (total === 0) fail('Huffman weights are all zero');
  const maxBits = hsb(total) + 1;
  if (maxBits > MAX_HUFFMAN_BITS) fail(`Huffman codes longer than ${MAX_HUFFMAN_BITS} bits`);
  const left = (1 << maxBits) - total;
  if (left & (left - 1)) fail('Huffman weights do not make a complete tree');
  w[n] = hsb(left) + 1;
  const count = n + 1;
  rankCount.fill(0);
  for (let s = 0; s < count; s++) if (w[s]) rankCount[maxBits + 1 - w[s]]++;
  rankIdx[maxBits] = 0;
  for (let i = maxBits; i >= 1; i--) rankIdx[i - 1] = rankIdx[i] + rankCount[i] * (1 << (maxBits - i));
  if (rankIdx[0] !== 1 << maxBits) fail('Huffman weights do not make a complete tree');
  for (let s = 0; s < count; s++) {
    if (!w[s]) continue;
    const nb = maxBits + 1 - w[s];
    const code = rankIdx[nb];
    const len = 1 << (maxBits - nb);
    h.table.fill((s << 4) | nb, code, code + len);
    rankIdx[nb] = code + len;
  }
  h.maxBits = maxBits;
  return p;
}

/** Decodes `n` literals of one Huffman stream `b[from, to)` into `out` at `o`. */
function huffmanStream(b: Uint8Array, from: number, to: number, h: Huffman, out: Uint8Array, o: number, n: number): void {
  let p = streamBits(b, from, to, 'Huffman stream');
  const maxBits = h.maxBits;
  const mask = (1 << maxBits) - 1;
  const t = h.table;
  const end = o + n;
  while (o < end) {
    const q = p - maxBits;
    let v: number;
    if (q >= 0) {
      const i = from + (q >>> 3);
      v = ((b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) >>> (q & 7)) & mask;
    } else {
      if (p < 0) fail('Huffman stream ends before its literals');
      v = ((b[from] | (b[from + 1] << 8)) << -q) & mask;
    }
    const e = t[v];
    out[o++] = e >>> 4;
    p -= e & 15;
  }
  if (p !== 0) fail('Huffman stream is not consumed exactly');
}

interface Slot {
  cur: Fse | undefined;
  readonly own: Fse;
  readonly rle: Fse;
  readonly predefined: Fse;
  readonly maxLog: number;
  readonly maxSym: number;
  readonly what: string;
}

const slot = (predefined: Fse, maxLog: number, maxSym: number, what: string): Slot => ({ cur: undefined, own: new Fse(), rle: new Fse(1), predefined, maxLog, maxSym, what });

type State = 'magic' | 'skip-size' | 'skip' | 'header' | 'block' | 'checksum' | 'done';

/**
 * The decoder: a state machine over a byte queue (`step`), so the same code serves a stream read as it
 * comes (`unzstd`), a buffer (`unzstdSync`) and a file's first bytes (`zstdHead`).
 */
class ZstdDecoder {
  state: State = 'magic';
  frames = 0;
  private skipLeft = 0;
  // The window buffer: output at [flushed, pos) is not handed on yet; what precedes it is history.
  buf: Uint8Array = EMPTY;
  pos = 0;
  flushed = 0;
  private cap = 0;
  // The frame.
  private windowSize = 0;
  private blockMax = 0;
  private frameOut = 0;
  private contentSize = -1;
  private checksum = false;
  // Entropy state, kept from block to block within a frame.
  private readonly huf = new Huffman();
  private hufReady = false;
  private readonly ll = slot(PREDEFINED.ll, 9, 35, 'literal lengths');
  private readonly of = slot(PREDEFINED.of, 8, 31, 'offsets');
  private readonly ml = slot(PREDEFINED.ml, 9, 52, 'match lengths');
  private rep1 = 1;
  private rep2 = 4;
  private rep3 = 8;
  private readonly bits = new BackwardBits();
  private readonly blk = new Uint8Array(BLOCK_MAX + PAD);
  private readonly lit = new Uint8Array(BLOCK_MAX + PAD);
  private litArr: Uint8Array = EMPTY;
  private litAt = 0;
  private litLen = 0;
  /** Head mode: sequences stop being executed once the output reaches this. */
  stopAt = Number.POSITIVE_INFINITY;
  /** Head mode: a raw block cut by the end of the input gives the bytes there are. */
  partial = false;

  constructor(private readonly maxWindow: number, private readonly onProblem?: (message: string) => void) {}

  /** Advances by one piece (a frame header, a block…): 0 when it did, else how many queued bytes it needs. */
  step(q: ByteQueue): number {
    switch (this.state) {
      case 'magic': {
        if (!q.has(4)) return 4;
        const magic = u32(q.peek(4), 0);
        if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
          q.take(4);
          this.state = 'skip-size';
        } else if (magic === MAGIC) {
          q.take(4);
          this.state = 'header';
        } else if (this.frames > 0) {
          // Trailing bytes after complete frames: the zstd tool refuses them, readers of the first frame never look.
          this.onProblem?.('zstd: the bytes after the last frame are not a zstd frame');
          this.state = 'done';
        } else fail('not a zstd frame (bad magic number)');
        return 0;
      }
      case 'skip-size':
        if (!q.has(4)) return 4;
        this.skipLeft = u32(q.take(4), 0);
        this.state = 'skip';
        return 0;
      case 'skip': {
        if (this.skipLeft > 0) {
          if (!q.has(1)) return 1;
          const k = Math.min(this.skipLeft, q.available);
          q.take(k);
          this.skipLeft -= k;
        }
        if (this.skipLeft === 0) {
          this.frames++;
          this.state = 'magic';
        }
        return 0;
      }
      case 'header':
        return this.header(q);
      case 'block':
        return this.block(q);
      case 'checksum':
        if (!q.has(4)) return 4;
        q.take(4);
        this.state = 'magic';
        return 0;
      default:
        return 0;
    }
  }

  /** Input ended: fine between frames, else the stream is truncated. */
  end(q: ByteQueue): void {
    if (this.state === 'done') return;
    if (this.state === 'magic' && this.frames > 0) {
      if (q.queued > 0) this.onProblem?.('zstd: the bytes after the last frame are not a zstd frame');
      return;
    }
    const where: Record<State, string> = {
      magic: 'no zstd frame (truncated magic number)', 'skip-size': 'truncated skippable frame', skip: 'truncated skippable frame',
      header: 'truncated zstd frame header', block: 'truncated zstd block', checksum: 'truncated zstd content checksum', done: '',
    };
    fail(where[this.state]);
  }

  private header(q: ByteQueue): number {
    if (!q.has(1)) return 1;
    const fhd = q.peek(1)[0];
    const fcsFlag = fhd >>> 6;
    const single = (fhd & 0x20) !== 0;
    const didFlag = fhd & 3;
    const fcsBytes = [single ? 1 : 0, 2, 4, 8][fcsFlag];
    const didBytes = [0, 1, 2, 4][didFlag];
    const size = 1 + (single ? 0 : 1) + didBytes + fcsBytes;
    if (!q.has(size)) return size;
    const h = q.take(size);
    if (fhd & 0x08) fail('zstd frame header has its reserved bit set');
    let p = 1;
    let windowSize = 0;
    if (!single) {
      const wd = h[p++];
      const base = 2 ** (10 + (wd >>> 3));
      windowSize = base + (base / 8) * (wd & 7);
    }
    let dict = 0;
    for (let i = didBytes - 1; i >= 0; i--) dict = dict * 256 + h[p + i];
    p += didBytes;
    let contentSize = -1;
    if (fcsBytes) {
      contentSize = 0;
      for (let i = fcsBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + h[p + i];
      if (fcsBytes === 2) contentSize += 256;
    }
    if (single) windowSize = contentSize;
    if (dict !== 0) throw new ZstdError(`the frame needs dictionary ${dict}, which is not available (a frame compressed with a dictionary cannot be read without it)`, 'unsupported');
    if (windowSize > this.maxWindow) {
      // As the zstd tool, python-zstandard and Python's compression.zstd refuse it by default (window log 27).
      throw new ZstdError(`the frame needs a ${mib(windowSize)} window, more than the ${mib(this.maxWindow)} decoded (zstd's default limit too)`, 'unsupported');
    }
    this.windowSize = windowSize;
    this.blockMax = Math.min(windowSize, BLOCK_MAX);
    this.contentSize = contentSize;
    this.checksum = (fhd & 0x04) !== 0;
    this.frameOut = 0;
    // History and unflushed output, a block and room to grow: compaction copies at most the window
    // once per slack's worth of output.
    this.cap = windowSize + Math.min(Math.max(windowSize, 1 << 20), 32 << 20) + FLUSH + 2 * BLOCK_MAX;
    this.hufReady = false;
    for (const s of [this.ll, this.of, this.ml]) s.cur = undefined;
    this.rep1 = 1;
    this.rep2 = 4;
    this.rep3 = 8;
    this.state = 'block';
    return 0;
  }

  /** Room for `n` more bytes at `pos`: the buffer grows, or drops history past the window that is handed on. */
  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const keep = Math.max(Math.min(this.windowSize, this.frameOut), this.pos - this.flushed);
    const shift = this.pos - keep;
    if (shift > 0 && (shift >= this.buf.length >>> 1 || this.pos + n > this.cap)) {
      this.buf.copyWithin(0, shift, this.pos);
      this.pos -= shift;
      this.flushed -= shift;
    }
    if (this.pos + n > this.buf.length) {
      // Doubling, and to the cap at once past half of it (a large window is not grown through two more copies).
      const doubled = Math.max(this.buf.length * 2, 64 << 10);
      const grown = new Uint8Array(Math.max(this.pos + n, doubled > this.cap / 2 ? this.cap : doubled));
      grown.set(this.buf.subarray(0, this.pos));
      this.buf = grown;
    }
  }

  private block(q: ByteQueue): number {
    if (!q.has(3)) return 3;
    const hb = q.peek(3);
    const word = hb[0] | (hb[1] << 8) | (hb[2] << 16);
    const last = (word & 1) !== 0;
    const type = (word >>> 1) & 3;
    const size = word >>> 3;
    if (type === 3) fail('reserved zstd block type');
    if (size > this.blockMax) fail(`zstd block of ${size} bytes is larger than the frame's maximum ${this.blockMax}`);
    const need = 3 + (type === 1 ? 1 : size);
    if (!q.has(need)) {
      if (!this.partial || type !== 0 || q.available <= 3) return need;
      // A file's head: the raw bytes it holds.
      const got = q.available - 3;
      q.take(3);
      this.reserve(got);
      this.buf.set(q.take(got), this.pos);
      this.pos += got;
      this.state = 'done';
      return 0;
    }
    q.take(3);
    this.reserve(BLOCK_MAX + PAD);
    const start = this.pos;
    if (type === 0) this.buf.set(q.take(size), start);
    else if (type === 1) this.buf.fill(q.take(1)[0], start, start + size);
    else {
      const blk = this.blk;
      blk.set(q.take(size), 0);
      blk.fill(0, size, size + PAD);
      this.compressed(blk, size);
    }
    const n = type === 2 ? this.pos - start : size;
    this.pos = start + n;
    this.frameOut += n;
    if (this.pos >= this.stopAt) this.state = 'done';
    else if (last) this.endFrame();
    return 0;
  }

  private endFrame(): void {
    if (this.contentSize >= 0 && this.contentSize !== this.frameOut) {
      this.onProblem?.(`zstd: the frame declares ${this.contentSize} bytes of content and holds ${this.frameOut}`);
    }
    this.frames++;
    this.state = this.checksum ? 'checksum' : 'magic';
  }

  /** A compressed block `b[0, size)`: its literals, then its sequences executed into the window. */
  private compressed(b: Uint8Array, size: number): void {
    const p = this.literals(b, 0, size);
    this.sequences(b, p, size);
  }

  private literals(b: Uint8Array, p: number, end: number): number {
    if (p >= end) fail('empty compressed block');
    const h0 = b[p];
    const type = h0 & 3;
    const sf = (h0 >>> 2) & 3;
    if (type <= 1) {
      // Raw or RLE literals: 5, 12 or 20 bits of size.
      const hl = (sf & 1) === 0 ? 1 : sf === 1 ? 2 : 3;
      if (p + hl > end) fail('truncated literals header');
      const size = hl === 1 ? h0 >>> 3 : hl === 2 ? (h0 >>> 4) | (b[p + 1] << 4) : (h0 >>> 4) | (b[p + 1] << 4) | (b[p + 2] << 12);
      if (size > BLOCK_MAX) fail('literals larger than a block');
      p += hl;
      if (type === 0) {
        if (p + size > end) fail('truncated raw literals');
        this.litArr = b;
        this.litAt = p;
        this.litLen = size;
        return p + size;
      }
      if (p >= end) fail('truncated RLE literals');
      this.lit.fill(b[p], 0, size);
      this.litArr = this.lit;
      this.litAt = 0;
      this.litLen = size;
      return p + 1;
    }
    // Huffman-coded literals (a new tree, or the previous one): sizes of 10, 14 or 18 bits.
    const hl = sf <= 1 ? 3 : sf === 2 ? 4 : 5;
    if (p + hl > end) fail('truncated literals header');
    let regen: number;
    let comp: number;
    if (hl === 3) {
      regen = (h0 >>> 4) | ((b[p + 1] & 0x3f) << 4);
      comp = (b[p + 1] >>> 6) | (b[p + 2] << 2);
    } else if (hl === 4) {
      regen = (h0 >>> 4) | (b[p + 1] << 4) | ((b[p + 2] & 3) << 12);
      comp = (b[p + 2] >>> 2) | (b[p + 3] << 6);
    } else {
      regen = (h0 >>> 4) | (b[p + 1] << 4) | ((b[p + 2] & 0x3f) << 12);
      comp = (b[p + 2] >>> 6) | (b[p + 3] << 2) | (b[p + 4] << 10);
    }
    p += hl;
    const cend = p + comp;
    if (cend > end) fail('truncated compressed literals');
    if (regen > BLOCK_MAX) fail('literals larger than a block');
    if (type === 2) {
      p = readHuffman(b, p, cend, this.bits, this.huf);
      this.hufReady = true;
    } else if (!this.hufReady) fail('treeless literals without a previous Huffman tree');
    const out = this.lit;
    if (sf === 0) huffmanStream(b, p, cend, this.huf, out, 0, regen);
    else {
      if (p + 6 > cend) fail('truncated literals jump table');
      const s1 = b[p] | (b[p + 1] << 8);
      const s2 = b[p + 2] | (b[p + 3] << 8);
      const s3 = b[p + 4] | (b[p + 5] << 8);
      const a = p + 6;
      const e1 = a + s1;
      const e2 = e1 + s2;
      const e3 = e2 + s3;
      if (e3 > cend) fail('literals jump table points past the literals');
      const seg = (regen + 3) >>> 2;
      if (seg * 3 > regen) fail('too few literals for four streams');
      huffmanStream(b, a, e1, this.huf, out, 0, seg);
      huffmanStream(b, e1, e2, this.huf, out, seg, seg);
      huffmanStream(b, e2, e3, this.huf, out, 2 * seg, seg);
      huffmanStream(b, e3, cend, this.huf, out, 3 * seg, regen - 3 * seg);
    }
    this.litArr = out;
    this.litAt = 0;
    this.litLen = regen;
    return cend;
  }

  /** The table of one slot for this block: predefined, RLE, described (FSE) or the previous one. */
  private table(s: Slot, mode: number, b: Uint8Array, p: number, end: number): number {
    if (mode === 0) s.cur = s.predefined;
    else if (mode === 1) {
      if (p >= end) fail(`truncated RLE table for ${s.what}`);
      const sym = b[p++];
      if (sym > s.maxSym) fail(`RLE code ${sym} is out of range for ${s.what}`);
      s.rle.sym[0] = sym;
      s.rle.log = 0;
      s.cur = s.rle;
    } else if (mode === 2) {
      p = readFse(b, p, end, s.maxLog, s.maxSym, s.own);
      s.cur = s.own;
    } else if (!s.cur) fail(`repeated table for ${s.what} without a previous one`);
    return p;
  }

  private sequences(b: Uint8Array, p: number, end: number): void {
    if (p >= end) fail('missing sequences section');
    let nbSeq = b[p++];
    if (nbSeq === 255) {
      if (p + 2 > end) fail('truncated sequences header');
      nbSeq = b[p] + (b[p + 1] << 8) + 0x7f00;
      p += 2;
    } else if (nbSeq >= 128) {
      if (p >= end) fail('truncated sequences header');
      nbSeq = ((nbSeq - 128) << 8) + b[p++];
    }
    const start = this.pos;
    const limit = start + this.blockMax;
    const buf = this.buf;
    const lit = this.litArr;
    let la = this.litAt;
    const lend = la + this.litLen;
    let o = start;
    if (nbSeq > 0) {
      if (p >= end) fail('truncated sequences header');
      const modes = b[p++];
      if (modes & 3) fail('sequences header has reserved bits set');
      p = this.table(this.ll, modes >>> 6, b, p, end);
      p = this.table(this.of, (modes >>> 4) & 3, b, p, end);
      p = this.table(this.ml, (modes >>> 2) & 3, b, p, end);
      const ll = this.ll.cur as Fse;
      const of = this.of.cur as Fse;
      const ml = this.ml.cur as Fse;
      // The bitstream, read backwards: `bp` bits are left before the stream's start at `p`.
      let bp = streamBits(b, p, end, 'sequences bitstream');
      const bs = p;
      bp -= ll.log;
      let llS = peekBits(b, bs, bp, ll.log);
      bp -= of.log;
      let ofS = peekBits(b, bs, bp, of.log);
      bp -= ml.log;
      let mlS = peekBits(b, bs, bp, ml.log);
      let r1 = this.rep1;
      let r2 = this.rep2;
      let r3 = this.rep3;
      // A match may reach back to the frame's start, and no further than the window.
      const frameStart = start - this.frameOut;
      const window = this.windowSize;
      const stopAt = this.stopAt;
      const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      const lv = new DataView(lit.buffer, lit.byteOffset, lit.byteLength);
      for (let k = 0; k < nbSeq; k++) {
        const ofCode = of.sym[ofS];
        const mlCode = ml.sym[mlS];
        const llCode = ll.sym[llS];
        let ofv: number;
        if (ofCode <= 24) {
          bp -= ofCode;
          ofv = (1 << ofCode) + peekBits(b, bs, bp, ofCode);
        } else {
          bp -= ofCode - 24;
          const hi = peekBits(b, bs, bp, ofCode - 24);
          bp -= 24;
          ofv = 2 ** ofCode + hi * 0x1000000 + peekBits(b, bs, bp, 24);
        }
        let n = ML_BITS[mlCode];
        bp -= n;
        const mlv = ML_BASE[mlCode] + peekBits(b, bs, bp, n);
        n = LL_BITS[llCode];
        bp -= n;
        const llv = LL_BASE[llCode] + peekBits(b, bs, bp, n);
        if (k + 1 < nbSeq) {
          n = ll.nb[llS];
          bp -= n;
          llS = ll.base[llS] + peekBits(b, bs, bp, n);
          n = ml.nb[mlS];
          bp -= n;
          mlS = ml.base[mlS] + peekBits(b, bs, bp, n);
          n = of.nb[ofS];
          bp -= n;
          ofS = of.base[ofS] + peekBits(b, bs, bp, n);
        }
        let off: number;
        if (ofv > 3) {
          r3 = r2;
          r2 = r1;
          r1 = off = ofv - 3;
        } else {
          const idx = ofv - 1 + (llv === 0 ? 1 : 0);
          if (idx === 0) off = r1;
          else {
            off = idx === 1 ? r2 : idx === 2 ? r3 : r1 - 1;
            if (idx !== 1) r3 = r2;
            r2 = r1;
            r1 = off;
          }
        }
        if (llv > lend - la) fail('a sequence needs more literals than the block holds');
        if (o + llv + mlv > limit) fail('zstd block decodes past its maximum size');
        // Four bytes at a time through DataViews (unaligned): up to 3 bytes past the copy are written
        // and overwritten next (the buffers have PAD bytes of room).
        for (let j = 0; j < llv; j += 4) dv.setUint32(o + j, lv.getUint32(la + j, true), true);
        o += llv;
        la += llv;
        if (off === 0 || off > o - frameStart || off > window) fail('match offset reaches before the window');
        const s = o - off;
        if (off >= 4) {
          // Four bytes at a time reads only bytes already written, overlapping or not.
          if (mlv < 64 || off < mlv) for (let j = 0; j < mlv; j += 4) dv.setUint32(o + j, dv.getUint32(s + j, true), true);
          else buf.copyWithin(o, s, s + mlv);
        } else if (off === 1) buf.fill(buf[s], o, o + mlv);
        else for (let j = 0; j < mlv; j++) buf[o + j] = buf[s + j];
        o += mlv;
        if (o >= stopAt) {
          this.pos = o;
          return;
        }
      }
      if (bp !== 0) fail('sequences bitstream is not consumed exactly');
      this.rep1 = r1;
      this.rep2 = r2;
      this.rep3 = r3;
    } else if (p !== end) fail('bytes after an empty sequences section');
    const rest = lend - la;
    if (o + rest > limit) fail('zstd block decodes past its maximum size');
    buf.set(lit.subarray(la, lend), o);
    this.pos = o + rest;
  }

  /** Hands on the output not handed on yet, within the limits. */
  *flush(budget: OutputBudget): Generator<Uint8Array> {
    const n = this.pos - this.flushed;
    if (n === 0) return;
    const give = budget.fits(n);
    const out = this.buf.slice(this.flushed, this.flushed + give);
    this.flushed = this.pos;
    if (give) yield out;
    budget.spend(n);
  }

  /** Steps through the queued input, handing on output every `FLUSH` bytes: 0 when done, else the bytes it needs. */
  *run(q: ByteQueue, budget: OutputBudget): Generator<Uint8Array, number> {
    for (;;) {
      budget.checkTime();
      const need = this.step(q);
      if (this.pos - this.flushed >= FLUSH || this.state === 'done') yield* this.flush(budget);
      if (this.state === 'done') return 0;
      if (need > 0) return need;
    }
  }

  /** The input ended: what is left is handed on, then a truncated stream is an error. */
  *finish(q: ByteQueue, budget: OutputBudget): Generator<Uint8Array> {
    yield* this.flush(budget);
    this.end(q);
  }
}

const limitError = (m: string) => new ZstdError(m, 'limit');

/**
 * Streams the decompressed bytes of the zstd frames (and skippable frames) read from `input`. Throws
 * `ZstdError` on malformed input (`kind` malformed), a frame needing a dictionary or a window past
 * `maxWindow` (`unsupported`) and an output limit (`limit`: size, ratio, time); `onProblem` hears what
 * is wrong but does not stop decoding
 * (a content size that differs from the output, bytes after the last frame).
 */
export async function* unzstd(input: AsyncIterable<Uint8Array>, limits: ZstdLimits, onProblem?: (message: string) => void): AsyncGenerator<Uint8Array> {
  const src = new Input(input);
  const budget = new OutputBudget(limits, () => src.consumed, limitError);
  const dec = new ZstdDecoder(limits.maxWindow ?? ZSTD_MAX_WINDOW, onProblem);
  for (;;) {
    const need = yield* dec.run(src, budget);
    if (need === 0) return;
    if (!(await src.need(need))) {
      yield* dec.finish(src, budget);
      return;
    }
  }
}

/** The decompressed bytes of a zstd stream held in memory (a 7z folder), as `unzstd` gives them. */
export function* unzstdSync(data: Uint8Array, limits: ZstdLimits, onProblem?: (message: string) => void): Generator<Uint8Array> {
  const q = new ByteQueue();
  q.push(data);
  const budget = new OutputBudget(limits, () => q.consumed, limitError);
  const dec = new ZstdDecoder(limits.maxWindow ?? ZSTD_MAX_WINDOW, onProblem);
  if ((yield* dec.run(q, budget)) > 0) yield* dec.finish(q, budget);
}

/**
 * The first decompressed bytes (at most `max`) that a zstd head (a file's first bytes, cut anywhere)
 * holds: its first frames' blocks, as far as the head holds them whole (a raw block as far as it goes;
 * sequences are executed only up to `max`). Any window size is taken: only `max` bytes are kept. Empty
 * when the head is no zstd stream; never throws.
 */
export function zstdHead(head: Uint8Array, max = 4096): Uint8Array {
  const dec = new ZstdDecoder(Number.POSITIVE_INFINITY);
  dec.stopAt = max;
  dec.partial = true;
  const q = new ByteQueue();
  q.push(head);
  try {
    while (dec.state !== 'done' && dec.pos < max && dec.step(q) === 0);
  } catch {
    // what decoded before the damage
  }
  return dec.buf.slice(0, Math.min(dec.pos, max));
}

/** Whether some bytes start a zstd stream: a frame, or a skippable frame (pzstd writes one first). */
export function isZstdMagic(head: Uint8Array, at = 0): boolean {
  if (head.length < at + 4) return false;
  const m = u32(head, at);
  return m === MAGIC || (m >= 0x184d2a50 && m <= 0x184d2a5f);
}
