import { constants as zlibConstants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { bunzip2Head } from '../bzip2.js';
import { lz4Head } from '../lz4.js';
import { lzmaAloneHead, xzHead } from '../lzma.js';
import { zstdHead } from '../zstd.js';
import { isPickleOpcode, PickleMachine } from '../pickle/machine.js';
import { COMPRESSION_SUFFIX, GENERIC_MODEL_EXTENSIONS, GENERIC_MODEL_NAME, inModelDirectory, isModelFileName, MODEL_MEMBER_NAME, NAMED_MODEL } from './names.js';
import { hasHdf5Signature, superblockOffsets } from './hdf5.js';
import { folderHead, walkSevenZipSync, type SevenZipArchive } from './sevenzip.js';
import { tarChecksumOk, walkTarSync } from './tar.js';
import { applyZip64, findEndRecord, viewEntries, ZIP_TAIL } from './zip.js';
/**
 * Format detection from the first bytes. The name only breaks ties for formats without a magic
 * number: ONNX is a bare protobuf, so a `.onnx` file needs a protobuf shape, and a file under
 * another model file name (`model.bin`) the structure of an ONNX ModelProto (`isOnnxModel`).
 */

export type FormatId =
  | 'pickle'
  | 'pytorch-zip'
  | 'pytorch-legacy'
  | 'pytorch-tar'
  | 'torchscript'
  | 'joblib'
  | 'numpy'
  | 'npz'
  | 'keras'
  | 'keras-h5'
  | 'hdf5'
  | 'safetensors'
  | 'gguf'
  | 'onnx'
  | 'zip'
  | 'tar'
  | 'gzip'
  | 'zlib'
  | 'bz2'
  | 'xz'
  | 'lzma'
  | 'lz4'
  | 'zstd'
  | '7z'
  | 'rar'
  | 'unknown';


/** A skippable frame's magic number (0x184D2A50–5F), which zstd and LZ4 streams share. */
const isSkippableFrame = (head: Uint8Array, at: number): boolean =>
  head.length >= at + 8 && (head[at] & 0xf0) === 0x50 && head[at + 1] === 0x2a && head[at + 2] === 0x4d && head[at + 3] === 0x18;

/**
 * What follows skippable frames (pzstd writes one before each frame): the frame after them when the
 * head holds its magic number, else the name decides (`.lz4`), else zstd, whose decoder skips them too.
 */
function afterSkippableFrames(head: Uint8Array, path: string): FormatId {
  let at = 0;
  while (isSkippableFrame(head, at)) at += 8 + u32(head, at + 4);
  if (at + 4 > head.length) return /\.lz4$/i.test(path) ? 'lz4' : 'zstd';
  const next = head.subarray(at, at + 4);
  if (next[0] === 0x28 && next[1] === 0xb5 && next[2] === 0x2f && next[3] === 0xfd) return 'zstd';
  if ((next[0] === 0x04 && next[1] === 0x22 && next[2] === 0x4d) || (next[0] === 0x02 && next[1] === 0x21 && next[2] === 0x4c)) return next[3] === 0x18 ? 'lz4' : 'unknown';
  return 'unknown';
}

function ascii(head: Uint8Array, at: number, s: string): boolean {
  if (head.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (head[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

/** The largest header the safetensors library reads (`MAX_HEADER_SIZE`). */
const SAFETENSORS_MAX_HEADER = 100_000_000;

/** After a `{` (ending at `at`): optional JSON whitespace, then a key's quote or the closing brace. */
function opensJsonObject(head: Uint8Array, at: number): boolean {
  let i = at;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return i < head.length && (head[i] === 0x22 || head[i] === 0x7d);
}

/** The container/stream format of some bytes. `pickle` covers protocols 0–5 and joblib. */
export function detectFormat(head: Uint8Array, path = ''): FormatId {
  if (head.length === 0) return 'unknown';
  const b0 = head[0];
  if (ascii(head, 0, 'PK\x03\x04') || ascii(head, 0, 'PK\x05\x06')) return 'zip';
  if (head.length >= 8 && head[0] === 0x93 && ascii(head, 1, 'NUMPY')) return 'numpy';
  if (ascii(head, 0, '\x89HDF\r\n\x1a\n')) return 'hdf5';
  if (ascii(head, 0, 'GGUF')) return 'gguf';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (ascii(head, 0, 'BZh') && head[3] >= 0x31 && head[3] <= 0x39) return 'bz2';
  if (head[0] === 0xfd && ascii(head, 1, '7zXZ')) return 'xz';
  // LZ4: a frame (joblib's `lz4` compressor), or the legacy format of the `lz4` tool.
  if (head[0] === 0x04 && head[1] === 0x22 && head[2] === 0x4d && head[3] === 0x18) return 'lz4';
  if (head[0] === 0x02 && head[1] === 0x21 && head[2] === 0x4c && head[3] === 0x18) return 'lz4';
  // Zstandard (`.zst`: `pandas.read_pickle` infers it from the name), also after skippable frames.
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (isSkippableFrame(head, 0)) return afterSkippableFrames(head, path);
  // Archives the scanner does not open: 7z (nullifAI: PyTorch models in 7z instead of zip) and RAR 4/5.
  if (ascii(head, 0, '7z\xbc\xaf\x27\x1c')) return '7z';
  if (ascii(head, 0, 'Rar!\x1a\x07\x00') || ascii(head, 0, 'Rar!\x1a\x07\x01\x00')) return 'rar';
  // tar: "ustar" at 257, or an old-style header whose checksum matches.
  if (ascii(head, 257, 'ustar') || isOldTar(head)) return 'tar';
  // safetensors: u64 little-endian header length, then a JSON object. Unless the name says
  // safetensors, the length must be one the library accepts (at most 100 MB) and the object must open
  // with a key or close: other files start with a length and a '{' too (a gettext .mo with 123 strings).
  // Under the name, any length is read here or below (after the formats with magic numbers).
  if (head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0) {
    const n = u32(head, 0) + u32(head, 4) * 0x100000000;
    if (n >= 2 && n < 2 ** 40 && (/\.safetensors$/i.test(path) || (n <= SAFETENSORS_MAX_HEADER && opensJsonObject(head, 9)))) return 'safetensors';
  }
  // Pickle: PROTO 0–5 and opcodes that read well after it. Other files start with 0x80 too: a Type 1
  // font (`.pfb`) with 0x80 0x01 and then a segment length, which is no opcode.
  if (b0 === 0x80 && head.length >= 2 && head[1] <= 5 && sniffPickle(head) !== undefined) return 'pickle';
  // An unsupported protocol number or a malformed pickle: still a (broken) pickle when it is named like one.
  if (b0 === 0x80 && head.length >= 2 && head[1] <= 0x0f && /\.(pkl|pickle|pt|pth|joblib|ckpt)$/i.test(path)) return 'pickle';
  // zlib (joblib's default compressor): CMF 0x78 and a valid FCHECK.
  if (b0 === 0x78 && head.length >= 2 && ((b0 << 8) | head[1]) % 31 === 0) return 'zlib';
  // lzma-alone (joblib 'lzma'): properties byte 0x5d, dictionary size, then an unknown size.
  if (b0 === 0x5d && head[1] === 0 && head[2] === 0) return 'lzma';
  const lower = path.toLowerCase();
  if (lower.endsWith('.onnx') && isProtobufModel(head)) return 'onnx';
  // Under another model file name (`model.bin`, `weights.dat`, a member of an archive so named):
  // the bytes decide, read as a ModelProto strictly enough that other data is not claimed.
  if (!lower.endsWith('.onnx') && isModelFileName(path) && isOnnxModel(head)) return 'onnx';
  const pickle = sniffPickle(head);
  if (pickle && pickle !== 'partial') return 'pickle';
  // Named safetensors and nothing else: a header length no reader takes (0, 2^63 + 5, 2^64 − 1, a
  // file of 1 to 7 bytes, shorter than the length field) is a malformed safetensors file, whatever
  // the number. An empty file (0 bytes) is no format: `isModelFile` claims it, listed as empty. A Git
  // LFS pointer left in place of the weights is text, not a model file.
  if (lower.endsWith('.safetensors') && !isLfsPointer(head)) return 'safetensors';
  return 'unknown';
}

/** A Git LFS pointer file (`version https://git-lfs.github.com/spec/v1`, then `oid` and `size`). */
export function isLfsPointer(head: Uint8Array): boolean {
  return ascii(head, 0, 'version https://git-lfs.github.com/spec/');
}

/** A module or a (dotted) name the unpickler could import: Python identifiers joined by dots. */
const IMPORTABLE = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(?:\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;
/** Opcodes a head must hold, all well formed, to be a pickle padded past it. */
const STREAM_OPCODES = 64;
const STREAM_BYTES = 256;

/**
 * What some bytes are, read strictly by the pickle machine (a PROTO first too). Python's
 * unpickler needs no PROTO and takes any opcode first (`N0cos\nsystem\n…` runs `os.system`), so
 * the head is read as opcodes, with the machine's stack, MARK and memo checks:
 * - `import`: a GLOBAL / INST / STACK_GLOBAL naming an importable module and name (what the unpickler
 *   imports, and then may call), with a call before any malformed opcode, or a whole well-formed
 *   pickle, or a full head of well-formed opcodes;
 * - `stream`: a whole head (at least 256 bytes) of well-formed opcodes, many of them: a pickle whose
 *   first import lies further on;
 * - `data`: a well-formed pickle up to its STOP, or a shorter run of well-formed opcodes (text can
 *   read so: `N.`, `(dp0\n.`, a two-line requirements file `click\nrequests\n`), or an import
 *   that nothing well formed follows;
 * - `partial`: a whole head that is the start of one long operand (`X` and a length past the head): a
 *   pickle only when the name says so, since any bytes can follow a length;
 * - after PROTO, `data` also for fewer opcodes, as long as none is malformed;
 * - undefined: not a pickle (the first byte is no opcode, or an opcode is malformed early).
 */
export function sniffPickle(head: Uint8Array): 'import' | 'stream' | 'data' | 'partial' | undefined {
  if (head.length < 2 || !isPickleOpcode(head[0])) return undefined;
  const machine = new PickleMachine({ mode: 'single', joblib: false, limits: { maxErrors: 1 } });
  machine.feed(head);
  const r = machine.result;
  let bad = Number.POSITIVE_INFINITY;
  for (const p of r.problems) if (p.kind === 'malformed' && p.offset < bad) bad = p.offset;
  // INST imports before it looks for its MARK: an import at the offset of the first error counts.
  const imports = r.globals.some((g) => g.offset <= bad && !g.opcode.startsWith('EXT') && IMPORTABLE.test(g.module) && IMPORTABLE.test(g.name));
  if (imports) {
    // Text can start like an import (`coverage\nflake8\n` is GLOBAL `overage.flake8`): whatever the
    // name only when something is called before any error, or the pickle is whole up to its STOP,
    // or well formed through a full head.
    const whole = bad === Number.POSITIVE_INFINITY && (r.end >= 0 || head.length >= STREAM_BYTES);
    return whole || r.calls.some((c) => c.offset < bad) ? 'import' : 'data';
  }
  if (bad !== Number.POSITIVE_INFINITY) return undefined;
  if (r.end >= 0) return 'data';
  if (head.length >= STREAM_BYTES) return r.opcodes >= STREAM_OPCODES ? 'stream' : r.opcodes >= 4 ? 'data' : 'partial';
  // After PROTO, any opcode that reads well (the head of a pickle cut short: `\x80\x04\x95` and its frame).
  return r.opcodes >= 4 || head[0] === 0x80 ? 'data' : undefined;
}

/** An old-style tar header: its checksum matches (and the name is not empty). */
const isOldTar = tarChecksumOk;

/** ONNX ModelProto: starts with a known field tag (ir_version, producer, graph, opset_import…). */
function isProtobufModel(head: Uint8Array): boolean {
  if (head.length < 2) return false;
  const tag = head[0];
  if (tag === 0x08) return head[1] >= 1 && head[1] <= 64; // ir_version
  // Any other field of ModelProto may come first (protobuf allows any order): producer_name/version,
  // domain, model_version, doc_string, graph, opset_import, metadata_props (14), training_info (20),
  // functions (25).
  if (tag === 0xa2 || tag === 0xca) return head[1] === 0x01;
  return tag === 0x12 || tag === 0x1a || tag === 0x22 || tag === 0x28 || tag === 0x32 || tag === 0x3a || tag === 0x42 || tag === 0x72;
}

/** ModelProto's fields (number → wire type); the repeated ones may be given more than once. */
const MODEL_PROTO_FIELDS = new Map([[1, 0], [2, 2], [3, 2], [4, 2], [5, 0], [6, 2], [7, 2], [8, 2], [14, 2], [20, 2], [25, 2]]);
const MODEL_PROTO_REPEATED = new Set([8, 14, 20, 25]);
/** A message's fields (number → wire types) and which of them are text. */
interface ProtoSchema {
  fields: Map<number, number[]>;
  text: Set<number>;
}
const schema = (fields: Array<[number, ...number[]]>, text: number[]): ProtoSchema => ({ fields: new Map(fields.map(([n, ...w]) => [n, w])), text: new Set(text) });
const NODE_PROTO = schema([[1, 2], [2, 2], [3, 2], [4, 2], [5, 2], [6, 2], [7, 2], [8, 2], [9, 2]], [1, 2, 3, 4, 6, 7, 8]);
const TENSOR_PROTO = schema([[1, 0, 2], [2, 0], [3, 2], [4, 2, 5], [5, 0, 2], [6, 2], [7, 0, 2], [8, 2], [9, 2], [10, 1, 2], [11, 0, 2], [12, 2], [13, 2], [14, 0], [16, 2]], [8, 12]);
const VALUE_INFO_PROTO = schema([[1, 2], [2, 2], [3, 2], [4, 2]], [1, 3]);
const SPARSE_TENSOR_PROTO = schema([[1, 2], [2, 2], [3, 0, 2]], []);
const TENSOR_ANNOTATION = schema([[1, 2], [2, 2]], [1]);
const STRING_ENTRY = schema([[1, 2], [2, 2]], [1, 2]);
/** GraphProto's fields (all length-delimited): node, name, initializer, doc_string, input, output, value_info, quantization_annotation, sparse_initializer, metadata_props; a text or the schema of the message. */
const GRAPH_PROTO_FIELDS = new Map<number, ProtoSchema | 'text'>([
  [1, NODE_PROTO], [2, 'text'], [5, TENSOR_PROTO], [10, 'text'], [11, VALUE_INFO_PROTO], [12, VALUE_INFO_PROTO], [13, VALUE_INFO_PROTO],
  [14, TENSOR_ANNOTATION], [15, SPARSE_TENSOR_PROTO], [16, STRING_ENTRY],
]);

/** The first field of a message body reads as one of its schema's (a text field as text). */
function firstFieldReads(body: Uint8Array, s: ProtoSchema): boolean {
  const r = new HeadReader(body);
  const tag = r.varint();
  if (tag === undefined) return false;
  const field = Math.floor(tag / 8);
  const wire = tag & 7;
  if (!s.fields.get(field)?.includes(wire)) return false;
  if (wire === 0) return r.varint() !== undefined;
  if (wire !== 2) return true;
  const len = r.varint();
  if (len === undefined) return false;
  // a text field: some of it in the head, and text
  return !s.text.has(field) || (len > 0 && r.p < body.length && isProtoText(body.subarray(r.p, Math.min(r.p + len, body.length)), false));
}

/** Protobuf reading over a head: varints (undefined past the end or when longer than 10 bytes). */
class HeadReader {
  p = 0;
  constructor(readonly b: Uint8Array) {}
  varint(): number | undefined {
    let n = 0;
    let mul = 1;
    for (let i = 0; i < 10 && this.p < this.b.length; i++) {
      const x = this.b[this.p++];
      n += (x & 0x7f) * mul;
      mul *= 128;
      if (x < 0x80) return n;
    }
    return undefined;
  }
}

/** Text as ONNX writes it in names and versions: UTF-8 (the head may cut its last character), no control characters (newlines and tabs in a doc string). */
function isProtoText(b: Uint8Array, doc: boolean): boolean {
  for (const c of b) if ((c < 0x20 && !(doc && (c === 0x0a || c === 0x0d || c === 0x09))) || c === 0x7f) return false;
  let end = b.length;
  // a multi-byte character cut by the end of the head
  for (let i = Math.max(0, b.length - 3); i < b.length; i++) if (b[i] >= 0xc0 && i + (b[i] >= 0xf0 ? 4 : b[i] >= 0xe0 ? 3 : 2) > b.length) end = i;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * An ONNX ModelProto recognised by its bytes alone: protobuf has no magic number, so the structure
 * must hold. `ir_version` first (field 1, a varint from 1 to 32: every writer serialises fields in
 * order), then only ModelProto's fields with their wire types, in increasing order, strings that
 * read as text (producer, version, domain, doc string), up to a `graph` (field 7) whose first field is
 * one of GraphProto's with a length that reads, or an `opset_import` (field 8) that reads as
 * OperatorSetIdProto (a text domain, then a version). Random bytes, pickles, safetensors and other
 * protobuf messages (a TensorProto, sentencepiece's ModelProto, a TensorFlow SavedModel) fail it. A
 * doc string (field 6) that runs past the head with at least `MIN_DOC_IN_HEAD` bytes of text in it
 * also makes one: the graph comes after it, out of sight.
 */
/** The text of a doc string cut by the head that recognises an ONNX model (see `isOnnxModel`). */
const MIN_DOC_IN_HEAD = 256;

export function isOnnxModel(head: Uint8Array): boolean {
  if (head.length < 8 || head[0] !== 0x08) return false;
  const r = new HeadReader(head);
  r.p = 1;
  const ir = r.varint();
  if (ir === undefined || ir < 1 || ir > 32) return false;
  let last = 1;
  while (r.p < head.length) {
    const tag = r.varint();
    if (tag === undefined) return false;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (MODEL_PROTO_FIELDS.get(field) !== wire || field < last || (field === last && !MODEL_PROTO_REPEATED.has(field))) return false;
    last = field;
    if (wire === 0) {
      if (r.varint() === undefined) return false;
      continue;
    }
    const len = r.varint();
    if (len === undefined) return false;
    const body = head.subarray(r.p, Math.min(r.p + len, head.length));
    const whole = r.p + len <= head.length;
    if (field === 7) {
      // graph: its first field (a node, the graph's name, an initializer, an input, …) and that
      // field's own first field, read in the head
      if (len < 4 || body.length < 4) return false;
      const g = new HeadReader(body);
      const gtag = g.varint();
      const kind = gtag === undefined || (gtag & 7) !== 2 ? undefined : GRAPH_PROTO_FIELDS.get(Math.floor(gtag / 8));
      const glen = g.varint();
      if (kind === undefined || glen === undefined || glen === 0 || (whole && g.p + glen > body.length) || g.p >= body.length) return false;
      const inner = body.subarray(g.p, Math.min(g.p + glen, body.length));
      return kind === 'text' ? isProtoText(inner, Math.floor((gtag as number) / 8) === 10) : inner.length >= 2 && firstFieldReads(inner, kind);
    }
    if (field === 8) {
      // opset_import: OperatorSetIdProto { domain = 1 (text), version = 2 (varint) }, seen whole
      if (!whole || len < 2) return false;
      const o = new HeadReader(body);
      let version = false;
      while (o.p < body.length) {
        const t = o.varint();
        if (t === 0x0a && !version) {
          const n = o.varint();
          if (n === undefined || o.p + n > body.length || !isProtoText(body.subarray(o.p, o.p + n), false)) return false;
          o.p += n;
        } else if (t === 0x10 && !version) {
          const v = o.varint();
          if (v === undefined || v > 1000) return false;
          version = true;
        } else return false;
      }
      return version;
    }
    if (field === 2 || field === 3 || field === 4 || field === 6) {
      if (!isProtoText(body, field === 6)) return false;
    }
    // A doc string running past the head (a model card of a kilobyte before the graph): after
    // `ir_version` and fields in ModelProto's order, hundreds of bytes of text are a ModelProto's
    // doc string, not chance. metadata_props, training_info, functions before a graph: a file
    // without a graph is no model to run.
    if (!whole) return field === 6 && body.length >= MIN_DOC_IN_HEAD;
    r.p += len;
  }
  return false;
}

/**
 * Zip members that make the archive a model: PyTorch's records (in the archive's one top directory),
 * Keras' files (at the root: a wheel's `*.dist-info/metadata.json` is not one), model files anywhere.
 */
const ZIP_MODEL_MEMBER =
  /^(?:[^/]+\/)?(?:data\.pkl|constants\.pkl|version|byteorder|\.data\/.*)$|^(?:config\.json|metadata\.json|model\.weights\.h5)$/i;
const isZipModelMember = (name: string): boolean => ZIP_MODEL_MEMBER.test(name) || MODEL_MEMBER_NAME.test(name);
/** How much of a zstd zip member (method 93) discovery reads. */
const ZSTD_MEMBER_READ = 16 << 10;
/** The most of a central directory discovery reads. */
const MAX_DIRECTORY_READ = 1 << 20;

/** Members of a zip a model may hide in under a name that says nothing: no extension, or one other files use too. */
const ZIP_OPAQUE_MEMBER = new RegExp(`(?:^|/)[^./]+$|\\.(?:${[...GENERIC_MODEL_EXTENSIONS, 'pth', 'zip', 'tar', 'gz', 'tgz'].join('|')})$`, 'i');
const OPAQUE_MEMBER_FORMATS = new Set<FormatId>(['pickle', 'zip', 'tar', 'numpy', 'safetensors', 'gguf']);
/** How many such members discovery looks into. */
const MAX_OPAQUE_MEMBERS = 8;
/**
 * How many members with any other name (`data.txt`, `notes.md`) discovery looks into, in directory
 * order: one that is a pickle makes the archive a model file (CVE-2025-1889 one level down: a loader
 * that opens the member by name unpickles it whatever it is called).
 */
const MAX_NAMED_MEMBERS = 64;

/**
 * Whether the first bytes of an archive member make the archive a model file: under a name that says
 * nothing (`ZIP_OPAQUE_MEMBER`), a model format itself; under any other name, a pickle (one with
 * PROTO that reads well, or one that imports and calls, as `decompressedIsModel` has it). Text,
 * images, class files and the like do not read so.
 */
function memberHeadSaysModel(inner: Uint8Array, name: string, depth = 0): boolean {
  if (inner.length === 0) return false;
  const f = detectFormat(inner, name);
  return (ZIP_OPAQUE_MEMBER.test(name) ? OPAQUE_MEMBER_FORMATS.has(f) : f === 'pickle') && decompressedIsModel(inner, name, depth);
}

/**
 * Whether a zip found by its members is a model file: a member name says so (PyTorch's loader finds
 * `data.pkl` through the central directory wherever it lies), or one of the first few members whose
 * names say nothing (`weights`, `blob.bin`) starts with a model format (a zip in a zip: a torch
 * checkpoint stored or deflated inside an archive named `.bin`). Nothing when the zip cannot be read.
 */
function zipMembersSayModel(path: string): boolean {
  return withPositionedReads(path, false, (size, read) => {
    const tailLen = Math.min(size, ZIP_TAIL);
    const rec = findEndRecord(read(size - tailLen, tailLen), size - tailLen);
    if (!rec || (rec.zip64At !== undefined && !applyZip64(rec, read(rec.zip64At, 56)))) return false;
    // The directories of both readers, where they disagree (`viewEntries`); offsets as each reads them.
    const entries = viewEntries(rec, read, 100_000, MAX_DIRECTORY_READ).entries;
    if (entries.some((e) => isZipModelMember(e.name))) return true;
    // The first bytes of the first members: of those whose names say nothing, a model format (not a
    // compressed stream or an HDF5 file that might hold anything); of the others, a pickle.
    let opaque = 0;
    let named = 0;
    for (const e of entries) {
      if (opaque >= MAX_OPAQUE_MEMBERS && named >= MAX_NAMED_MEMBERS) break;
      if (e.compressedSize === 0 || (e.method !== 0 && e.method !== 8 && e.method !== 93)) continue;
      if (ZIP_OPAQUE_MEMBER.test(e.name) ? ++opaque > MAX_OPAQUE_MEMBERS : ++named > MAX_NAMED_MEMBERS) continue;
      // One read for the local header, its name and extra field (usually short) and the data's start
      // (of a zstd member, enough to hold a small first block whole).
      const want = Math.min(e.compressedSize, e.method === 0 ? 512 : e.method === 93 ? ZSTD_MEMBER_READ : 1024);
      const local = read(e.localOffset, 30 + 512 + want);
      if (local.length < 30 || !ascii(local, 0, 'PK\x03\x04')) continue;
      const skip = 30 + (local[26] | (local[27] << 8)) + (local[28] | (local[29] << 8));
      const raw = skip + want <= local.length ? local.subarray(skip, skip + want) : read(e.localOffset + skip, want);
      const data = e.method === 0 ? raw : e.method === 93 ? zstdHead(raw, INNER_SNIFF_BYTES) : inflateHead(raw, 'deflate-raw');
      if (memberHeadSaysModel(data, e.name)) return true;
    }
    return false;
  });
}

/** Source files' names: the scan asks whether such a file is a model file before reading it as source. */
const SOURCE_NAME = /\.(?:py|pyi|pyw|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;

/** First bytes of source files that no model format starts with (see `isModelFile`). */
const SOURCE_START = new Set([...'#"\'/ \t\r\n@_ifdelv'].map((c) => c.charCodeAt(0)));

/** Names under which discovery looks for a zip's end record behind an archive comment too. */
const ZIP_LOADED_NAME = /\.(?:keras|zip)$/i;

/**
 * A zip whose head is not the file's (data before it) and whose members say model
 * (`zipMembersSayModel`). Its end record is looked for in the last 22 bytes of any file (a cheap
 * read), behind a comment only under a model or zip name.
 */
function zipAfterOtherBytes(path: string): boolean {
  const atEnd = withPositionedReads(path, false, (size, read) => size >= 22 && ascii(read(size - 22, 4), 0, 'PK\x05\x06'));
  return (atEnd || ZIP_LOADED_NAME.test(path) || isModelFileName(path)) && zipMembersSayModel(path);
}

/** How much of a 7z archive discovery reads: its header (also decoded), and the start of a few folders. */
const SEVEN_ZIP_DISCOVERY = { maxHeaderBytes: 1 << 20, maxEntries: 100_000, folders: 16, folderRead: 64 << 10 };

/**
 * Whether a 7z archive's members make it a model file, as for a zip: a member's name (`data.pkl` in
 * the archive's top directory, a model file anywhere), or the first bytes of one of its first
 * members (`memberHeadSaysModel`) in the decoded start of its folder. Nothing when the header cannot
 * be read (encrypted, or encoded with a method the reader does not decode).
 */
function sevenZipSaysModel(path: string): boolean {
  return withPositionedReads(path, false, (size, read) => {
    const { maxHeaderBytes, maxEntries, folders: maxFolders, folderRead } = SEVEN_ZIP_DISCOVERY;
    let archive: SevenZipArchive;
    try {
      archive = walkSevenZipSync(size, read, { maxHeaderBytes, maxEntries, deadline: Date.now() + 250 });
    } catch {
      return false;
    }
    if (archive.entries.some((e) => !e.directory && isZipModelMember(e.name))) return true;
    const heads = new Map<number, Uint8Array>();
    let opaque = 0;
    let named = 0;
    for (const e of archive.entries) {
      if (e.folder === undefined || e.size === 0) continue;
      if (opaque >= MAX_OPAQUE_MEMBERS && named >= MAX_NAMED_MEMBERS) break;
      if (ZIP_OPAQUE_MEMBER.test(e.name) ? ++opaque > MAX_OPAQUE_MEMBERS : ++named > MAX_NAMED_MEMBERS) continue;
      let head = heads.get(e.folder);
      if (!head) {
        if (heads.size >= maxFolders) continue;
        const f = archive.folders[e.folder];
        head = folderHead(f, read(f.packAt, Math.min(f.packSize, folderRead)), folderRead);
        heads.set(e.folder, head);
      }
      if (e.offset < head.length && memberHeadSaysModel(head.subarray(e.offset, e.offset + Math.min(e.size, 1024)), e.name)) return true;
    }
    return false;
  });
}

/**
 * `body(size, read)` over a file opened for positioned reads (`read(position, length)`, short at its
 * end), closed afterwards; `failed` when it cannot be opened or `body` throws.
 */
function withPositionedReads<T>(path: string, failed: T, body: (size: number, read: (position: number, length: number) => Uint8Array) => T): T {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const file = fd;
    const size = fstatSync(file).size;
    return body(size, (position, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      return buffer.subarray(0, readSync(file, buffer, 0, buffer.length, position));
    });
  } catch {
    return failed;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Names used for pickles only (not `.pth`, also Python's path files, nor `.bin`/`.dat`/`.sav`). */
const PICKLE_ONLY_NAME = /\.(pkl|pickle|joblib|ckpt|pt)$/i;
/** Checkpoint names other files use too: a long first operand counts there only when a pickle follows it. */
const SHARED_CHECKPOINT_NAME = /\.(pth|bin)$/i;

/**
 * A head that is one long operand (`X`, `B`, `T` and a 4-byte length; their 8-byte forms) in a file
 * where what follows the operand reads as a pickle that imports, or as a long run of opcodes:
 * `torch.load` unpickles any non-zip `.pth`/`.bin` from its first byte, so padding the first opcode
 * must not hide the payload behind it. Text (a `.pth` path file) fails at once: its "length" runs
 * past the end of the file.
 */
function longOperandThenPickle(head: Uint8Array, path: string): boolean {
  const op = head[0];
  const width = op === 0x58 || op === 0x42 || op === 0x54 ? 4 : op === 0x8d || op === 0x8e || op === 0x96 ? 8 : 0;
  if (width === 0 || head.length < 1 + width) return false;
  let length = 0;
  for (let i = width; i >= 1; i--) length = length * 256 + head[i];
  const next = 1 + width + length;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (next >= fstatSync(fd).size) return false;
    const rest = Buffer.alloc(512);
    const got = readSync(fd, rest, 0, rest.length, next);
    // The same opcode with an empty operand, then what follows it: the stack as the unpickler has it.
    const probe = new Uint8Array(1 + width + got);
    probe[0] = op;
    probe.set(rest.subarray(0, got), 1 + width);
    const kind = sniffPickle(probe);
    return kind === 'import' || kind === 'stream';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Whether a name says model file for content of format `f` (`NAMED_MODEL` of `names.ts`). Model
 * names that other files use too (Java's `public_suffix_list.dat` is a zip, networkx's
 * `atlas.dat.gz` gzipped text, `GENERIC_MODEL_NAME`): an archive or a gzip/zlib/lz4/zstd stream so named
 * is a model file only when its members or its decompressed bytes say so. A bz2/xz/lzma stream cannot
 * be looked into from its head, so there the name still counts (`joblib.dump(m, "model.bin", compress="bz2")`).
 */
function namedModel(name: string, f: FormatId): boolean {
  if (!NAMED_MODEL.test(name)) return false;
  return !GENERIC_MODEL_NAME.test(name) || !(f === 'zip' || f === 'tar' || f === 'gzip' || f === 'zlib' || f === 'lz4' || f === 'zstd');
}

/** What a tar header's first member says (PyTorch's oldest format: `sys_info`, `pickle`, …). */
function tarFirstMemberIsModel(head: Uint8Array): boolean {
  if (head.length < 100) return false;
  const first = String.fromCharCode(...head.subarray(0, 100)).replace(/\0[\s\S]*$/, '').replace(/^\.\//, '');
  return /^(sys_info|pickle|storages|tensors)$/.test(first) || isZipModelMember(first);
}

/**
 * Tar members that make a tar a model: PyTorch's tar records (at its root, in any order) and model
 * files anywhere. Not the zip-only names (`config.json`, `version`: a source tarball has those).
 */
const isTarModelMember = (name: string): boolean => {
  const n = name.replace(/^\.\//, '');
  return /^(sys_info|pickle|storages|tensors)$/.test(n) || MODEL_MEMBER_NAME.test(n);
};
/**
 * How much of a tar discovery walks: headers of any type (directories, links, PAX and GNU long-name
 * headers count too), bytes read and time. Discovery runs before any scan deadline applies.
 */
const TAR_DISCOVERY = { maxHeaders: 256, maxReadBytes: 1 << 20, millis: 250 };

/**
 * The member names of a tar (`tarWalk` of `tar.ts` in discovery mode), from bytes that `read` gives
 * (`read(pos, n)`, short at the end): at most `TAR_DISCOVERY.maxHeaders` headers are read.
 */
export function tarHeaders(size: number, read: (pos: number, n: number) => Uint8Array): string[] {
  const names: string[] = [];
  const { maxHeaders, maxReadBytes, millis } = TAR_DISCOVERY;
  walkTarSync(size, read, { mode: 'discovery', maxHeaders, maxReadBytes, deadline: Date.now() + millis }, (e) => {
    if ('member' in e) names.push(e.member.name);
  });
  return names;
}

/**
 * Whether a tar is a model file: a member's name says so (`isTarModelMember`), or the first bytes of
 * one of its first members do (`memberHeadSaysModel`: a pickle named `weights.bin`, `data.txt`),
 * within the headers discovery reads (`TAR_DISCOVERY`).
 */
function tarSaysModel(size: number, read: (pos: number, n: number) => Uint8Array): boolean {
  const { maxHeaders, maxReadBytes, millis } = TAR_DISCOVERY;
  let model = false;
  let opaque = 0;
  let named = 0;
  walkTarSync(size, read, { mode: 'discovery', maxHeaders, maxReadBytes, deadline: Date.now() + millis }, (e) => {
    if (!('member' in e)) return;
    const { name, start, size: n } = e.member;
    if (isTarModelMember(name)) model = true;
    else if (n > 0 && (ZIP_OPAQUE_MEMBER.test(name) ? ++opaque <= MAX_OPAQUE_MEMBERS : ++named <= MAX_NAMED_MEMBERS)) model = memberHeadSaysModel(read(start, Math.min(n, 1024)), name);
    return !model;
  });
  return model;
}

const bufferReads = (buf: Uint8Array) => (p: number, n: number): Uint8Array => buf.subarray(p, p + n);

/**
 * How much of a compressed tarball discovery decompresses to find its member headers: 64 KiB of a
 * gzipped one, 256 KiB of a zstd one (two blocks: a block is decoded only whole, unless stored raw).
 */
const TARBALL_READ = { gzip: 64 << 10, zstd: 256 << 10 };

/** Whether the members whose headers lie in a compressed tarball's first `TARBALL_READ` bytes make it a model (`tarSaysModel`). */
function tarballSaysModel(path: string, f: 'gzip' | 'zstd'): boolean {
  return withPositionedReads(path, false, (_, read) => {
    // At most 4 MiB of output: a prefix that expands further is cut (the members before the cut still count).
    const start = read(0, TARBALL_READ[f]);
    const tar = f === 'gzip' ? inflateHead(start, 'gzip', 4 << 20) : zstdHead(start, 4 << 20);
    return tarSaysModel(tar.length, bufferReads(tar));
  });
}

/**
 * How many zips in zips discovery looks through by their first members' starts (`zipFirstMemberIsModel`):
 * as deep as the scanner opens them by default (`maxDepth`, which discovery, run before any config is read,
 * does not see); deeper, a zip that still holds a zip is claimed, and the scanner's limit says the rest.
 */
const MAX_NESTED_ZIP_DISCOVERY = 5;

/**
 * What a zip's first local header says: its name, or, under a name that says nothing (`layer0.zip`,
 * `weights`), the start of its data as far as these bytes hold it (stored, or deflated) read as an
 * archive member's (`memberHeadSaysModel`): a zip in a zip in a zip holding `data.pkl`.
 */
function zipFirstMemberIsModel(head: Uint8Array, depth = 0): boolean {
  if (head.length <= 30) return false;
  const nlen = head[26] | (head[27] << 8);
  const name = String.fromCharCode(...head.subarray(30, Math.min(head.length, 30 + nlen)));
  if (isZipModelMember(name)) return true;
  if (!ZIP_OPAQUE_MEMBER.test(name)) return false;
  const method = head[8] | (head[9] << 8);
  const start = 30 + nlen + (head[28] | (head[29] << 8));
  if (start >= head.length || (method !== 0 && method !== 8)) return false;
  const raw = head.subarray(start);
  const data = method === 0 ? raw : inflateHead(raw, 'deflate-raw');
  // Past the bound, a zip still in a zip is claimed: the scanner says how deep it went (`model-scan-limit`)
  // rather than the file going unlisted one wrapper further down (review s35js P3-2).
  if (depth >= MAX_NESTED_ZIP_DISCOVERY) return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 3 && data[3] === 4;
  return memberHeadSaysModel(data, name, depth + 1);
}

/** How much of a gzip/zlib stream's decompressed start is sniffed. */
const INNER_SNIFF_BYTES = 4096;

/**
 * The first bytes a gzip/zlib head decompresses to: what the longest prefix of the head that
 * inflates without error gives (a head is cut mid-stream, and may be corrupt further on), cut to
 * `INNER_SNIFF_BYTES`. Never throws. Deflate expands at most 1032:1, so the output of a 512-byte
 * head is bounded (`maxOutputLength` only guards against a larger head); a head that inflates past
 * the sniff size is not thrown away (a joblib dump of a large array does at once).
 */
export function inflateHead(head: Uint8Array, f: 'gzip' | 'zlib' | 'deflate-raw', max = INNER_SNIFF_BYTES): Uint8Array {
  const inflate = (n: number): Buffer | undefined => {
    try {
      // A larger `max` (a tarball's headers) also caps the output: a prefix that would expand past it
      // fails, and the bisection below finds the longest one that does not.
      const cap = max > INNER_SNIFF_BYTES ? max : Math.max(1 << 16, n * 1040);
      const opts = { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: cap };
      const input = head.subarray(0, n);
      return f === 'gzip' ? gunzipSync(input, opts) : f === 'zlib' ? inflateSync(input, opts) : inflateRawSync(input, opts);
    } catch {
      return undefined;
    }
  };
  let out = inflate(head.length);
  if (!out) {
    // Bisect on the longest prefix that inflates: what comes before an error is what a reader gets.
    let lo = 0;
    let hi = head.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      const got = inflate(mid);
      if (got) { lo = mid; out = got; } else hi = mid;
    }
  }
  return out ? out.subarray(0, max) : new Uint8Array(0);
}

/** How much of a zstd stream discovery reads when the head does not hold its first block whole (at most 128 KiB). */
const ZSTD_START_READ = (128 << 10) + 1024;

/** The decompressed start of a zstd stream: from the head, else from a bounded read of the file's start. */
function zstdStart(head: Uint8Array, path: string): Uint8Array {
  const inner = zstdHead(head, INNER_SNIFF_BYTES);
  if (inner.length >= INNER_SNIFF_BYTES) return inner;
  return withPositionedReads(path, inner, (size, read) => (size <= head.length ? inner : zstdHead(read(0, ZSTD_START_READ), INNER_SNIFF_BYTES)));
}

/** Decompresses what the head holds (never more than the sniff size is used) and asks whether that is a model format. */
function innerIsModel(head: Uint8Array, f: 'gzip' | 'zlib' | 'lz4' | 'zstd', innerPath: string, path: string): boolean {
  const inner = f === 'lz4' ? lz4Head(head, INNER_SNIFF_BYTES) : f === 'zstd' ? zstdStart(head, path) : inflateHead(head, f);
  if (inner.length === 0) return false;
  if (decompressedIsModel(inner, innerPath)) return true;
  // A compressed tarball (`.tar.gz`, `.tgz`, `.tar.zst`, `.tzst`) whose model is not its first member:
  // the member headers of the start of its compressed bytes.
  if (detectFormat(inner, innerPath) !== 'tar') return false;
  if (f === 'gzip') return /\.(?:tar\.gz|tgz)$/i.test(path) && tarballSaysModel(path, 'gzip');
  return f === 'zstd' && /\.(?:tar\.zstd?|tzst)$/i.test(path) && tarballSaysModel(path, 'zstd');
}

/**
 * How much of an xz, lzma or bz2 stream discovery reads: an LZMA head decodes from any start (64 KiB
 * hold an xz stream's first chunk); a bzip2 block decodes only whole, so a stream whose first block
 * (up to 900 kB of data) compresses to more than 256 KiB is not looked into.
 */
const STREAM_START_READ = { lzma: 64 << 10, bz2: 256 << 10 };

/** Whether the decompressed start of an xz, lzma or bz2 stream is a model format (`decompressedIsModel`). */
function streamStartIsModel(path: string, f: 'xz' | 'lzma' | 'bz2', innerPath: string): boolean {
  return withPositionedReads(path, false, (_, read) => {
    const start = read(0, f === 'bz2' ? STREAM_START_READ.bz2 : STREAM_START_READ.lzma);
    const inner = f === 'xz' ? xzHead(start, INNER_SNIFF_BYTES) : f === 'lzma' ? lzmaAloneHead(start, INNER_SNIFF_BYTES) : bunzip2Head(start, INNER_SNIFF_BYTES);
    return inner.length > 0 && decompressedIsModel(inner, innerPath);
  });
}

/** Whether the first bytes of some content (decompressed, or an archive member's) are a model format. */
function decompressedIsModel(inner: Uint8Array, innerPath: string, depth = 0): boolean {
  const g = detectFormat(inner, innerPath);
  if (g === 'pickle') {
    if (inner[0] === 0x80) return true;
    const kind = sniffPickle(inner);
    return kind === 'import' || kind === 'stream';
  }
  // A tarball (`dateutil-zoneinfo.tar.gz`, an npm package) is a model only when a member is (those
  // whose headers the bytes hold).
  if (g === 'tar') return tarFirstMemberIsModel(inner) || tarSaysModel(inner.length, bufferReads(inner));
  if (g === 'zip') return zipFirstMemberIsModel(inner, depth);
  return g !== 'unknown' && g !== 'gzip' && g !== 'zlib';
}

/** Names an HDF5 file is read under (Keras' `.h5`/`.keras`, h5py's `.hdf5`/`.hdf`, Keras 2's `.weights`). */
const HDF5_NAME = /\.(h5|hdf5|keras|hdf|weights)$/i;

/**
 * An HDF5 superblock after a user block (at 512, 1024, 2048… bytes: h5py's `userblock_size`), in a
 * file named as HDF5 or as a model (h5py, and so Keras, open it; the head is whatever the user block holds).
 */
function hdf5AfterUserBlock(path: string): boolean {
  return withPositionedReads(path, false, (size, read) => {
    for (const at of superblockOffsets(size)) if (at > 0 && hasHdf5Signature(read(at, 8))) return true;
    return false;
  });
}

export function isModelFile(head: Uint8Array, path: string): boolean {
  // An empty file under a model file's name (a failed download, a placeholder): listed as empty,
  // whatever the extension, so the inventory shows it is not the model.
  if (head.length === 0) return isModelFileName(path);
  // The scan asks about every source file: one that starts as source does (a comment, a string, an
  // import, a blank) is no model file, and no format is sniffed. No pickle starts so: these are no
  // opcodes, or ones that need a MARK first (`i`, `d`, `e`, `l`).
  if (SOURCE_NAME.test(path) && SOURCE_START.has(head[0])) return false;
  const f = detectFormat(head, path);
  if (f === 'unknown' && head.length >= 8 && (HDF5_NAME.test(path) || isModelFileName(path)) && hdf5AfterUserBlock(path)) return true;
  // A Git LFS pointer under a model file's name (a checkout without LFS objects, `actions/checkout`'s
  // default): claimed, so the scan says the model was not there to inspect instead of passing it over.
  if (f === 'unknown' && isLfsPointer(head) && isModelFileName(path)) return true;
  // A zip after other bytes (a self-extracting archive, junk before a `.keras`): Python's zipfile,
  // and so Keras, finds it by its end record; a model file when its members say so. Not under a
  // source file's name (a zipapp: `#!/usr/bin/env python3` before a zip is a program), which the scan
  // asks about for every source file: no file read there.
  if (f === 'unknown' && !SOURCE_NAME.test(path) && zipAfterOtherBytes(path)) return true;
  // A head that is one long operand (a pickle could hide its first import past it), named as
  // nothing but a pickle: the scanner reads it as one.
  if (f === 'unknown') {
    if (sniffPickle(head) !== 'partial') return false;
    return PICKLE_ONLY_NAME.test(path) || (SHARED_CHECKPOINT_NAME.test(path) && longOperandThenPickle(head, path));
  }
  if (f === 'pickle' && head[0] !== 0x80) {
    // Without PROTO: a pickle that imports, or a long run of opcodes, whatever the name; a short
    // pickle with no import (text can read so) only under a model-ish name.
    const kind = sniffPickle(head);
    return kind === 'import' || kind === 'stream' || /\.(pkl|pickle|pt|pth|bin|joblib|ckpt|dat|data|p|sav|model|mar|npy)$/i.test(path);
  }
  if (f === 'zip' || f === 'tar' || f === 'gzip' || f === 'bz2' || f === 'xz' || f === 'zlib' || f === 'lzma' || f === 'lz4' || f === 'zstd') {
    // Archives are model files when their first member or their name says so; an archive could hold anything.
    if (f === 'zip' && zipFirstMemberIsModel(head)) return true;
    if (f === 'tar' && tarFirstMemberIsModel(head)) return true;
    if (namedModel(path, f)) return true;
    // PyTorch's loader finds `data.pkl` through the central directory wherever it lies: an archive
    // that puts another member first is read to its directory.
    if (f === 'zip' && zipMembersSayModel(path)) return true;
    // A tar is read the same way: its member headers, one after the other, up to a bound.
    if (f === 'tar' && withPositionedReads(path, false, tarSaysModel)) return true;
    // A generic container name (`data.zip`, `train.csv.gz`) says nothing by itself: it is a model
    // file when the name inside the compression does (`model.pkl.gz`) or when the first decompressed
    // bytes are a model format (a pickle, a zip, a NumPy array); an LZ4 head is decoded as far as its
    // first block goes, a zstd head as far as it holds whole blocks (else a bounded read of the file's
    // start, which holds the first block), an xz, lzma or bz2 stream from a bounded read of its start.
    const inner = path.replace(COMPRESSION_SUFFIX, '');
    if (inner !== path && namedModel(inner, f)) return true;
    if (f === 'gzip' || f === 'zlib' || f === 'lz4' || f === 'zstd') return innerIsModel(head, f, inner, path);
    // xz, lzma and bz2 (joblib's other compressors; `joblib.load` finds the compression by its magic
    // number, whatever the name): the decompressed start of a bounded read of the stream.
    if (f === 'xz' || f === 'lzma' || f === 'bz2') return streamStartIsModel(path, f, inner);
    return false;
  }
  // A 7z or RAR archive named as a model (`pytorch_model.bin`, `weights.7z`, `clf.pkl.7z`) or kept
  // among models (`models/`): claimed whatever it holds (what the scanner cannot open is reported as
  // not inspected). Another 7z is a model file when its members are, as a zip is; a RAR, which the
  // scanner does not open, is not claimed under another name (`backup.rar`).
  if (f === '7z' || f === 'rar') return isModelFileName(path) || inModelDirectory(path) || (f === '7z' && sevenZipSaysModel(path));
  // HDF5 data files are everywhere (`.h5` datasets, NetCDF-4 `.nc`): claimed under an HDF5 name or a
  // model file's name (tf.keras loads any file `h5py.is_hdf5` takes: a Keras `.h5` named `model.bin`).
  if (f === 'hdf5') return HDF5_NAME.test(path) || isModelFileName(path);
  return true;
}
