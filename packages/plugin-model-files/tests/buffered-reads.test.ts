/**
 * Big but legal structures (an ONNX graph of many nodes, a zip of many entries) are walked through a
 * buffer, not with a positioned file read per node or entry: these tests count reads, they do not
 * time anything (`scripts/bench.mjs` measures the speed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readOnnx } from '../src/formats/onnx.js';
import { crc32Update, readZipDirectory } from '../src/formats/zip.js';
import { BufferAccess, BufferedAccess, FileAccess, type RandomAccess } from '../src/io.js';
import { scanModelFile } from '../src/scanner.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-reads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Buffer.from(out);
}
const pb = (field: number, payload: Buffer) => Buffer.concat([varint(field * 8 + 2), varint(payload.length), payload]);
const pbInt = (field: number, n: number) => Buffer.concat([varint(field * 8), varint(n)]);

/** ir_version 7, a graph of `n` `Add` nodes (one with an int attribute), then a custom-domain node. */
function onnx(n: number, tail = pb(1, Buffer.concat([pb(4, Buffer.from('Evil')), pb(7, Buffer.from('com.evil'))]))): Buffer {
  const add = pb(1, Buffer.concat([pb(1, Buffer.from('x')), pb(2, Buffer.from('y')), pb(4, Buffer.from('Add'))]));
  const withAttr = pb(1, Buffer.concat([pb(4, Buffer.from('Gemm')), pb(5, Buffer.concat([pb(1, Buffer.from('alpha')), pbInt(20, 1)]))]));
  return Buffer.concat([pbInt(1, 7), pb(7, Buffer.concat([...Array.from({ length: n }, (_, i) => (i % 100 ? add : withAttr)), tail]))]);
}

/** A stored zip: `archive/data.pkl`, then `n` empty tensor storages `archive/data/<i>`. */
function zipMany(n: number): Buffer {
  const entries = [{ name: 'archive/data.pkl', data: Buffer.from('\x80\x02ccollections\nOrderedDict\n)R.', 'latin1') }];
  for (let i = 0; i < n; i++) entries.push({ name: `archive/data/${i}`, data: Buffer.alloc(0) });
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let pos = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const crc = crc32Update(0, e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(pos, 42);
    parts.push(local, name, e.data);
    central.push(cd, name);
    pos += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(pos, 16);
  return Buffer.concat([...parts, cd, eocd]);
}

/** Counts the reads that reach the file. */
class Counting implements RandomAccess {
  reads = 0;
  bytes = 0;
  constructor(private readonly inner: RandomAccess) {}
  get size(): number {
    return this.inner.size;
  }
  read(position: number, length: number): Promise<Uint8Array> {
    this.reads++;
    this.bytes += Math.max(0, Math.min(length, this.size - position));
    return this.inner.read(position, length);
  }
}

describe('BufferedAccess', () => {
  it('returns what the file holds, whatever the reads', async () => {
    const data = new Uint8Array(3 << 20);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const file = new Counting(new BufferAccess(data));
    const b = new BufferedAccess(file);
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 3000; i++) {
      // sequential runs, jumps, reads across the window's end, large reads, past the end
      const pos = i % 3 === 0 ? rnd(data.length + 100) : (i * 4099) % data.length;
      const len = i % 97 === 0 ? (2 << 20) + rnd(1000) : rnd(20_000);
      expect(Buffer.from(await b.read(pos, len)).equals(Buffer.from(data.subarray(pos, pos + len))), `${pos}+${len}`).toBe(true);
    }
    expect(await b.read(data.length, 10)).toHaveLength(0);
    expect(await b.read(5, 0)).toHaveLength(0);
  });

  it('reads sequential small records with one file read per window', async () => {
    const file = new Counting(new BufferAccess(new Uint8Array(4 << 20)));
    const b = new BufferedAccess(file);
    for (let pos = 0; pos < 4 << 20; pos += 50) await b.read(pos, 30);
    expect(file.reads).toBeLessThan(20); // 8 KiB, 16 KiB, … 1 MiB windows: not 80,000 reads
  });

  it('reads little where a reader skips ahead (tensor data between headers)', async () => {
    const file = new Counting(new BufferAccess(new Uint8Array(64 << 20)));
    const b = new BufferedAccess(file);
    for (let pos = 0; pos < 64 << 20; pos += 1 << 20) await b.read(pos, 30);
    expect(file.reads).toBe(64);
    expect(file.bytes).toBe(64 * (8 << 10));
  });
});

describe('walking big structures', () => {
  it('an ONNX graph of 20,000 nodes: read in one go, the custom-domain node at the end found', async () => {
    const path = join(dir, 'nodes.onnx');
    writeFileSync(path, onnx(20_000));
    const reads = vi.spyOn(FileAccess.prototype, 'read');
    const f = await scanModelFile(path, { model: { sha256MaxBytes: 0 } });
    expect(f.problems).toEqual([]);
    expect(f.details.onnxNodes).toBe(20_001);
    expect(f.domains).toEqual([{ member: '', domain: 'com.evil', ops: ['Evil'], local: false }]);
    expect(reads.mock.calls.length).toBeLessThan(10); // it was three reads per node
  });

  it('an ONNX graph larger than what is read whole: through a window', async () => {
    const data = onnx(20_000);
    const file = new Counting(new BufferAccess(data));
    const info = await readOnnx(new BufferedAccess(file), Date.now() + 60_000);
    expect(info.problems).toEqual([]);
    expect([...info.domains.keys()].sort()).toEqual(['', 'com.evil']);
    expect(file.reads).toBeLessThan(10);
  });

  it('nodes with subgraphs or tensors in their attributes are still walked', async () => {
    const evil = pb(1, Buffer.concat([pb(4, Buffer.from('Evil')), pb(7, Buffer.from('com.evil'))]));
    const ifNode = pb(1, Buffer.concat([pb(4, Buffer.from('If')), pb(5, Buffer.concat([pb(1, Buffer.from('then_branch')), pb(6, evil)]))]));
    const ext = pb(5, Buffer.concat([pb(8, Buffer.from('w')), pb(13, Buffer.concat([pb(1, Buffer.from('location')), pb(2, Buffer.from('../../etc/passwd'))])), pbInt(14, 1)]));
    const constNode = pb(1, Buffer.concat([pb(4, Buffer.from('Constant')), pb(5, Buffer.concat([pb(1, Buffer.from('value')), ext]))]));
    const path = join(dir, 'nested.onnx');
    writeFileSync(path, onnx(10, Buffer.concat([ifNode, constNode])));
    const f = await scanModelFile(path, { model: { sha256MaxBytes: 0 } });
    expect(f.domains.map((d) => d.domain)).toEqual(['com.evil']);
    expect(f.externalData).toEqual([{ member: '', tensor: 'w', location: '../../etc/passwd' }]);
    // a malformed node is reported as before
    writeFileSync(path, Buffer.concat([pbInt(1, 7), pb(7, Buffer.concat([pb(1, Buffer.from([0x22, 0x7f, 0x41]))]))]));
    const bad = await scanModelFile(path, { model: { sha256MaxBytes: 0 } });
    expect(bad.problems.map((p) => p.message)).toEqual(['ONNX: protobuf: field 4 runs past the end of its message']);
  });

  it('a zip of 20,000 entries: local headers read through a window; listed storages do not count as members read', async () => {
    const path = join(dir, 'many.pt');
    writeFileSync(path, zipMany(20_000));
    const reads = vi.spyOn(FileAccess.prototype, 'read');
    const f = await scanModelFile(path, { model: { sha256MaxBytes: 0 } });
    expect(f.format).toBe('pytorch-zip');
    // 20,000 raw storages are listed, not read: they do not hit maxMembers (10,000)
    expect(f.problems).toEqual([]);
    expect(reads.mock.calls.length).toBeLessThan(50); // it was two reads per entry
  });

  it('readZipDirectory through a window', async () => {
    const file = new Counting(new BufferAccess(zipMany(20_000)));
    const z = await readZipDirectory(new BufferedAccess(file), { maxEntries: 200_000, maxCentralDirectory: 64 << 20 });
    expect(z.entries).toHaveLength(20_001);
    expect(z.problems).toEqual([]);
    expect(z.entries.every((e) => e.dataOffset > 0)).toBe(true);
    expect(file.reads).toBeLessThan(30);
  });
});
