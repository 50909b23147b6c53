/**
 * A 7z reader (7zFormat.txt of the 7-Zip sources): the headers, also when they are themselves
 * compressed (the `7z` tool's default), and the folders whose one coder is Copy, LZMA, LZMA2,
 * Deflate or BZip2, the methods 7-Zip writes for anything but executables, or zstd (7-Zip ZS's
 * codec, id 04F71101). A folder of anything else
 * (several coders: BCJ/BCJ2/ARM filters before LZMA, Delta; PPMd; AES encryption) is listed with
 * its files, not decoded, so the caller can say what was not inspected. nullifAI (ReversingLabs,
 * 2025) packed PyTorch models in 7z instead of zip, and scanners that could not open them passed them.
 *
 * Like `tar.ts`, the header walk asks its caller for bytes (`{ read }`), so discovery (synchronous,
 * positioned reads) and the scanner (asynchronous) drive the same code. Every count and size read
 * from the file is bounded before it is used.
 */
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import { bunzip2Head } from '../bzip2.js';
import { lzmaAloneHead, unlzmaAlone, unxz, xzHead } from '../lzma.js';
import { unzstdSync, zstdHead } from '../zstd.js';

export class SevenZipError extends Error {}

/** A file of the archive: its data is `size` bytes at `offset` of its folder's output (no folder: an empty file or a directory). */
export interface SevenZipEntry {
  name: string;
  size: number;
  folder?: number;
  offset: number;
  directory: boolean;
}

/** A coder of a folder: the method's id (hex, `030101` LZMA) and its properties. */
export interface SevenZipCoder {
  id: string;
  props: Uint8Array;
  inStreams: number;
  outStreams: number;
}

export interface SevenZipFolder {
  coders: SevenZipCoder[];
  /** Where its packed stream lies in the file and how long it is (its first packed stream). */
  packAt: number;
  packSize: number;
  /** The size of its output (the main out stream). */
  unpackSize: number;
  /** The method name for messages (`LZMA2`, `BCJ + LZMA2`, `AES`). */
  method: string;
  /** Decodable here: one coder, one stream in and out, of a method this reader decodes. */
  decodable: boolean;
}

export interface SevenZipArchive {
  entries: SevenZipEntry[];
  folders: SevenZipFolder[];
}

export interface SevenZipLimits {
  /** The most header bytes read (packed) and decoded. */
  maxHeaderBytes: number;
  maxEntries: number;
  /** `Date.now()` past which decoding a compressed header stops. */
  deadline?: number;
}

/** Method ids this reader decodes, by name. */
const METHODS: Record<string, string> = {
  '00': 'Copy', '21': 'LZMA2', '030101': 'LZMA', '040108': 'Deflate', '040202': 'BZip2', '04f71101': 'ZSTD', '030401': 'PPMd',
  '03030103': 'BCJ', '0303011b': 'BCJ2', '03030501': 'ARM', '03030401': 'PPC', '03030805': 'SPARC', '03': 'Delta', '06f10701': 'AES',
};
const DECODABLE = new Set(['00', '21', '030101', '040108', '040202', '04f71101']);
const methodName = (id: string) => METHODS[id] ?? `method ${id}`;

const SIGNATURE = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];

/** Property ids of the header. */
const K = {
  end: 0x00, header: 0x01, archiveProperties: 0x02, additionalStreams: 0x03, mainStreams: 0x04, filesInfo: 0x05, packInfo: 0x06,
  unpackInfo: 0x07, subStreamsInfo: 0x08, size: 0x09, crc: 0x0a, folder: 0x0b, codersUnpackSize: 0x0c, numUnpackStream: 0x0d,
  emptyStream: 0x0e, emptyFile: 0x0f, name: 0x11, encodedHeader: 0x17,
};

/** Counts a header may hold before the reader gives up on it as hostile. */
const MAX_FOLDERS = 100_000;
const MAX_CODERS = 32;

class HeaderReader {
  p = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.p >= this.b.length) throw new SevenZipError('7z header is truncated');
    return this.b[this.p++];
  }
  bytes(n: number): Uint8Array {
    if (n > this.b.length - this.p) throw new SevenZipError('7z header is truncated');
    this.p += n;
    return this.b.subarray(this.p - n, this.p);
  }
  /** 7z's NUMBER: the leading one bits of the first byte say how many bytes follow (little-endian). */
  number(): number {
    const first = this.byte();
    let mask = 0x80;
    let value = 0;
    for (let i = 0; i < 8; i++) {
      if ((first & mask) === 0) {
        value += (first & (mask - 1)) * 2 ** (8 * i);
        if (!Number.isSafeInteger(value)) throw new SevenZipError('7z header number too large');
        return value;
      }
      value += this.byte() * 2 ** (8 * i);
      mask >>= 1;
    }
    if (!Number.isSafeInteger(value)) throw new SevenZipError('7z header number too large');
    return value;
  }
  /** A count, at most `max`. */
  count(max: number, what: string): number {
    const n = this.number();
    if (n > max) throw new SevenZipError(`7z header: ${n} ${what} (more than ${max})`);
    return n;
  }
  bits(n: number): boolean[] {
    // the vector's bytes must be there before it is walked (a count read from the file can be huge)
    if (Math.ceil(n / 8) > this.b.length - this.p) throw new SevenZipError('7z header is truncated');
    const out: boolean[] = [];
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (i % 8 === 0) b = this.byte();
      out.push((b & (0x80 >> (i % 8))) !== 0);
    }
    return out;
  }
  /** Digests: all defined, or a bit vector of those that are; four bytes each. */
  digests(n: number): void {
    const defined = this.byte() ? n : this.bits(n).filter(Boolean).length;
    this.bytes(4 * defined);
  }
  skipData(): void {
    this.bytes(this.number());
  }
}

interface StreamsInfo {
  packPos: number;
  packSizes: number[];
  folders: Array<{ coders: SevenZipCoder[]; packed: number; mainOut: number; unpackSizes: number[] }>;
  /** Files (substreams) per folder and their sizes. */
  substreams: number[][];
}

function readFolder(r: HeaderReader): StreamsInfo['folders'][number] {
  const n = r.count(MAX_CODERS, 'coders in a folder');
  if (n === 0) throw new SevenZipError('7z folder without coders');
  const coders: SevenZipCoder[] = [];
  for (let i = 0; i < n; i++) {
    const flags = r.byte();
    if (flags & 0x80) throw new SevenZipError('7z coder with alternative methods');
    const id = Buffer.from(r.bytes(flags & 0x0f)).toString('hex');
    const complex = (flags & 0x10) !== 0;
    const inStreams = complex ? r.count(MAX_CODERS, 'coder streams') : 1;
    const outStreams = complex ? r.count(MAX_CODERS, 'coder streams') : 1;
    const props = flags & 0x20 ? r.bytes(r.number()) : new Uint8Array(0);
    coders.push({ id, props, inStreams, outStreams });
  }
  const totalOut = coders.reduce((a, c) => a + c.outStreams, 0);
  const totalIn = coders.reduce((a, c) => a + c.inStreams, 0);
  if (totalOut === 0) throw new SevenZipError('7z folder without output');
  const boundOut = new Set<number>();
  for (let i = 0; i < totalOut - 1; i++) {
    r.number();
    boundOut.add(r.number());
  }
  const packed = totalIn - (totalOut - 1);
  if (packed < 1) throw new SevenZipError('7z folder without packed streams');
  if (packed > 1) for (let i = 0; i < packed; i++) r.number();
  let mainOut = 0;
  while (boundOut.has(mainOut) && mainOut < totalOut - 1) mainOut++;
  return { coders, packed, mainOut, unpackSizes: [] };
}

function readStreamsInfo(r: HeaderReader, limits: SevenZipLimits): StreamsInfo {
  const s: StreamsInfo = { packPos: 0, packSizes: [], folders: [], substreams: [] };
  let id = r.byte();
  if (id === K.packInfo) {
    s.packPos = r.number();
    const n = r.count(MAX_FOLDERS, 'packed streams');
    for (;;) {
      const t = r.byte();
      if (t === K.end) break;
      if (t === K.size) for (let i = 0; i < n; i++) s.packSizes.push(r.number());
      else if (t === K.crc) r.digests(n);
      else r.skipData();
    }
    id = r.byte();
  }
  if (id === K.unpackInfo) {
    if (r.byte() !== K.folder) throw new SevenZipError('7z unpack info without folders');
    const n = r.count(MAX_FOLDERS, 'folders');
    if (r.byte() !== 0) throw new SevenZipError('7z folders stored outside the header');
    for (let i = 0; i < n; i++) s.folders.push(readFolder(r));
    if (r.byte() !== K.codersUnpackSize) throw new SevenZipError('7z folders without unpack sizes');
    for (const f of s.folders) {
      const outs = f.coders.reduce((a, c) => a + c.outStreams, 0);
      for (let i = 0; i < outs; i++) f.unpackSizes.push(r.number());
    }
    for (;;) {
      const t = r.byte();
      if (t === K.end) break;
      if (t === K.crc) r.digests(n);
      else r.skipData();
    }
    id = r.byte();
  }
  // Files per folder: one each unless the substreams say otherwise.
  const counts = s.folders.map(() => 1);
  const unpack = (i: number) => s.folders[i].unpackSizes[s.folders[i].mainOut] ?? 0;
  if (id === K.subStreamsInfo) {
    id = r.byte();
    if (id === K.numUnpackStream) {
      for (let i = 0; i < counts.length; i++) counts[i] = r.count(limits.maxEntries, 'files in a folder');
      id = r.byte();
    }
    const sizes = counts.map(() => [] as number[]);
    if (id === K.size) {
      for (let i = 0; i < counts.length; i++) {
        let sum = 0;
        for (let j = 0; j + 1 < counts[i]; j++) {
          const n = r.number();
          sizes[i].push(n);
          sum += n;
        }
        if (counts[i] > 0) {
          if (sum > unpack(i)) throw new SevenZipError('7z file sizes larger than their folder');
          sizes[i].push(unpack(i) - sum);
        }
      }
      id = r.byte();
    }
    for (let i = 0; i < counts.length; i++) if (counts[i] === 1 && sizes[i].length === 0) sizes[i].push(unpack(i));
    while (id !== K.end) {
      if (id === K.crc) {
        let unknown = 0;
        for (let i = 0; i < counts.length; i++) unknown += counts[i];
        r.digests(unknown);
      } else r.skipData();
      id = r.byte();
    }
    s.substreams = sizes;
    id = r.byte();
  } else s.substreams = counts.map((_, i) => [unpack(i)]);
  if (id !== K.end) throw new SevenZipError(`7z streams info: unexpected property 0x${id.toString(16)}`);
  return s;
}

/** Names of the files, UTF-16LE, each ended by a NUL character. */
function readNames(data: Uint8Array, n: number): string[] {
  if (data[0] !== 0) throw new SevenZipError('7z file names stored outside the header');
  const names: string[] = [];
  let start = 1;
  for (let i = 1; i + 1 < data.length && names.length < n; i += 2) {
    if (data[i] === 0 && data[i + 1] === 0) {
      names.push(Buffer.from(data.subarray(start, i)).toString('utf16le'));
      start = i + 2;
    }
  }
  return names;
}

type ReadRequest = { read: { at: number; length: number } };

/** The folders a StreamsInfo describes, placed in the file (`32 + packPos`, then the packed streams in order). */
function placeFolders(s: StreamsInfo): SevenZipFolder[] {
  let stream = 0;
  let at = 32 + s.packPos;
  const out: SevenZipFolder[] = [];
  for (const f of s.folders) {
    const packAt = at;
    const packSize = s.packSizes[stream] ?? 0;
    for (let i = 0; i < f.packed; i++) at += s.packSizes[stream++] ?? 0;
    const single = f.coders.length === 1 && f.coders[0].inStreams === 1 && f.coders[0].outStreams === 1;
    out.push({
      coders: f.coders, packAt, packSize, unpackSize: f.unpackSizes[f.mainOut] ?? 0,
      method: f.coders.map((c) => methodName(c.id)).reverse().join(' + '),
      decodable: single && DECODABLE.has(f.coders[0].id),
    });
  }
  return out;
}

/**
 * The walk over a 7z archive of `size` bytes: yields read requests (answered with the bytes) and
 * returns the files and folders. A compressed header is decoded here (synchronously: Copy, LZMA,
 * LZMA2 or Deflate, at most `maxHeaderBytes`). Throws SevenZipError on a header it cannot read.
 */
export function* sevenZipWalk(size: number, limits: SevenZipLimits): Generator<ReadRequest, SevenZipArchive, Uint8Array | undefined> {
  const start = (yield { read: { at: 0, length: 32 } }) ?? new Uint8Array(0);
  if (start.length < 32 || SIGNATURE.some((b, i) => start[i] !== b)) throw new SevenZipError('not a 7z archive');
  const dv = new DataView(start.buffer, start.byteOffset, 32);
  const nextOffset = Number(dv.getBigUint64(12, true));
  const nextSize = Number(dv.getBigUint64(20, true));
  if (nextSize === 0) return { entries: [], folders: [] };
  if (32 + nextOffset + nextSize > size) throw new SevenZipError('7z header lies past the end of the file');
  if (nextSize > limits.maxHeaderBytes) throw new SevenZipError(`7z header of ${nextSize} bytes is larger than the ${limits.maxHeaderBytes} bytes read`);
  let header = (yield { read: { at: 32 + nextOffset, length: nextSize } }) ?? new Uint8Array(0);
  // A compressed header: its streams info says where the real header is packed and how.
  for (let level = 0; header[0] === K.encodedHeader; level++) {
    if (level >= 4) throw new SevenZipError('7z header encoded too many times');
    const r = new HeaderReader(header);
    r.byte();
    const folders = placeFolders(readStreamsInfo(r, limits));
    const f = folders[0];
    if (!f) throw new SevenZipError('7z encoded header without a folder');
    if (!f.decodable || f.coders[0].id === '040202') throw new SevenZipError(`7z header encoded with ${f.method}, which this reader does not decode`);
    if (f.packAt + f.packSize > size) throw new SevenZipError('7z encoded header lies past the end of the file');
    if (f.packSize > limits.maxHeaderBytes || f.unpackSize > limits.maxHeaderBytes) throw new SevenZipError(`7z header of ${f.unpackSize} bytes is larger than the ${limits.maxHeaderBytes} bytes read`);
    const packed = (yield { read: { at: f.packAt, length: f.packSize } }) ?? new Uint8Array(0);
    header = decodeFolderSync(f, packed, f.unpackSize, limits.deadline);
  }
  const r = new HeaderReader(header);
  if (r.byte() !== K.header) throw new SevenZipError('7z header does not start with its marker');
  let id = r.byte();
  if (id === K.archiveProperties) {
    while (r.byte() !== 0) r.skipData();
    id = r.byte();
  }
  if (id === K.additionalStreams) {
    readStreamsInfo(r, limits);
    id = r.byte();
  }
  let streams: StreamsInfo = { packPos: 0, packSizes: [], folders: [], substreams: [] };
  if (id === K.mainStreams) {
    streams = readStreamsInfo(r, limits);
    id = r.byte();
  }
  const folders = placeFolders(streams);
  const entries: SevenZipEntry[] = [];
  if (id === K.filesInfo) {
    const n = r.count(limits.maxEntries, 'files');
    let emptyStream: boolean[] = new Array(n).fill(false);
    let emptyFile: boolean[] = [];
    let names: string[] = [];
    for (;;) {
      const type = r.byte();
      if (type === K.end) break;
      const data = new HeaderReader(r.bytes(r.number()));
      if (type === K.emptyStream) emptyStream = data.bits(n);
      else if (type === K.emptyFile) emptyFile = data.bits(emptyStream.filter(Boolean).length);
      else if (type === K.name) names = readNames(data.b, n);
    }
    // Files with data take the folders' substreams in order.
    let folder = 0;
    let sub = 0;
    let offset = 0;
    let empty = 0;
    for (let i = 0; i < n; i++) {
      const name = names[i] ?? `(file ${i})`;
      if (emptyStream[i]) {
        entries.push({ name, size: 0, offset: 0, directory: !emptyFile[empty++] });
        continue;
      }
      while (folder < folders.length && sub >= (streams.substreams[folder]?.length ?? 0)) {
        folder++;
        sub = 0;
        offset = 0;
      }
      if (folder >= folders.length) throw new SevenZipError('7z archive lists more files than its folders hold');
      const fileSize = streams.substreams[folder][sub++];
      entries.push({ name, size: fileSize, folder, offset, directory: false });
      offset += fileSize;
    }
    id = r.byte();
  }
  if (id !== K.end) throw new SevenZipError(`7z header: unexpected property 0x${id.toString(16)}`);
  return { entries, folders };
}

/** Drives `sevenZipWalk` with synchronous reads. */
export function walkSevenZipSync(size: number, read: (at: number, length: number) => Uint8Array, limits: SevenZipLimits): SevenZipArchive {
  const walk = sevenZipWalk(size, limits);
  let r = walk.next();
  while (!r.done) r = walk.next(read(r.value.read.at, r.value.read.length));
  return r.value;
}

/** Drives `sevenZipWalk` with asynchronous reads. */
export async function walkSevenZipAsync(size: number, read: (at: number, length: number) => Promise<Uint8Array>, limits: SevenZipLimits): Promise<SevenZipArchive> {
  const walk = sevenZipWalk(size, limits);
  let r = walk.next();
  while (!r.done) r = walk.next(await read(r.value.read.at, r.value.read.length));
  return r.value;
}

/** An lzma-alone stream around a 7z LZMA coder's raw data: its properties, the output size, the data. */
function lzmaAlone(coder: SevenZipCoder, packed: Uint8Array, size: number): Uint8Array {
  if (coder.props.length < 5) throw new SevenZipError('7z LZMA coder without properties');
  const b = new Uint8Array(13 + packed.length);
  b.set(coder.props.subarray(0, 5), 0);
  new DataView(b.buffer).setBigUint64(5, BigInt(size), true);
  b.set(packed, 13);
  return b;
}

/** An xz stream around a 7z LZMA2 coder's raw chunks (one block, no check), which `unxz` reads. */
function lzma2Xz(coder: SevenZipCoder, packed: Uint8Array): Uint8Array {
  if (coder.props.length < 1) throw new SevenZipError('7z LZMA2 coder without properties');
  const pad = (4 - (packed.length % 4)) % 4;
  const b = new Uint8Array(12 + 8 + packed.length + pad + 1);
  b.set([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x00], 0);
  b.set([0x01, 0x00, 0x21, 0x01, coder.props[0], 0, 0, 0], 12);
  b.set(packed, 20);
  return b;
}

function concat(chunks: Uint8Array[], max: number): Uint8Array {
  const total = Math.min(max, chunks.reduce((a, c) => a + c.length, 0));
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    if (o >= total) break;
    out.set(c.subarray(0, total - o), o);
    o += Math.min(c.length, total - o);
  }
  return out;
}

/**
 * The output of a decodable folder (Copy, LZMA, LZMA2, Deflate, zstd; not BZip2, which the scanner streams),
 * at most `max` bytes of it. Throws SevenZipError, or the decoder's error, on corrupt data.
 */
export function decodeFolderSync(folder: SevenZipFolder, packed: Uint8Array, max: number, deadline = Number.POSITIVE_INFINITY): Uint8Array {
  const coder = folder.coders[0];
  const want = Math.min(max, folder.unpackSize);
  const limits = { maxBytes: Number.MAX_SAFE_INTEGER, deadline };
  const take = (it: Iterable<Uint8Array>): Uint8Array => {
    const chunks: Uint8Array[] = [];
    let got = 0;
    for (const c of it) {
      chunks.push(c);
      got += c.length;
      if (got >= want) break;
    }
    return concat(chunks, want);
  };
  switch (coder.id) {
    case '00':
      return packed.subarray(0, want);
    case '030101':
      return take(unlzmaAlone(lzmaAlone(coder, packed, folder.unpackSize), limits));
    case '21':
      return take(unxz(lzma2Xz(coder, packed), limits));
    case '040108':
      return new Uint8Array(inflateRawSync(packed, { maxOutputLength: Math.max(1, want) })).subarray(0, want);
    case '04f71101':
      return take(unzstdSync(packed, limits));
    default:
      throw new SevenZipError(`7z folder encoded with ${folder.method}, which this reader does not decode`);
  }
}

/**
 * The first `max` bytes of a decodable folder's output from the start of its packed stream (which
 * may be cut), for discovery; empty when they cannot be had. Never throws.
 */
export function folderHead(folder: SevenZipFolder, packedStart: Uint8Array, max: number): Uint8Array {
  if (!folder.decodable) return new Uint8Array(0);
  const coder = folder.coders[0];
  try {
    switch (coder.id) {
      case '00':
        return packedStart.subarray(0, max);
      case '030101':
        return lzmaAloneHead(lzmaAlone(coder, packedStart, folder.unpackSize), max);
      case '21':
        return xzHead(lzma2Xz(coder, packedStart), max);
      case '040108':
        // Deflate expands at most 1032:1: 16 KiB of input stay within the output cap.
        return new Uint8Array(inflateRawSync(packedStart.subarray(0, 16 << 10), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 17 << 20 })).subarray(0, max);
      case '040202':
        return bunzip2Head(packedStart, max);
      case '04f71101':
        return zstdHead(packedStart, max);
      default:
        return new Uint8Array(0);
    }
  } catch {
    return new Uint8Array(0);
  }
}
