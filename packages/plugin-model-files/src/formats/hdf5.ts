/**
 * The root group's attributes of an HDF5 file (where Keras keeps `model_config`), read with
 * positioned reads: the superblock (at 0, or after a user block at 512, 1024, 2048… bytes, where
 * the HDF5 library looks too), the root object header (version 1 or 2, with its continuation
 * blocks), compact attribute messages and dense attribute storage (the Attribute Info message: a
 * fractal heap indexed by a version 2 B-tree; `libver='latest'` with more than 8 attributes, or an
 * attribute over 64 KiB). Fixed-length and variable-length strings (global heap) are decoded.
 *
 * Only what those attributes need is read, whatever the file's size (a 2 GB Keras `.h5` costs a few
 * small reads). Structures this reader does not follow (shared or filtered attribute storage) are
 * returned as `incomplete`, never skipped silently.
 */

export type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether the HDF5 signature is at `at` of `b`. */
export function hasHdf5Signature(b: Uint8Array, at = 0): boolean {
  if (b.length < at + 8) return false;
  for (let i = 0; i < 8; i++) if (b[at + i] !== SIGNATURE[i]) return false;
  return true;
}

/** Where the HDF5 library looks for the superblock: 0, then 512, 1024, 2048… below the file's size. */
export function superblockOffsets(size: number): number[] {
  const out = [0];
  for (let at = 512; at + 8 <= size && out.length < 48; at *= 2) out.push(at);
  return out;
}

/** The offset of the first superblock, or undefined when the file has none. */
export async function findSuperblock(read: ReadAt, size: number): Promise<number | undefined> {
  for (const at of superblockOffsets(size)) if (hasHdf5Signature(await read(at, 8))) return at;
  return undefined;
}

class Hdf5Error extends Error {}
class Incomplete extends Error {}

/** Bounds: bytes read, object header blocks, B-tree nodes and records, global heap size. */
const MAX_READ_BYTES = 256 << 20;
const MAX_BLOCKS = 1000;
const MAX_NODES = 10_000;
const MAX_ATTRIBUTES = 100_000;
const MAX_COLLECTION = 256 << 20;

export interface Hdf5RootAttributes {
  /** Offset of the superblock (the size of the user block before it). */
  superblock: number;
  /** Names of every root attribute read. */
  names: string[];
  /** Values of the wanted attributes that are strings. */
  values: Record<string, string>;
  /** Why not every attribute could be read (unsupported structure, a bound). */
  incomplete?: string;
  /** The file is not HDF5 as the library reads it. */
  error?: string;
}

/**
 * Reads the root group's attributes; `want` names those whose string values are decoded (others
 * are listed by name only).
 */
export async function readHdf5RootAttributes(read: ReadAt, size: number, want: readonly string[], deadline = Number.POSITIVE_INFINITY): Promise<Hdf5RootAttributes> {
  const at = await findSuperblock(read, size);
  const out: Hdf5RootAttributes = { superblock: at ?? -1, names: [], values: {} };
  if (at === undefined) return { ...out, error: 'no HDF5 superblock' };
  const r = new Reader(read, size, at, deadline);
  try {
    await r.superblock();
    await r.rootAttributes(want, out);
  } catch (error) {
    if (error instanceof Incomplete) out.incomplete = error.message;
    else if (error instanceof Hdf5Error) out.error = error.message;
    else if (error instanceof RangeError) out.error = error.message;
    else throw error;
  }
  return out;
}

function uint(b: Uint8Array, at: number, n: number): number {
  if (at + n > b.length) throw new Hdf5Error('structure runs past the end of the data read');
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[at + i];
  return v;
}

function allOnes(b: Uint8Array, at: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (b[at + i] !== 0xff) return false;
  return true;
}

const encSize = (n: number): number => Math.floor(Math.log2(Math.max(1, n)) / 8) + 1;
const ascii4 = (b: Uint8Array, at = 0): string => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

interface Message {
  type: number;
  flags: number;
  data: Uint8Array;
}

interface FractalHeap {
  idLen: number;
  filtered: boolean;
  hugeBtree?: number;
  width: number;
  startBlock: number;
  maxDirect: number;
  rootAddr?: number;
  rootRows: number;
  checksummed: boolean;
  offSize: number;
  lenSize: number;
}

class Reader {
  /** Size of offsets and lengths. */
  private O = 8;
  private L = 8;
  private root = 0;
  private bytesRead = 0;
  private nodes = 0;
  private readonly collections = new Map<number, Uint8Array>();

  constructor(private readonly raw: ReadAt, private readonly size: number, private readonly base: number, private readonly deadline: number) {}

  /** Reads `length` bytes at file address `addr` (relative to the superblock), all or an error. */
  private async read(addr: number, length: number): Promise<Uint8Array> {
    if (Date.now() > this.deadline) throw new Incomplete('time limit reached');
    const pos = this.base + addr;
    if (!Number.isSafeInteger(pos) || length < 0 || pos + length > this.size) throw new Hdf5Error(`address ${addr} (+${length}) lies past the end of the file`);
    this.bytesRead += length;
    if (this.bytesRead > MAX_READ_BYTES) throw new Incomplete(`more than ${MAX_READ_BYTES} bytes of structure`);
    const b = await this.raw(pos, length);
    if (b.length < length) throw new Hdf5Error(`short read at ${addr}`);
    return b;
  }

  private addr(b: Uint8Array, at: number): number | undefined {
    return allOnes(b, at, this.O) ? undefined : uint(b, at, this.O);
  }

  async superblock(): Promise<void> {
    const b = await this.read(0, Math.min(256, this.size - this.base));
    const v = b[8];
    if (v === 0 || v === 1) {
      this.O = b[13];
      this.L = b[14];
      this.checkSizes();
      // base, free-space, end-of-file and driver addresses, then the root symbol table entry
      // (link name offset, object header address)
      const p = (v === 0 ? 24 : 28) + 4 * this.O + this.O;
      const root = this.addr(b, p);
      if (root === undefined) throw new Hdf5Error('the root group has no object header');
      this.root = root;
    } else if (v === 2 || v === 3) {
      this.O = b[9];
      this.L = b[10];
      this.checkSizes();
      const root = this.addr(b, 12 + 3 * this.O);
      if (root === undefined) throw new Hdf5Error('the root group has no object header');
      this.root = root;
    } else throw new Incomplete(`superblock version ${v} is not read`);
  }

  private checkSizes(): void {
    if (![2, 4, 8].includes(this.O) || ![2, 4, 8].includes(this.L)) throw new Hdf5Error(`sizes of offsets ${this.O} and lengths ${this.L} are not 2, 4 or 8`);
  }

  /** Every message of an object header, across its continuation blocks. */
  private async messages(addr: number): Promise<Message[]> {
    const out: Message[] = [];
    const head = await this.read(addr, Math.min(64, this.size - this.base - addr));
    const blocks: Array<{ at: number; length: number; v2: boolean; chk: boolean }> = [];
    let v2 = false;
    let creationOrder = false;
    if (ascii4(head) === 'OHDR') {
      v2 = true;
      if (head[4] !== 2) throw new Hdf5Error(`object header version ${head[4]}`);
      const flags = head[5];
      creationOrder = (flags & 0x04) !== 0;
      let p = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
      const n = 1 << (flags & 3);
      const chunk0 = uint(head, p, n);
      p += n;
      blocks.push({ at: addr + p, length: chunk0, v2, chk: false });
    } else if (head[0] === 1) {
      blocks.push({ at: addr + 16, length: uint(head, 8, 4), v2, chk: false });
    } else throw new Hdf5Error(`object header version ${head[0]} at ${addr}`);
    const seen = new Set<number>();
    for (let i = 0; i < blocks.length; i++) {
      if (i >= MAX_BLOCKS) throw new Incomplete(`more than ${MAX_BLOCKS} object header blocks`);
      const blk = blocks[i];
      if (seen.has(blk.at)) continue;
      seen.add(blk.at);
      let b = await this.read(blk.at, blk.length);
      if (blk.chk) {
        if (ascii4(b) !== 'OCHK') throw new Hdf5Error('continuation block without its OCHK signature');
        b = b.subarray(4, b.length - 4);
      }
      const hdr = v2 ? 4 + (creationOrder ? 2 : 0) : 8;
      let p = 0;
      while (p + hdr <= b.length) {
        const type = v2 ? b[p] : uint(b, p, 2);
        const size = v2 ? uint(b, p + 1, 2) : uint(b, p + 2, 2);
        const flags = v2 ? b[p + 3] : b[p + 4];
        const start = p + hdr;
        if (start + size > b.length) throw new Hdf5Error('object header message runs past its block');
        const data = b.subarray(start, start + size);
        p = start + size;
        if (type === 0x10) {
          const at = this.addr(data, 0);
          const length = uint(data, this.O, this.L);
          if (at !== undefined) blocks.push({ at, length, v2, chk: v2 });
        } else out.push({ type, flags, data });
      }
    }
    return out;
  }

  async rootAttributes(want: readonly string[], out: Hdf5RootAttributes): Promise<void> {
    const msgs = await this.messages(this.root);
    const take = async (a: Uint8Array): Promise<void> => {
      if (out.names.length >= MAX_ATTRIBUTES) throw new Incomplete(`more than ${MAX_ATTRIBUTES} attributes`);
      const { name, value } = await this.attribute(a, want);
      out.names.push(name);
      if (value !== undefined && !(name in out.values)) out.values[name] = value;
    };
    for (const m of msgs) {
      if (m.type === 0x0c) {
        if (m.flags & 0x02) throw new Incomplete('a root attribute is a shared message');
        await take(m.data);
      } else if (m.type === 0x15) await this.dense(m.data, take);
    }
  }

  /** Dense attribute storage: the records of the name index (a v2 B-tree), each a heap ID into the fractal heap. */
  private async dense(info: Uint8Array, take: (a: Uint8Array) => Promise<void>): Promise<void> {
    const flags = info[1];
    let p = 2 + (flags & 1 ? 2 : 0);
    const heapAddr = this.addr(info, p);
    p += this.O;
    const nameIndex = this.addr(info, p);
    if (heapAddr === undefined || nameIndex === undefined) return;
    const heap = await this.fractalHeap(heapAddr);
    for (const rec of await this.btreeRecords(nameIndex)) {
      // type 8 records: heap ID, message flags (1), creation order (4), name hash (4)
      const id = rec.subarray(0, heap.idLen);
      const mflags = rec[heap.idLen];
      if (mflags & 0x02) throw new Incomplete('a root attribute is a shared message');
      await take(await this.heapObject(heap, id));
    }
  }

  private async fractalHeap(addr: number): Promise<FractalHeap> {
    const { O, L } = this;
    const b = await this.read(addr, Math.min(4 + 1 + 2 + 2 + 1 + 4 + 12 * L + 3 * O + 2 + 2 + 2 + 2 + 4 + 64, this.size - this.base - addr));
    if (ascii4(b) !== 'FRHP') throw new Hdf5Error('fractal heap without its FRHP signature');
    const idLen = uint(b, 5, 2);
    const filterLen = uint(b, 7, 2);
    const flags = b[9];
    const maxManaged = uint(b, 10, 4);
    let p = 14 + L; // next huge object ID
    const hugeBtree = this.addr(b, p);
    p += O + L + O + L + L + L + L + L + L + L + L; // free space, manager, managed space, allocated, iterator, counts and sizes
    const width = uint(b, p, 2);
    const startBlock = uint(b, p + 2, L);
    const maxDirect = uint(b, p + 2 + L, L);
    const maxHeapBits = uint(b, p + 2 + 2 * L, 2);
    p += 2 + 2 * L + 2 + 2; // and the starting number of rows
    const rootAddr = this.addr(b, p);
    const rootRows = uint(b, p + O, 2);
    if (!width || !startBlock || !maxDirect || (startBlock & (startBlock - 1)) || (maxDirect & (maxDirect - 1))) throw new Hdf5Error('fractal heap with an invalid doubling table');
    const offSize = Math.ceil(maxHeapBits / 8);
    const lenSize = Math.min(Math.floor((Math.log2(maxDirect) + 7) / 8), encSize(maxManaged));
    return { idLen, filtered: filterLen > 0, hugeBtree, width, startBlock, maxDirect, rootAddr, rootRows, checksummed: (flags & 2) !== 0, offSize, lenSize };
  }

  private async heapObject(h: FractalHeap, id: Uint8Array): Promise<Uint8Array> {
    const type = (id[0] >> 4) & 3;
    if (type === 2) {
      // tiny: the object is in the ID
      if (h.idLen <= 18) return id.subarray(1, 1 + (id[0] & 0x0f) + 1);
      return id.subarray(2, 2 + (((id[0] & 0x0f) << 8) | id[1]) + 1);
    }
    if (type === 1) {
      if (h.filtered) throw new Incomplete('a root attribute is a filtered huge object');
      if (h.idLen - 1 >= this.O + this.L) return this.read(uint(id, 1, this.O), uint(id, 1 + this.O, this.L));
      if (h.hugeBtree === undefined) throw new Hdf5Error('huge object without its B-tree');
      const key = uint(id, 1, Math.min(h.idLen - 1, this.L));
      for (const rec of await this.btreeRecords(h.hugeBtree)) {
        // type 1 records: address, length, ID
        if (uint(rec, this.O + this.L, this.L) === key) return this.read(uint(rec, 0, this.O), uint(rec, this.O, this.L));
      }
      throw new Hdf5Error(`huge object ${key} is not in its B-tree`);
    }
    if (type !== 0) throw new Hdf5Error(`heap ID of type ${type}`);
    if (h.filtered) throw new Incomplete('the attribute heap is filtered (compressed)');
    const off = uint(id, 1, h.offSize);
    const len = uint(id, 1 + h.offSize, h.lenSize);
    if (h.rootAddr === undefined) throw new Hdf5Error('fractal heap without a root block');
    const blk = h.rootRows === 0 ? { addr: h.rootAddr, offset: 0 } : await this.locate(h, h.rootAddr, h.rootRows, 0, off, 0);
    return this.read(blk.addr + (off - blk.offset), len);
  }

  /** The direct block holding heap offset `off`, through an indirect block of `rows` rows starting at heap offset `base`. */
  private async locate(h: FractalHeap, addr: number, rows: number, base: number, off: number, depth: number): Promise<{ addr: number; offset: number }> {
    if (depth > 16 || ++this.nodes > MAX_NODES) throw new Incomplete('fractal heap nested too deep');
    const maxDirectRows = Math.log2(h.maxDirect) - Math.log2(h.startBlock) + 2;
    const entries = rows * h.width;
    const b = await this.read(addr, 4 + 1 + this.O + h.offSize + entries * this.O);
    if (ascii4(b) !== 'FHIB') throw new Hdf5Error('indirect block without its FHIB signature');
    let p = 5 + this.O + h.offSize;
    let cur = base;
    for (let r = 0; r < rows; r++) {
      const size = r === 0 ? h.startBlock : h.startBlock * 2 ** (r - 1);
      for (let c = 0; c < h.width; c++, p += this.O) {
        if (off >= cur + size) {
          cur += size;
          continue;
        }
        const child = this.addr(b, p);
        if (child === undefined) throw new Hdf5Error(`heap offset ${off} lies in an unallocated block`);
        if (r < maxDirectRows) return { addr: child, offset: cur };
        const childRows = Math.log2(size) - Math.log2(h.startBlock * h.width) + 1;
        return this.locate(h, child, childRows, cur, off, depth + 1);
      }
    }
    throw new Hdf5Error(`heap offset ${off} lies past the heap`);
  }

  /** Every record of a version 2 B-tree, in order. */
  private async btreeRecords(addr: number): Promise<Uint8Array[]> {
    const { O, L } = this;
    const h = await this.read(addr, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + O + 2 + L + 4);
    if (ascii4(h) !== 'BTHD') throw new Hdf5Error('B-tree without its BTHD signature');
    const nodeSize = uint(h, 6, 4);
    const recSize = uint(h, 10, 2);
    const depth = uint(h, 12, 2);
    const root = this.addr(h, 16);
    const rootCount = uint(h, 16 + O, 2);
    if (root === undefined || rootCount === 0) return [];
    if (!recSize || nodeSize < 10 + recSize || depth > 32) throw new Hdf5Error('B-tree with an invalid node or record size');
    // Sizes of the child pointers' record counts, as the library derives them (H5B2__hdr_init).
    const leafMax = Math.floor((nodeSize - 10) / recSize);
    const maxNrecSize = encSize(leafMax);
    const cum: Array<{ max: number; size: number }> = [{ max: leafMax, size: 0 }];
    for (let d = 1; d <= depth; d++) {
      const ptr = O + maxNrecSize + (d > 1 ? cum[d - 1].size : 0);
      const max = Math.floor((nodeSize - 10 - ptr) / (recSize + ptr));
      const total = (max + 1) * cum[d - 1].max + max;
      cum.push({ max: total, size: encSize(total) });
    }
    const out: Uint8Array[] = [];
    const walk = async (at: number, count: number, d: number): Promise<void> => {
      if (++this.nodes > MAX_NODES) throw new Incomplete(`more than ${MAX_NODES} B-tree nodes`);
      if (out.length + count > MAX_ATTRIBUTES) throw new Incomplete(`more than ${MAX_ATTRIBUTES} B-tree records`);
      const ptr = O + maxNrecSize + (d > 1 ? cum[d - 1].size : 0);
      const b = await this.read(at, 6 + count * recSize + (d > 0 ? (count + 1) * ptr : 0));
      if (ascii4(b) !== (d > 0 ? 'BTIN' : 'BTLF')) throw new Hdf5Error(`B-tree node without its ${d > 0 ? 'BTIN' : 'BTLF'} signature`);
      const rec = (i: number) => b.subarray(6 + i * recSize, 6 + (i + 1) * recSize);
      if (d === 0) {
        for (let i = 0; i < count; i++) out.push(rec(i));
        return;
      }
      for (let i = 0; i <= count; i++) {
        const p = 6 + count * recSize + i * ptr;
        const child = this.addr(b, p);
        const n = uint(b, p + O, maxNrecSize);
        if (child !== undefined) await walk(child, n, d - 1);
        if (i < count) out.push(rec(i));
      }
    };
    await walk(root, rootCount, depth);
    return out;
  }

  /** An attribute message: its name and, for a wanted string attribute, its (first) value. */
  private async attribute(a: Uint8Array, want: readonly string[]): Promise<{ name: string; value?: string }> {
    const v = a[0];
    if (v < 1 || v > 3) throw new Hdf5Error(`attribute message version ${v}`);
    const flags = v === 1 ? 0 : a[1];
    const nameSize = uint(a, 2, 2);
    const dtSize = uint(a, 4, 2);
    const dsSize = uint(a, 6, 2);
    const pad = (n: number) => (v === 1 ? Math.ceil(n / 8) * 8 : n);
    let p = v === 3 ? 9 : 8;
    const name = Buffer.from(a.subarray(p, p + nameSize)).toString('utf8').replace(/\0+$/, '');
    p += pad(nameSize);
    const dt = a.subarray(p, p + dtSize);
    p += pad(dtSize);
    const ds = a.subarray(p, p + dsSize);
    p += pad(dsSize);
    if (!want.includes(name)) return { name };
    if (flags & 0x03) throw new Incomplete(`attribute ${name} has a shared datatype or dataspace`);
    const data = a.subarray(p);
    const count = this.elements(ds);
    if (count === 0 || dt.length < 8) return { name };
    const cls = dt[0] & 0x0f;
    const size = uint(dt, 4, 4);
    if (cls === 3) {
      // fixed-length string: the first element, cut at its padding
      const s = Buffer.from(data.subarray(0, size)).toString('utf8');
      const cut = s.indexOf('\0');
      return { name, value: (cut >= 0 ? s.slice(0, cut) : s).replace(/ +$/, '') };
    }
    if (cls === 9) {
      // variable-length string or sequence: length, global heap collection, object index
      const length = uint(data, 0, 4);
      const coll = this.addr(data, 4);
      const index = uint(data, 4 + this.O, 4);
      if (coll === undefined || length === 0) return { name, value: '' };
      const obj = await this.globalHeapObject(coll, index);
      return { name, value: Buffer.from(obj.subarray(0, Math.min(obj.length, length * Math.max(1, (dt[1] & 0x0f) === 1 ? 1 : this.baseSize(dt))))).toString('utf8') };
    }
    return { name };
  }

  private baseSize(dt: Uint8Array): number {
    return dt.length >= 16 ? uint(dt, 12, 4) : 1;
  }

  private elements(ds: Uint8Array): number {
    if (ds.length < 4) return 1;
    const v = ds[0];
    const rank = ds[1];
    if (v === 2 && ds[3] === 2) return 0; // null dataspace
    const at = v === 1 ? 8 : 4;
    let n = 1;
    for (let i = 0; i < rank; i++) n *= uint(ds, at + i * this.L, this.L);
    return n;
  }

  private async globalHeapObject(addr: number, index: number): Promise<Uint8Array> {
    let coll = this.collections.get(addr);
    if (!coll) {
      const h = await this.read(addr, 8 + this.L);
      if (ascii4(h) !== 'GCOL') throw new Hdf5Error('global heap without its GCOL signature');
      const size = uint(h, 8, this.L);
      if (size > MAX_COLLECTION) throw new Incomplete(`global heap collection of ${size} bytes`);
      coll = await this.read(addr, Math.min(size, this.size - this.base - addr));
      this.collections.set(addr, coll);
    }
    let p = 8 + this.L;
    while (p + 8 + this.L <= coll.length) {
      const i = uint(coll, p, 2);
      const size = uint(coll, p + 8, this.L);
      if (i === 0) break;
      const start = p + 8 + this.L;
      if (i === index) {
        if (start + size > coll.length) throw new Hdf5Error('global heap object runs past its collection');
        return coll.subarray(start, start + size);
      }
      p = start + Math.ceil(size / 8) * 8;
    }
    throw new Hdf5Error(`global heap object ${index} not found`);
  }
}
