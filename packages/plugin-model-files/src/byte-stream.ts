/**
 * What the streaming decoders of our own (`lz4.ts`, `zstd.ts`, `bzip2.ts`) share: a byte queue over
 * the compressed input, and the output limits they enforce (size, ratio against the input read,
 * deadline), with the same messages as Node's zlib streams in `io.ts`.
 */

/**
 * Bytes queued as they come. Chunks are kept in a list until `has` needs more than the current buffer
 * holds and joined once, when the bytes are there: buffering a block from small chunks (a nested
 * stream arrives in zlib's 16 KiB) copies each byte once, not once per chunk.
 */
export class ByteQueue {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Chunks queued after `buf`, not joined yet, and their length. */
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  /** Bytes taken so far. */
  consumed = 0;
  /** Bytes copied to join chunks (for tests: linear in the input). */
  copied = 0;

  /** Bytes contiguous in the buffer now. */
  get available(): number {
    return this.buf.length - this.pos;
  }

  /** Bytes queued in all. */
  get queued(): number {
    return this.available + this.pendingLength;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
  }

  /** Whether `n` bytes are queued, made contiguous for `take`. */
  has(n: number): boolean {
    if (this.available < n && this.pendingLength > 0) this.join();
    return this.available >= n;
  }

  /** What is left of `buf` and the pending chunks, as one buffer (a lone chunk is used as it is). */
  private join(): void {
    const rest = this.buf.subarray(this.pos);
    if (rest.length === 0 && this.pending.length === 1) this.buf = this.pending[0];
    else {
      const next = new Uint8Array(rest.length + this.pendingLength);
      next.set(rest, 0);
      let at = rest.length;
      for (const c of this.pending) {
        next.set(c, at);
        at += c.length;
      }
      this.copied += next.length;
      this.buf = next;
    }
    this.pos = 0;
    this.pending = [];
    this.pendingLength = 0;
  }

  /** The next `n` bytes (after `has(n)`), left queued: a view valid until the next `has` or `take`. */
  peek(n: number): Uint8Array {
    return this.buf.subarray(this.pos, this.pos + n);
  }

  /** The next `n` bytes (after `has(n)`), a view valid until the next `has` or `push`. */
  take(n: number): Uint8Array {
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.consumed += n;
    return v;
  }
}

/** A byte queue filled from an async iterable as its reader asks (`need`). */
export class Input extends ByteQueue {
  private done = false;
  private readonly it: AsyncIterator<Uint8Array>;
  constructor(input: AsyncIterable<Uint8Array>) {
    super();
    this.it = input[Symbol.asyncIterator]();
  }
  /** Buffers `n` contiguous bytes; false when the input ends first. */
  async need(n: number): Promise<boolean> {
    while (this.queued < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.push(r.value);
    }
    return this.has(n);
  }
  async skip(n: number): Promise<boolean> {
    while (n > 0) {
      if (!(await this.need(Math.min(n, 1 << 20)))) return false;
      const k = Math.min(n, this.available);
      this.take(k);
      n -= k;
    }
    return true;
  }
}

export interface StreamLimits {
  maxBytes: number;
  /** Decompressed / compressed ratio above which the stream is treated as a bomb (checked past 1 MiB). */
  maxRatio?: number;
  deadline: number;
}

/**
 * A decoder's output count against its limits. `spend` throws the decoder's own error (`fail`) with
 * `… exceeds …` or `time limit …` in its message, which is how callers tell a limit from corruption.
 */
export class OutputBudget {
  total = 0;
  constructor(
    private readonly limits: StreamLimits,
    /** Compressed bytes read so far (for the ratio). */
    private readonly consumed: () => number,
    private readonly fail: (message: string) => Error,
  ) {}

  /** How much of `n` more bytes fits under `maxBytes` (handed on before `spend` stops the stream). */
  fits(n: number): number {
    return Math.min(n, Math.max(0, this.limits.maxBytes - this.total));
  }

  spend(n: number): void {
    this.total += n;
    const { maxBytes, maxRatio } = this.limits;
    if (this.total > maxBytes) throw this.fail(`decompressed size exceeds ${maxBytes} bytes`);
    if (maxRatio !== undefined && this.total > 1 << 20 && this.total > maxRatio * Math.max(this.consumed(), 1)) {
      throw this.fail(`compression ratio exceeds ${maxRatio}:1 (possible decompression bomb)`);
    }
    this.checkTime();
  }

  checkTime(): void {
    if (Date.now() > this.limits.deadline) throw this.fail('time limit reached while decompressing');
  }
}
