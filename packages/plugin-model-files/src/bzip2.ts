/**
 * A streaming bzip2 decoder (joblib's `compress='bz2'`, `pickle` files written through `bz2.open`).
 * Node's zlib has no bzip2, and a pure decoder is small: blocks of at most 900 kB are decoded one
 * at a time (Huffman → MTF/RLE2 → inverse BWT → RLE1), so memory stays bounded by one block
 * whatever the stream size. Block CRCs are not verified: the scanner only needs the bytes.
 */

import { OutputBudget, type StreamLimits } from './byte-stream.js';

class NeedMore extends Error {}

export class Bzip2Error extends Error {}

class BitReader {
  buf: Uint8Array = new Uint8Array(0);
  bytePos = 0;
  bitPos = 0; // bits consumed in buf[bytePos]
  final = false;

  append(chunk: Uint8Array): void {
    const rest = this.buf.subarray(this.bytePos);
    const merged = new Uint8Array(rest.length + chunk.length);
    merged.set(rest, 0);
    merged.set(chunk, rest.length);
    this.buf = merged;
    this.bytePos = 0;
  }

  bits(n: number): number {
    let v = 0;
    while (n > 0) {
      if (this.bytePos >= this.buf.length) {
        if (this.final) throw new Bzip2Error('unexpected end of bzip2 stream');
        throw new NeedMore();
      }
      const avail = 8 - this.bitPos;
      const take = Math.min(n, avail);
      const b = this.buf[this.bytePos];
      const shifted = (b >> (avail - take)) & ((1 << take) - 1);
      v = v * (1 << take) + shifted;
      n -= take;
      this.bitPos += take;
      if (this.bitPos === 8) {
        this.bitPos = 0;
        this.bytePos++;
      }
    }
    return v;
  }

  bit(): number {
    return this.bits(1);
  }

  alignToByte(): void {
    if (this.bitPos) {
      this.bitPos = 0;
      this.bytePos++;
    }
  }

  mark(): [number, number] {
    return [this.bytePos, this.bitPos];
  }

  reset(m: [number, number]): void {
    this.bytePos = m[0];
    this.bitPos = m[1];
  }

  get remaining(): number {
    return this.buf.length - this.bytePos;
  }
}

const MAX_CODE_LEN = 20;

interface Table {
  limit: Int32Array;
  base: Int32Array;
  perm: Int32Array;
  minLen: number;
}

function makeTable(lengths: Uint8Array, alphaSize: number): Table {
  let minLen = 32;
  let maxLen = 0;
  for (let i = 0; i < alphaSize; i++) {
    if (lengths[i] > maxLen) maxLen = lengths[i];
    if (lengths[i] < minLen) minLen = lengths[i];
  }
  const perm = new Int32Array(alphaSize);
  let pp = 0;
  for (let i = minLen; i <= maxLen; i++) for (let t = 0; t < alphaSize; t++) if (lengths[t] === i) perm[pp++] = t;
  const base = new Int32Array(MAX_CODE_LEN + 2);
  for (let i = 0; i < alphaSize; i++) base[lengths[i] + 1]++;
  for (let i = 1; i < base.length; i++) base[i] += base[i - 1];
  const limit = new Int32Array(MAX_CODE_LEN + 1).fill(-1);
  let vec = 0;
  for (let i = minLen; i <= maxLen; i++) {
    vec += base[i + 1] - base[i];
    limit[i] = vec - 1;
    vec <<= 1;
  }
  for (let i = minLen + 1; i <= maxLen; i++) base[i] = ((limit[i - 1] + 1) << 1) - base[i];
  return { limit, base, perm, minLen };
}

/** Decodes one block into `out` bytes. Throws NeedMore when the input ends inside the block. */
function decodeBlock(r: BitReader, blockMax: number, dbuf: Uint32Array): Uint8Array {
  r.bits(32); // block CRC
  if (r.bit()) throw new Bzip2Error('randomised bzip2 blocks are not supported');
  const origPtr = r.bits(24);
  // symbol map
  const used = r.bits(16);
  const seqToUnseq = new Uint8Array(256);
  let nInUse = 0;
  for (let i = 0; i < 16; i++) {
    if (used & (0x8000 >> i)) {
      const k = r.bits(16);
      for (let j = 0; j < 16; j++) if (k & (0x8000 >> j)) seqToUnseq[nInUse++] = i * 16 + j;
    }
  }
  if (!nInUse) throw new Bzip2Error('bzip2 block uses no symbols');
  const alphaSize = nInUse + 2;
  const nGroups = r.bits(3);
  if (nGroups < 2 || nGroups > 6) throw new Bzip2Error('bad number of Huffman groups');
  const nSelectors = r.bits(15);
  if (!nSelectors) throw new Bzip2Error('no selectors');
  const mtfGroups = [0, 1, 2, 3, 4, 5].slice(0, nGroups);
  const selectors = new Uint8Array(nSelectors);
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (r.bit()) {
      j++;
      if (j >= nGroups) throw new Bzip2Error('bad selector');
    }
    const v = mtfGroups[j];
    mtfGroups.splice(j, 1);
    mtfGroups.unshift(v);
    selectors[i] = v;
  }
  const tables: Table[] = [];
  for (let t = 0; t < nGroups; t++) {
    const lengths = new Uint8Array(alphaSize);
    let curr = r.bits(5);
    for (let i = 0; i < alphaSize; i++) {
      for (;;) {
        if (curr < 1 || curr > MAX_CODE_LEN) throw new Bzip2Error('bad Huffman code length');
        if (!r.bit()) break;
        curr += r.bit() ? -1 : 1;
      }
      lengths[i] = curr;
    }
    tables.push(makeTable(lengths, alphaSize));
  }
  // Huffman → MTF/RLE2
  const byteCount = new Int32Array(256);
  const mtf = new Uint8Array(256);
  for (let i = 0; i < 256; i++) mtf[i] = i;
  const EOB = nInUse + 1;
  let count = 0;
  let groupIndex = 0;
  let groupLeft = 0;
  let table = tables[0];
  let runPos = 0;
  let run = 0;
  for (;;) {
    if (groupLeft === 0) {
      if (groupIndex >= nSelectors) throw new Bzip2Error('ran out of selectors');
      table = tables[selectors[groupIndex++]];
      groupLeft = 50;
    }
    groupLeft--;
    let zn = table.minLen;
    let zvec = r.bits(zn);
    while (zvec > table.limit[zn]) {
      zn++;
      if (zn > MAX_CODE_LEN) throw new Bzip2Error('bad Huffman code');
      zvec = (zvec << 1) | r.bit();
    }
    const idx = zvec - table.base[zn];
    if (idx < 0 || idx >= alphaSize) throw new Bzip2Error('bad Huffman symbol');
    const sym = table.perm[idx];
    if (sym <= 1) {
      if (!runPos) {
        runPos = 1;
        run = 0;
      }
      run += runPos << sym;
      runPos <<= 1;
      if (run > blockMax) throw new Bzip2Error('run exceeds the block size');
      continue;
    }
    if (runPos) {
      runPos = 0;
      const uc = seqToUnseq[mtf[0]];
      if (count + run > blockMax) throw new Bzip2Error('block larger than declared');
      byteCount[uc] += run;
      while (run--) dbuf[count++] = uc;
    }
    if (sym === EOB) break;
    const i = sym - 1;
    const v = mtf[i];
    mtf.copyWithin(1, 0, i);
    mtf[0] = v;
    const uc = seqToUnseq[v];
    if (count >= blockMax) throw new Bzip2Error('block larger than declared');
    byteCount[uc]++;
    dbuf[count++] = uc;
  }
  if (origPtr >= count && count) throw new Bzip2Error('bad BWT origin pointer');
  // inverse BWT
  let j = 0;
  for (let i = 0; i < 256; i++) {
    const k = j + byteCount[i];
    byteCount[i] = j;
    j = k;
  }
  for (let i = 0; i < count; i++) {
    const uc = dbuf[i] & 0xff;
    dbuf[byteCount[uc]] |= i << 8;
    byteCount[uc]++;
  }
  // RLE1 while walking the BWT vector
  let n = 0;
  let outArr = new Uint8Array(count + 1024);
  const emit = (b: number) => {
    if (n >= outArr.length) {
      const bigger = new Uint8Array(outArr.length * 2);
      bigger.set(outArr);
      outArr = bigger;
    }
    outArr[n++] = b;
  };
  if (count) {
    let pos = dbuf[origPtr];
    let current = pos & 0xff;
    pos >>>= 8;
    let countdown = 5;
    for (let k = 0; k < count; k++) {
      const previous = current;
      pos = dbuf[pos];
      current = pos & 0xff;
      pos >>>= 8;
      if (--countdown) {
        if (current !== previous) countdown = 4;
        emit(current);
      } else {
        for (let c = 0; c < current; c++) emit(previous);
        current = previous;
        countdown = 5;
      }
    }
  }
  return outArr.subarray(0, n);
}

export type Bunzip2Limits = StreamLimits;

/** Streams the decompressed bytes of one or more concatenated bzip2 streams. */
export async function* bunzip2(input: AsyncIterable<Uint8Array>, limits: Bunzip2Limits): AsyncGenerator<Uint8Array> {
  const r = new BitReader();
  const it = input[Symbol.asyncIterator]();
  let read = 0;
  const more = async (): Promise<boolean> => {
    const x = await it.next();
    if (x.done) {
      r.final = true;
      return false;
    }
    r.append(x.value);
    read += x.value.length;
    return true;
  };
  const budget = new OutputBudget(limits, () => read, (m) => new Bzip2Error(m));
  let dbuf: Uint32Array | undefined;
  let state: 'header' | 'block' = 'header';
  let blockMax = 0;
  for (;;) {
    const m = r.mark();
    try {
      if (state === 'header') {
        if (r.final && r.remaining === 0) return;
        const b = r.bits(8);
        if (b !== 0x42) {
          if (budget.total > 0) return; // trailing garbage after a complete stream
          throw new Bzip2Error('not a bzip2 stream');
        }
        if (r.bits(8) !== 0x5a || r.bits(8) !== 0x68) throw new Bzip2Error('not a bzip2 stream');
        const level = r.bits(8) - 0x30;
        if (level < 1 || level > 9) throw new Bzip2Error('bad bzip2 block size');
        blockMax = level * 100_000;
        if (!dbuf || dbuf.length < blockMax) dbuf = new Uint32Array(blockMax);
        state = 'block';
        continue;
      }
      const hi = r.bits(24);
      const lo = r.bits(24);
      if (hi === 0x177245 && lo === 0x385090) {
        r.bits(32); // combined CRC
        r.alignToByte();
        state = 'header';
        continue;
      }
      if (hi !== 0x314159 || lo !== 0x265359) throw new Bzip2Error('bad bzip2 block signature');
      (dbuf as Uint32Array).fill(0);
      const out = decodeBlock(r, blockMax, dbuf as Uint32Array);
      budget.spend(out.length);
      if (out.length) yield out;
    } catch (error) {
      if (!(error instanceof NeedMore)) throw error;
      r.reset(m);
      // Gather a whole block's worth of input before retrying, so a block is decoded once or twice.
      const want = state === 'header' ? 4 : Math.ceil(blockMax * 1.25) + 4096;
      while (r.remaining < want && (await more()));
      if (r.final && state === 'header' && r.remaining === 0) return;
    }
  }
}

/**
 * What the first block of a bzip2 stream decodes to (its first `max` bytes), when `buf`, the start
 * of the stream, holds the whole block: for discovery, which reads a bounded start of a file. Empty
 * when the block runs past `buf` or the stream is corrupt; never throws.
 */
export function bunzip2Head(buf: Uint8Array, max: number): Uint8Array {
  const none = new Uint8Array(0);
  try {
    const r = new BitReader();
    r.append(buf);
    r.final = true;
    if (r.bits(8) !== 0x42 || r.bits(8) !== 0x5a || r.bits(8) !== 0x68) return none;
    const level = r.bits(8) - 0x30;
    if (level < 1 || level > 9) return none;
    if (r.bits(24) !== 0x314159 || r.bits(24) !== 0x265359) return none;
    const blockMax = level * 100_000;
    return decodeBlock(r, blockMax, new Uint32Array(blockMax)).subarray(0, max);
  } catch {
    return none;
  }
}
