/**
 * A small zip reader that reads archives the way PyTorch's loader (miniz via
 * `PyTorchStreamReader`) does: from the central directory, CRCs and flag bits ignored, the local
 * header's own name/extra lengths used to find the data, names matched case-insensitively. It
 * also reports everything a loader could read differently (duplicate names, names that differ
 * only by case, local/central name mismatches, encryption flags, CRC mismatches), so an archive
 * cannot show one content to the scanner and another to the loader.
 */
import type { RandomAccess } from '../io.js';

export interface ZipEntry {
  name: string;
  /** Name in the local header when it differs from the central directory. */
  localName?: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Absolute start of the member data (after the local header), or -1 when the header is bad. */
  dataOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  problems: string[];
  /** Anomalies that make loaders disagree about the content. */
  ambiguities: string[];
  /** Limits hit while reading the directory. */
  limited: string[];
  /** Recovered from local headers because the central directory was missing. */
  recovered: boolean;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;
const dec = new TextDecoder('utf-8');

export interface ZipLimits {
  maxEntries: number;
  maxCentralDirectory: number;
}

/** What a zip's end record says: where the central directory is, its size and entry count. */
export interface EndRecord {
  total: number;
  cdSize: number;
  cdOffset: number;
  /** Offset of the end record in the file. */
  eocdPos: number;
  /** Offset of the zip64 end record, when a zip64 locator precedes the end record. */
  zip64At?: number;
}

/** Bytes to read from the end of a file to find the end record (comment included). */
export const ZIP_TAIL = 65535 + 22 + 20;

/** Finds the end record in the last bytes of a file (`tail`, starting at `tailStart`). */
export function findEndRecord(tail: Uint8Array, tailStart: number): EndRecord | undefined {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      const rec: EndRecord = { total: u16(tail, i + 10), cdSize: u32(tail, i + 12), cdOffset: u32(tail, i + 16), eocdPos: tailStart + i };
      if (i >= 20 && u32(tail, i - 20) === 0x07064b50) rec.zip64At = u64(tail, i - 20 + 8);
      return rec;
    }
  }
  return undefined;
}

/** Reads the zip64 end record (56 bytes at `zip64At`) into `rec`; false when it is invalid. */
export function applyZip64(rec: EndRecord, z: Uint8Array): boolean {
  if (z.length < 56 || u32(z, 0) !== 0x06064b50) return false;
  rec.total = u64(z, 32);
  rec.cdSize = u64(z, 40);
  rec.cdOffset = u64(z, 48);
  return true;
}

/**
 * Where a reader looks for the central directory (`at`) and how far it moves every member's local
 * header offset (`shift`). The end record says where the directory starts; Python's zipfile (and so
 * Keras, `np.load` of an `.npz`, picklescan) takes the distance between the directory's end and the
 * end record for data prepended to the archive (its "concat") and adds it to the directory's offset
 * and to every member's; PyTorch's reader (miniz through `PyTorchStreamReader`'s read callback)
 * reads at the offsets as written.
 */
export interface DirectoryView {
  reader: 'zipfile' | 'miniz';
  at: number;
  shift: number;
}

/**
 * The places readers look for the central directory: one when the directory ends where the end
 * record (or the zip64 records) begin, else the shifted one of zipfile and the literal one of miniz,
 * the one this reader always used first (the shifted one for data prepended to the archive).
 */
export function directoryViews(rec: EndRecord): DirectoryView[] {
  const cdEnd = rec.eocdPos - (rec.zip64At !== undefined ? 76 : 0);
  const concat = cdEnd - (rec.cdOffset + rec.cdSize);
  const miniz: DirectoryView = { reader: 'miniz', at: rec.cdOffset, shift: 0 };
  if (concat === 0) return [miniz];
  const zipfile: DirectoryView = { reader: 'zipfile', at: rec.cdOffset + concat, shift: concat };
  if (zipfile.at < 0) return [miniz];
  return concat > 0 ? [zipfile, miniz] : [miniz, zipfile];
}

/** Members two views list differently (by name and local header offset). */
function sameMembers(a: ZipEntry[], b: ZipEntry[]): boolean {
  if (a.length !== b.length) return false;
  const key = (e: ZipEntry) => `${e.localOffset}\0${e.name}`;
  const keys = new Set(a.map(key));
  return b.every((e) => keys.has(key(e)));
}

/**
 * The entries of the central directories readers find (`directoryViews`): the first view's, and
 * when the other one also reads as a directory and lists other members, those too, with a message
 * saying the readers disagree. A view that does not read (a self-extracting archive's literal
 * offset points into member data) is dropped; when none reads, the first view's problems stand.
 */
export function viewEntries(
  rec: EndRecord,
  read: (at: number, length: number) => Uint8Array,
  maxEntries: number,
  maxDirectory: number,
): { entries: ZipEntry[]; views: ZipEntry[][]; problems: string[]; disagreement?: string; truncated: boolean } {
  const views = directoryViews(rec).map((v) => {
    const cd = read(v.at, Math.min(rec.cdSize, maxDirectory));
    const problems: string[] = [];
    if (cd.length < Math.min(rec.cdSize, maxDirectory)) problems.push('central directory extends past the end of the file');
    const { entries, end } = centralEntries(cd, v.shift, maxEntries, problems);
    const truncated = entries.length >= maxEntries && end + 46 <= cd.length;
    if (!truncated && entries.length !== rec.total && !problems.length) problems.push(`central directory lists ${entries.length} entries, the end record says ${rec.total}`);
    return { v, entries, problems, truncated };
  });
  const reading = views.filter((x) => x.entries.length > 0);
  const first = reading[0] ?? views[0];
  const other = reading.find((x) => x !== first);
  if (!other || sameMembers(first.entries, other.entries)) return { entries: first.entries, views: [first.entries], problems: first.problems, truncated: first.truncated };
  const zipfile = first.v.reader === 'zipfile' ? first.v : other.v;
  const miniz = first.v.reader === 'miniz' ? first.v : other.v;
  const known = new Set(first.entries.map((e) => `${e.localOffset}\0${e.name}`));
  const gap = zipfile.shift > 0 ? `${zipfile.shift} bytes before the end record` : `${-zipfile.shift} bytes past the end record`;
  return {
    entries: [...first.entries, ...other.entries.filter((e) => !known.has(`${e.localOffset}\0${e.name}`))],
    views: [first.entries, other.entries],
    problems: [...new Set([...first.problems, ...other.problems])],
    truncated: first.truncated || other.truncated,
    disagreement:
      `the end record places the central directory at byte ${miniz.at}, but a directory there would end ${gap}: PyTorch (miniz) reads the directory at byte ${miniz.at}, ` +
      `Python's zipfile at byte ${zipfile.at} (moving every member by ${zipfile.shift} bytes), and the two list different members (both were scanned)`,
  };
}

/** The entries of a central directory, up to `maxEntries`; `end` is where reading stopped. */
export function centralEntries(cd: Uint8Array, shift: number, maxEntries: number, problems: string[]): { entries: ZipEntry[]; end: number } {
  const entries: ZipEntry[] = [];
  let p = 0;
  while (p + 46 <= cd.length && entries.length < maxEntries) {
    if (u32(cd, p) !== 0x02014b50) {
      problems.push(`bad central directory entry signature at entry ${entries.length}`);
      break;
    }
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    const crc = u32(cd, p + 16) >>> 0;
    let csize = u32(cd, p + 20);
    let usize = u32(cd, p + 24);
    const nlen = u16(cd, p + 28);
    const xlen = u16(cd, p + 30);
    const clen = u16(cd, p + 32);
    let loff = u32(cd, p + 42);
    const name = dec.decode(cd.subarray(p + 46, p + 46 + nlen));
    // Zip64 extra field.
    let x = p + 46 + nlen;
    const xend = x + xlen;
    while (x + 4 <= xend && x + 4 <= cd.length) {
      const id = u16(cd, x);
      const sz = u16(cd, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (usize === 0xffffffff && q + 8 <= x + 4 + sz) { usize = u64(cd, q); q += 8; }
        if (csize === 0xffffffff && q + 8 <= x + 4 + sz) { csize = u64(cd, q); q += 8; }
        if (loff === 0xffffffff && q + 8 <= x + 4 + sz) { loff = u64(cd, q); q += 8; }
      }
      x += 4 + sz;
    }
    entries.push({ name, method, flags, crc, compressedSize: csize, size: usize, localOffset: loff + shift, dataOffset: -1 });
    p += 46 + nlen + xlen + clen;
  }
  return { entries, end: p };
}

/**
 * Whether some bytes end in a zip that a reader finds by its end record (Python's zipfile, Keras'
 * `zipfile.is_zipfile`), however they begin: an end record in the last 22 bytes (or, with `comment`,
 * anywhere in the last 64 KiB, where an archive comment moves it), and a central directory
 * signature where one of the readers looks (`directoryViews`). For bytes whose head is no zip: a
 * self-extracting archive, junk before a `.keras`.
 */
export async function endsInZip(ra: RandomAccess, comment: boolean): Promise<boolean> {
  if (ra.size < 22) return false;
  const tailLen = Math.min(ra.size, comment ? ZIP_TAIL : 22);
  const rec = findEndRecord(await ra.read(ra.size - tailLen, tailLen), ra.size - tailLen);
  if (!rec || rec.total === 0) return false;
  if (rec.zip64At !== undefined && !applyZip64(rec, await ra.read(rec.zip64At, 56))) return false;
  for (const v of directoryViews(rec)) if (u32(await ra.read(v.at, 4), 0) === 0x02014b50) return true;
  return false;
}

export async function readZipDirectory(ra: RandomAccess, limits: ZipLimits): Promise<ZipDirectory> {
  const problems: string[] = [];
  const ambiguities: string[] = [];
  const limited: string[] = [];
  const tailLen = Math.min(ra.size, ZIP_TAIL);
  const tailStart = ra.size - tailLen;
  const rec = findEndRecord(await ra.read(tailStart, tailLen), tailStart);
  if (!rec) {
    problems.push('zip end-of-central-directory record not found (truncated or not a zip archive)');
    const entries = await recoverFromLocalHeaders(ra, limits);
    return { entries, problems, ambiguities, limited, recovered: true };
  }
  if (rec.zip64At !== undefined && !applyZip64(rec, await ra.read(rec.zip64At, 56))) problems.push('zip64 end-of-central-directory record is invalid');
  if (rec.cdSize > limits.maxCentralDirectory) limited.push(`central directory of ${rec.cdSize} bytes exceeds the limit (${limits.maxCentralDirectory})`);
  // Every place a reader looks for the directory (`directoryViews`), read up front.
  const cds = new Map<number, Uint8Array>();
  for (const v of directoryViews(rec)) cds.set(v.at, await ra.read(v.at, Math.min(rec.cdSize, limits.maxCentralDirectory)));
  const seen = viewEntries(rec, (at) => cds.get(at) ?? new Uint8Array(0), limits.maxEntries, limits.maxCentralDirectory);
  const { entries } = seen;
  problems.push(...seen.problems);
  if (seen.truncated) limited.push(`more than ${limits.maxEntries} entries; the rest were not read`);
  if (seen.disagreement) ambiguities.push(seen.disagreement);
  // Local headers: PyTorch computes the data start from the local name and extra lengths.
  for (const e of entries) {
    const h = await ra.read(e.localOffset, 30);
    if (h.length < 30 || u32(h, 0) !== 0x04034b50) {
      problems.push(`member ${e.name}: local header missing at offset ${e.localOffset}`);
      continue;
    }
    const nlen = u16(h, 26);
    const xlen = u16(h, 28);
    const lflags = u16(h, 6);
    if ((lflags & 0x61) !== (e.flags & 0x61)) {
      ambiguities.push(`member ${e.name}: local header flag bits 0x${lflags.toString(16)} differ from the central directory's 0x${e.flags.toString(16)} (Python's zipfile honours local encryption/patch bits, PyTorch reads only the central directory)`);
    }
    e.dataOffset = e.localOffset + 30 + nlen + xlen;
    const lname = dec.decode(await ra.read(e.localOffset + 30, nlen));
    if (lname !== e.name) {
      e.localName = lname;
      ambiguities.push(`member ${e.name}: the local header names it ${JSON.stringify(lname)} (Python's zipfile refuses the member, PyTorch reads it)`);
    }
    if (e.dataOffset + e.compressedSize > ra.size) problems.push(`member ${e.name}: data runs past the end of the archive`);
  }
  // Names a loader may resolve differently, within each directory a reader sees.
  const named: string[] = [];
  for (const view of seen.views) {
    const exact = new Map<string, number>();
    const folded = new Map<string, string>();
    for (const e of view) {
      exact.set(e.name, (exact.get(e.name) ?? 0) + 1);
      const f = e.name.toLowerCase();
      const prev = folded.get(f);
      if (prev !== undefined && prev !== e.name) named.push(`members ${prev} and ${e.name} differ only by case (PyTorch matches names case-insensitively)`);
      else folded.set(f, e.name);
      if (e.flags & 0x61) named.push(`member ${e.name}: encryption or patch flag set (readers disagree: some refuse the member, this scanner reads the bytes as stored)`);
      if (e.name.includes('..') || e.name.startsWith('/') || e.name.includes('\\')) named.push(`member ${e.name}: path escapes the archive root`);
    }
    for (const [n, c] of exact) if (c > 1) named.push(`member ${n} appears ${c} times (PyTorch reads the first, Python's zipfile the last)`);
  }
  ambiguities.push(...new Set(named));
  return { entries, problems, ambiguities, limited, recovered: false };
}

/** Walks local headers from the start when there is no central directory. */
async function recoverFromLocalHeaders(ra: RandomAccess, limits: ZipLimits): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  let pos = 0;
  while (pos + 30 <= ra.size && entries.length < limits.maxEntries) {
    const h = await ra.read(pos, 30);
    if (u32(h, 0) !== 0x04034b50) break;
    const flags = u16(h, 6);
    const method = u16(h, 8);
    const crc = u32(h, 14) >>> 0;
    const csize = u32(h, 18);
    const usize = u32(h, 22);
    const nlen = u16(h, 26);
    const xlen = u16(h, 28);
    const name = dec.decode(await ra.read(pos + 30, nlen));
    const dataOffset = pos + 30 + nlen + xlen;
    if (flags & 0x8 && csize === 0) break; // sizes only in a data descriptor: cannot walk further safely
    entries.push({ name, method, flags, crc, compressedSize: csize, size: usize, localOffset: pos, dataOffset });
    pos = dataOffset + csize;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32Update(crc: number, b: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
