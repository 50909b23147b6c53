import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as nodePath from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { isModelFile } from '../src/formats/detect.js';
import { crc32Update } from '../src/formats/zip.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/models/', import.meta.url));

/** Model files of one fixture kind (files the language does not claim are skipped). */
export function fixtures(kind: 'benign' | 'malicious' | 'malformed' | 'review'): string[] {
  const dir = nodePath.join(FIXTURES, kind);
  return readdirSync(dir)
    .filter((f) => isModelFile(readFileSync(nodePath.join(dir, f)).subarray(0, 512), nodePath.join(dir, f)))
    .sort()
    .map((f) => `${kind}/${f}`);
}

export const enc = (s: string) => new TextEncoder().encode(s);

export function bytes(...parts: Array<string | number[] | Uint8Array>): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (let i = 0; i < p.length; i++) out.push(p.charCodeAt(i) & 0xff);
    else out.push(...p);
  }
  return new Uint8Array(out);
}

/** SHORT_BINUNICODE */
export function su(s: string): Uint8Array {
  const b = enc(s);
  return bytes([0x8c, b.length], b);
}

export function u32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/** A ustar archive of `[name, data, type]` members (type `0`, a file, unless given: `5` a directory, `L` a GNU long name). */
export function tar(members: Array<[string, Buffer, string?]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, data, type = '0'] of members) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(type, 156, 'latin1');
    h.write('ustar\x0000', 257, 'latin1');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    parts.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export type GgufKv = [string, 'str', string] | [string, 'u32', number];

/** A GGUF file (v3 unless given, little-endian unless `be`) holding the metadata `kvs` and no tensors. */
export function gguf(kvs: GgufKv[], opts: { be?: boolean; version?: number; kvCount?: bigint } = {}): Uint8Array {
  const parts: Buffer[] = [];
  const be = !!opts.be;
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    if (be) b.writeUInt32BE(n);
    else b.writeUInt32LE(n);
    parts.push(b);
  };
  const u64 = (n: bigint) => {
    const b = Buffer.alloc(8);
    if (be) b.writeBigUInt64BE(n);
    else b.writeBigUInt64LE(n);
    parts.push(b);
  };
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    u64(BigInt(b.length));
    parts.push(b);
  };
  parts.push(Buffer.from('GGUF'));
  u32(opts.version ?? 3);
  u64(0n); // tensors
  u64(opts.kvCount ?? BigInt(kvs.length));
  for (const [k, t, v] of kvs) {
    str(k);
    if (t === 'str') {
      u32(8);
      str(v as string);
    } else {
      u32(4);
      u32(v as number);
    }
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Protobuf wire format for hand-built ONNX models: a base-128 varint, a length-delimited field, a varint field. */
export const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
export const fld = (field: number, body: number[] | string): number[] => {
  const b = typeof body === 'string' ? [...Buffer.from(body)] : body;
  return [...varint((field << 3) | 2), ...varint(b.length), ...b];
};
export const vfld = (field: number, n: number): number[] => [...varint(field << 3), ...varint(n)];

/** A zip member for `zip`/`zipParts`: stored (0, the default) or deflated (8). */
export interface ZipMember {
  name: string;
  data: Uint8Array;
  method?: 0 | 8;
}

/**
 * The local headers (with their data) and the central directory entries of `members`, the first
 * local header at `base`; the directory's offsets are written `offsetDelta` bytes lower than where
 * the headers lie (a reader that adds a prepended-data shift of that size lands back on them).
 */
export function zipParts(members: ZipMember[], base = 0, offsetDelta = 0): { locals: Buffer; directory: Buffer } {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let pos = base;
  for (const { name: n, data, method = 0 } of members) {
    const name = Buffer.from(n);
    const body = method === 8 ? deflateRawSync(data) : Buffer.from(data);
    const crc = crc32Update(0, data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(pos - offsetDelta, 42);
    locals.push(local, name, body);
    directory.push(cd, name);
    pos += 30 + name.length + body.length;
  }
  return { locals: Buffer.concat(locals), directory: Buffer.concat(directory) };
}

/** A zip end-of-central-directory record. */
export function zipEnd(entries: number, cdSize: number, cdOffset: number): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries, 8);
  eocd.writeUInt16LE(entries, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return eocd;
}

/**
 * A zip archive of `members`. With `prepend`, those bytes come first and every offset stays relative
 * to the zip's own start, as in a self-extracting archive (Python's zipfile reads it, correcting the
 * offsets by the prepended length; PyTorch's reader does not).
 */
export function zip(members: ZipMember[], opts: { prepend?: Uint8Array } = {}): Buffer {
  const { locals, directory } = zipParts(members);
  return Buffer.concat([Buffer.from(opts.prepend ?? []), locals, directory, zipEnd(members.length, directory.length, locals.length)]);
}

/**
 * A 7z archive of one file in one folder with a plain header (7zFormat.txt), as the review built
 * nullifAI's: the Copy coder unless `coder` gives another (its flags byte, id and properties, the data
 * then being that coder's output for `size` bytes).
 */
export function sevenZip(name: string, data: Uint8Array, coder: number[] = [0x01, 0x00], size = data.length): Buffer {
  const num = (n: number) => (n < 0x80 ? [n] : n < 0x4000 ? [0x80 | (n >> 8), n & 0xff] : [0xc0 | (n >> 16), n & 0xff, (n >> 8) & 0xff]);
  const nm = Buffer.concat([Buffer.from(name, 'utf16le'), Buffer.alloc(2)]);
  const header = Buffer.from([
    0x01, 0x04, 0x06, ...num(0), ...num(1), 0x09, ...num(data.length), 0x00, // Header, MainStreamsInfo, PackInfo
    0x07, 0x0b, ...num(1), 0x00, ...num(1), ...coder, 0x0c, ...num(size), 0x00, // UnpackInfo: one folder of one coder
    0x08, 0x00, 0x00, // SubStreamsInfo, end of StreamsInfo
    0x05, ...num(1), 0x11, ...num(nm.length + 1), 0x00, ...nm, 0x00, 0x00, // FilesInfo: the name
  ]);
  const start = Buffer.alloc(20);
  start.writeBigUInt64LE(BigInt(data.length), 0);
  start.writeBigUInt64LE(BigInt(header.length), 8);
  start.writeUInt32LE(crc32Update(0, header), 16);
  const sig = Buffer.alloc(12);
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]).copy(sig);
  sig.writeUInt32LE(crc32Update(0, start), 8);
  return Buffer.concat([sig, start, data, header]);
}
