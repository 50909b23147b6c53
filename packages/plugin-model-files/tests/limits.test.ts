/**
 * A hostile file must not hurt the scanner: every limit ends in a finding, never a crash, a hang
 * or unbounded memory.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FileAccess, MAX_TIMER_MS, timerDelay } from '../src/io.js';
import { scanModelBytes, scanModelFile } from '../src/scanner.js';
import { bytes, FIXTURES } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `f` counting the bytes read from files (every file read goes through `FileAccess.read`); past
 * `max` a read fails at once, so that a scan reading gigabytes ends quickly (and the count says so).
 */
async function countingReads<T>(max: number, f: () => Promise<T>): Promise<{ value: T; bytesRead: number }> {
  const read = FileAccess.prototype.read;
  let bytesRead = 0;
  FileAccess.prototype.read = async function (this: FileAccess, position: number, length: number) {
    if (bytesRead > max) throw new Error(`more than ${max} bytes read`);
    const b = await read.call(this, position, length);
    bytesRead += b.length;
    return b;
  };
  try {
    return { value: await f(), bytesRead };
  } finally {
    FileAccess.prototype.read = read;
  }
}

/** A minimal stored/deflated zip with the given members. */
function zip(members: Array<{ name: string; data: Uint8Array; deflate?: boolean }>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let pos = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const body = m.deflate ? deflateRawSync(m.data) : Buffer.from(m.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(m.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(m.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(m.deflate ? 8 : 0, 10);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(m.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(pos, 42);
    parts.push(local, name, body);
    central.push(cd, name);
    pos += 30 + name.length + body.length;
  }
  const cdb = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cdb.length, 12);
  eocd.writeUInt32LE(pos, 16);
  return Buffer.concat([...parts, cdb, eocd]);
}

const evil = bytes([0x80, 2], 'cos\nsystem\n', [0x4e, 0x85, 0x52, 0x2e]);

/** A valid pickle holding `size` zero bytes (BINBYTES8): compresses extremely well. */
function zerosPickle(size: number): Buffer {
  const head = Buffer.alloc(11);
  head.set([0x80, 4, 0x8e]);
  head.writeBigUInt64LE(BigInt(size), 3);
  return Buffer.concat([head, Buffer.alloc(size), Buffer.from([0x2e])]);
}

describe('limits', () => {
  it('stops a gzip bomb at the ratio limit', async () => {
    const bomb = gzipSync(zerosPickle(64 << 20)); // 64 MiB → ~65 KiB
    const f = await scanModelBytes(bomb, 'bomb.pkl.gz');
    expect(f.problems.some((p) => p.kind === 'limit' && /ratio/.test(p.message))).toBe(true);
  });

  it('stops a deflate bomb inside a zip at the size limit', async () => {
    const z = zip([{ name: 'archive/data.pkl', data: zerosPickle(8 << 20), deflate: true }]);
    const f = await scanModelBytes(z, 'bomb.pt', { model: { limits: { maxDecompressedBytes: 1 << 20 } } });
    expect(f.problems.some((p) => p.kind === 'limit' && /exceeds/.test(p.message))).toBe(true);
  });

  it('stops at the nesting limit, and still finds payloads within it', async () => {
    let data: Uint8Array = zip([{ name: 'archive/data.pkl', data: evil }]);
    for (let i = 0; i < 3; i++) data = zip([{ name: `level${i}/model.pt`, data }]);
    const within = await scanModelBytes(data, 'nested.zip');
    expect(within.globals.map((g) => `${g.module}.${g.name}`)).toContain('os.system');
    const limited = await scanModelBytes(data, 'nested.zip', { model: { limits: { maxDepth: 2 } } });
    expect(limited.problems.some((p) => p.kind === 'limit' && /nesting/.test(p.message))).toBe(true);
  });

  it('finds a payload in a deflated member', async () => {
    const f = await scanModelBytes(zip([{ name: 'x/data.pkl', data: evil, deflate: true }]), 'm.pt');
    expect(f.globals.map((g) => `${g.module}.${g.name}`)).toEqual(['os.system']);
  });

  it('stops at the member limit', async () => {
    const members = Array.from({ length: 20 }, (_, i) => ({ name: `a/${i}.pkl`, data: evil }));
    const f = await scanModelBytes(zip(members), 'many.zip', { model: { limits: { maxMembers: 5 } } });
    expect(f.problems.some((p) => p.kind === 'limit' && /entries|members/.test(p.message))).toBe(true);
  });

  it('scans data.pkl first, past filler members placed ahead of it, and still says where it stopped', async () => {
    const filler = Array.from({ length: 50 }, (_, i) => ({ name: `archive/x${i}.bin`, data: new Uint8Array([0x30]) }));
    const f = await scanModelBytes(zip([...filler, { name: 'archive/data.pkl', data: evil }]), 'padded.pt', { model: { limits: { maxMembers: 5 } } });
    expect(f.globals.map((g) => `${g.module}.${g.name}`)).toEqual(['os.system']);
    expect(f.problems.some((p) => p.kind === 'limit' && /members/.test(p.message))).toBe(true);
  });

  it('reads bytes that many entries share once (entries pointing at one member)', async () => {
    const one = Buffer.from(zip([{ name: 'a/big.pkl', data: zerosPickle(1 << 20), deflate: true }, { name: 'archive/data.pkl', data: evil }]));
    // The central directory: the first record (a/big.pkl) repeated 300 times, then the second.
    const eocdAt = one.length - 22;
    const cdAt = one.readUInt32LE(eocdAt + 16);
    const first = one.subarray(cdAt, cdAt + 46 + 'a/big.pkl'.length);
    const second = one.subarray(cdAt + first.length, eocdAt);
    const cd = Buffer.concat([...Array.from({ length: 300 }, () => first), second]);
    const eocd = Buffer.from(one.subarray(eocdAt));
    eocd.writeUInt16LE(301, 8);
    eocd.writeUInt16LE(301, 10);
    eocd.writeUInt32LE(cd.length, 12);
    const limits = { maxDecompressedBytes: 4 << 20, maxCompressionRatio: 1e6 };
    const f = await scanModelBytes(Buffer.concat([one.subarray(0, cdAt), cd, eocd]), 'shared.pt', { model: { limits } });
    expect(f.globals.map((g) => `${g.module}.${g.name}`)).toEqual(['os.system']);
    // read 300 times, the 1 MiB member would pass a 4 MiB decompression budget (and take its time)
    expect(f.problems.filter((p) => p.kind === 'limit')).toEqual([]);
  });

  it('reads only the header of a 10 GiB safetensors file (sparse), without hashing it', async () => {
    const header = Buffer.from(JSON.stringify({ w: { dtype: 'U8', shape: [10 * 1024 ** 3], data_offsets: [0, 10 * 1024 ** 3] } }));
    const path = join(dir, 'big.safetensors');
    const fd = openSync(path, 'w');
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(header.length));
    writeSync(fd, len, 0, 8, 0);
    writeSync(fd, header, 0, header.length, 8);
    writeSync(fd, Buffer.from([0]), 0, 1, 8 + header.length + 10 * 1024 ** 3 - 1);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const { value: f, bytesRead } = await countingReads(64 << 10, () => scanModelFile(path, { model: { sha256MaxBytes: 1 << 20 } }));
    // the work is the bytes read, not the time: the header (some 1 KiB), never the 10 GiB
    expect(bytesRead).toBeLessThanOrEqual(64 << 10);
    expect(f.problems).toEqual([]);
    expect(f.format).toBe('safetensors');
    expect(f.sha256).toBeNull();
    expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
  });

  it('skips the raw storages of a 3.5 GiB PyTorch zip (sparse) and scans data.pkl', async () => {
    const path = join(dir, 'big.pt');
    const size = 3.5 * 1024 ** 3; // stored sizes and offsets fit 32 bits (no zip64 needed)
    const name = Buffer.from('archive/data/0');
    const pklName = Buffer.from('archive/data.pkl');
    const fd = openSync(path, 'w');
    const local = (n: Buffer, sz: number) => {
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt32LE(sz, 18);
      h.writeUInt32LE(sz, 22);
      h.writeUInt16LE(n.length, 26);
      return Buffer.concat([h, n]);
    };
    const l1 = local(pklName, evil.length);
    writeSync(fd, l1, 0, l1.length, 0);
    writeSync(fd, evil, 0, evil.length, l1.length);
    const off2 = l1.length + evil.length;
    const l2 = local(name, size);
    writeSync(fd, l2, 0, l2.length, off2);
    const cdPos = off2 + l2.length + size;
    const cd = (n: Buffer, sz: number, off: number) => {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt32LE(sz, 20);
      h.writeUInt32LE(sz, 24);
      h.writeUInt16LE(n.length, 28);
      h.writeUInt32LE(off, 42);
      return Buffer.concat([h, n]);
    };
    const cdb = Buffer.concat([cd(pklName, evil.length, 0), cd(name, size, off2)]);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(2, 8);
    eocd.writeUInt16LE(2, 10);
    eocd.writeUInt32LE(cdb.length, 12);
    eocd.writeUInt32LE(cdPos, 16);
    const tail = Buffer.concat([cdb, eocd]);
    writeSync(fd, tail, 0, tail.length, cdPos);
    closeSync(fd);
    const { value: f, bytesRead } = await countingReads(256 << 10, () => scanModelFile(path, { model: { sha256MaxBytes: 0 } }));
    // the work is the bytes read, not the time: heads, data.pkl and the directory (some 73 KiB), never the 3.5 GiB storage
    expect(bytesRead).toBeLessThanOrEqual(256 << 10);
    expect(f.format).toBe('pytorch-zip');
    expect(f.globals.map((g) => `${g.module}.${g.name}`)).toEqual(['os.system']);
    expect(f.members.find((m) => m.path === 'archive/data/0')).toMatchObject({ listed: true, size });
  });

  it('takes a time limit too long for a timer (2^31 ms or more, 1e308) as that long, not as 1 ms', async () => {
    expect([timerDelay(1e308), timerDelay(2 ** 31), timerDelay(MAX_TIMER_MS), timerDelay(30_000), timerDelay(-1), timerDelay(Number.NaN)]).toEqual([
      MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS, 30_000, 0, MAX_TIMER_MS,
    ]);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      for (const timeMs of [2 ** 31 - 1000, 2 ** 31, 1e308]) {
        // jsfive reads the .h5 in a worker that the time limit terminates: a 1 ms timer lost the Lambda layer.
        const f = await scanModelFile(join(FIXTURES, 'malicious/keras_lambda.h5'), { model: { limits: { timeMs } } });
        expect(f.problems, `timeMs ${timeMs}`).toEqual([]);
        expect(f.format).toBe('keras-h5');
        expect(f.keras.map((k) => k.kind)).toContain('lambda');
      }
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.startsWith('TimeoutOverflowWarning'))).toEqual([]);
  });

  it('never throws on random bytes', async () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 200; i++) {
      const data = new Uint8Array(1 + Math.floor(rnd() * 2000));
      for (let j = 0; j < data.length; j++) data[j] = Math.floor(rnd() * 256);
      data[0] = [0x80, 0x50, 0x1f, 0x93, 0x47, 0x28, 0x42][i % 7];
      if (data[0] === 0x50) data.set([0x50, 0x4b, 3, 4], 0);
      if (data[0] === 0x47) data.set([0x47, 0x47, 0x55, 0x46], 0);
      if (data[0] === 0x42) data.set([0x42, 0x5a, 0x68, 0x39], 0);
      const f = await scanModelBytes(data, 'x.pkl');
      expect(f.type).toBe('ModelFile');
    }
  });
});
