/**
 * LZMA decoding for `.xz` (LZMA2 in the xz container) and `.lzma` ("lzma-alone", joblib's `lzma`
 * compressor). Node has neither. This follows the reference decoder (LzmaSpec) closely: a range
 * decoder, adaptive bit models, literal/match/rep decoding into a dictionary window. The
 * compressed input is held in memory (bounded by the caller), output is produced in slices so
 * it streams into the pickle scanner; memory is the dictionary size (capped) plus one slice.
 * Checksums are not verified: the scanner only needs the bytes.
 */

export class LzmaError extends Error {}

const MAX_DICT = 64 << 20; // xz -9 uses 64 MiB

class RangeDecoder {
  range = 0xffffffff;
  code = 0;
  pos: number;
  constructor(private readonly buf: Uint8Array, pos: number, private readonly end: number) {
    this.pos = pos;
    if (this.byte() !== 0) throw new LzmaError('corrupt range coder header');
    for (let i = 0; i < 4; i++) this.code = ((this.code << 8) | this.byte()) >>> 0;
    if (this.code === this.range) throw new LzmaError('corrupt range coder header');
  }
  byte(): number {
    if (this.pos >= this.end) throw new LzmaError('unexpected end of LZMA data');
    return this.buf[this.pos++];
  }
  normalize(): void {
    if (this.range < 0x1000000) {
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.byte()) >>> 0;
    }
  }
  bit(probs: Uint16Array, i: number): number {
    const v = probs[i];
    const bound = (this.range >>> 11) * v;
    let sym: number;
    if (this.code < bound) {
      probs[i] = v + ((2048 - v) >>> 5);
      this.range = bound >>> 0;
      sym = 0;
    } else {
      probs[i] = v - (v >>> 5);
      this.code = (this.code - bound) >>> 0;
      this.range = (this.range - bound) >>> 0;
      sym = 1;
    }
    this.normalize();
    return sym;
  }
  direct(numBits: number): number {
    let res = 0;
    for (; numBits > 0; numBits--) {
      this.range >>>= 1;
      let bit = 0;
      if (this.code >= this.range) {
        this.code = (this.code - this.range) >>> 0;
        bit = 1;
      }
      res = ((res << 1) | bit) >>> 0;
      this.normalize();
    }
    return res;
  }
  finishedOk(): boolean {
    return this.code === 0;
  }
}

function tree(rc: RangeDecoder, probs: Uint16Array, base: number, numBits: number): number {
  let m = 1;
  for (let i = 0; i < numBits; i++) m = (m << 1) + rc.bit(probs, base + m);
  return m - (1 << numBits);
}

function reverseTree(rc: RangeDecoder, probs: Uint16Array, base: number, numBits: number): number {
  let m = 1;
  let sym = 0;
  for (let i = 0; i < numBits; i++) {
    const bit = rc.bit(probs, base + m);
    m = (m << 1) + bit;
    sym |= bit << i;
  }
  return sym;
}

class LenDecoder {
  choice = new Uint16Array(2).fill(1024);
  low = new Uint16Array(16 << 3).fill(1024);
  mid = new Uint16Array(16 << 3).fill(1024);
  high = new Uint16Array(256).fill(1024);
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.choice, 0) === 0) return tree(rc, this.low, posState << 3, 3);
    if (rc.bit(this.choice, 1) === 0) return 8 + tree(rc, this.mid, posState << 3, 3);
    return 16 + tree(rc, this.high, 0, 8);
  }
}

/** The LZMA decoder state (probabilities, reps, dictionary); LZMA2 resets parts of it per chunk. */
class LzmaState {
  lc = 0;
  lp = 0;
  pb = 0;
  dict: Uint8Array;
  dictPos = 0;
  full = false;
  total = 0;
  state = 0;
  reps = [0, 0, 0, 0];
  literal!: Uint16Array;
  isMatch!: Uint16Array;
  isRep!: Uint16Array;
  isRepG0!: Uint16Array;
  isRepG1!: Uint16Array;
  isRepG2!: Uint16Array;
  isRep0Long!: Uint16Array;
  posSlot!: Uint16Array;
  posDecoders!: Uint16Array;
  align!: Uint16Array;
  len!: LenDecoder;
  repLen!: LenDecoder;
  /** Bytes of a match still to copy (a match can straddle output slices). */
  pendingLen = 0;

  constructor(dictSize: number) {
    if (dictSize > MAX_DICT) throw new LzmaError(`dictionary of ${dictSize} bytes is larger than the ${MAX_DICT}-byte limit`);
    this.dict = new Uint8Array(Math.max(dictSize, 4096));
  }

  setProps(props: number): void {
    if (props >= 9 * 5 * 5) throw new LzmaError('bad LZMA properties');
    this.lc = props % 9;
    props = Math.floor(props / 9);
    this.lp = props % 5;
    this.pb = Math.floor(props / 5);
  }

  resetProbs(): void {
    this.literal = new Uint16Array(0x300 << (this.lc + this.lp)).fill(1024);
    this.isMatch = new Uint16Array(12 << 4).fill(1024);
    this.isRep = new Uint16Array(12).fill(1024);
    this.isRepG0 = new Uint16Array(12).fill(1024);
    this.isRepG1 = new Uint16Array(12).fill(1024);
    this.isRepG2 = new Uint16Array(12).fill(1024);
    this.isRep0Long = new Uint16Array(12 << 4).fill(1024);
    this.posSlot = new Uint16Array(4 << 6).fill(1024);
    this.posDecoders = new Uint16Array(115).fill(1024);
    this.align = new Uint16Array(16).fill(1024);
    this.len = new LenDecoder();
    this.repLen = new LenDecoder();
    this.state = 0;
    this.reps = [0, 0, 0, 0];
    this.pendingLen = 0;
  }

  resetDict(): void {
    this.dictPos = 0;
    this.full = false;
    this.total = 0;
  }

  getByte(dist: number): number {
    const i = this.dictPos - dist;
    return this.dict[i < 0 ? i + this.dict.length : i];
  }

  put(b: number, out: Uint8Array, o: number): void {
    this.dict[this.dictPos++] = b;
    if (this.dictPos === this.dict.length) {
      this.dictPos = 0;
      this.full = true;
    }
    this.total++;
    out[o] = b;
  }

  /**
   * Decodes into out[o..limit) until `remaining` bytes are produced, the output slice is full, or
   * an end marker. Returns the new output offset; `remaining` is updated by the caller.
   */
  decode(rc: RangeDecoder, out: Uint8Array, o: number, limit: number, remaining: number, allowEndMarker: boolean): { o: number; end: boolean } {
    const stop = Math.min(limit, o + remaining);
    while (this.pendingLen > 0 && o < stop) {
      this.put(this.getByte(this.reps[0] + 1), out, o++);
      this.pendingLen--;
    }
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    while (o < stop) {
      const posState = this.total & pbMask;
      const st = this.state;
      if (rc.bit(this.isMatch, (st << 4) + posState) === 0) {
        const prev = this.total || this.full ? this.getByte(1) : 0;
        const litState = ((this.total & lpMask) << this.lc) + (prev >>> (8 - this.lc));
        const base = 0x300 * litState;
        let sym = 1;
        if (st >= 7) {
          let matchByte = this.getByte(this.reps[0] + 1);
          do {
            const matchBit = (matchByte >>> 7) & 1;
            matchByte <<= 1;
            const bit = rc.bit(this.literal, base + ((1 + matchBit) << 8) + sym);
            sym = (sym << 1) | bit;
            if (matchBit !== bit) break;
          } while (sym < 0x100);
        }
        while (sym < 0x100) sym = (sym << 1) | rc.bit(this.literal, base + sym);
        this.put(sym - 0x100, out, o++);
        this.state = st < 4 ? 0 : st < 10 ? st - 3 : st - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this.isRep, st) !== 0) {
        if (!this.total && !this.full) throw new LzmaError('rep match in an empty dictionary');
        if (rc.bit(this.isRepG0, st) === 0) {
          if (rc.bit(this.isRep0Long, (st << 4) + posState) === 0) {
            this.state = st < 7 ? 9 : 11;
            this.put(this.getByte(this.reps[0] + 1), out, o++);
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this.isRepG1, st) === 0) dist = this.reps[1];
          else {
            if (rc.bit(this.isRepG2, st) === 0) dist = this.reps[2];
            else {
              dist = this.reps[3];
              this.reps[3] = this.reps[2];
            }
            this.reps[2] = this.reps[1];
          }
          this.reps[1] = this.reps[0];
          this.reps[0] = dist;
        }
        len = this.repLen.decode(rc, posState);
        this.state = st < 7 ? 8 : 11;
      } else {
        this.reps[3] = this.reps[2];
        this.reps[2] = this.reps[1];
        this.reps[1] = this.reps[0];
        len = this.len.decode(rc, posState);
        this.state = st < 7 ? 7 : 10;
        const dist = this.distance(rc, len);
        if (dist === 0xffffffff) {
          if (!allowEndMarker) throw new LzmaError('unexpected end marker');
          return { o, end: true };
        }
        this.reps[0] = dist;
        if (dist >= this.dict.length || (!this.full && dist >= this.total)) throw new LzmaError('match distance beyond the dictionary');
      }
      len += 2;
      while (len > 0 && o < stop) {
        this.put(this.getByte(this.reps[0] + 1), out, o++);
        len--;
      }
      this.pendingLen = len;
    }
    return { o, end: false };
  }

  private distance(rc: RangeDecoder, len: number): number {
    const lenState = len > 3 ? 3 : len;
    const slot = tree(rc, this.posSlot, lenState << 6, 6);
    if (slot < 4) return slot;
    const numDirect = (slot >>> 1) - 1;
    let dist = ((2 | (slot & 1)) << numDirect) >>> 0;
    if (slot < 14) dist = (dist + reverseTree(rc, this.posDecoders, dist - slot, numDirect)) >>> 0;
    else {
      dist = (dist + ((rc.direct(numDirect - 4) << 4) >>> 0)) >>> 0;
      dist = (dist + reverseTree(rc, this.align, 0, 4)) >>> 0;
    }
    return dist;
  }
}

export interface LzmaLimits {
  maxBytes: number;
  deadline: number;
}

const SLICE = 1 << 20;

/** Decodes a complete `.lzma` (lzma-alone) buffer, yielding output slices. */
export function* unlzmaAlone(buf: Uint8Array, limits: LzmaLimits): Generator<Uint8Array> {
  if (buf.length < 13) throw new LzmaError('truncated .lzma header');
  const dictSize = (buf[1] | (buf[2] << 8) | (buf[3] << 16)) + buf[4] * 0x1000000;
  let size = 0;
  let known = false;
  for (let i = 0; i < 8; i++) if (buf[5 + i] !== 0xff) known = true;
  if (known) for (let i = 7; i >= 0; i--) size = size * 256 + buf[5 + i];
  const st = new LzmaState(dictSize);
  st.setProps(buf[0]);
  st.resetProbs();
  const rc = new RangeDecoder(buf, 13, buf.length);
  let remaining = known ? size : Number.POSITIVE_INFINITY;
  let total = 0;
  while (remaining > 0) {
    const out = new Uint8Array(SLICE);
    const r = st.decode(rc, out, 0, SLICE, remaining, true);
    total += r.o;
    if (total > limits.maxBytes) throw new LzmaError(`decompressed size exceeds ${limits.maxBytes} bytes`);
    if (Date.now() > limits.deadline) throw new LzmaError('time limit reached while decompressing');
    if (r.o) yield out.subarray(0, r.o);
    remaining -= r.o;
    if (r.end) break;
  }
}

function varint(buf: Uint8Array, p: { i: number }, end: number): number {
  let v = 0;
  let mul = 1;
  for (let k = 0; k < 9; k++) {
    if (p.i >= end) throw new LzmaError('truncated xz header');
    const b = buf[p.i++];
    v += (b & 0x7f) * mul;
    if (!(b & 0x80)) return v;
    mul *= 128;
  }
  throw new LzmaError('bad xz varint');
}

/** Decodes a complete `.xz` buffer (LZMA2 filter only), yielding output slices. */
export function* unxz(buf: Uint8Array, limits: LzmaLimits): Generator<Uint8Array> {
  const magic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
  if (buf.length < 12 || magic.some((m, i) => buf[i] !== m)) throw new LzmaError('not an xz stream');
  const check = buf[7] & 0x0f;
  const checkSize = check === 0 ? 0 : check <= 3 ? 4 : check <= 6 ? 8 : check <= 9 ? 16 : check <= 12 ? 32 : 64;
  let pos = 12;
  let total = 0;
  for (;;) {
    if (pos >= buf.length) throw new LzmaError('truncated xz stream');
    const hsize = buf[pos];
    if (hsize === 0) return; // index: no more blocks
    const hend = pos + (hsize + 1) * 4;
    if (hend > buf.length) throw new LzmaError('truncated xz block header');
    const flags = buf[pos + 1];
    const p = { i: pos + 2 };
    if (flags & 0x40) varint(buf, p, hend);
    if (flags & 0x80) varint(buf, p, hend);
    const nFilters = (flags & 3) + 1;
    let dictSize = -1;
    for (let f = 0; f < nFilters; f++) {
      const id = varint(buf, p, hend);
      const psize = varint(buf, p, hend);
      if (id !== 0x21 || f !== nFilters - 1) throw new LzmaError(`xz filter 0x${id.toString(16)} is not supported (only LZMA2)`);
      const d = buf[p.i] & 0x3f;
      if (d > 40) throw new LzmaError('bad LZMA2 dictionary size');
      dictSize = d === 40 ? 0xffffffff : (2 | (d & 1)) * 2 ** (Math.floor(d / 2) + 11);
      p.i += psize;
    }
    pos = hend;
    // LZMA2 chunks
    const st = new LzmaState(Math.min(dictSize, MAX_DICT + 1));
    let needProps = true;
    for (;;) {
      if (pos >= buf.length) throw new LzmaError('truncated LZMA2 data');
      const control = buf[pos++];
      if (control === 0x00) break;
      if (control === 0x01 || control === 0x02) {
        if (pos + 2 > buf.length) throw new LzmaError('truncated LZMA2 chunk');
        const size = ((buf[pos] << 8) | buf[pos + 1]) + 1;
        pos += 2;
        if (control === 0x01) st.resetDict();
        if (pos + size > buf.length) throw new LzmaError('truncated LZMA2 chunk');
        const out = new Uint8Array(size);
        for (let k = 0; k < size; k++) st.put(buf[pos + k], out, k);
        pos += size;
        total += size;
        if (total > limits.maxBytes) throw new LzmaError(`decompressed size exceeds ${limits.maxBytes} bytes`);
        yield out;
        continue;
      }
      if (control < 0x80) throw new LzmaError(`bad LZMA2 control byte 0x${control.toString(16)}`);
      if (pos + 4 > buf.length) throw new LzmaError('truncated LZMA2 chunk');
      const unpacked = ((control & 0x1f) * 65536 + ((buf[pos] << 8) | buf[pos + 1])) + 1;
      const packed = ((buf[pos + 2] << 8) | buf[pos + 3]) + 1;
      pos += 4;
      const reset = (control >>> 5) & 3;
      if (reset === 3) st.resetDict();
      if (reset >= 2) {
        st.setProps(buf[pos++]);
        needProps = false;
      } else if (needProps) throw new LzmaError('LZMA2 chunk without properties');
      if (reset >= 1) st.resetProbs();
      if (pos + packed > buf.length) throw new LzmaError('truncated LZMA2 chunk');
      const rc = new RangeDecoder(buf, pos, pos + packed);
      let remaining = unpacked;
      while (remaining > 0) {
        const out = new Uint8Array(Math.min(SLICE, remaining));
        const r = st.decode(rc, out, 0, out.length, remaining, false);
        if (!r.o) throw new LzmaError('LZMA2 chunk produced no data');
        remaining -= r.o;
        total += r.o;
        if (total > limits.maxBytes) throw new LzmaError(`decompressed size exceeds ${limits.maxBytes} bytes`);
        if (Date.now() > limits.deadline) throw new LzmaError('time limit reached while decompressing');
        yield out.subarray(0, r.o);
      }
      pos += packed;
    }
    // block padding and check
    while (pos % 4) pos++;
    pos += checkSize;
  }
}

/**
 * The first bytes (at most `max`) that the start of an LZMA stream decodes to, for discovery: the
 * input may be cut anywhere, and nothing is thrown (a corrupt or cut stream gives what decoded
 * before it, in steps of 256 bytes). The dictionary is the output's size, all a head needs.
 */
function lzmaHead(st: LzmaState, rc: () => RangeDecoder, out: Uint8Array, o: number, max: number, unpacked: number, endMarker: boolean): number {
  let dec: RangeDecoder;
  try {
    dec = rc();
  } catch {
    return o;
  }
  let remaining = unpacked;
  while (o < max && remaining > 0) {
    try {
      const r = st.decode(dec, out, o, Math.min(max, o + 256), remaining, endMarker);
      remaining -= r.o - o;
      if (r.o === o || r.end) return r.o;
      o = r.o;
    } catch {
      return o;
    }
  }
  return o;
}

/** The first `max` bytes of an lzma-alone (`.lzma`) stream whose start is `buf` (see `lzmaHead`). */
export function lzmaAloneHead(buf: Uint8Array, max: number): Uint8Array {
  if (buf.length < 13 || buf[0] >= 9 * 5 * 5) return new Uint8Array(0);
  let size = Number.POSITIVE_INFINITY;
  if (buf.subarray(5, 13).some((b) => b !== 0xff)) {
    size = 0;
    for (let i = 7; i >= 0; i--) size = size * 256 + buf[5 + i];
  }
  const st = new LzmaState(max);
  st.setProps(buf[0]);
  st.resetProbs();
  const out = new Uint8Array(max);
  return out.subarray(0, lzmaHead(st, () => new RangeDecoder(buf, 13, buf.length), out, 0, max, size, true));
}

/** The first `max` bytes of an xz stream whose start is `buf`: its first block's LZMA2 chunks, as far as `buf` goes (see `lzmaHead`). */
export function xzHead(buf: Uint8Array, max: number): Uint8Array {
  const out = new Uint8Array(max);
  const magic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
  if (buf.length < 13 || magic.some((m, i) => buf[i] !== m)) return out.subarray(0, 0);
  try {
    let pos = 12;
    const hsize = buf[pos];
    if (hsize === 0) return out.subarray(0, 0);
    const hend = pos + (hsize + 1) * 4;
    const flags = buf[pos + 1];
    const p = { i: pos + 2 };
    if (flags & 0x40) varint(buf, p, hend);
    if (flags & 0x80) varint(buf, p, hend);
    for (let f = 0; f <= (flags & 3); f++) {
      const id = varint(buf, p, hend);
      const psize = varint(buf, p, hend);
      if (id !== 0x21 || f !== (flags & 3)) return out.subarray(0, 0);
      p.i += psize;
    }
    pos = hend;
    const st = new LzmaState(max);
    let o = 0;
    while (o < max && pos < buf.length) {
      const control = buf[pos++];
      if (control === 0x00) break;
      if (control === 0x01 || control === 0x02) {
        if (pos + 2 > buf.length) break;
        const size = ((buf[pos] << 8) | buf[pos + 1]) + 1;
        pos += 2;
        for (let k = 0; k < size && o < max && pos + k < buf.length; k++) st.put(buf[pos + k], out, o++);
        pos += size;
        continue;
      }
      if (control < 0x80 || pos + 4 > buf.length) break;
      const unpacked = (control & 0x1f) * 65536 + ((buf[pos] << 8) | buf[pos + 1]) + 1;
      const packed = ((buf[pos + 2] << 8) | buf[pos + 3]) + 1;
      pos += 4;
      const reset = (control >>> 5) & 3;
      if (reset >= 2) st.setProps(buf[pos++]);
      if (reset >= 1) st.resetProbs();
      const start = pos;
      const before = o;
      o = lzmaHead(st, () => new RangeDecoder(buf, start, Math.min(start + packed, buf.length)), out, o, max, unpacked, false);
      if (o - before < Math.min(unpacked, max - before)) break;
      pos += packed;
    }
    return out.subarray(0, o);
  } catch {
    return out.subarray(0, 0);
  }
}
