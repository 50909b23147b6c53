/**
 * Reads one model file into a `ModelFile` node: detects each unit's format from its bytes,
 * recurses into containers (zip, tar, compressed streams, npy, nested pickles) up to a depth
 * limit, and records facts for rules. Nothing is executed or deserialised; every limit that is
 * hit becomes a `limit` problem instead of an exception.
 */
import type { ModelFile, ModelMember, PickleGlobalFact, ProblemKind } from './ast.js';
import { bunzip2, Bzip2Error } from './bzip2.js';
import { Lz4Error, unlz4 } from './lz4.js';
import { LzmaError, unlzmaAlone, unxz } from './lzma.js';
import { ZstdError } from './zstd.js';
import { detectFormat, isLfsPointer, sniffPickle, type FormatId } from './formats/detect.js';
import { walkTarAsync, type TarMember } from './formats/tar.js';
import { readGguf } from './formats/gguf.js';
import { findSuperblock, readHdf5RootAttributes } from './formats/hdf5.js';
import { analyzeKerasConfig, MAX_KERAS_CONFIG_DEPTH, readH5Attributes } from './formats/keras.js';
import { MAX_NPY_HEADER, npyHeaderSpan, parseNpyHeader } from './formats/npy.js';
import { readOnnx, STANDARD_ONNX_DOMAINS } from './formats/onnx.js';
import { checkSafetensors } from './formats/safetensors.js';
import { analyzeTemplate } from './formats/template.js';
import { crc32Update, endsInZip, readZipDirectory, type ZipEntry } from './formats/zip.js';
import { decodeFolderSync, walkSevenZipAsync, type SevenZipArchive } from './formats/sevenzip.js';
import { MODEL_MEMBER_NAME } from './formats/names.js';
import {
  BufferAccess, BufferedAccess, chunksOf, collect, decompress, FileAccess, forWalking, LimitError, peek, sha256Of, SliceAccess, timerDelay,
  type RandomAccess,
} from './io.js';
import { PickleMachine, type PickleScanResult } from './pickle/machine.js';

export interface ScanLimits {
  /** Wall-clock time per file (ms). */
  timeMs: number;
  /** Total decompressed bytes per file. */
  maxDecompressedBytes: number;
  /** Decompressed / compressed ratio above which a stream is treated as a bomb. */
  maxCompressionRatio: number;
  /** Nesting of archives, compressed streams and embedded pickles. */
  maxDepth: number;
  /** Archive members read per file. */
  maxMembers: number;
  /** Largest nested content buffered in memory when random access is needed (bytes). */
  maxBufferBytes: number;
  /** Largest HDF5 file read (jsfive needs the whole file in memory). */
  maxHdf5Bytes: number;
  maxOpcodes: number;
  maxMemo: number;
  /** Files larger than this get no sha256 in the inventory (hashing is linear in size). */
  sha256MaxBytes: number;
}

export const DEFAULT_LIMITS: ScanLimits = {
  timeMs: 30_000,
  maxDecompressedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 1000,
  maxDepth: 5,
  maxMembers: 10_000,
  maxBufferBytes: 256 * 1024 ** 2,
  maxHdf5Bytes: 512 * 1024 ** 2,
  maxOpcodes: 50_000_000,
  maxMemo: 1_000_000,
  sha256MaxBytes: 4 * 1024 ** 3,
};

export function limitsFromSettings(settings: Record<string, unknown> | undefined): ScanLimits {
  const model = (settings?.model ?? {}) as Record<string, unknown>;
  const user = (model.limits ?? {}) as Record<string, unknown>;
  const out: ScanLimits = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(out) as Array<keyof ScanLimits>) {
    const v = k === 'sha256MaxBytes' && model.sha256MaxBytes !== undefined ? model.sha256MaxBytes : user[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

interface Unit {
  /** Member path ('' for the file itself). */
  name: string;
  ra?: RandomAccess;
  stream?: AsyncIterable<Uint8Array>;
  depth: number;
  /** Speculatively scanned embedded bytes: malformations are not reported. */
  tentative?: boolean;
  /** Scanning a member of a TorchScript archive. */
  torchscript?: boolean;
  /** Filename used for extension hints (ONNX, protocol-0 pickles). */
  hint: string;
}

/** Formats of archives (zip, tar) that hold a model: nested ones are listed as members (`Scan.container`). */
const NESTED_FORMATS = new Set<FormatId>(['keras', 'npz', 'pytorch-zip', 'pytorch-tar', 'torchscript']);

const PICKLE_NAME = /\.(pkl|pickle|p|pt|pth|bin|ckpt|joblib|sav|debug_pkl|dat)$/i;
/** Keras 3 opens a file so named as a zip whenever `zipfile.is_zipfile` finds one in it. */
const KERAS_NAME = /\.keras$/i;

class Scan {
  readonly file: ModelFile;
  readonly deadline: number;
  private decompressed = 0;
  private membersRead = 0;
  private objectArrays = 0;

  constructor(path: string, size: number, readonly limits: ScanLimits) {
    this.deadline = Date.now() + limits.timeMs;
    this.file = {
      type: 'ModelFile', path, format: 'unknown', size, sha256: null, members: [], globals: [], calls: [], problems: [],
      keras: [], templates: [], externalData: [], domains: [], details: {}, durationMs: 0,
    };
  }

  problem(unit: Unit, kind: ProblemKind, message: string, pickle = false, template = false): void {
    if (unit.tentative && kind === 'malformed') return;
    const p = this.file.problems;
    if (p.length >= 500) return;
    if (p.some((x) => x.member === unit.name && x.message === message)) return;
    p.push({ member: unit.name, kind, message, ...(pickle ? { pickle } : {}), ...(template ? { template } : {}) });
  }

  member(m: ModelMember): void {
    if (this.file.members.length < 10_000) this.file.members.push(m);
  }

  async head(unit: Unit, n = 512): Promise<Uint8Array> {
    if (unit.ra) return unit.ra.read(0, n);
    const { head, stream } = await peek(unit.stream as AsyncIterable<Uint8Array>, n);
    unit.stream = stream;
    return head;
  }

  stream(unit: Unit, from = 0): AsyncIterable<Uint8Array> {
    if (unit.ra) return chunksOf(unit.ra, from);
    const s = unit.stream as AsyncIterable<Uint8Array>;
    if (!from) return s;
    return (async function* () {
      let skip = from;
      for await (const c of s) {
        if (skip >= c.length) {
          skip -= c.length;
          continue;
        }
        yield skip ? c.subarray(skip) : c;
        skip = 0;
      }
    })();
  }

  /**
   * A member that is itself an archive of a model format (a `.keras` or a PyTorch zip inside a zip):
   * listed under that format, so the inventory of the outer archive names it.
   */
  container(unit: Unit, size: number, fmt: FormatId): void {
    if (!NESTED_FORMATS.has(fmt) || this.file.members.some((m) => m.path === unit.name)) return;
    this.member({ path: unit.name, format: fmt, size });
  }

  /** Random access for formats that need it, buffering a stream up to the limit. */
  async access(unit: Unit): Promise<RandomAccess | undefined> {
    if (unit.ra) return unit.ra;
    try {
      const data = await collect(unit.stream as AsyncIterable<Uint8Array>, this.limits.maxBufferBytes);
      unit.ra = new BufferAccess(data);
      return unit.ra;
    } catch (error) {
      this.problem(unit, 'limit', (error as Error).message);
      return undefined;
    }
  }

  async unit(unit: Unit, forced?: FormatId): Promise<FormatId> {
    if (Date.now() >= this.deadline) {
      this.problem(unit, 'limit', `time limit (${this.limits.timeMs} ms) reached; ${unit.name || 'the file'} was not scanned`);
      return 'unknown';
    }
    const head = await this.head(unit, 1024);
    let fmt = forced ?? detectFormat(head, unit.hint);
    if (unit.depth > this.limits.maxDepth) {
      // A pickle nested too deep is still read for its imports (cheaply, without following what is
      // nested in it), so nesting cannot hide them.
      if (fmt === 'pickle' && unit.ra) return this.pickleImportsOnly(unit);
      this.problem(unit, 'limit', `nesting deeper than ${this.limits.maxDepth} levels was not scanned`);
      return 'unknown';
    }
    if (fmt === 'unknown' && unit.depth === 0 && isLfsPointer(head)) {
      // `version https://git-lfs.github.com/spec/v1`, `oid sha256:…`, `size N`: the model is not in this checkout
      const text = new TextDecoder().decode(head);
      const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
      const size = /^size (\d+)$/m.exec(text)?.[1];
      this.problem(unit, 'absent', `a Git LFS pointer${oid ? ` (oid sha256:${oid.slice(0, 12)}…${size ? `, ${size} bytes` : ''})` : ''}`);
      return 'unknown';
    }
    // A zip after other bytes (a self-extracting archive; junk, a pickle or an HDF5 file before a
    // `.keras`): zip readers find it by its end record, Keras (which opens any zip named `.keras`)
    // whatever the head is. Read as they read it: as a zip when the head is nothing else, else as
    // well as the head's format (`torch.load` unpickles a `.pt` from its first byte).
    let zipAfter = !forced && fmt !== 'zip' && unit.ra !== undefined && (fmt === 'unknown' || KERAS_NAME.test(unit.hint)) && (await endsInZip(unit.ra, unit.depth === 0 || /\.(keras|zip)$/i.test(unit.hint)));
    if (fmt === 'unknown' && PICKLE_NAME.test(unit.hint) && head.length > 0 && !/\.(bin|dat)$/i.test(unit.hint)) fmt = 'pickle';
    // A `.bin` that is one long first operand: the file was taken for a model only because a pickle
    // follows that operand (`isModelFile`), which is how `torch.load` reads it.
    if (fmt === 'unknown' && unit.depth === 0 && /\.bin$/i.test(unit.hint) && sniffPickle(head) === 'partial') fmt = 'pickle';
    // HDF5 after a user block: the library looks for its superblock at 512, 1024, 2048… bytes too.
    if (fmt === 'unknown' && unit.ra && unit.ra.size >= 520 && (await findSuperblock((p, n) => (unit.ra as RandomAccess).read(p, n), unit.ra.size)) !== undefined) fmt = 'hdf5';
    if (fmt === 'unknown' && zipAfter) {
      fmt = 'zip';
      zipAfter = false;
    }
    const read = await this.format(unit, fmt);
    if (!zipAfter) return read;
    const z = await this.zip(unit);
    return NESTED_FORMATS.has(z) ? z : read;
  }

  /** Reads a unit as `fmt`. */
  private async format(unit: Unit, fmt: FormatId): Promise<FormatId> {
    switch (fmt) {
      case 'pickle':
        return this.pickle(unit);
      case 'zip':
        return this.zip(unit);
      case 'tar':
        return this.tar(unit);
      case 'gzip':
      case 'zlib':
      case 'zstd':
        return this.compressed(unit, fmt);
      case 'bz2':
        return this.bz2(unit);
      case 'xz':
      case 'lzma':
        return this.lzma(unit, fmt);
      case 'lz4':
        return this.lz4(unit);
      case 'numpy':
        return this.npy(unit);
      case 'safetensors':
        return this.safetensors(unit);
      case 'gguf':
        return this.gguf(unit);
      case 'onnx':
        return this.onnx(unit);
      case 'hdf5':
        return this.hdf5(unit);
      case '7z':
        return this.sevenZip(unit);
      case 'rar':
        // Not opened (`model/model-scan-limit` reports it: high when named as a model or kept among models).
        this.problem(unit, 'unopened', 'a RAR archive, which this scanner does not open');
        this.member({ path: unit.name, format: fmt, size: unit.ra?.size ?? -1, listed: true });
        return fmt;
      default:
        this.member({ path: unit.name, format: 'data', size: unit.ra?.size ?? -1, listed: true });
        return 'unknown';
    }
  }

  async pickle(unit: Unit, from = 0): Promise<FormatId> {
    const machine = new PickleMachine({
      limits: { deadline: this.deadline, maxOpcodes: this.limits.maxOpcodes, maxMemo: this.limits.maxMemo },
      joblib: true,
    });
    try {
      for await (const chunk of this.stream(unit, from)) {
        if (!machine.feed(chunk)) break;
      }
    } catch (error) {
      // The stream was cut by a limit (decompressed size or ratio, time): the imports read before it
      // still count (a gzip bomb of NONEs after `os.system`); the caller reports the limit.
      const r = machine.stop();
      await this.recordPickle(unit, r);
      this.member({ path: unit.name, format: 'pickle', size: unit.ra?.size ?? r.bytes });
      throw error;
    }
    const r = machine.end();
    await this.recordPickle(unit, r);
    const joblib = r.globals.some((g) => g.module.startsWith('joblib.numpy_pickle'));
    const fmt: FormatId = r.legacyTorch ? 'pytorch-legacy' : joblib ? 'joblib' : 'pickle';
    this.member({ path: unit.name, format: fmt, size: unit.ra?.size ?? r.bytes });
    return fmt;
  }

  /** A compressed stream cut by a limit: 'pickle' when what it held was read as one (see `pickle`). */
  private cutPickle(unit: Unit): FormatId | undefined {
    return this.file.members.some((m) => m.path === unit.name && m.format === 'pickle') ? 'pickle' : undefined;
  }

  /** A pickle beyond the nesting limit: its imports only; pickles nested in it are not followed. */
  private async pickleImportsOnly(unit: Unit): Promise<FormatId> {
    this.problem(unit, 'limit', `nesting deeper than ${this.limits.maxDepth} levels: this pickle was read for its imports only, pickles nested in it were not read`, true);
    const machine = new PickleMachine({
      limits: { deadline: this.deadline, maxOpcodes: this.limits.maxOpcodes, maxMemo: this.limits.maxMemo },
      joblib: true,
      importsOnly: true,
    });
    for await (const chunk of this.stream(unit)) if (!machine.feed(chunk)) break;
    const r = machine.end();
    await this.recordPickle(unit, r);
    this.member({ path: unit.name, format: 'pickle', size: unit.ra?.size ?? r.bytes });
    return 'pickle';
  }

  private async recordPickle(unit: Unit, r: PickleScanResult): Promise<void> {
    const f = this.file;
    for (const g of r.globals) {
      if (f.globals.length >= 5000) break;
      const fact: PickleGlobalFact = { member: unit.name, module: g.module, name: g.name, opcode: g.opcode, offset: g.offset, torchscript: unit.torchscript || undefined };
      if (g.getattr) fact.getattr = g.getattr;
      f.globals.push(fact);
    }
    for (const c of r.calls) {
      if (f.calls.length >= 5000) break;
      f.calls.push({ member: unit.name, callee: c.callee, opcode: c.opcode, offset: c.offset, args: c.args });
    }
    for (const p of r.problems) this.problem(unit, p.kind, `${p.message} (byte ${p.offset})`, true);
    f.details.pickleOpcodes = Number(f.details.pickleOpcodes ?? 0) + r.opcodes;
    if (r.protocol > Number(f.details.pickleProtocol ?? -1)) f.details.pickleProtocol = r.protocol;
    if (r.joblibArrays) f.details.joblibArrays = Number(f.details.joblibArrays ?? 0) + r.joblibArrays;
    for (const blob of r.embedded) {
      const name = `${unit.name || '(pickle)'}#bytes@${blob.offset}`;
      if (blob.result) {
        await this.recordPickle({ name, depth: unit.depth + 1, tentative: !blob.confirmed, hint: '', torchscript: unit.torchscript }, blob.result);
        continue;
      }
      await this.unit({ name, ra: new BufferAccess(blob.data), depth: unit.depth + 1, tentative: !blob.confirmed, hint: '', torchscript: unit.torchscript }, blob.confirmed && blob.data[0] !== 0x50 ? 'pickle' : undefined);
    }
  }

  /** gzip, zlib and zstd streams: input and output both stream (`decompress` of `io.ts`). */
  async compressed(unit: Unit, kind: 'gzip' | 'zlib' | 'zstd'): Promise<FormatId> {
    const self = this;
    const input = this.stream(unit);
    const limitBytes = this.limits.maxDecompressedBytes - this.decompressed;
    const out = decompress(input, kind, { maxBytes: limitBytes, maxRatio: this.limits.maxCompressionRatio, deadline: this.deadline }, (m, k) => this.problem(unit, k, m));
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const c of out) {
        self.decompressed += c.length;
        yield c;
      }
    }
    this.file.details.compression = kind;
    try {
      const inner = await this.unit({ name: unit.name, stream: counted(), depth: unit.depth + 1, hint: unit.hint.replace(/\.(gz|z|zlib|zst|zstd)$/i, ''), tentative: unit.tentative, torchscript: unit.torchscript });
      return inner;
    } catch (error) {
      if (error instanceof LimitError) {
        this.problem(unit, 'limit', error.message);
        return this.cutPickle(unit) ?? kind;
      }
      throw error;
    }
  }

  async bz2(unit: Unit): Promise<FormatId> {
    const self = this;
    const out = bunzip2(this.stream(unit), { maxBytes: this.limits.maxDecompressedBytes - this.decompressed, deadline: this.deadline });
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const c of out) {
        self.decompressed += c.length;
        yield c;
      }
    }
    this.file.details.compression = 'bz2';
    try {
      return await this.unit({ name: unit.name, stream: counted(), depth: unit.depth + 1, hint: unit.hint.replace(/\.bz2$/i, ''), tentative: unit.tentative, torchscript: unit.torchscript });
    } catch (error) {
      if (!(error instanceof Bzip2Error)) throw error;
      this.problem(unit, /exceeds|time limit/.test(error.message) ? 'limit' : 'malformed', `bzip2: ${error.message}`);
      return this.cutPickle(unit) ?? 'bz2';
    }
  }

  /** LZ4 frames (joblib's `lz4` compressor) and the legacy format: input and output both stream, a block at a time. */
  async lz4(unit: Unit): Promise<FormatId> {
    const self = this;
    const limits = { maxBytes: this.limits.maxDecompressedBytes - this.decompressed, maxRatio: this.limits.maxCompressionRatio, deadline: this.deadline };
    const out = unlz4(this.stream(unit), limits, (m) => this.problem(unit, 'malformed', m));
    const isLimit = (e: Error) => /exceeds|time limit/.test(e.message);
    async function* counted(): AsyncGenerator<Uint8Array> {
      try {
        for await (const c of out) {
          self.decompressed += c.length;
          yield c;
        }
      } catch (error) {
        // A corrupt or truncated frame ends the content there (as for gzip): what came before it is
        // scanned whole, even when it is shorter than the head the format is detected from.
        if (!(error instanceof Lz4Error) || isLimit(error)) throw error;
        self.problem(unit, 'malformed', `lz4: ${error.message}`);
      }
    }
    this.file.details.compression = 'lz4';
    try {
      return await this.unit({ name: unit.name, stream: counted(), depth: unit.depth + 1, hint: unit.hint.replace(/\.lz4$/i, ''), tentative: unit.tentative, torchscript: unit.torchscript });
    } catch (error) {
      if (!(error instanceof Lz4Error)) throw error;
      this.problem(unit, isLimit(error) ? 'limit' : 'malformed', `lz4: ${error.message}`);
      return this.cutPickle(unit) ?? 'lz4';
    }
  }

  /** xz / lzma-alone: the compressed input is buffered (bounded), the output streams. */
  async lzma(unit: Unit, kind: 'xz' | 'lzma'): Promise<FormatId> {
    const ra = await this.access(unit);
    this.file.details.compression = kind;
    if (!ra) return kind;
    const input = await ra.read(0, ra.size);
    const limits = { maxBytes: this.limits.maxDecompressedBytes - this.decompressed, deadline: this.deadline };
    const self = this;
    async function* out(): AsyncGenerator<Uint8Array> {
      for (const c of kind === 'xz' ? unxz(input, limits) : unlzmaAlone(input, limits)) {
        self.decompressed += c.length;
        yield c;
      }
    }
    try {
      return await this.unit({ name: unit.name, stream: out(), depth: unit.depth + 1, hint: unit.hint.replace(/\.(xz|lzma)$/i, ''), tentative: unit.tentative, torchscript: unit.torchscript });
    } catch (error) {
      if (!(error instanceof LzmaError)) throw error;
      this.problem(unit, /exceeds|time limit|larger than/.test(error.message) ? 'limit' : /not supported/.test(error.message) ? 'unsupported' : 'malformed', `${kind}: ${error.message}`);
      return this.cutPickle(unit) ?? kind;
    }
  }

  async npy(unit: Unit): Promise<FormatId> {
    // The whole header, however long: numpy ignores its header size limit with allow_pickle=True.
    let head = await this.head(unit, 12);
    const span = npyHeaderSpan(head);
    if ('start' in span && span.length <= MAX_NPY_HEADER) head = await this.head(unit, span.start + span.length);
    if ('start' in span && span.length > MAX_NPY_HEADER) {
      // numpy reads such a header with allow_pickle=True: an object array's pickle may follow it.
      this.problem(unit, 'limit', `NumPy header of ${span.length} bytes is longer than the ${MAX_NPY_HEADER} bytes read; the array after it (a pickle if it holds objects) was not inspected`, true);
      this.member({ path: unit.name, format: 'numpy', size: unit.ra?.size ?? -1 });
      return 'numpy';
    }
    const h = parseNpyHeader(head);
    if ('error' in h) {
      this.problem(unit, 'malformed', `NumPy header: ${h.error}`);
      this.member({ path: unit.name, format: 'numpy', size: unit.ra?.size ?? -1 });
      return 'numpy';
    }
    if ('need' in h) {
      this.problem(unit, 'malformed', 'NumPy header is truncated');
      this.member({ path: unit.name, format: 'numpy', size: unit.ra?.size ?? -1 });
      return 'numpy';
    }
    for (const p of h.problems) this.problem(unit, 'malformed', `NumPy header: ${p}`);
    if (h.object) {
      // np.save writes object arrays as a pickle right after the header.
      this.objectArrays++;
      this.file.details.objectArrays = this.objectArrays;
      await this.pickle({ ...unit, name: unit.name }, h.headerEnd);
      return 'numpy';
    }
    this.member({ path: unit.name, format: 'numpy', size: unit.ra?.size ?? -1 });
    if (unit.ra && h.shape && h.itemsize) {
      const expected = h.shape.reduce((a, d) => a * d, 1) * h.itemsize;
      const have = unit.ra.size - h.headerEnd;
      if (have < expected) this.problem(unit, 'malformed', `NumPy data is ${have} bytes, shape × dtype needs ${expected}`);
    }
    return 'numpy';
  }

  async zip(unit: Unit): Promise<FormatId> {
    const direct = await this.access(unit);
    if (!direct) return 'zip';
    // Local headers and small members are read through a window (one read per 1 MiB of headers, not two per entry).
    const ra = direct instanceof BufferAccess ? direct : new BufferedAccess(direct);
    // The whole directory is listed (cheap), well past the members that will be scanned: an archive
    // padded with thousands of filler members must not keep its `data.pkl` out of sight.
    const dir = await readZipDirectory(ra, { maxEntries: this.limits.maxMembers * 20, maxCentralDirectory: 64 << 20 });
    for (const p of dir.problems) this.problem(unit, 'malformed', `zip: ${p}`);
    for (const a of dir.ambiguities) this.problem(unit, 'ambiguous', `zip: ${a}`);
    for (const l of dir.limited) this.problem(unit, 'limit', `zip: ${l}`);
    const names = dir.entries.map((e) => e.name);
    const torch = names.some((n) => /(^|\/)data\.pkl$/i.test(n));
    const ts = names.some((n) => /(^|\/)constants\.pkl$/i.test(n) || /(^|\/)code\/.+\.py$/i.test(n));
    // Keras 3 reads `config.json` and deserializes it (imports, Lambda) before it looks for weights
    // (`model.weights.h5` or `.npz`); `metadata.json` is never needed. An archive named `.keras`
    // with a root `config.json` is one, whatever else it holds.
    const keras = names.some((n) => n === 'config.json') && (/\.keras$/i.test(unit.hint) || names.some((n) => /^(model\.weights\.(h5|npz)|metadata\.json)$/.test(n)));
    const npz = names.length > 0 && names.every((n) => /\.npy$/i.test(n) || n.endsWith('/'));
    const prefix = unit.name ? `${unit.name}/` : '';
    // What a loader unpickles first (`data.pkl`, then any pickle), before the other members: limits
    // of time, size and count are then spent on what runs, not on filler placed ahead of it.
    const rank = (n: string) => (/(^|\/)data\.pkl$/i.test(n) ? 0 : /\.(?:pkl|pickle)$/i.test(n) ? 1 : 2);
    const ordered = dir.entries.map((e, i) => ({ e, i, r: rank(e.name) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e);
    // Entries that share their bytes (an archive pointing thousands of names at one member, a
    // bomb) are read once: the same bytes give the same findings.
    const ranges = new Set<string>();
    for (const e of ordered) {
      if (Date.now() > this.deadline) {
        this.problem(unit, 'limit', `time limit (${this.limits.timeMs} ms) reached inside the archive`);
        break;
      }
      if (e.name.endsWith('/') && e.size === 0) continue;
      const name = `${prefix}${e.name}`;
      if (e.dataOffset < 0) continue;
      const range = `${e.dataOffset}:${e.compressedSize}:${e.method}`;
      if (ranges.has(range)) continue;
      ranges.add(range);
      if (torch && /(^|\/)data\/\d+$/.test(e.name)) {
        // Raw tensor storage: PyTorch maps it into memory, it is never unpickled.
        this.member({ path: name, format: 'data', size: e.size, listed: true });
        continue;
      }
      if ((torch || ts) && /(^|\/)code\/.*\.py$/i.test(e.name)) {
        this.member({ path: name, format: 'torchscript-code', size: e.size, listed: true });
        continue;
      }
      if (/(^|\/)(version|byteorder|\.data\/version|\.data\/serialization_id)$/i.test(e.name) && e.size < 256) {
        this.member({ path: name, format: 'text', size: e.size, listed: true });
        continue;
      }
      // Members listed above are not read: only those read count towards maxMembers (a checkpoint
      // with more than 10,000 tensor storages is not cut short).
      if (++this.membersRead > this.limits.maxMembers) {
        this.problem(unit, 'limit', `more than ${this.limits.maxMembers} archive members; the rest were not scanned`);
        break;
      }
      const sub: Unit = { name, depth: unit.depth + 1, hint: e.name, torchscript: ts || undefined, tentative: unit.tentative };
      // The CRC of a deflated or zstd member, computed as the scan reads it (`whole` when it read to the end).
      const inflated = { crc: 0, whole: false };
      if (e.method === 0) sub.ra = new SliceAccess(ra, e.dataOffset, e.compressedSize);
      else if (e.method === 8 || e.method === 93) {
        // Deflate, and zstd (method 93), which Python 3.14's zipfile reads.
        const self = this;
        const raw = this.decompressMember(ra, e, (m, k) => this.problem(sub, k, m));
        sub.stream = (async function* () {
          for await (const c of raw) {
            self.decompressed += c.length;
            inflated.crc = crc32Update(inflated.crc, c);
            yield c;
          }
          inflated.whole = true;
        })();
      } else if (e.method === 12 || e.method === 14) {
        // bzip2 and LZMA members: Python's zipfile (and so `np.load` of an .npz) reads both.
        const stream = e.method === 12 ? this.zipBzip2(ra, e) : await this.zipLzma(sub, ra, e);
        if (!stream) continue;
        sub.stream = stream;
      } else {
        this.problem(sub, 'unsupported', `zip member uses compression method ${e.method}, which was not inspected`);
        continue;
      }
      try {
        if (/\.json$/i.test(e.name)) await this.json(sub, keras && e.name === 'config.json');
        else this.container(sub, e.size, await this.unit(sub, /\.pkl$/i.test(e.name) ? 'pickle' : undefined));
      } catch (error) {
        if (error instanceof LimitError) this.problem(sub, 'limit', error.message);
        else if (error instanceof Bzip2Error || error instanceof LzmaError) {
          const kind = e.method === 12 ? 'bzip2' : 'lzma';
          this.problem(sub, /exceeds|time limit|larger than/.test(error.message) ? 'limit' : /not supported/.test(error.message) ? 'unsupported' : 'malformed', `${kind}: ${error.message}`);
        } else throw error;
      }
      if (/\.pkl$/i.test(e.name) && e.size <= 16 << 20) {
        if (e.method === 0) await this.crc(sub, e, ra);
        else if (e.method === 8 || e.method === 93) await this.decompressedCrc(sub, e, ra, inflated);
      }
    }
    return torch ? (ts ? 'torchscript' : 'pytorch-zip') : ts ? 'torchscript' : keras ? 'keras' : npz ? 'npz' : 'zip';
  }

  /**
   * A 7z archive (`formats/sevenzip.ts`): its headers, then each folder decoded whole into memory (at
   * most `maxBufferBytes`, within the scan's decompression budget) and its files scanned as members.
   * A folder this reader does not decode (PPMd, filters, AES) is an `unopened` problem naming its
   * files, so `model/model-scan-limit` says what was not inspected.
   */
  async sevenZip(unit: Unit): Promise<FormatId> {
    const ra = await this.access(unit);
    if (!ra) return '7z';
    const unopened = (message: string, names: string[]) => {
      const p = this.file.problems;
      if (p.length >= 500 || p.some((x) => x.member === unit.name && x.message === message)) return;
      const model = names.some((n) => MODEL_MEMBER_NAME.test(n) || /(^|\/)data\.pkl$/i.test(n));
      p.push({ member: unit.name, kind: 'unopened', message, ...(model ? { model } : {}) });
    };
    const listNames = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', '));
    let archive: SevenZipArchive;
    try {
      archive = await walkSevenZipAsync(ra.size, (at, n) => ra.read(at, n), { maxHeaderBytes: Math.min(this.limits.maxBufferBytes, 64 << 20), maxEntries: this.limits.maxMembers * 20, deadline: this.deadline });
    } catch (error) {
      const m = (error as Error).message;
      if (/does not decode/.test(m)) unopened(`a 7z archive whose ${m.replace(/^7z /, '')}`, []);
      else this.problem(unit, 'malformed', `${m.startsWith('7z') ? '' : '7z: '}${m}`);
      this.member({ path: unit.name, format: '7z', size: ra.size, listed: true });
      return '7z';
    }
    const prefix = unit.name ? `${unit.name}/` : '';
    for (const [i, folder] of archive.folders.entries()) {
      const files = archive.entries.filter((e) => e.folder === i && e.size > 0);
      if (files.length === 0) continue;
      const names = files.map((e) => e.name);
      if (Date.now() > this.deadline) {
        this.problem(unit, 'limit', `time limit (${this.limits.timeMs} ms) reached inside the 7z archive`);
        break;
      }
      if (!folder.decodable) {
        const aes = folder.coders.some((c) => c.id === '06f10701');
        unopened(`a 7z archive whose files ${listNames(names)} are ${aes ? 'encrypted (AES)' : `encoded with ${folder.method}, which this scanner does not decode`}`, names);
        continue;
      }
      const max = Math.max(0, Math.min(this.limits.maxBufferBytes, this.limits.maxDecompressedBytes - this.decompressed));
      if (folder.packSize > this.limits.maxBufferBytes) {
        this.problem(unit, 'limit', `7z folder of ${folder.packSize} packed bytes is larger than limits.maxBufferBytes (${this.limits.maxBufferBytes}); ${listNames(names)} not scanned`);
        continue;
      }
      let out: Uint8Array;
      try {
        const packed = await ra.read(folder.packAt, folder.packSize);
        out = folder.coders[0].id === '040202'
          ? await collect(bunzip2(chunksOf(new BufferAccess(packed)), { maxBytes: max, deadline: this.deadline }), max)
          : decodeFolderSync(folder, packed, max, this.deadline);
      } catch (error) {
        const m = (error as Error).message;
        const kind = error instanceof ZstdError ? error.kind : error instanceof LimitError || /exceeds|time limit|larger than/.test(m) ? 'limit' : 'malformed';
        this.problem(unit, kind, `7z folder (${folder.method}) holding ${listNames(names)}: ${m}`);
        continue;
      }
      this.decompressed += out.length;
      if (out.length < folder.unpackSize && out.length >= max) {
        this.problem(unit, 'limit', `7z folder of ${folder.unpackSize} bytes decompressed only to the ${max} bytes allowed (limits.maxBufferBytes, maxDecompressedBytes); the files past them were not scanned`);
      }
      for (const e of files) {
        if (Date.now() > this.deadline) {
          this.problem(unit, 'limit', `time limit (${this.limits.timeMs} ms) reached inside the 7z archive`);
          return '7z';
        }
        if (++this.membersRead > this.limits.maxMembers) {
          this.problem(unit, 'limit', `more than ${this.limits.maxMembers} archive members; the rest were not scanned`);
          return '7z';
        }
        if (e.offset + e.size > out.length) {
          if (out.length >= folder.unpackSize) this.problem(unit, 'malformed', `7z: file ${e.name} runs past the end of its folder`);
          continue;
        }
        const sub: Unit = { name: `${prefix}${e.name}`, ra: new BufferAccess(out.subarray(e.offset, e.offset + e.size)), depth: unit.depth + 1, hint: e.name, tentative: unit.tentative };
        try {
          this.container(sub, e.size, await this.unit(sub, /\.pkl$/i.test(e.name) ? 'pickle' : undefined));
        } catch (error) {
          if (error instanceof LimitError) this.problem(sub, 'limit', error.message);
          else throw error;
        }
      }
    }
    return '7z';
  }

  /** A bzip2 zip member (method 12): a plain bzip2 stream, decoded as it is read. */
  private zipBzip2(ra: RandomAccess, e: ZipEntry): AsyncIterable<Uint8Array> {
    const self = this;
    const out = bunzip2(chunksOf(ra, e.dataOffset, e.dataOffset + e.compressedSize), { maxBytes: this.limits.maxDecompressedBytes - this.decompressed, deadline: this.deadline });
    return (async function* () {
      for await (const c of out) {
        self.decompressed += c.length;
        yield c;
      }
    })();
  }

  /**
   * An LZMA zip member (method 14): a 4-byte header (version, properties size), the LZMA
   * properties, then raw LZMA data, usually ended by an end marker. Read as lzma-alone with the
   * entry's uncompressed size; the compressed data is buffered (bounded by `maxBufferBytes`).
   */
  private async zipLzma(unit: Unit, ra: RandomAccess, e: ZipEntry): Promise<AsyncIterable<Uint8Array> | undefined> {
    if (e.compressedSize > this.limits.maxBufferBytes) {
      this.problem(unit, 'limit', `LZMA zip member of ${e.compressedSize} bytes is larger than limits.maxBufferBytes (${this.limits.maxBufferBytes}); not scanned`);
      return undefined;
    }
    const data = await ra.read(e.dataOffset, e.compressedSize);
    const propsSize = data.length >= 4 ? data[2] | (data[3] << 8) : -1;
    if (propsSize !== 5 || data.length < 9) {
      this.problem(unit, 'malformed', 'lzma: zip member header is not version, size 5 and LZMA properties');
      return undefined;
    }
    const alone = new Uint8Array(13 + data.length - 9);
    alone.set(data.subarray(4, 9), 0);
    let size = e.size;
    for (let i = 0; i < 8; i++) {
      alone[5 + i] = size % 256;
      size = Math.floor(size / 256);
    }
    alone.set(data.subarray(9), 13);
    const limits = { maxBytes: this.limits.maxDecompressedBytes - this.decompressed, deadline: this.deadline };
    const self = this;
    return (async function* () {
      for (const c of unlzmaAlone(alone, limits)) {
        self.decompressed += c.length;
        yield c;
      }
    })();
  }

  /** A deflated (8) or zstd (93) member's content. */
  private decompressMember(ra: RandomAccess, e: ZipEntry, onProblem: (m: string, kind: 'malformed' | 'unsupported') => void): AsyncIterable<Uint8Array> {
    return decompress(chunksOf(ra, e.dataOffset, e.dataOffset + e.compressedSize), e.method === 93 ? 'zstd' : 'deflate-raw', {
      maxBytes: this.limits.maxDecompressedBytes - this.decompressed, maxRatio: this.limits.maxCompressionRatio, deadline: this.deadline,
    }, onProblem);
  }

  /**
   * The CRC of a deflated or zstd pickle member (Python's zipfile refuses a mismatch, PyTorch ignores
   * it): from what the scan decompressed when it read the member to its end, else from a second pass
   * (pickle members are small; data that does not decompress was reported when it was scanned).
   */
  private async decompressedCrc(unit: Unit, e: ZipEntry, ra: RandomAccess, inflated: { crc: number; whole: boolean }): Promise<void> {
    let c = inflated.crc;
    if (!inflated.whole) {
      c = 0;
      try {
        for await (const b of this.decompressMember(ra, e, () => undefined)) c = crc32Update(c, b);
      } catch {
        return;
      }
    }
    if (c !== e.crc) this.problem(unit, 'ambiguous', `zip: member ${e.name} fails its CRC check (PyTorch ignores CRCs, Python's zipfile refuses the member)`);
  }

  private async crc(unit: Unit, e: ZipEntry, ra: RandomAccess): Promise<void> {
    let c = 0;
    for await (const b of chunksOf(ra, e.dataOffset, e.dataOffset + e.compressedSize)) c = crc32Update(c, b);
    if (c !== e.crc) this.problem(unit, 'ambiguous', `zip: member ${e.name} fails its CRC check (PyTorch ignores CRCs, Python's zipfile refuses the member)`);
  }

  async json(unit: Unit, kerasConfig: boolean): Promise<void> {
    let text: string;
    try {
      text = Buffer.from(await collect(this.stream(unit), 64 << 20)).toString('utf8');
    } catch (error) {
      this.problem(unit, 'limit', (error as Error).message);
      return;
    }
    this.member({ path: unit.name, format: 'json', size: text.length });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      if (kerasConfig) this.problem(unit, 'malformed', `Keras config.json is not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (kerasConfig) this.keras(unit, data, true);
    if (data && typeof data === 'object' && typeof (data as Record<string, unknown>).chat_template === 'string') {
      this.template(unit, 'chat_template', (data as Record<string, string>).chat_template);
    }
  }

  /** A Keras config: `archive` for a `.keras` archive's `config.json`, not a legacy `.h5`'s `model_config`. */
  keras(unit: Unit, config: unknown, archive = false): void {
    const tooDeep = () => this.problem(unit, 'limit', `Keras config nested deeper than ${MAX_KERAS_CONFIG_DEPTH} levels; the rest was not inspected`);
    for (const h of analyzeKerasConfig(config, tooDeep, { archive })) {
      this.file.keras.push({
        member: unit.name, kind: h.kind, layer: h.where, target: h.target,
        ...(h.also ? { also: h.also } : {}), ...(h.internal ? { internal: true } : {}), ...(h.layerClass ? { layerClass: h.layerClass } : {}),
      });
    }
  }

  /**
   * A chat template, analysed within the scan's time limit (a 64 MiB template of hostile code takes
   * seconds): one the limit cut short is a `limit` problem saying how far the analysis got, and what
   * was found before the limit is still reported.
   */
  template(unit: Unit, key: string, text: string): void {
    const v = analyzeTemplate(text, { deadline: this.deadline });
    this.file.templates.push({ member: unit.name, key, indicators: v.indicators, length: text.length });
    if (v.incomplete) {
      const found = v.indicators.length ? `; found before the limit: ${v.indicators.slice(0, 3).join(', ')}` : '';
      this.problem(unit, 'limit', `time limit (${this.limits.timeMs} ms) reached while analysing chat template \`${key}\` (${text.length} characters): ${v.incomplete}${found}`, false, true);
    }
  }

  async tar(unit: Unit): Promise<FormatId> {
    const direct = await this.access(unit);
    if (!direct) return 'tar';
    const ra = direct instanceof BufferAccess ? direct : new BufferedAccess(direct);
    const prefix = unit.name ? `${unit.name}/` : '';
    // Pass 1: headers only (`tarWalk` of `formats/tar.ts` in scan mode: as tarfile reads them, with no
    // checksum check, unlike discovery's walk; see there why the two modes differ).
    const entries: TarMember[] = [];
    await walkTarAsync(ra.size, (at, length) => ra.read(at, length), { mode: 'scan', deadline: this.deadline }, (e) => {
      if ('malformed' in e) this.problem(unit, 'malformed', e.malformed);
      else if ('limit' in e) this.problem(unit, 'limit', e.limit);
      else entries.push(e.member);
      return entries.length <= this.limits.maxMembers;
    });
    const names = entries.map((e) => e.name);
    const torch = ['sys_info', 'pickle', 'storages', 'tensors'].every((n) => names.includes(n));
    // Pass 2: members.
    for (const e of entries) {
      if (Date.now() > this.deadline) {
        this.problem(unit, 'limit', 'time limit reached inside the tar archive');
        break;
      }
      if (++this.membersRead > this.limits.maxMembers) {
        this.problem(unit, 'limit', `more than ${this.limits.maxMembers} archive members; the rest were not scanned`);
        break;
      }
      const member: Unit = { name: `${prefix}${e.name}`, ra: new SliceAccess(ra, e.start, e.size), depth: unit.depth + 1, hint: e.name, tentative: unit.tentative };
      if (torch && (e.name === 'storages' || e.name === 'tensors')) await this.legacyTarRecords(member, e.name);
      else this.container(member, e.size, await this.unit(member));
    }
    return torch ? 'pytorch-tar' : 'tar';
  }

  /**
   * PyTorch's tar format interleaves pickles with raw data in `storages` (count, then per storage
   * a pickled (key, location, type) and its bytes, then the views) and `tensors` (count, then per
   * tensor a pickle and fixed-size shape data). Every pickle is scanned; the raw data is skipped
   * exactly as `torch.load` reads it.
   */
  private async legacyTarRecords(unit: Unit, kind: 'storages' | 'tensors'): Promise<void> {
    const ra = unit.ra as RandomAccess;
    this.member({ path: unit.name, format: 'pytorch-tar', size: ra.size });
    let pos = 0;
    const one = async (): Promise<PickleScanResult | undefined> => {
      const m = new PickleMachine({ limits: { deadline: this.deadline, maxOpcodes: this.limits.maxOpcodes, maxMemo: this.limits.maxMemo }, mode: 'single', joblib: false });
      for await (const c of chunksOf(ra, pos)) if (!m.feed(c)) break;
      const r = m.end();
      await this.recordPickle(unit, r);
      if (r.end < 0) return undefined;
      pos += r.end;
      return r;
    };
    const bad = (why: string) => this.problem(unit, 'malformed', `PyTorch tar ${kind}: ${why}`);
    const head = await one();
    if (!head) return;
    const count = head.value;
    if (typeof count !== 'number' || count < 0 || !Number.isSafeInteger(count)) return bad('the record count is not a number');
    for (let i = 0; i < count; i++) {
      if (Date.now() > this.deadline) return this.problem(unit, 'limit', `time limit reached in PyTorch tar ${kind}`);
      const r = await one();
      if (!r) return;
      if (kind === 'storages') {
        const args = r.value && typeof r.value === 'object' && r.value.k === 'l' ? r.value.items : [];
        let type = args[2] && typeof args[2] === 'object' && args[2].k === 'g' ? args[2].name : undefined;
        if (!type && r.problems.some((p) => p.kind === 'limit')) {
          // A record read for imports only after a limit: its storage type is the storage class it imports.
          type = r.globals.filter((g) => g.pickle === 0 && STORAGE_ELEMENT_SIZE[g.name.replace(/Storage$/, '')]).pop()?.name;
        }
        const elsize = type ? STORAGE_ELEMENT_SIZE[type.replace(/Storage$/, '')] : undefined;
        if (!elsize) return bad(`storage ${i} has no known storage type`);
        const n = await ra.read(pos, 8);
        if (n.length < 8) return bad('truncated storage size');
        const numel = Number(Buffer.from(n).readBigInt64LE(0));
        pos += 8 + numel * elsize;
      } else {
        const h = await ra.read(pos, 8);
        if (h.length < 8) return bad('truncated tensor header');
        const ndim = Buffer.from(h).readInt32LE(0);
        if (ndim < 0 || ndim > 64) return bad(`tensor ${i} has ${ndim} dimensions`);
        pos += 8 + 16 * ndim + 8;
      }
      if (pos > ra.size) return bad('records run past the end of the member');
    }
    if (kind === 'storages') await one(); // storage views
  }

  async safetensors(unit: Unit): Promise<FormatId> {
    const ra = await this.access(unit);
    this.member({ path: unit.name, format: 'safetensors', size: ra?.size ?? -1 });
    if (!ra) return 'safetensors';
    const info = await checkSafetensors(ra, this.deadline);
    for (const p of info.problems) this.problem(unit, 'malformed', `safetensors: ${p}`);
    if (info.limit) this.problem(unit, 'limit', `safetensors: ${info.limit}`);
    this.file.details.tensors = Number(this.file.details.tensors ?? 0) + info.tensors;
    return 'safetensors';
  }

  async gguf(unit: Unit): Promise<FormatId> {
    const ra = await this.access(unit);
    this.member({ path: unit.name, format: 'gguf', size: ra?.size ?? -1 });
    if (!ra) return 'gguf';
    const info = await readGguf(ra, { deadline: this.deadline });
    for (const p of info.problems) this.problem(unit, p.startsWith('time limit') ? 'limit' : 'malformed', `GGUF: ${p}`);
    for (const [key, text] of Object.entries(info.templates)) this.template(unit, key, text);
    this.file.details.ggufVersion = info.version;
    this.file.details.tensors = Number(this.file.details.tensors ?? 0) + info.tensorCount;
    if (info.architecture) this.file.details.architecture = info.architecture;
    return 'gguf';
  }

  async onnx(unit: Unit): Promise<FormatId> {
    const ra = await this.access(unit);
    this.member({ path: unit.name, format: 'onnx', size: ra?.size ?? -1 });
    if (!ra) return 'onnx';
    // A graph is walked node by node: through memory (the whole file up to 16 MiB) or a window.
    const info = await readOnnx(await forWalking(ra, Math.min(this.limits.maxBufferBytes, 16 << 20)), this.deadline);
    for (const p of info.problems) this.problem(unit, p.startsWith('time limit') ? 'limit' : 'malformed', `ONNX: ${p}`);
    for (const x of info.externalData) this.file.externalData.push({ member: unit.name, tensor: x.tensor, location: x.location });
    for (const [domain, ops] of info.domains) {
      if (STANDARD_ONNX_DOMAINS.includes(domain)) continue;
      this.file.domains.push({ member: unit.name, domain, ops: [...ops], local: info.functionDomains.has(domain) });
    }
    if (info.producer) this.file.details.producer = info.producer;
    this.file.details.onnxNodes = info.nodes;
    return 'onnx';
  }

  /**
   * HDF5: the root group's attributes (Keras' `model_config`, `keras_version`, `backend`) through
   * positioned reads (`formats/hdf5.ts`), whatever the file's size, after a user block too. A root
   * this reader cannot follow is handed to jsfive (up to `maxHdf5Bytes`, which it needs in memory);
   * failing both, the file is reported as not fully read (`model/model-scan-limit`, high for HDF5).
   */
  async hdf5(unit: Unit): Promise<FormatId> {
    const ra = unit.ra ?? (await this.access(unit));
    if (!ra) return 'hdf5';
    const r = await readHdf5RootAttributes((p, n) => ra.read(p, n), ra.size, KERAS_H5_ATTRIBUTES, this.deadline);
    if (r.superblock > 0) this.file.details.hdf5UserBlock = r.superblock;
    let attrs: Record<string, string> = r.values;
    let names = r.names;
    let keras = KERAS_H5_ATTRIBUTES.some((k) => names.includes(k));
    const failed = r.error ?? r.incomplete;
    if (failed !== undefined) {
      let read = false;
      if (r.superblock === 0 && ra.size <= this.limits.maxHdf5Bytes) {
        const j = await readH5Attributes(await ra.read(0, ra.size), Math.max(0, this.deadline - Date.now()));
        if (j.attrs) {
          // jsfive read the root where this reader could not: its attributes count, as far as they go
          attrs = { ...j.attrs, ...attrs };
          names = [...new Set([...names, ...Object.keys(j.attrs)])];
          keras ||= KERAS_H5_ATTRIBUTES.some((k) => k in j.attrs!);
          // (jsfive does not read dense attribute storage: only a config it found counts as read)
          read = j.attrs.model_config !== undefined || j.attrs.training_config !== undefined;
        }
      }
      if (!read) {
        const what = r.error !== undefined ? `could not be read (${r.error})` : `were not all read (${r.incomplete})`;
        this.problem(unit, 'limit', `HDF5 root attributes ${what}; a Keras model_config there was not inspected`);
      }
    }
    const text = attrs.model_config ?? attrs.training_config;
    if (text !== undefined) {
      keras = true;
      try {
        this.keras(unit, JSON.parse(text));
      } catch (error) {
        this.problem(unit, 'malformed', `model_config is not valid JSON: ${(error as Error).message}`);
      }
    }
    const fmt: FormatId = keras ? 'keras-h5' : 'hdf5';
    this.member({ path: unit.name, format: fmt, size: ra.size });
    return fmt;
  }
}

/** The root attributes of a Keras `.h5` whose values are read. */
const KERAS_H5_ATTRIBUTES = ['model_config', 'training_config', 'keras_version', 'backend'];

const STORAGE_ELEMENT_SIZE: Record<string, number> = {
  Float: 4, Double: 8, Half: 2, BFloat16: 2, Long: 8, Int: 4, Short: 2, Char: 1, Byte: 1, Bool: 1,
  ComplexFloat: 8, ComplexDouble: 16, QUInt8: 1, QInt8: 1, QInt32: 4, QUInt4x2: 1, QUInt2x4: 1,
};

/** Scans one file from disk. */
export async function scanModelFile(path: string, settings?: Record<string, unknown>): Promise<ModelFile> {
  const limits = limitsFromSettings(settings);
  const started = Date.now();
  const fa = await FileAccess.open(path);
  const scan = new Scan(path, fa.size, limits);
  try {
    const hashing = fa.size <= limits.sha256MaxBytes ? sha256Of(fa) : Promise.resolve(null);
    const top: Unit = { name: '', ra: fa, depth: 0, hint: path };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      // The grace second after the limit; a limit too long for a timer (≥ 2^31 ms) is clamped, not overflowed to 1 ms.
      timer = setTimeout(() => resolve('timeout'), timerDelay(limits.timeMs + 1000));
    });
    const work = scan.unit(top).catch((error: unknown) => {
      scan.problem(top, 'limit', `scanner stopped: ${(error as Error).message}`);
      return 'unknown' as FormatId;
    });
    const fmt = await Promise.race([work, timeout]);
    clearTimeout(timer);
    if (fmt === 'timeout') {
      scan.problem(top, 'limit', `time limit (${limits.timeMs} ms) reached`);
      scan.file.format = 'unknown';
    } else scan.file.format = fmt;
    if (scan.file.format === 'pickle' && scan.file.details.compression) scan.file.format = 'pickle';
    scan.file.sha256 = await hashing;
    if (fa.size > limits.sha256MaxBytes) scan.file.details.sha256 = `not computed (file larger than model.sha256MaxBytes = ${limits.sha256MaxBytes})`;
  } finally {
    await fa.close();
  }
  scan.file.durationMs = Date.now() - started;
  return scan.file;
}

/** Scans bytes in memory (tests, fuzzing). */
export async function scanModelBytes(data: Uint8Array, path = 'model.bin', settings?: Record<string, unknown>): Promise<ModelFile> {
  const limits = limitsFromSettings(settings);
  const started = Date.now();
  const scan = new Scan(path, data.length, limits);
  const ra = new BufferAccess(data);
  try {
    scan.file.format = await scan.unit({ name: '', ra, depth: 0, hint: path });
  } catch (error) {
    scan.problem({ name: '', depth: 0, hint: path }, 'limit', `scanner stopped: ${(error as Error).message}`);
  }
  scan.file.sha256 = data.length <= limits.sha256MaxBytes ? await sha256Of(ra) : null;
  scan.file.durationMs = Date.now() - started;
  return scan.file;
}
