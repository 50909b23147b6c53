/**
 * Bounded-memory byte access. Files are read with positioned reads (headers, zip central
 * directories) or streamed in chunks; decompression is streamed with output limits.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { OutputBudget } from './byte-stream.js';
import { unzstd, ZstdError } from './zstd.js';

export const CHUNK = 1 << 20;

/** The longest delay a Node.js timer takes (2^31 − 1 ms, 24.8 days); longer ones fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay for `setTimeout`: a time limit of any size (1e308 ms too) becomes one the timer keeps. */
export function timerDelay(ms: number): number {
  return Number.isNaN(ms) ? MAX_TIMER_MS : Math.min(Math.max(0, ms), MAX_TIMER_MS);
}

/** Random access to a byte range (a file, a slice of it, or memory). */
export interface RandomAccess {
  readonly size: number;
  /** Reads up to `length` bytes at `position` (fewer at the end). */
  read(position: number, length: number): Promise<Uint8Array>;
}

export class FileAccess implements RandomAccess {
  private constructor(private readonly fh: FileHandle, readonly size: number) {}

  static async open(path: string): Promise<FileAccess> {
    const fh = await open(path, 'r');
    const st = await fh.stat();
    return new FileAccess(fh, st.size);
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    if (position >= this.size || length <= 0) return new Uint8Array(0);
    const len = Math.min(length, this.size - position);
    const buf = Buffer.allocUnsafe(len);
    let done = 0;
    while (done < len) {
      const { bytesRead } = await this.fh.read(buf, done, len - done, position + done);
      if (!bytesRead) break;
      done += bytesRead;
    }
    return done === len ? buf : buf.subarray(0, done);
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

export class BufferAccess implements RandomAccess {
  constructor(private readonly data: Uint8Array) {}
  get size(): number {
    return this.data.length;
  }
  /** All the bytes (offsets are `read` positions). */
  get bytes(): Uint8Array {
    return this.data;
  }
  async read(position: number, length: number): Promise<Uint8Array> {
    return this.data.subarray(Math.min(position, this.data.length), Math.min(position + Math.max(0, length), this.data.length));
  }
}

export class SliceAccess implements RandomAccess {
  readonly size: number;
  constructor(private readonly parent: RandomAccess, private readonly offset: number, size: number) {
    this.size = Math.max(0, Math.min(size, parent.size - offset));
  }
  read(position: number, length: number): Promise<Uint8Array> {
    if (position >= this.size) return Promise.resolve(new Uint8Array(0));
    return this.parent.read(this.offset + position, Math.min(length, this.size - position));
  }
}

const EMPTY = new Uint8Array(0);
const MIN_WINDOW = 8 << 10;

/**
 * Reads through a buffer. Walking a structure (protobuf tags, ONNX nodes, zip local headers, tar
 * headers) makes many small positioned reads, each a round trip through the thread pool: served
 * from one window read ahead instead, they cost a copy. A miss reads a window at the position:
 * 8 KiB after a jump (a reader skipping tensor data reads little), doubling up to `maxWindow` (1 MiB)
 * while misses follow on. A read of `maxWindow` or more goes to the file, and is kept as the window
 * when at most `keepMax` bytes (4 MiB: a message decoded in memory, whose sub-messages are read next).
 * Memory: one window.
 */
export class BufferedAccess implements RandomAccess {
  private start = 0;
  private window: Uint8Array = EMPTY;
  private ahead = MIN_WINDOW;

  constructor(private readonly parent: RandomAccess, private readonly maxWindow = CHUNK, private readonly keepMax = 4 * CHUNK) {}

  get size(): number {
    return this.parent.size;
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    const size = this.parent.size;
    if (position >= size || length <= 0) return EMPTY;
    const len = Math.min(length, size - position);
    const off = position - this.start;
    if (off >= 0 && off + len <= this.window.length) return this.window.subarray(off, off + len);
    if (len >= this.maxWindow) {
      const b = await this.parent.read(position, len);
      if (b.length <= this.keepMax) this.keep(position, b);
      return b;
    }
    // Reading on from the window (a record across its end, or just past it) doubles the next one.
    const end = this.start + this.window.length;
    this.ahead = this.window.length && position >= this.start && position < end + this.ahead ? Math.min(this.ahead * 2, this.maxWindow) : MIN_WINDOW;
    const b = await this.parent.read(position, Math.max(len, this.ahead));
    this.keep(position, b);
    return b.subarray(0, len);
  }

  private keep(position: number, b: Uint8Array): void {
    this.start = position;
    this.window = b;
  }
}

/**
 * Random access for walking a structure: the whole content in memory when it is at most `wholeMax`
 * bytes, else read through a window (`BufferedAccess`).
 */
export async function forWalking(ra: RandomAccess, wholeMax: number): Promise<RandomAccess> {
  if (ra instanceof BufferAccess || ra instanceof BufferedAccess) return ra;
  if (ra.size <= wholeMax) return new BufferAccess(await ra.read(0, ra.size));
  return new BufferedAccess(ra);
}

/** Streams a range in chunks. */
export async function* chunksOf(ra: RandomAccess, start = 0, end = ra.size, chunk = CHUNK): AsyncGenerator<Uint8Array> {
  for (let pos = start; pos < end; ) {
    const b = await ra.read(pos, Math.min(chunk, end - pos));
    if (!b.length) return;
    pos += b.length;
    yield b;
  }
}

export async function sha256Of(ra: RandomAccess): Promise<string> {
  const h = createHash('sha256');
  for await (const c of chunksOf(ra, 0, ra.size, 4 * CHUNK)) h.update(c);
  return h.digest('hex');
}

export type Compression = 'gzip' | 'zlib' | 'deflate-raw' | 'bz2' | 'xz' | 'lzma' | 'lz4' | 'zstd';

export class LimitError extends Error {}

export interface DecompressLimits {
  maxBytes: number;
  maxRatio: number;
  deadline: number;
}

/**
 * Streams decompressed output (gzip, zlib and raw deflate through Node's zlib; zstd through `zstd.ts`).
 * Throws LimitError when output exceeds `maxBytes`, or `maxRatio` times the input read so far (zip
 * bombs), or the deadline passes. A corrupt stream ends the output where the damage is and `onError`
 * hears it (`malformed`), as it hears a zstd frame that is not decoded (`unsupported`: one that needs
 * its dictionary, or a window past 128 MiB).
 */
export async function* decompress(
  input: AsyncIterable<Uint8Array>,
  kind: Compression,
  limits: DecompressLimits,
  onError?: (message: string, kind: 'malformed' | 'unsupported') => void,
): AsyncGenerator<Uint8Array> {
  if (kind === 'zstd') {
    try {
      yield* unzstd(input, limits, (m) => onError?.(m, 'malformed'));
    } catch (error) {
      if (!(error instanceof ZstdError)) throw error;
      if (error.kind === 'limit') throw new LimitError(`zstd: ${error.message}`);
      onError?.(`zstd: ${error.message}`, error.kind);
    }
    return;
  }
  let stream: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw;
  if (kind === 'gzip') stream = zlib.createGunzip();
  else if (kind === 'zlib') stream = zlib.createInflate();
  else if (kind === 'deflate-raw') stream = zlib.createInflateRaw();
  else throw new LimitError(`${kind} decompression is not supported`);
  let inBytes = 0;
  const counting = async function* () {
    for await (const c of input) {
      inBytes += c.length;
      yield c;
    }
  };
  const src = Readable.from(counting());
  src.on('error', (e) => stream.destroy(e));
  src.pipe(stream);
  const budget = new OutputBudget(limits, () => inBytes, (m) => new LimitError(m));
  try {
    for await (const c of stream as AsyncIterable<Buffer>) {
      budget.spend(c.length);
      yield c;
    }
  } catch (error) {
    if (error instanceof LimitError) throw error;
    onError?.(`${kind} stream is corrupt: ${(error as Error).message}`, 'malformed');
  } finally {
    src.destroy();
    stream.destroy();
  }
}

/** Reads a stream fully into memory up to `max` bytes (for nested archives that need random access). */
export async function collect(input: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of input) {
    total += c.length;
    if (total > max) throw new LimitError(`nested content larger than ${max} bytes cannot be buffered`);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

/** Peeks at the first `n` bytes of a stream and returns them with a stream that still yields everything. */
export async function peek(
  input: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const it = input[Symbol.asyncIterator]();
  const got: Uint8Array[] = [];
  let len = 0;
  let finished = false;
  while (len < n) {
    const r = await it.next();
    if (r.done) {
      finished = true;
      break;
    }
    got.push(r.value);
    len += r.value.length;
  }
  const head = Buffer.concat(got).subarray(0, n);
  async function* rest(): AsyncGenerator<Uint8Array> {
    for (const g of got) yield g;
    if (finished) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, stream: rest() };
}
