#!/usr/bin/env node
/**
 * pnpm bench:models — throughput of the model-file scanner per format.
 *
 * Builds synthetic files in a temp directory (sparse where the format allows, so a 10 GB
 * safetensors file costs no disk), scans each with `scanModelFile` from the built package and
 * prints MB/s. Hashing (sha256) is measured separately: it is linear in file size by nature, and
 * disabled (`sha256MaxBytes: 0`) while measuring the format checks themselves.
 *
 * Big but legal structures (an ONNX graph of 500,000 nodes, a zip of 200,000 entries) are timed
 * too: their cost is per node or entry, not per byte. A pickle of tensor bytes compressed by the `zstd`
 * tool (when it is installed) times the zstd decoder: its MB/s are of decompressed bytes. `--cases <regex>` runs the matching cases only.
 *
 * `--dist <dir>` measures another build (a checkout of an earlier commit) for a before/after table.
 *
 *   node packages/plugin-model-files/scripts/bench.mjs [--size-mb 256] [--runs 3] [--json] [--cases onnx|zip] [--dist <dir>]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const SIZE_MB = opt('size-mb', 256);
const RUNS = opt('runs', 3);
const JSON_OUT = args.includes('--json');
const ONLY = args.includes('--cases') ? new RegExp(args[args.indexOf('--cases') + 1], 'i') : undefined;

const dist = args.includes('--dist') ? new URL(`file://${join(process.cwd(), args[args.indexOf('--dist') + 1], 'index.js')}`) : new URL('../dist/index.js', import.meta.url);
let scanModelFile;
try {
  ({ scanModelFile } = await import(dist.href));
} catch {
  console.error(`Build the package first: pnpm --filter @oculum/plugin-model-files build (missing ${fileURLToPath(dist)})`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'oculum-bench-'));
const MB = 1024 * 1024;

function u64(n) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}
function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
const su = (s) => Buffer.concat([Buffer.from([0x8c, Buffer.byteLength(s)]), Buffer.from(s)]);

/** Writes parts sequentially; `{ hole: n }` leaves a sparse hole of n bytes. */
function writeFile(name, parts) {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  let pos = 0;
  for (const p of parts) {
    if (p.hole) pos += p.hole;
    else {
      writeSync(fd, p, 0, p.length, pos);
      pos += p.length;
    }
  }
  if (parts.at(-1)?.hole) writeSync(fd, Buffer.alloc(1), 0, 1, pos - 1);
  closeSync(fd);
  return path;
}

// --- pickle: opcode-dense (lists of floats and small dicts, the worst case per byte) ------------
function denseChunk() {
  const parts = [];
  // a list of 1000 floats, as pickle writes it (MARK, BINFLOAT × 1000, APPENDS)
  parts.push(Buffer.from([0x5d, 0x94, 0x28]));
  const f = Buffer.alloc(9 * 1000);
  for (let i = 0; i < 1000; i++) {
    f[i * 9] = 0x47;
    f.writeDoubleBE(i * 0.5, i * 9 + 1);
  }
  parts.push(f, Buffer.from([0x65]));
  // a small dict with string keys and ints
  parts.push(Buffer.from([0x7d, 0x94, 0x28]));
  for (let i = 0; i < 50; i++) parts.push(su(`key_${i}`), Buffer.from([0x4a]), u32(i));
  parts.push(Buffer.from([0x75, 0x30, 0x30])); // SETITEMS, POP, POP
  return Buffer.concat(parts);
}
function densePickle(sizeMb) {
  const chunk = denseChunk();
  const n = Math.ceil((sizeMb * MB) / chunk.length);
  const parts = [Buffer.from([0x80, 4])];
  for (let i = 0; i < n; i++) parts.push(chunk);
  parts.push(Buffer.from([0x4e, 0x2e]));
  return writeFile('dense.pkl', parts);
}
// --- pickle: tensor bytes inline (protocol 4 BINBYTES8 of 4 MiB each, like pickled numpy arrays) --
function bytesPickle(sizeMb) {
  const parts = [Buffer.from([0x80, 4, 0x5d, 0x28])];
  const block = Buffer.alloc(4 * MB, 7);
  for (let i = 0; i < sizeMb / 4; i++) parts.push(Buffer.from([0x8e]), u64(block.length), block);
  parts.push(Buffer.from([0x65, 0x2e]));
  return writeFile('bytes.pkl', parts);
}
// --- zstd: a pickle of float32 tensor bytes (a sine with noise: about 3:1) by the zstd tool -------
function zstdPickle(sizeMb) {
  const floats = new Float32Array(MB);
  let x = 1;
  const parts = [Buffer.from([0x80, 4, 0x5d, 0x28])];
  for (let b = 0; b < sizeMb / 4; b++) {
    for (let i = 0; i < floats.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      floats[i] = Math.round((Math.sin((b * floats.length + i) / 50) + (x >>> 24) / 2560) * 256) / 256;
    }
    parts.push(Buffer.from([0x8e]), u64(4 * MB), Buffer.from(floats.buffer.slice(0)));
  }
  parts.push(Buffer.from([0x65, 0x2e]));
  const path = writeFile('tensors.pkl', parts);
  const bytes = statSync(path).size;
  const r = spawnSync('zstd', ['-q', '-f', '-3', path, '-o', `${path}.zst`]);
  rmSync(path);
  return r.status === 0 ? { path: `${path}.zst`, bytes } : undefined;
}
// --- PyTorch zip: data.pkl + one big stored storage (sparse) -----------------------------------
function torchZip(sizeMb) {
  const pkl = Buffer.concat([
    Buffer.from([0x80, 2]), Buffer.from('ccollections\nOrderedDict\n)R'), su('w'),
    Buffer.from('ctorch._utils\n_rebuild_tensor_v2\n'), Buffer.from([0x28]), Buffer.from([0x28]), su('storage'),
    Buffer.from('ctorch\nFloatStorage\n'), su('0'), su('cpu'), Buffer.from([0x4a]), u32((sizeMb * MB) / 4), Buffer.from([0x74, 0x51]),
    Buffer.from([0x4b, 0, 0x4a]), u32((sizeMb * MB) / 4), Buffer.from([0x85, 0x4b, 1, 0x85, 0x89]), Buffer.from('ccollections\nOrderedDict\n)R'),
    Buffer.from([0x74, 0x52, 0x73, 0x2e]),
  ]);
  const entries = [
    { name: 'archive/data.pkl', data: pkl },
    { name: 'archive/data/0', size: sizeMb * MB },
    { name: 'archive/version', data: Buffer.from('3\n') },
  ];
  const parts = [];
  const central = [];
  let pos = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.data ? e.data.length : e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt32LE(size, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(pos, 42);
    central.push(cd, name);
    parts.push(local, name, e.data ?? { hole: size });
    pos += 30 + name.length + size;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(pos, 16);
  parts.push(cdBuf, eocd);
  return writeFile('model.pt', parts);
}
// --- safetensors: header + sparse data ---------------------------------------------------------
function safetensors(name, sizeBytes) {
  const header = {};
  const n = 64;
  const per = Math.floor(sizeBytes / n / 4) * 4;
  for (let i = 0; i < n; i++) header[`layer.${i}.weight`] = { dtype: 'F32', shape: [per / 4], data_offsets: [i * per, (i + 1) * per] };
  const h = Buffer.from(JSON.stringify(header));
  return writeFile(name, [u64(h.length), h, { hole: per * n }]);
}
// --- GGUF: metadata (32k-token vocabulary, chat template) + sparse tensor data -----------------
function gguf(name, sizeBytes) {
  const str = (s) => Buffer.concat([u64(Buffer.byteLength(s)), Buffer.from(s)]);
  const kv = [];
  kv.push(str('general.architecture'), u32(8), str('llama'));
  kv.push(str('tokenizer.chat_template'), u32(8), str("{% for m in messages %}{{ '<|' + m['role'] + '|>' + m['content'] }}{% endfor %}"));
  const tokens = [];
  for (let i = 0; i < 32000; i++) tokens.push(str(`tok${i}`));
  kv.push(str('tokenizer.ggml.tokens'), u32(9), u32(8), u64(32000), ...tokens);
  const nT = 16;
  const per = Math.floor(sizeBytes / nT / 32) * 32;
  const infos = [];
  for (let i = 0; i < nT; i++) infos.push(str(`blk.${i}.weight`), u32(1), u64(per / 4), u32(0), u64(i * per));
  let head = Buffer.concat([Buffer.from('GGUF'), u32(3), u64(nT), u64(3), ...kv, ...infos]);
  head = Buffer.concat([head, Buffer.alloc((32 - (head.length % 32)) % 32)]);
  return writeFile(name, [head, { hole: per * nT }]);
}
// --- NumPy .npy plain array --------------------------------------------------------------------
function npy(sizeMb) {
  const shape = (sizeMb * MB) / 8;
  let h = `{'descr': '<f8', 'fortran_order': False, 'shape': (${shape},), }`;
  h = h.padEnd(Math.ceil((h.length + 11) / 64) * 64 - 11) + '\n';
  const head = Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY'), Buffer.from([1, 0]), Buffer.from([h.length & 0xff, h.length >> 8]), Buffer.from(h)]);
  return writeFile('array.npy', [head, { hole: sizeMb * MB }]);
}

// --- ONNX: protobuf written by hand (field numbers of onnx.proto) --------------------------------
function varint(n) {
  const out = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Buffer.from(out);
}
const pbLen = (field, payload) => Buffer.concat([varint(field * 8 + 2), varint(payload.length), payload]);
const pbInt = (field, n) => Buffer.concat([varint(field * 8), varint(n)]);
/** A graph of `n` nodes (`Add`, inputs and outputs named), then one from a custom domain: the walk must reach it. */
function onnxManyNodes(n, named) {
  const node = pbLen(1, named ? Buffer.concat([pbLen(1, Buffer.from('x')), pbLen(1, Buffer.from('y')), pbLen(2, Buffer.from('z')), pbLen(4, Buffer.from('Add'))]) : pbLen(4, Buffer.from('Add')));
  const evil = pbLen(1, Buffer.concat([pbLen(4, Buffer.from('Evil')), pbLen(7, Buffer.from('com.evil'))]));
  const graph = Buffer.concat([...Array.from({ length: n }, () => node), evil]);
  return writeFile(`nodes${n}.onnx`, [pbInt(1, 7), pbLen(7, graph)]);
}
/** A graph with inline weights (raw_data, sparse): a message larger than what is decoded in memory. */
function onnxInlineWeights(sizeMb) {
  const nT = 64;
  const per = Math.floor((sizeMb * MB) / nT);
  const parts = [pbInt(1, 7)];
  const tensors = [];
  let graphLen = 0;
  for (let i = 0; i < nT; i++) {
    const head = Buffer.concat([pbInt(1, per / 4), pbInt(2, 1), pbLen(8, Buffer.from(`w${i}`)), varint(9 * 8 + 2), varint(per)]);
    const fieldHead = Buffer.concat([varint(5 * 8 + 2), varint(head.length + per)]);
    tensors.push(fieldHead, head, { hole: per });
    graphLen += fieldHead.length + head.length + per;
  }
  const evil = pbLen(1, Buffer.concat([pbLen(4, Buffer.from('Evil')), pbLen(7, Buffer.from('com.evil'))]));
  graphLen += evil.length;
  parts.push(varint(7 * 8 + 2), varint(graphLen), ...tensors, evil);
  return writeFile('weights.onnx', parts);
}
// --- zip: PyTorch checkpoint with many entries (data.pkl, then empty storages) ------------------
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b) => {
  let c = ~0;
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
};
function zipMany(n) {
  const pkl = Buffer.concat([Buffer.from([0x80, 2]), Buffer.from('ccollections\nOrderedDict\n)R.')]);
  const entries = [{ name: 'archive/data.pkl', data: pkl }, { name: 'archive/version', data: Buffer.from('3\n') }];
  for (let i = 0; i < n; i++) entries.push({ name: `archive/data/${i}`, data: Buffer.alloc(0) });
  const parts = [];
  const central = [];
  let pos = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(pos, 42);
    central.push(cd, name);
    parts.push(local, name, e.data);
    pos += 30 + name.length + e.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(pos, 16);
  return writeFile(`many${n}.pt`, [Buffer.concat(parts), cdBuf, eocd]);
}

async function time(path, settings) {
  const times = [];
  let file;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    file = await scanModelFile(path, settings);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[0], file }; // best of N: the machine may be shared
}

const NO_HASH = { model: { sha256MaxBytes: 0 } };
const cases = [
  ['pickle (opcode-dense: floats, dicts)', () => densePickle(SIZE_MB)],
  ['pickle (inline tensor bytes)', () => bytesPickle(SIZE_MB)],
  ['PyTorch zip (header + data.pkl)', () => torchZip(SIZE_MB)],
  [`safetensors ${SIZE_MB} MiB (header only)`, () => safetensors('small.safetensors', SIZE_MB * MB)],
  ['safetensors 10 GiB (header only)', () => safetensors('big.safetensors', 10 * 1024 * MB)],
  [`GGUF ${SIZE_MB} MiB (metadata only)`, () => gguf('small.gguf', SIZE_MB * MB)],
  ['GGUF 10 GiB (metadata only)', () => gguf('big.gguf', 10 * 1024 * MB)],
  ['NumPy .npy (header + size check)', () => npy(SIZE_MB)],
  ['ONNX graph, 500,000 nodes (op type only)', () => onnxManyNodes(500_000, false)],
  ['ONNX graph, 100,000 nodes (inputs, outputs, op type)', () => onnxManyNodes(100_000, true)],
  [`ONNX ${SIZE_MB} MiB of inline weights (sparse)`, () => onnxInlineWeights(SIZE_MB)],
  ['PyTorch zip, 200,000 entries', () => zipMany(200_000)],
  ['PyTorch zip, 20,000 entries', () => zipMany(20_000)],
  ['pickle (tensor bytes), zstd -3 (MB/s decompressed)', () => zstdPickle(SIZE_MB)],
].filter(([label]) => !ONLY || ONLY.test(label));

const rows = [];
let peakRss = 0;
for (const [label, make] of cases) {
  const made = make();
  if (made === undefined) {
    console.error(`${label}: skipped (no zstd tool)`);
    continue;
  }
  const path = typeof made === 'string' ? made : made.path;
  const size = typeof made === 'string' ? statSync(path).size : made.bytes;
  const { ms, file } = await time(path, NO_HASH);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const bad = file.problems.filter((p) => p.kind !== 'ambiguous');
  if (bad.length && !JSON_OUT) console.error(`${label}: ${bad.map((p) => p.message).join('; ')}`);
  // ONNX cases end with a custom-domain node: the walk must reach it.
  const reached = file.format !== 'onnx' || file.domains.some((d) => d.domain === 'com.evil');
  rows.push({ label, sizeMiB: +(size / MB).toFixed(1), ms: +ms.toFixed(1), mbPerS: +(size / MB / (ms / 1000)).toFixed(0), format: reached ? file.format : `${file.format}, last node NOT reached`, problems: bad.length });
  rmSync(path);
}
// sha256 throughput (inventory), on a real (non-sparse) file
if (!ONLY || ONLY.test('sha256')) {
  const path = bytesPickle(Math.min(SIZE_MB, 256));
  const size = statSync(path).size;
  const { ms } = await time(path, {});
  const { ms: scanOnly } = await time(path, NO_HASH);
  rows.push({ label: 'pickle (inline tensor bytes) + sha256', sizeMiB: +(size / MB).toFixed(1), ms: +ms.toFixed(1), mbPerS: +(size / MB / (ms / 1000)).toFixed(0), format: 'pickle', problems: 0, scanOnlyMs: +scanOnly.toFixed(1) });
  rmSync(path);
}
rmSync(dir, { recursive: true, force: true });

if (JSON_OUT) console.log(JSON.stringify({ rows, peakRssMiB: +(peakRss / MB).toFixed(0) }, null, 2));
else {
  console.log(`Oculum model-file scanner benchmark (best of ${RUNS} runs, Node ${process.version})\n`);
  console.log('| case | size (MiB) | time (ms) | MB/s | format |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.label} | ${r.sizeMiB} | ${r.ms} | ${r.mbPerS} | ${r.format}${r.problems ? ` (${r.problems} problems!)` : ''} |`);
  console.log(`\npeak RSS ${(peakRss / MB).toFixed(0)} MiB`);
}
