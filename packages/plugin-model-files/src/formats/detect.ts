import { constants as zlibConstants, gunzipSync, inflateSync } from 'node:zlib';
/**
 * Format detection from the first bytes. The name only breaks ties for formats without a magic
 * number (ONNX is a bare protobuf, so it needs the `.onnx` extension *and* a protobuf shape).
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
  | 'unknown';

const PICKLE_PROTO0_START = new Set([
  0x28, // MARK
  0x63, // GLOBAL
  0x7d, // EMPTY_DICT
  0x5d, // EMPTY_LIST
  0x29, // EMPTY_TUPLE
  0x4e, // NONE
  0x49, // INT
  0x4c, // LONG
  0x46, // FLOAT
  0x53, // STRING
  0x56, // UNICODE
  0x64, // DICT (after MARK normally)
  0x6c, // LIST
  0x4b, // BININT1
  0x4a, // BININT
  0x4d, // BININT2
  0x58, // BINUNICODE
  0x55, // SHORT_BINSTRING
  0x54, // BINSTRING
  0x47, // BINFLOAT
  0x69, // INST
  0x50, // PERSID
]);

function ascii(head: Uint8Array, at: number, s: string): boolean {
  if (head.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (head[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

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
  if (head[0] === 0x04 && head[1] === 0x22 && head[2] === 0x4d && head[3] === 0x18) return 'lz4';
  // tar: "ustar" at 257, or an old-style header whose checksum matches.
  if (ascii(head, 257, 'ustar') || isOldTar(head)) return 'tar';
  // safetensors: u64 little-endian header length, then '{'.
  if (head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0) {
    const n = u32(head, 0) + u32(head, 4) * 0x100000000;
    if (n >= 2 && n < 2 ** 40) return 'safetensors';
  }
  // Pickle: PROTO 2–5 (0x80 0x06+ is an invalid protocol but still an attempt at a pickle).
  if (b0 === 0x80 && head.length >= 2 && head[1] <= 5) return 'pickle';
  // An unsupported protocol number: still a (broken) pickle when it is named like one.
  if (b0 === 0x80 && head.length >= 2 && head[1] <= 0x0f && /\.(pkl|pickle|pt|pth|joblib|ckpt)$/i.test(path)) return 'pickle';
  // zlib (joblib's default compressor): CMF 0x78 and a valid FCHECK.
  if (b0 === 0x78 && head.length >= 2 && ((b0 << 8) | head[1]) % 31 === 0) return 'zlib';
  // lzma-alone (joblib 'lzma'): properties byte 0x5d, dictionary size, then an unknown size.
  if (b0 === 0x5d && head[1] === 0 && head[2] === 0) return 'lzma';
  const lower = path.toLowerCase();
  if (lower.endsWith('.onnx') && isProtobufModel(head)) return 'onnx';
  if (PICKLE_PROTO0_START.has(b0) && looksLikeProtocol0(head)) return 'pickle';
  return 'unknown';
}

/** Protocol 0/1 pickles: mostly opcodes and printable operands up to a STOP or a GLOBAL. */
function looksLikeProtocol0(head: Uint8Array): boolean {
  const b0 = head[0];
  if (b0 === 0x63 || b0 === 0x69) {
    // GLOBAL/INST: "module\nname\n"
    const s = String.fromCharCode(...head.subarray(1, Math.min(head.length, 200)));
    return /^[A-Za-z_][\w.]*\n[A-Za-z_][\w.]*\n/.test(s);
  }
  if (head.length === 1) return false;
  if (head.length >= 2 && head[1] === 0x2e && head.length === 2) return true; // e.g. "N."
  // A short printable prefix with a newline (INT/STRING/UNICODE text forms), or a binary opcode run.
  const b1 = head[1];
  if (b0 === 0x28 || b0 === 0x7d || b0 === 0x5d || b0 === 0x29) {
    return b1 === 0x2e || b1 === 0x71 || b1 === 0x70 || b1 === 0x28 || b1 === 0x63 || b1 === 0x58 || b1 === 0x55 ||
      b1 === 0x53 || b1 === 0x56 || b1 === 0x4b || b1 === 0x4a || b1 === 0x49 || b1 === 0x6c || b1 === 0x64 ||
      b1 === 0x4e || b1 === 0x29 || b1 === 0x5d || b1 === 0x7d || b1 === 0x68 || b1 === 0x67 || b1 === 0x69 || b1 === 0x30 || b1 === 0x47 ||
      b1 === 0x88 || b1 === 0x89 || b1 === 0x8c || b1 === 0x94 || b1 === 0x46 || b1 === 0x4c || b1 === 0x74 || b1 === 0x65 || b1 === 0x61;
  }
  if (b0 === 0x49 || b0 === 0x4c || b0 === 0x46 || b0 === 0x53 || b0 === 0x56 || b0 === 0x50) {
    const nl = head.indexOf(0x0a);
    if (nl < 1 || nl > 120) return false;
    for (let i = 1; i < nl; i++) if (head[i] < 0x20 || head[i] > 0x7e) return false;
    return nl + 1 >= head.length || head[nl + 1] === 0x2e || head[nl + 1] === 0x70 || PICKLE_PROTO0_START.has(head[nl + 1]) || head[nl + 1] === 0x71 || head[nl + 1] === 0x52 || head[nl + 1] === 0x74;
  }
  if (b0 === 0x4e) return b1 === 0x2e;
  return false;
}

function isOldTar(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  // checksum field at 148..156, octal; computed with the field as spaces
  const field = String.fromCharCode(...head.subarray(148, 156)).replace(/\0.*$/, '').trim();
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i];
  return sum === parseInt(field, 8) && head[0] !== 0;
}

/** ONNX ModelProto: starts with a known field tag (ir_version, producer, graph, opset_import…). */
function isProtobufModel(head: Uint8Array): boolean {
  if (head.length < 2) return false;
  const tag = head[0];
  if (tag === 0x08) return head[1] >= 1 && head[1] <= 64; // ir_version
  return tag === 0x12 || tag === 0x1a || tag === 0x22 || tag === 0x28 || tag === 0x32 || tag === 0x3a || tag === 0x42;
}

/** Magic-byte check the engine calls (first ≤512 bytes + path). */
const MODEL_EXTENSION = /\.(pt|pth|bin|ckpt|pkl|pickle|joblib|npz|npy|keras|mar|pt2|ptl|model|dat|sav|nemo)$/i;

/** Decompresses what the head holds (never more) and asks whether that is a model format. */
function innerIsModel(head: Uint8Array, f: 'gzip' | 'zlib', innerPath: string): boolean {
  let inner: Buffer;
  try {
    const opts = { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 4096 };
    inner = f === 'gzip' ? gunzipSync(head, opts) : inflateSync(head, opts);
  } catch {
    return false;
  }
  if (inner.length === 0) return false;
  const g = detectFormat(inner, innerPath);
  if (g === 'pickle') return inner[0] === 0x80;
  return g !== 'unknown' && g !== 'gzip' && g !== 'zlib';
}

export function isModelFile(head: Uint8Array, path: string): boolean {
  const f = detectFormat(head, path);
  if (f === 'unknown') return false;
  if (f === 'pickle' && head[0] !== 0x80) {
    // Protocol-0 detection is heuristic: also require a model-ish extension to avoid claiming text files.
    return /\.(pkl|pickle|pt|pth|bin|joblib|ckpt|dat|data|p|sav|model|mar|npy)$/i.test(path);
  }
  if (f === 'zip' || f === 'tar' || f === 'gzip' || f === 'bz2' || f === 'xz' || f === 'zlib' || f === 'lzma' || f === 'lz4') {
    // Archives are model files when their first member or their name says so; an archive could hold anything.
    if (f === 'zip' && head.length > 30) {
      const nlen = head[26] | (head[27] << 8);
      const first = String.fromCharCode(...head.subarray(30, Math.min(head.length, 30 + nlen)));
      if (/(^|\/)(data\.pkl|constants\.pkl|version|\.data\/.*|byteorder|config\.json|metadata\.json|model\.weights\.h5)$|\.(npy|pkl|pickle)$/i.test(first)) return true;
    }
    if (MODEL_EXTENSION.test(path)) return true;
    // A generic container name (`data.zip`, `train.csv.gz`) says nothing by itself: it is a model
    // file when the name inside the compression does (`model.pkl.gz`) or, for gzip/zlib, when the
    // first decompressed bytes are a model format (a pickle, a zip, a NumPy array).
    const inner = path.replace(/\.(gz|tgz|bz2|xz|z|zlib|lzma|lz4)$/i, '');
    if (inner !== path && MODEL_EXTENSION.test(inner)) return true;
    if (f === 'gzip' || f === 'zlib') return innerIsModel(head, f, inner);
    return false;
  }
  if (f === 'hdf5') return /\.(h5|hdf5|keras|hdf|weights)$/i.test(path);
  return true;
}
