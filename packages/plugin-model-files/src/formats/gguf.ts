/**
 * GGUF header and metadata (llama.cpp). Reads only the header, the key/value metadata and the
 * tensor infos with a buffered positioned reader (constant memory; time proportional to the
 * metadata, not to the tensor data). Checks the bounds llama.cpp's own loader had to add after
 * published heap overflows: string and array lengths within the file, tensor dimensions, types,
 * alignment and data ranges.
 *
 * Byte order: llama.cpp and gguf-py also read byte-swapped (big-endian) files, whose version field
 * reads as 0x03000000 in little-endian; the reader follows the file's order. A metadata key given
 * twice is malformed (llama.cpp refuses the file; gguf-py keeps the first value, a later one would
 * win in a dict): every copy of a chat template is kept, the later ones under `key (copy N)`.
 * Counts and lengths are 64-bit: messages print them exactly (BigInt).
 */
import type { RandomAccess } from '../io.js';

const WINDOW = 1 << 20;

class Reader {
  private buf: Uint8Array = new Uint8Array(0);
  private bufPos = 0; // absolute position of buf[0]
  pos: number;
  /** Big-endian (byte-swapped) file. */
  be = false;
  /** The last u64 read, exactly. */
  big = 0n;
  constructor(private readonly ra: RandomAccess, pos = 0) {
    this.pos = pos;
  }
  has(n: number): boolean {
    return this.pos >= this.bufPos && this.pos + n <= this.bufPos + this.buf.length;
  }
  /** Ensures n bytes are buffered at pos; returns false at end of file. */
  async need(n: number): Promise<boolean> {
    if (this.pos >= this.bufPos && this.pos + n <= this.bufPos + this.buf.length) return true;
    if (this.pos + n > this.ra.size) return false;
    this.buf = await this.ra.read(this.pos, Math.max(n, WINDOW));
    this.bufPos = this.pos;
    return this.buf.length >= n;
  }
  u8(): number {
    return this.buf[this.pos++ - this.bufPos];
  }
  u32(): number {
    const o = this.pos - this.bufPos;
    this.pos += 4;
    const b = this.buf;
    if (this.be) return (b[o + 3] | (b[o + 2] << 8) | (b[o + 1] << 16)) + b[o] * 0x1000000;
    return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
  }
  /** A u64 as a double (exact below 2^53; the exact value is in `big`, for messages). */
  u64(): number {
    const a = this.u32();
    const b = this.u32();
    const [lo, hi] = this.be ? [b, a] : [a, b];
    this.big = (BigInt(hi) << 32n) | BigInt(lo);
    return hi * 0x100000000 + lo;
  }
  bytes(n: number): Uint8Array {
    const o = this.pos - this.bufPos;
    this.pos += n;
    return this.buf.subarray(o, o + n);
  }
}

export interface GgufInfo {
  version: number;
  tensorCount: number;
  kvCount: number;
  metadata: Record<string, string | number | boolean>;
  /** Chat templates: key → template text. */
  templates: Record<string, string>;
  problems: string[];
  architecture?: string;
  /** A byte-swapped (big-endian) file. */
  bigEndian?: boolean;
}

// ggml type → [block bytes, elements per block]
const GGML_TYPES: Record<number, [number, number]> = {
  0: [4, 1], 1: [2, 1], 2: [18, 32], 3: [20, 32], 6: [22, 32], 7: [24, 32], 8: [34, 32], 9: [36, 32],
  10: [84, 256], 11: [110, 256], 12: [144, 256], 13: [176, 256], 14: [210, 256], 15: [292, 256],
  16: [66, 256], 17: [74, 256], 18: [98, 256], 19: [50, 256], 20: [18, 32], 21: [110, 256], 22: [82, 256],
  23: [136, 256], 24: [1, 1], 25: [2, 1], 26: [4, 1], 27: [8, 1], 28: [8, 1], 29: [56, 256], 30: [2, 1],
  34: [54, 256], 35: [66, 256], 39: [17, 32],
};

const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const MAX_STRING = 64 << 20;
const MAX_KV = 1 << 20;
const MAX_TENSORS = 1 << 22;

export interface GgufLimits {
  deadline: number;
}

export async function readGguf(ra: RandomAccess, limits: GgufLimits): Promise<GgufInfo> {
  const info: GgufInfo = { version: 0, tensorCount: 0, kvCount: 0, metadata: {}, templates: {}, problems: [] };
  const p = info.problems;
  const r = new Reader(ra);
  if (!(await r.need(16))) {
    p.push('file shorter than the GGUF header');
    return info;
  }
  r.bytes(4);
  info.version = r.u32();
  if ((info.version & 0xffff) === 0 && info.version !== 0) {
    // Byte-swapped: version 3 reads as 0x03000000 (gguf-py's check).
    r.pos -= 4;
    r.be = true;
    info.version = r.u32();
    info.bigEndian = true;
  }
  if (info.version < 1 || info.version > 3) {
    p.push(`unsupported GGUF version ${info.version}`);
    return info;
  }
  const v1 = info.version === 1;
  /** A count or length, and its exact value for messages. */
  let exact = '';
  const count = async (): Promise<number | undefined> => {
    if (!(await r.need(v1 ? 4 : 8))) return undefined;
    if (v1) {
      const n = r.u32();
      exact = String(n);
      return n;
    }
    const n = r.u64();
    exact = String(r.big);
    return n;
  };
  const str = async (what: string): Promise<string | undefined> => {
    const n = await count();
    if (n === undefined) { p.push(`${what}: truncated string length`); return undefined; }
    if (n > ra.size - r.pos) { p.push(`${what}: string length ${exact} runs past the end of the file`); return undefined; }
    if (n > MAX_STRING) { p.push(`${what}: string of ${exact} bytes exceeds the ${MAX_STRING}-byte limit`); return undefined; }
    if (!(await r.need(n))) { p.push(`${what}: truncated string`); return undefined; }
    return Buffer.from(r.bytes(n)).toString('utf8');
  };
  const tc = await count();
  const tcExact = exact;
  const kc = await count();
  const kcExact = exact;
  if (tc === undefined || kc === undefined) {
    p.push('truncated header');
    return info;
  }
  info.tensorCount = tc;
  info.kvCount = kc;
  if (tc > MAX_TENSORS) { p.push(`tensor count ${tcExact} is implausible`); return info; }
  if (kc > MAX_KV) { p.push(`metadata count ${kcExact} is implausible`); return info; }
  const seen = new Map<string, number>();
  let alignment = 32;
  for (let i = 0; i < kc; i++) {
    if (Date.now() > limits.deadline) { p.push('time limit reached while reading metadata'); return info; }
    const key = await str(`metadata key #${i}`);
    if (key === undefined) return info;
    const copies = (seen.get(key) ?? 0) + 1;
    seen.set(key, copies);
    if (copies === 2) p.push(`metadata key ${key} is given more than once (llama.cpp refuses the file; gguf-py keeps the first value)`);
    if (!(await r.need(4))) { p.push(`metadata ${key}: truncated type`); return info; }
    const type = r.u32();
    if (type === 8) {
      const s = await str(`metadata ${key}`);
      if (s === undefined) return info;
      // Every copy of a template is analysed: readers disagree on which one they use.
      if (/^tokenizer\.chat_template/.test(key)) info.templates[copies === 1 ? key : `${key} (copy ${copies})`] = s;
      if (copies > 1) continue;
      if (s.length <= 256) info.metadata[key] = s;
      if (key === 'general.architecture') info.architecture = s;
    } else if (type === 9) {
      if (!(await r.need(4))) { p.push(`metadata ${key}: truncated array type`); return info; }
      const at = r.u32();
      const n = await count();
      if (n === undefined) { p.push(`metadata ${key}: truncated array length`); return info; }
      const nExact = exact;
      if (at === 8) {
        for (let j = 0; j < n; j++) {
          const w = v1 ? 4 : 8;
          const len = r.has(w) ? (v1 ? r.u32() : r.u64()) : await count();
          if (len === undefined || len > ra.size - r.pos) { p.push(`metadata ${key}[${j}]: string length${len === undefined ? '' : ` ${v1 ? len : r.big}`} runs past the end of the file`); return info; }
          r.pos += len;
          if (r.pos > ra.size) { p.push(`metadata ${key}: array runs past the end of the file`); return info; }
          if ((j & 0xffff) === 0 && Date.now() > limits.deadline) { p.push('time limit reached while reading metadata'); return info; }
        }
      } else if (SCALAR_SIZE[at] !== undefined) {
        const bytes = n * SCALAR_SIZE[at];
        if (bytes > ra.size - r.pos) { p.push(`metadata ${key}: array of ${nExact} items runs past the end of the file`); return info; }
        r.pos += bytes;
      } else {
        p.push(`metadata ${key}: unsupported array element type ${at}`);
        return info;
      }
      if (copies === 1) info.metadata[key] = `[array of ${nExact}]`;
    } else if (SCALAR_SIZE[type] !== undefined) {
      const sz = SCALAR_SIZE[type];
      if (!(await r.need(sz))) { p.push(`metadata ${key}: truncated value`); return info; }
      const b = Buffer.from(r.bytes(sz));
      if (r.be) b.reverse();
      const v = type === 0 ? b.readUInt8(0) : type === 1 ? b.readInt8(0) : type === 2 ? b.readUInt16LE(0) : type === 3 ? b.readInt16LE(0)
        : type === 4 ? b.readUInt32LE(0) : type === 5 ? b.readInt32LE(0) : type === 6 ? b.readFloatLE(0) : type === 7 ? b[0] !== 0
        : type === 10 ? Number(b.readBigUInt64LE(0)) : type === 11 ? Number(b.readBigInt64LE(0)) : b.readDoubleLE(0);
      if (copies > 1) continue;
      info.metadata[key] = v;
      if (type === 7 && b[0] > 1) p.push(`metadata ${key}: boolean value ${b[0]}`);
      if (key === 'general.alignment') {
        if (typeof v !== 'number' || v <= 0 || (v & (v - 1)) !== 0) p.push(`general.alignment ${String(v)} is not a power of two`);
        else alignment = v;
      }
    } else {
      p.push(`metadata ${key}: unknown value type ${type}`);
      return info;
    }
  }
  const tensors: Array<{ name: string; offset: number; bytes: number | undefined; offsetExact: bigint; bytesExact: bigint }> = [];
  for (let i = 0; i < tc; i++) {
    if ((i & 0xfff) === 0 && Date.now() > limits.deadline) { p.push('time limit reached while reading tensor infos'); return info; }
    const name = await str(`tensor #${i} name`);
    if (name === undefined) return info;
    if (!(await r.need(4))) { p.push(`tensor ${name}: truncated`); return info; }
    const nd = r.u32();
    if (nd > 4) { p.push(`tensor ${name}: ${nd} dimensions (GGML supports at most 4)`); return info; }
    let elems = 1;
    let elemsExact = 1n;
    for (let d = 0; d < nd; d++) {
      const dim = await count();
      if (dim === undefined) { p.push(`tensor ${name}: truncated dimensions`); return info; }
      elems *= dim;
      elemsExact *= BigInt(exact);
    }
    if (!(await r.need(12))) { p.push(`tensor ${name}: truncated`); return info; }
    const type = r.u32();
    const offset = r.u64();
    const offsetExact = r.big;
    const t = GGML_TYPES[type];
    let bytes: number | undefined;
    let bytesExact = 0n;
    if (!t) p.push(`tensor ${name}: unknown ggml type ${type}`);
    else {
      if (elemsExact % BigInt(t[1]) !== 0n) p.push(`tensor ${name}: ${elemsExact} elements is not a multiple of the block size ${t[1]}`);
      bytes = Math.ceil(elems / t[1]) * t[0];
      bytesExact = ((elemsExact + BigInt(t[1]) - 1n) / BigInt(t[1])) * BigInt(t[0]);
    }
    if (offsetExact % BigInt(alignment) !== 0n) p.push(`tensor ${name}: offset ${offsetExact} is not aligned to ${alignment}`);
    tensors.push({ name, offset, bytes, offsetExact, bytesExact });
  }
  const dataStart = Math.ceil(r.pos / alignment) * alignment;
  const dataLen = ra.size - dataStart;
  const sorted = [...tensors].sort((a, b) => a.offset - b.offset);
  let cursor = 0;
  for (const t of sorted) {
    if (t.offset < cursor) p.push(`tensor ${t.name}: data overlaps the previous tensor`);
    if (t.bytes !== undefined) {
      if (t.offset + t.bytes > dataLen) p.push(`tensor ${t.name}: data [${t.offsetExact}, ${t.offsetExact + t.bytesExact}) runs past the end of the file`);
      cursor = Math.max(cursor, t.offset + t.bytes);
    }
    if (p.length > 50) break;
  }
  return info;
}
