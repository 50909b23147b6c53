/**
 * A pickle opcode machine that never executes anything.
 *
 * It is push-based (`feed(chunk)` … `end()`), so a pickle is scanned while it streams out of a file,
 * a zip member or a decompressor, and memory stays bounded: large operands (tensor bytes, long
 * strings) are skipped as they stream past, not buffered. It models the stack, the mark stack and
 * the memo closely enough to know every global the unpickler would import (GLOBAL, STACK_GLOBAL with
 * memoised strings, INST, EXT*) and every call it would make (REDUCE, OBJ, INST, NEWOBJ, NEWOBJ_EX,
 * BUILD), resolves `getattr`/`__import__` chains, and accepts what CPython's C unpickler accepts
 * (protocol-0 text forms like `I0x10`, STRING operands, FRAME, protocol 5 buffers).
 *
 * After a malformed opcode it records the problem and resynchronises on the next byte, so what came
 * before and after a deliberate corruption is still reported.
 *
 * A structural limit (stack and MARK nesting, memo, opcode count, stacked pickles) does not end the
 * scan: the machine stops modelling the stack and memo and reads the rest of the stream for its
 * imports only (see `SkimState`), so padding a pickle past a limit cannot hide what it imports.
 * Only the time limit is a hard stop.
 */
import { fixPython2Name } from './compat.js';
import { FILE_OPENING_CLASSES, HUB_LOADING_CLASSES, RESOLVERS } from '../policy.js';

/** Allowed classes whose constructor, called with arguments, downloads from the Hub or opens a file. */
const CALLED_CONSTRUCTORS = new Set([...HUB_LOADING_CLASSES, ...FILE_OPENING_CLASSES]);

export type Val =
  | null
  | boolean
  | number
  | string
  | GlobalVal
  | ModuleVal
  | BytesVal
  | SeqVal
  | DictVal
  | ObjVal
  | UnknownVal;

export interface GlobalVal {
  k: 'g';
  module: string;
  name: string;
  /** The recorded fact of a `builtins.getattr` import, whose uses are followed (see `GetattrUsage`). */
  fact?: PickleGlobal;
}
export interface ModuleVal { k: 'mod'; module: string }
export interface BytesVal { k: 'b'; len: number; data?: Uint8Array; offset: number; blob?: EmbeddedBlob }
export interface SeqVal {
  k: 'l'; items: Val[]; n: number; kind: 'list' | 'tuple' | 'set'; lost?: boolean;
  /** Every item as a byte (ints 0–255), kept whole up to `MAX_OCTETS` items: what `bytes(list)` makes (see `octetsOf`). */
  octets?: number[];
}
export interface DictVal { k: 'd'; keys: Val[]; vals: Val[]; n: number; lost?: boolean }
export interface ObjVal {
  k: 'o';
  callee?: string;
  cls?: Val;
  args?: Val;
  state?: Val;
  pid?: boolean;
  /** The class the object was built from (NEWOBJ, a REDUCE/OBJ/INST of a global, `copyreg._reconstructor`). */
  inst?: { module: string; name: string };
  /** The value of `getattr(<instance>, '<name>')`: a bound method (or attribute) the pickle must not call. */
  bound?: GetattrUse;
  /** Values set or appended into the object that reach a getattr or its result (see `PickleMachine.storeInto`). */
  kept?: Val[];
  /** Holds values the machine does not keep (items set or appended into an object, a joblib object array). */
  lost?: boolean;
}
export interface UnknownVal { k: 'u' }

const UNKNOWN: UnknownVal = { k: 'u' };
const MAX_ITEMS = 32; // container items kept for argument resolution; the rest are counted
const MAX_KEPT_STRING = 1 << 16;
const SMALL_BYTES = 4096; // bytes operands kept whole (nested protocol-0 pickles passed to loads)
/** Lists and tuples of byte values kept whole for `bytes(...)` / `bytearray(...)` (a nested pickle built from ints). */
const MAX_OCTETS = 1 << 16;

export interface PickleGlobal {
  module: string;
  name: string;
  /** GLOBAL | STACK_GLOBAL | INST | EXT1/2/4 | getattr | import */
  opcode: string;
  offset: number;
  /** Index of the pickle in a stack of pickles (0-based). */
  pickle: number;
  /** For `builtins.getattr`: how the pickle used it (the policy judges it from this). */
  getattr?: GetattrUsage;
}

/**
 * One `getattr(<object>, '<name>')` REDUCE whose target is an object the pickle built from a class:
 * how Python pickles a bound method (`scheduler.anneal_func` → `getattr(<OneCycleLR>, '_annealing_cos')`).
 */
export interface GetattrUse {
  /** The class the object was built from (`torch.optim.lr_scheduler`, `OneCycleLR`). */
  module: string;
  name: string;
  /** The attribute read. */
  attr: string;
  offset: number;
  /** Set when the pickle may call the result (or hand it to code that may): how. */
  called?: string;
  /** Objects whose code receives the result (BUILD state, items set into them): dotted class or builder names. */
  holders?: string[];
}

/**
 * How a pickle used one `builtins.getattr` it imported, or one universal import helper (`RESOLVERS`
 * of the policy: its `uses` are the globals its calls with constant names returned, `attr` empty).
 */
export interface GetattrUsage {
  /** REDUCEs on an object built from a class, with a string name. */
  uses: GetattrUse[];
  /** Set when getattr was used any other way (on a module or class, passed on, kept, called otherwise): how. */
  other?: string;
}

export interface PickleCall {
  /** Dotted name of what is called, `?` when the callable is not a known global. */
  callee: string;
  opcode: string;
  offset: number;
  pickle: number;
  /** Short rendering of the arguments. */
  args: string;
}

export interface PickleProblem {
  kind: 'malformed' | 'limit';
  message: string;
  offset: number;
}

/** Byte strings that look like serialised content (or are passed to a loads-like call). */
export interface EmbeddedBlob {
  offset: number;
  data: Uint8Array;
  /** Set for pickles too large to keep: they were scanned while they streamed past. */
  result?: PickleScanResult;
  /** True once the blob is passed to a `pickle.loads`-like callable. */
  confirmed: boolean;
  via?: string;
}

export interface PickleLimits {
  maxOpcodes: number;
  maxMemo: number;
  maxStack: number;
  maxErrors: number;
  maxEmbeddedBytes: number;
  maxEmbeddedTotal: number;
  maxPickles: number;
  /** Absolute time (ms since epoch) after which the scan stops with a limit problem. */
  deadline: number;
  /** Nesting of pickles scanned while they stream inside byte strings. */
  maxStreamedNesting: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = {
  maxOpcodes: 50_000_000,
  maxMemo: 1_000_000,
  maxStack: 1_000_000,
  maxErrors: 64,
  maxEmbeddedBytes: 64 << 20,
  maxEmbeddedTotal: 128 << 20,
  maxPickles: 64,
  deadline: Number.POSITIVE_INFINITY,
  maxStreamedNesting: 3,
};

export interface PickleScanOptions {
  limits?: Partial<PickleLimits>;
  /**
   * How pickles that follow the first STOP are treated: `stacked` scans further pickles when the
   * next bytes start a pickle; `legacy-torch` reads exactly the five pickles of PyTorch's legacy
   * format; `single` stops after the first.
   */
  mode?: 'stacked' | 'single';
  /** Read joblib's in-stream numpy arrays after `NumpyArrayWrapper` objects. */
  joblib?: boolean;
  /**
   * Read for imports only from the first byte (a pickle nested deeper than the nesting limit): the
   * caller reports why. Pickles nested in its byte strings are not followed.
   */
  importsOnly?: boolean;
  /**
   * Stop at the first malformed opcode (reading bytes that may not be a pickle at all, see
   * `speculate`: the read is thrown away then, so nothing after it matters).
   */
  speculative?: boolean;
}

/**
 * After a structural limit: what the machine still tracks while it reads the rest of the stream
 * for imports only. Every GLOBAL / INST / EXT is recorded; a STACK_GLOBAL takes its module and name
 * from the two values pushed just before it (strings fetched from the memo included), and also
 * from the two most recent string pushes as pickle tools do when those are not both strings.
 * REDUCE / OBJ / NEWOBJ / NEWOBJ_EX / INST are recorded as calls of an unknown callee. A joblib
 * `NumpyArrayWrapper` is modelled (on a stack of its own) up to its BUILD, so the raw array data
 * that follows is skipped as in a full scan.
 */
interface SkimState {
  /** Stays on across STOPs: the opcode and stacked-pickle limits count the whole stream. */
  sticky: boolean;
  /** The two values pushed last (v2 is the top), UNKNOWN when not a string or not known. */
  v1: Val;
  v2: Val;
  /** The two most recent string pushes. */
  s1?: string;
  s2?: string;
  /** What was memoised since the limit (strings, globals, or UNKNOWN), up to `maxMemo` keys. */
  memo: Map<number, Val>;
  /** The memo as it was at the limit (read for memoised strings). */
  frozen: Map<number, Val>;
  /** len(memo), the key MEMOIZE uses. */
  memoLen: number;
}

export interface PickleScanResult {
  globals: PickleGlobal[];
  calls: PickleCall[];
  problems: PickleProblem[];
  embedded: EmbeddedBlob[];
  opcodes: number;
  /** Number of complete pickles (STOP reached). */
  pickles: number;
  protocol: number;
  /** PyTorch's legacy format: the first pickle is the magic number. */
  legacyTorch: boolean;
  persistentIds: number;
  joblibArrays: number;
  bytes: number;
  /** Trailing bytes that were not scanned (data after the last pickle). */
  trailing: number;
  /** True when nothing malformed or limited was seen. */
  clean: boolean;
  /** Stream offset just after the first STOP (-1 when none). */
  end: number;
  /** The value the first pickle returns (its top of stack at STOP). */
  value?: Val;
}

const LOADS_LIKE = new Set([
  'pickle.loads', 'pickle.load', '_pickle.loads', '_pickle.load', 'pickle._loads', 'pickle._load',
  'dill.loads', 'dill.load', 'dill._dill.loads', 'cloudpickle.loads', 'cloudpickle.load',
  'joblib.load', 'torch.load', 'torch.serialization.load', 'torch.storage._load_from_bytes',
  'numpy.loads', 'numpy.core.numeric.loads', 'marshal.loads', 'pickle.Unpickler', '_pickle.Unpickler',
  'io.BytesIO', '_io.BytesIO', 'pandas.read_pickle', 'codecs.decode', '_codecs.decode',
]);

/** Loaders whose first argument is the serialized bytes themselves (not a file or a path). */
const BYTES_LOADERS = new Set([
  'pickle.loads', '_pickle.loads', 'pickle._loads', 'dill.loads', 'dill._dill.loads', 'cloudpickle.loads',
  'torch.storage._load_from_bytes', 'numpy.loads', 'numpy.core.numeric.loads', 'marshal.loads',
]);

/** Calls that build bytes from values the pickle holds (see `bytesFrom`). */
const BYTES_BUILDERS = new Set([
  'builtins.bytes', 'builtins.bytearray', 'builtins.bytes.fromhex', 'builtins.bytearray.fromhex',
]);

const isOctet = (v: Val): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;

/** `stack[from..]` as bytes, when every item is an int 0–255 and there are at most `MAX_OCTETS`. */
function byteRun(stack: Val[], from: number): number[] | undefined {
  if (stack.length - from > MAX_OCTETS) return undefined;
  for (let i = from; i < stack.length; i++) if (!isOctet(stack[i])) return undefined;
  return stack.slice(from) as number[];
}

function withOctets(s: SeqVal, octets: number[] | undefined): SeqVal {
  if (octets && octets.length === s.n) s.octets = octets;
  return s;
}

/** A list's or tuple's items as bytes (all of them), or undefined. */
function octetsOf(s: SeqVal): number[] | undefined {
  if (s.n === 0) return [];
  return s.octets && s.octets.length === s.n ? s.octets : undefined;
}

/** What `bytes(...)`, `bytearray(...)` and their `fromhex` return, when the arguments are known. */
function bytesFrom(name: string, argv: Val[]): Uint8Array | undefined {
  const [a, enc] = argv;
  if (name.endsWith('.fromhex')) {
    if (typeof a !== 'string' || a.length > 2 * MAX_OCTETS) return undefined;
    const hex = a.replace(/\s+/g, '');
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined;
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  if (a && typeof a === 'object') {
    if (a.k === 'b') return a.data && a.data.length === a.len ? a.data : undefined;
    if (a.k === 'l' && argv.length === 1) {
      const octets = octetsOf(a);
      return octets ? Uint8Array.from(octets) : undefined;
    }
    return undefined;
  }
  if (typeof a === 'string' && typeof enc === 'string' && (argv.length === 2 || argv[2] === 'strict')) {
    const out = encodeText(a, enc);
    return out instanceof Uint8Array ? out : undefined; // bytes(str, 'rot13') is a TypeError
  }
  return undefined;
}

/**
 * Python's codec name as `encodings.normalize_encoding` reads it (lower case, runs of other
 * characters than letters, digits and `.` turned into one `_`, none at the ends), or undefined for a
 * name with characters outside ASCII (the scanner does not guess what such a name finds).
 */
function codecName(encoding: string): string | undefined {
  if (!/^[\x20-\x7e]*$/.test(encoding)) return undefined;
  return encoding.toLowerCase().split(/[^a-z0-9.]+/).filter(Boolean).join('_');
}

/** CPython's names (aliases from `encodings.aliases`) of the codecs `encodeText` implements. */
const CODECS: Record<string, 'latin_1' | 'ascii' | 'utf_8' | 'utf_16' | 'utf_16_le' | 'utf_16_be' | 'utf_32' | 'utf_32_le' | 'utf_32_be' | 'rot_13'> = {};
for (const [codec, names] of Object.entries({
  latin_1: ['latin_1', 'latin1', 'latin', 'l1', '8859', 'cp819', 'csisolatin1', 'ibm819', 'iso8859', 'iso8859_1', 'iso_8859_1', 'iso_8859_1_1987', 'iso_ir_100'],
  ascii: ['ascii', '646', 'ansi_x3.4_1968', 'ansi_x3_4_1968', 'ansi_x3.4_1986', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_646.irv_1991', 'iso_ir_6', 'us', 'us_ascii'],
  utf_8: ['utf_8', 'utf8', 'u8', 'utf', 'utf8_ucs2', 'utf8_ucs4', 'cp65001'],
  utf_16: ['utf_16', 'utf16', 'u16'],
  utf_16_le: ['utf_16_le', 'utf_16le', 'unicodelittleunmarked'],
  utf_16_be: ['utf_16_be', 'utf_16be', 'unicodebigunmarked'],
  utf_32: ['utf_32', 'utf32', 'u32'],
  utf_32_le: ['utf_32_le', 'utf_32le'],
  utf_32_be: ['utf_32_be', 'utf_32be'],
  rot_13: ['rot_13', 'rot13'],
} as const)) for (const n of names) CODECS[n] = codec as (typeof CODECS)[string];

/**
 * `str.encode(encoding)` (`_codecs.encode(s, encoding)`) as CPython computes it, strict errors: bytes,
 * or a string for a text transform (`rot13`); undefined for a codec not implemented here and for text
 * CPython would refuse to encode (a character outside latin-1, a lone surrogate). `utf-16`/`utf-32`
 * write a little-endian byte order mark first (CPython's native order on the machines that load models).
 */
export function encodeText(s: string, encoding: string): Uint8Array | string | undefined {
  const norm = codecName(encoding);
  const codec = norm === undefined ? undefined : (CODECS[norm] ?? CODECS[norm.replace(/\./g, '_')]);
  if (!codec) return undefined;
  if (codec === 'rot_13') return s.replace(/[A-Za-z]/g, (c) => String.fromCharCode((c <= 'Z' ? 65 : 97) + (((c.charCodeAt(0) & 31) + 12) % 26)));
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)) return undefined; // a lone surrogate
  if (codec === 'utf_8') return new TextEncoder().encode(s);
  if (codec === 'latin_1' || codec === 'ascii') {
    const max = codec === 'ascii' ? 0x7f : 0xff;
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > max) return undefined;
      out[i] = c;
    }
    return out;
  }
  if (codec.startsWith('utf_16')) {
    const bom = codec === 'utf_16' ? 2 : 0;
    const out = new Uint8Array(bom + 2 * s.length);
    if (bom) out.set([0xff, 0xfe]);
    const be = codec === 'utf_16_be';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[bom + 2 * i + (be ? 1 : 0)] = c & 0xff;
      out[bom + 2 * i + (be ? 0 : 1)] = c >> 8;
    }
    return out;
  }
  const points = [...s].map((c) => c.codePointAt(0) as number);
  const bom = codec === 'utf_32' ? 4 : 0;
  const out = new Uint8Array(bom + 4 * points.length);
  const dv = new DataView(out.buffer);
  if (bom) dv.setUint32(0, 0xfeff, true);
  points.forEach((p, i) => dv.setUint32(bom + 4 * i, p, codec !== 'utf_32_be'));
  return out;
}

// Legacy PyTorch magic number 0x1950a86a20f9469cfc6c as the LONG1 operand bytes.
const TORCH_MAGIC = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

const OPNAMES: Record<number, string> = {
  0x28: 'MARK', 0x2e: 'STOP', 0x30: 'POP', 0x31: 'POP_MARK', 0x32: 'DUP', 0x46: 'FLOAT', 0x49: 'INT',
  0x4a: 'BININT', 0x4b: 'BININT1', 0x4c: 'LONG', 0x4d: 'BININT2', 0x4e: 'NONE', 0x50: 'PERSID',
  0x51: 'BINPERSID', 0x52: 'REDUCE', 0x53: 'STRING', 0x54: 'BINSTRING', 0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE', 0x58: 'BINUNICODE', 0x61: 'APPEND', 0x62: 'BUILD', 0x63: 'GLOBAL', 0x64: 'DICT',
  0x7d: 'EMPTY_DICT', 0x65: 'APPENDS', 0x67: 'GET', 0x68: 'BINGET', 0x69: 'INST', 0x6a: 'LONG_BINGET',
  0x6c: 'LIST', 0x5d: 'EMPTY_LIST', 0x6f: 'OBJ', 0x70: 'PUT', 0x71: 'BINPUT', 0x72: 'LONG_BINPUT',
  0x73: 'SETITEM', 0x74: 'TUPLE', 0x29: 'EMPTY_TUPLE', 0x75: 'SETITEMS', 0x47: 'BINFLOAT',
  0x80: 'PROTO', 0x81: 'NEWOBJ', 0x82: 'EXT1', 0x83: 'EXT2', 0x84: 'EXT4', 0x85: 'TUPLE1',
  0x86: 'TUPLE2', 0x87: 'TUPLE3', 0x88: 'NEWTRUE', 0x89: 'NEWFALSE', 0x8a: 'LONG1', 0x8b: 'LONG4',
  0x42: 'BINBYTES', 0x43: 'SHORT_BINBYTES', 0x8c: 'SHORT_BINUNICODE', 0x8d: 'BINUNICODE8',
  0x8e: 'BINBYTES8', 0x8f: 'EMPTY_SET', 0x90: 'ADDITEMS', 0x91: 'FROZENSET', 0x92: 'NEWOBJ_EX',
  0x93: 'STACK_GLOBAL', 0x94: 'MEMOIZE', 0x95: 'FRAME', 0x96: 'BYTEARRAY8', 0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER',
};

/** Is `b` an opcode of some pickle protocol (0–5)? */
export function isPickleOpcode(b: number): boolean {
  return OPNAMES[b] !== undefined;
}

/**
 * Bytes that may start a further pickle in a stack of pickles: any opcode but STOP, since the
 * unpickler needs no PROTO (a FRAME or a STACK_GLOBAL first is a pickle too). Data that is not a
 * pickle breaks soon, and a later pickle that breaks ends the scan without a malformed report.
 */
function startsPickle(b: number, next: number | undefined): boolean {
  if (b === 0x80) return next === undefined || (next >= 0 && next <= 5);
  return b !== 0x2e && OPNAMES[b] !== undefined;
}

/**
 * Opcodes that read or build from the stack, handled by `skimStackOp` when reading for imports only
 * (MARK, STOP, GLOBAL and INST are handled in place).
 */
const SKIM_STACK_OPS = new Uint8Array(256);
for (const op of [0x30, 0x31, 0x32, 0x61, 0x65, 0x90, 0x62, 0x64, 0x73, 0x75, 0x6c, 0x74, 0x85, 0x86, 0x87, 0x91, 0x52, 0x6f, 0x81, 0x92, 0x51, 0x93]) SKIM_STACK_OPS[op] = 1;

/** A module or a (dotted) name the unpickler could import: Python identifiers joined by dots. */
const IMPORTABLE = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(?:\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;

const utf8 = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');

export function globalName(v: Val): string | undefined {
  if (v && typeof v === 'object') {
    if (v.k === 'g') return `${v.module}.${v.name}`;
    if (v.k === 'mod') return v.module;
  }
  return undefined;
}

export function render(v: Val, depth = 0): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  switch (v.k) {
    case 'g': return `${v.module}.${v.name}`;
    case 'mod': return `<module ${v.module}>`;
    case 'b': {
      if (v.data && v.len <= 48) return `b${JSON.stringify(latin1.decode(v.data))}`;
      return `<${v.len} bytes>`;
    }
    case 'l': {
      if (depth > 2) return v.kind === 'list' ? '[...]' : '(...)';
      const inner = v.items.slice(0, 4).map((x) => render(x, depth + 1));
      if (v.n > 4) inner.push('...');
      return v.kind === 'list' ? `[${inner.join(', ')}]` : v.kind === 'set' ? `{${inner.join(', ')}}` : `(${inner.join(', ')}${v.n === 1 ? ',' : ''})`;
    }
    case 'd': return depth > 2 ? '{...}' : `{${v.keys.slice(0, 3).map((k, i) => `${render(k, depth + 1)}: ${render(v.vals[i], depth + 1)}`).join(', ')}${v.n > 3 ? ', ...' : ''}}`;
    case 'o': return v.callee ? `${v.callee}(...)` : '<object>';
    default: return '?';
  }
}

interface Frame {
  stack: Val[];
  marks: number[];
  memo: Map<number, Val>;
  /** getattr imports and results that existed when the frame was entered. */
  followed: number;
}

/** Memo entries kept when reading for imports only (see `skimMemoPut`). */
const SKIM_MEMO = 1_000_000;

/** Opcodes a joblib array wrapper may take to be built when reading for imports only. */
const MAX_WRAPPER_OPCODES = 10_000;

/** Nodes one pickle may walk while following getattr results (beyond it, every one counts as called). */
const FOLLOW_BUDGET = 4_000_000;
const MAX_FOLLOWED = 10_000;

type Pending =
  | { t: 'skip'; remaining: number }
  | {
    t: 'collect'; remaining: number; buf: Uint8Array; fill: number; op: number; offset: number; keep: boolean; total: number; sniff: boolean;
    nested?: PickleMachine;
    /** The nested machine reads bytes that may not be a pickle: its result counts only if they are (`isSpeculativePickle`). */
    speculative?: boolean;
  };

export class PickleMachine {
  readonly result: PickleScanResult = {
    globals: [], calls: [], problems: [], embedded: [], opcodes: 0, pickles: 0, protocol: 0,
    legacyTorch: false, persistentIds: 0, joblibArrays: 0, bytes: 0, trailing: 0, clean: true, end: -1,
  };
  private readonly limits: PickleLimits;
  private readonly mode: 'stacked' | 'single';
  private readonly joblib: boolean;
  private readonly speculative: boolean;
  private stack: Val[] = [];
  private marks: number[] = [];
  private memo = new Map<number, Val>();
  private proto = 0;
  /** Frames saved while a nested in-stream pickle (joblib object array) is read. */
  private saved: Frame[] = [];
  private carry: Uint8Array | undefined;
  /** Absolute stream offset of the first byte of the current buffer. */
  private base = 0;
  private pending: Pending | undefined;
  private joblibPad: { skipAfter: number } | undefined;
  private state: 'run' | 'between' | 'done' = 'run';
  private errors = 0;
  private embeddedTotal = 0;
  private pickleIndex = 0;
  private legacyRemaining = -1;
  /**
   * The `builtins.getattr` imports of the current pickle and the values their REDUCEs on objects
   * produced. While there are any, the machine follows where those values go: a getattr used any
   * other way, or a result that the pickle may call (a callee, an argument, an object's
   * `__setstate__`), is recorded on its fact; objects whose code keeps a result are named.
   */
  private getattrs: GetattrUsage[] = [];
  private bounds: GetattrUse[] = [];
  private followBudget = FOLLOW_BUDGET;
  /** How many of `getattrs` / `bounds` `taintAll` has marked already. */
  private taintedGetattrs = 0;
  private taintedBounds = 0;
  /** Set by popMark/seq: items beyond what is kept reach a getattr or its result. */
  private lastLost = false;
  /** Set once a structural limit is hit: the rest is read for imports only. */
  private skim: SkimState | undefined;
  /** Pickles nested in byte strings are followed (not when reading for imports only from the start). */
  private readonly followNested: boolean;
  /** Stream offset of the opcode being run (for limit messages). */
  private opOff = 0;
  /** Reading for imports only, suspended while a joblib array wrapper is modelled (see `skimValue`). */
  private sub: SkimState | undefined;
  private subFor: 'wrapper' | 'dtype' = 'wrapper';
  private subOps = 0;

  constructor(options: PickleScanOptions = {}) {
    this.limits = { ...DEFAULT_PICKLE_LIMITS, ...options.limits };
    this.mode = options.mode ?? 'stacked';
    this.joblib = options.joblib ?? true;
    this.speculative = options.speculative ?? false;
    this.followNested = !options.importsOnly;
    if (options.importsOnly) {
      this.result.clean = false;
      this.followBudget = -1; // getattr is judged as not followed
      this.skim = { sticky: true, v1: UNKNOWN, v2: UNKNOWN, memo: new Map(), frozen: new Map(), memoLen: 0 };
    }
  }

  /** True once the rest of the stream is read for imports only. */
  get importsOnly(): boolean {
    return this.skim !== undefined;
  }

  get done(): boolean {
    return this.state === 'done';
  }

  /** Feeds the next chunk of the stream. Returns false once the machine needs no more input. */
  feed(chunk: Uint8Array): boolean {
    if (this.state === 'done') {
      this.fed += chunk.length;
      this.result.trailing += chunk.length;
      this.result.bytes = this.fed;
      return false;
    }
    let buf = chunk;
    let start = this.fed;
    this.fed += chunk.length;
    this.result.bytes = this.fed;
    if (this.carry) {
      const carry = this.carry;
      this.carry = undefined;
      // Join the carried tail with only the head of the new chunk, then go on in the chunk itself.
      const headLen = Math.min(chunk.length, 1 << 16);
      const merged = new Uint8Array(carry.length + headLen);
      merged.set(carry, 0);
      merged.set(chunk.subarray(0, headLen), carry.length);
      const mergedStart = start - carry.length;
      if (headLen === chunk.length) {
        this.runSafely(merged, mergedStart, false);
        return (this.state as string) !== 'done';
      }
      this.runSafely(merged, mergedStart, false, true);
      const consumed = this.consumedUpTo ?? merged.length;
      if ((this.state as string) === 'done') {
        this.result.trailing += chunk.length - headLen;
        return false;
      }
      if (consumed < carry.length) {
        // Still inside an opcode that began in the carry (a long line): keep everything.
        const rest = carry.length - consumed;
        const all = new Uint8Array(rest + chunk.length);
        all.set(carry.subarray(consumed), 0);
        all.set(chunk, rest);
        this.runSafely(all, mergedStart + consumed, false);
        return (this.state as string) !== 'done';
      }
      const into = consumed - carry.length;
      buf = chunk.subarray(into);
      start += into;
    }
    this.runSafely(buf, start, false);
    return (this.state as string) !== 'done';
  }

  /**
   * The stream was cut (a decompression limit, the time limit): what was read still counts, and no
   * truncation is reported (the caller reports the limit).
   */
  stop(): PickleScanResult {
    this.carry = undefined;
    this.pending = undefined;
    this.state = 'done';
    return this.result;
  }

  /** Signals the end of the stream. */
  end(): PickleScanResult {
    if (this.carry && this.state !== 'done') {
      const buf = this.carry;
      this.carry = undefined;
      this.runSafely(buf, this.fed - buf.length, true);
      if (this.carry && (this.state as string) !== 'done') {
        this.problem('malformed', 'pickle truncated inside an opcode operand', this.fed - (this.carry as Uint8Array).length);
        this.carry = undefined;
      }
    }
    if ((this.state as string) !== 'done') {
      if (this.pending) {
        this.problem('malformed', `pickle truncated inside an operand (${this.pending.remaining} bytes missing)`, this.fed);
      } else if (this.joblibPad) {
        this.problem('malformed', 'joblib array data truncated', this.fed);
      } else if (this.state === 'run') {
        this.problem('malformed', this.fed === 0 ? 'empty pickle stream' : 'pickle ends without STOP (truncated)', this.fed);
      }
    }
    this.state = 'done';
    return this.result;
  }

  private fed = 0;

  private runSafely(buf: Uint8Array, start: number, final: boolean, probe = false): void {
    this.base = start;
    try {
      this.run(buf, 0, final);
    } catch (error) {
      this.problem('malformed', `scanner error: ${(error as Error).message}`, start);
      this.state = 'done';
    }
    if (probe) return; // the caller continues in the next buffer
    const consumed = this.consumedUpTo ?? buf.length;
    if (this.state === 'done') this.result.trailing += Math.max(0, buf.length - consumed);
    else if (consumed < buf.length) this.carry = buf.slice(consumed);
  }

  private consumedUpTo: number | undefined;

  private problem(kind: PickleProblem['kind'], message: string, offset: number, fatal = true): void {
    if (kind === 'malformed' && this.sub) {
      // Modelling a joblib array wrapper after a limit failed: back to reading for imports only.
      this.resumeSkim();
      return;
    }
    if (kind === 'malformed' && this.result.pickles > 0 && this.saved.length === 0) {
      // A later pickle in a stack that breaks: data after the last pickle (tensor storages, joblib
      // padding, trailing bytes). Its globals so far were recorded; stop without calling the file malformed.
      this.result.trailing += 1;
      this.state = 'done';
      return;
    }
    this.result.clean = false;
    if (this.result.problems.length < 200) this.result.problems.push({ kind, message, offset });
    if (kind === 'malformed') {
      this.errors++;
      if (this.speculative) this.state = 'done';
      else if (this.errors >= this.limits.maxErrors) {
        this.result.problems.push({ kind: 'limit', message: `stopped after ${this.errors} malformed opcodes`, offset });
        this.state = 'done';
      }
    } else if (fatal) {
      this.state = 'done';
    }
  }

  private push(v: Val): void {
    if (this.skim) return this.skimValue(v);
    if (this.stack.length + this.marks.length >= this.limits.maxStack) {
      this.startSkim(`stack grew beyond ${this.limits.maxStack} items`, this.opOff, false);
      return this.skimValue(v);
    }
    this.stack.push(v);
  }

  /**
   * A structural limit was hit: record it and read the rest for imports only. Getattr imports and
   * results followed so far count as called (where they go is no longer known).
   */
  private startSkim(message: string, off: number, sticky: boolean): void {
    if (this.sub) return this.resumeSkim();
    if (this.skim) {
      this.skim.sticky ||= sticky;
      return;
    }
    this.problem('limit', `${message}; what follows was read for its imports only`, off, false);
    this.taintAll('not followed: read after a scan limit');
    this.resetFollow(-1);
    // The values on top of the stack are what the next opcodes may use (a STACK_GLOBAL's module).
    const st = this.stack;
    const skim: SkimState = { sticky, v1: st.length > 1 ? st[st.length - 2] : UNKNOWN, v2: st.length ? st[st.length - 1] : UNKNOWN, memo: new Map(), frozen: this.memo, memoLen: this.memo.size };
    for (let i = st.length - 1; i >= 0 && i >= st.length - 64 && skim.s1 === undefined; i--) {
      const v = st[i];
      if (typeof v !== 'string') continue;
      if (skim.s2 === undefined) skim.s2 = v;
      else skim.s1 = v;
    }
    this.skim = skim;
    this.stack = [];
    this.marks = [];
  }

  /** Reading for imports only: a value was pushed. */
  private skimValue(v: Val): void {
    const s = this.skim as SkimState;
    s.v1 = s.v2;
    s.v2 = v;
    const wrapper = this.joblib && v && typeof v === 'object' && v.k === 'g' ? joblibWrapperPart(v) : undefined;
    if (wrapper) {
      // joblib writes raw array data right after a wrapper's BUILD: model the wrapper (and the
      // dtypes it may fetch from the memo) on a stack of its own up to its BUILD (`build` resumes
      // reading for imports), so the data is skipped.
      this.sub = s;
      this.subFor = wrapper;
      this.skim = undefined;
      this.subOps = 0;
      this.stack = [v];
      this.marks = [];
      return;
    }
    if (typeof v === 'string') {
      s.s1 = s.s2;
      s.s2 = v;
      // Protocol 2 writes bytes as _codecs.encode('<latin-1 text>', 'latin1'): a pickle in such text is followed.
      if (v.length >= 2 && v.charCodeAt(0) === 0x80 && v.charCodeAt(1) >= 2 && v.charCodeAt(1) <= 5 && this.followNested) {
        let latin = true;
        for (let i = 0; i < v.length && latin; i++) latin = v.charCodeAt(i) < 256;
        if (latin) {
          const data = new Uint8Array(v.length);
          for (let i = 0; i < v.length; i++) data[i] = v.charCodeAt(i);
          this.maybeEmbed({ k: 'b', len: data.length, data, offset: this.opOff }, false);
        }
      }
    }
  }

  /** Back to reading for imports only after a joblib array wrapper (or when modelling it fails). */
  private resumeSkim(): void {
    const s = this.sub as SkimState;
    this.sub = undefined;
    this.skim = s;
    this.stack = [];
    this.marks = [];
    s.v1 = UNKNOWN;
    s.v2 = UNKNOWN;
  }

  /** Reading for imports only: an opcode that pops or builds from the stack; its result is not known. */
  private skimStackOp(op: number, off: number): void {
    const s = this.skim as SkimState;
    switch (op) {
      case 0x32: // DUP
        s.v1 = s.v2;
        return;
      case 0x93: { // STACK_GLOBAL
        const { v1: module, v2: name } = s;
        s.v1 = UNKNOWN;
        s.v2 = UNKNOWN;
        if (typeof module === 'string' && typeof name === 'string') return this.skimValue(this.addGlobal(module, name, 'STACK_GLOBAL', off));
        // Not both strings just before it (or not known): the two most recent strings, as pickle
        // tools read it, and the name as computed.
        if (s.s1 !== undefined && s.s2 !== undefined) this.addGlobal(s.s1, s.s2, 'STACK_GLOBAL', off);
        this.addGlobal(typeof module === 'string' ? module : '<computed>', typeof name === 'string' ? name : '<computed>', 'STACK_GLOBAL', off);
        return;
      }
      case 0x52: case 0x6f: case 0x81: case 0x92: // REDUCE, OBJ, NEWOBJ, NEWOBJ_EX
        this.skimCall(OPNAMES[op], off);
        break;
      case 0x51: // BINPERSID
        this.result.persistentIds++;
        break;
    }
    s.v1 = UNKNOWN;
    s.v2 = UNKNOWN;
  }

  private skimCall(opcode: string, off: number): void {
    if (this.result.calls.length < 10_000) {
      this.result.calls.push({ callee: '?', opcode, offset: off, pickle: this.pickleIndex, args: '(not modelled: read after a scan limit)' });
    }
  }

  /**
   * Reading for imports only: a malformed opcode stops the unpickler too, and what follows may be
   * data the machine no longer knows to skip (joblib arrays): stop reading.
   */
  private skimStop(message: string, off: number): void {
    if (this.result.pickles > 0 && this.saved.length === 0) {
      this.result.trailing += 1;
      this.state = 'done';
      return;
    }
    this.problem('limit', `reading for imports stopped: ${message}`, off);
  }

  /** Pops a value an opcode consumes (`raw`: one it discards, or the callee of REDUCE, which is judged there). */
  private pop(off: number, op: string, raw = false): Val {
    const floor = this.marks.length ? this.marks[this.marks.length - 1] : 0;
    if (this.stack.length <= floor) {
      this.problem('malformed', `${op}: stack underflow`, off);
      return UNKNOWN;
    }
    const v = this.stack.pop() as Val;
    if (!raw && this.getattrs.length) this.consumed(v, op);
    return v;
  }

  private top(off: number, op: string): Val {
    if (this.skim) return this.skim.v2;
    const floor = this.marks.length ? this.marks[this.marks.length - 1] : 0;
    if (this.stack.length <= floor) {
      this.problem('malformed', `${op}: stack underflow`, off);
      return UNKNOWN;
    }
    return this.stack[this.stack.length - 1];
  }

  /** Pops to the last MARK; keeps at most `keep` items (the count is in `lastPopped`). */
  private popMark(off: number, op: string, keep = Number.POSITIVE_INFINITY, raw = false): Val[] {
    let m: number;
    if (!this.marks.length) {
      this.problem('malformed', `${op}: no MARK on the stack`, off);
      m = 0;
    } else m = this.marks.pop() as number;
    const n = this.stack.length - m;
    this.lastPopped = n;
    this.lastLost = false;
    if (!raw && this.getattrs.length) {
      for (let i = m; i < this.stack.length; i++) this.consumed(this.stack[i], op);
      if (n > keep) this.lastLost = this.reachesAny(this.stack.slice(m + keep));
    }
    this.lastOctets = op === 'LIST' || op === 'TUPLE' || op === 'APPENDS' ? byteRun(this.stack, m) : undefined;
    const items = this.stack.slice(m, m + Math.min(n, keep));
    this.stack.length = m;
    return items;
  }

  /** The popped items of the last LIST/TUPLE/APPENDS as bytes, when every one is an int 0–255 (and not too many). */
  private lastOctets: number[] | undefined;

  private lastPopped = 0;

  /** Helper calls being modelled inside one another (see `helperCall`). */
  private helperDepth = 0;

  private addGlobal(module: string, name: string, opcode: string, off: number): GlobalVal {
    [module, name] = fixPython2Name(module, name, this.proto);
    const g: GlobalVal = { k: 'g', module, name };
    if (this.result.globals.length < 10_000) {
      const fact: PickleGlobal = { module, name, opcode, offset: off, pickle: this.pickleIndex };
      if ((module === 'builtins' && name === 'getattr') || Object.hasOwn(RESOLVERS, `${module}.${name}`)) {
        // Followed from here on (see `getattrs`); a universal import helper too (see `RESOLVERS`).
        fact.getattr = { uses: [] };
        if (this.getattrs.length >= MAX_FOLLOWED || this.followBudget < 0) fact.getattr.other = 'not followed: too many getattr imports or too much to follow';
        else {
          g.fact = fact;
          this.getattrs.push(fact.getattr);
        }
      }
      this.result.globals.push(fact);
    }
    return g;
  }

  private addCall(callee: Val, args: Val, opcode: string, off: number): string {
    const name = globalName(callee) ?? (callee && typeof callee === 'object' && callee.k === 'o' && callee.callee ? `${callee.callee}()` : '?');
    if (this.result.calls.length < 10_000) {
      this.result.calls.push({ callee: name, opcode, offset: off, pickle: this.pickleIndex, args: render(args) });
    }
    return name;
  }

  private memoPut(key: number, v: Val, off: number): void {
    if (this.skim || this.sub) return this.skimMemoPut(key, v);
    if (this.memo.size >= this.limits.maxMemo && !this.memo.has(key)) {
      this.startSkim(`memo grew beyond ${this.limits.maxMemo} entries`, off, false);
      return this.skimMemoPut(key, v);
    }
    this.memo.set(key, v);
  }

  /**
   * Reading for imports only: what is known of the values memoised (strings for STACK_GLOBAL,
   * globals and what a joblib array wrapper is built from), up to `SKIM_MEMO` keys (at least
   * `maxMemo`: a memo flooded past its limit is read on); other values are not kept.
   */
  private skimMemoPut(key: number, v: Val): void {
    const s = (this.skim ?? this.sub) as SkimState;
    const useful = typeof v === 'string' || (!!v && typeof v === 'object' && v.k !== 'u');
    if (s.memo.has(key)) {
      if (useful) s.memo.set(key, v);
      else {
        s.memo.delete(key);
        s.frozen.delete(key);
      }
      return;
    }
    const old = s.frozen.has(key);
    if (!old) s.memoLen++;
    if (useful && s.memo.size < Math.max(this.limits.maxMemo, SKIM_MEMO)) s.memo.set(key, v);
    else if (old) s.frozen.delete(key); // not kept: never read an older value in its place
  }

  private memoGet(key: number, off: number, op: string): Val {
    const s = this.skim ?? this.sub;
    if (s) return (s.memo.has(key) ? s.memo.get(key) : s.frozen.get(key)) ?? UNKNOWN;
    const v = this.memo.get(key);
    if (v === undefined) {
      this.problem('malformed', `${op}: memo key ${key} not found`, off);
      return UNKNOWN;
    }
    return v;
  }

  private seqN(items: Val[], kind: SeqVal['kind']): SeqVal {
    return this.lastLost ? { k: 'l', items, n: this.lastPopped, kind, lost: true } : { k: 'l', items, n: this.lastPopped, kind };
  }

  private seq(items: Val[], kind: SeqVal['kind']): SeqVal {
    if (items.length <= MAX_ITEMS) return { k: 'l', items, n: items.length, kind };
    const s: SeqVal = { k: 'l', items: items.slice(0, MAX_ITEMS), n: items.length, kind };
    if (this.getattrs.length && this.reachesAny(items.slice(MAX_ITEMS))) s.lost = true;
    return s;
  }

  /**
   * The value a call produces; resolves getattr / import chains into further globals. `via` names
   * the allowed helper that makes this call (see `helperCall`): the call is recorded as made through it.
   */
  private callResult(callee: Val, args: Val, opcode: string, off: number, kwargs?: Val, via?: string): Val {
    const name = this.addCall(callee, args, via ? `${opcode} via ${via}` : opcode, off);
    if (CALLED_CONSTRUCTORS.has(name) && (opcode === 'REDUCE' || opcode === 'OBJ' || opcode === 'INST') && args && typeof args === 'object' && args.k === 'l' && args.n > 0) {
      // The class called with arguments runs its constructor, which downloads from the Hub or opens
      // a file (see HUB_LOADING_CLASSES, FILE_OPENING_CLASSES).
      const i = name.lastIndexOf('.');
      this.addGlobal(name.slice(0, i), `${name.slice(i + 1)}.__init__`, via ?? opcode, off);
    }
    const argv = args && typeof args === 'object' && args.k === 'l' ? args.items : [];
    const usage = callee && typeof callee === 'object' && callee.k === 'g' ? callee.fact?.getattr : undefined;
    const resolve = usage && Object.hasOwn(RESOLVERS, name) ? RESOLVERS[name] : undefined;
    if (usage && resolve) {
      // A universal import helper called with constant names returns that global: recorded as an
      // import of its own (judged as any other), the helper's use as resolved.
      const whole = args && typeof args === 'object' && args.k === 'l' && args.kind !== 'set' && args.n === argv.length;
      const target = (opcode === 'REDUCE' || opcode === 'OBJ' || opcode === 'INST') && whole && kwargs === undefined ? resolve(argv) : undefined;
      if (target) {
        if (usage.uses.length < MAX_FOLLOWED) usage.uses.push({ module: target.module, name: target.name, attr: '', offset: off });
        if (target.name === '*') {
          this.addGlobal(target.module, '*', name, off);
          return { k: 'mod', module: target.module };
        }
        return this.addGlobal(target.module, target.name, name, off);
      }
      usage.other ??= `called by ${opcode} with ${render(args)}`;
    } else if (usage) {
      // How Python pickles a bound method: REDUCE getattr (<object built from a class>, '<name>').
      const target = argv[0];
      const plain = opcode === 'REDUCE' && args && typeof args === 'object' && args.k === 'l' && args.kind !== 'set' && args.n === 2 && argv.length === 2;
      if (plain && typeof argv[1] === 'string' && target && typeof target === 'object' && target.k === 'o' && target.inst) {
        const use: GetattrUse = { module: target.inst.module, name: target.inst.name, attr: argv[1], offset: off };
        if (this.bounds.length >= MAX_FOLLOWED || this.followBudget < 0) use.called = 'not followed: too many getattr results or too much to follow';
        else this.bounds.push(use);
        if (usage.uses.length < MAX_FOLLOWED) usage.uses.push(use);
        else usage.other ??= 'not followed: too many getattr results';
        return { k: 'o', callee: name, args, bound: use };
      }
      usage.other ??= plain ? getattrMisuse(argv) : `called by ${opcode} with ${render(args)}`;
    }
    if (this.getattrs.length) {
      // Code that receives a value may call it: the callee, its arguments and what they hold.
      this.taint(callee, `called by ${opcode}`);
      this.taint(args, usage ? 'read by getattr' : `passed to ${name}`);
      if (kwargs !== undefined) this.taint(kwargs, `passed to ${name}`);
    }
    const helper = opcode === 'REDUCE' ? helperCall(name, argv) : undefined;
    if (helper) {
      // An allowed helper that calls one of its arguments (`_rebuild_from_type_v2(func, type, args,
      // state)` runs `func(*args)`): that call is judged like a REDUCE of its own (loaders of bytes,
      // Hub-loading constructors, getattr and import chains, further helpers).
      if (this.helperDepth >= MAX_HELPER_DEPTH) {
        this.problem('limit', `${name} calls through more than ${MAX_HELPER_DEPTH} nested helpers; the innermost calls were not followed`, off, false);
      } else {
        this.helperDepth++;
        let ret: Val;
        try {
          ret = this.callResult(helper.fn, helper.args, 'REDUCE', off, undefined, name);
        } finally {
          this.helperDepth--;
        }
        if (helper.returns) return ret;
      }
    }
    if (name === 'builtins.getattr' && argv.length >= 2 && typeof argv[1] === 'string') {
      const target = argv[0];
      if (target && typeof target === 'object' && (target.k === 'g' || target.k === 'mod')) {
        const module = target.k === 'g' ? target.module : target.module;
        const attr = target.k === 'g' ? `${target.name}.${argv[1]}` : argv[1];
        return this.addGlobal(module, attr, 'getattr', off);
      }
    }
    if ((name === 'builtins.__import__' || name === 'importlib.import_module' || name === 'importlib.__import__') && typeof argv[0] === 'string') {
      this.addGlobal(argv[0], '*', 'import', off);
      return { k: 'mod', module: argv[0] };
    }
    if ((name === '_codecs.encode' || name === 'codecs.encode') && typeof argv[0] === 'string' && kwargs === undefined) {
      // Protocol 2 writes bytes as _codecs.encode(str, 'latin1'). Other encodings give other bytes
      // (a string whose latin-1 reading is harmless may be a pickle in UTF-16): encoded as CPython
      // does, or not resolved at all (a loader given it is then reported as not scanned).
      const enc = argv.length >= 2 ? argv[1] : 'utf-8';
      const errors = argv.length >= 3 ? argv[2] : 'strict';
      const out = typeof enc === 'string' && errors === 'strict' && argv.length <= 3 ? encodeText(argv[0], enc) : undefined;
      if (typeof out === 'string') return out;
      if (out) {
        const bv: BytesVal = { k: 'b', len: out.length, data: out, offset: off };
        this.maybeEmbed(bv, false);
        return bv;
      }
    }
    const built = BYTES_BUILDERS.has(name) ? bytesFrom(name, argv) : undefined;
    if (built) {
      // `bytes([0x80, 2, …])`, `bytearray(…)`, `bytes.fromhex('8002…')`, `bytes('…', 'latin1')`: bytes the
      // pickle builds from values it holds, followed like a bytes operand (a pickle in them is scanned).
      const bv: BytesVal = { k: 'b', len: built.length, data: built, offset: off };
      this.maybeEmbed(bv, false);
      return bv;
    }
    if (BYTES_LOADERS.has(name) && opcode !== 'BUILD') {
      // A loader of bytes given something the machine could not resolve to bytes (what a call
      // returned, a value it did not keep): the pickle it loads cannot be scanned. Said so, never dropped.
      const a = argv[0];
      if (argv.length === 0 || !(typeof a === 'string' || (a && typeof a === 'object' && a.k === 'b'))) {
        this.problem('limit', `${name} loads ${argv.length ? render(a) : 'arguments'} the scanner could not resolve to bytes: the pickle it loads was not scanned`, off, false);
      }
    }
    if (LOADS_LIKE.has(name)) {
      for (const a of argv) {
        if (a && typeof a === 'object' && a.k === 'b' && !a.data && !a.blob) {
          this.problem('limit', `${a.len} bytes passed to ${name} were too large to keep and were not scanned`, off, false);
        }
        if (a && typeof a === 'object' && a.k === 'b') {
          if (!a.blob && a.data) this.maybeEmbed(a, true);
          if (a.blob) {
            a.blob.confirmed = true;
            a.blob.via = name;
          }
          if (name === 'io.BytesIO' || name === '_io.BytesIO') return a;
        } else if (typeof a === 'string' && (name === 'pickle.loads' || name === '_pickle.loads' || name === 'dill.loads')) {
          const data = new Uint8Array(a.length);
          for (let i = 0; i < a.length; i++) data[i] = a.charCodeAt(i) & 0xff;
          const bv: BytesVal = { k: 'b', len: data.length, data, offset: off };
          this.maybeEmbed(bv, true);
          if (bv.blob) bv.blob.via = name;
        }
      }
    }
    const obj: ObjVal = { k: 'o', callee: name, args };
    const inst = instanceClass(callee, opcode, argv);
    if (inst) obj.inst = inst;
    return obj;
  }

  /** An opcode consumed `v` as a value (not as the callee of REDUCE): a getattr kept, passed or returned. */
  private consumed(v: Val, op: string): void {
    if (v && typeof v === 'object' && v.k === 'g' && v.fact?.getattr) v.fact.getattr.other ??= `used as a value by ${op}`;
  }

  /** Does `v` reach a followed getattr or result (or values the machine did not keep)? */
  private reaches(v: Val): boolean {
    let found = false;
    this.walk(v, true, () => { found = true; return true; });
    return found;
  }

  private reachesAny(vals: Val[]): boolean {
    return this.reaches({ k: 'l', items: vals, n: vals.length, kind: 'tuple' });
  }

  /** Code that is not known to leave them alone receives `v`: what it reaches may be called. */
  private taint(v: Val, how: string): void {
    this.walk(v, true, (x) => {
      if (!x) {
        this.taintAll(how);
        return true;
      }
      if (x.k === 'g' && x.fact?.getattr) x.fact.getattr.other ??= how;
      else if (x.k === 'o' && x.bound) x.bound.called ??= how;
      return false;
    });
  }

  /**
   * `holder`'s code receives `v` (BUILD state, items set into an object): results `v` reaches are
   * kept by it, and called only if that code calls them (the policy judges the holder).
   */
  private hold(v: Val, holder: string | undefined, how: string): void {
    if (!holder) return this.taint(v, how);
    const keep = (b: GetattrUse) => {
      const hs = (b.holders ??= []);
      if (!hs.includes(holder)) {
        if (hs.length < 8) hs.push(holder);
        else b.called ??= 'kept by too many objects to follow';
      }
    };
    this.walk(v, false, (x) => {
      if (!x) {
        this.followBudget -= this.bounds.length + this.getattrs.length;
        for (const b of this.bounds) keep(b);
        for (const u of this.getattrs) u.other ??= `kept by ${holder} with values not followed`;
        return true;
      }
      if (x.k === 'o' && x.bound) keep(x.bound);
      return false;
    });
  }

  /** Marks every followed getattr and result of this pickle (the machine lost track of where they went). */
  private taintAll(how: string): void {
    for (let i = this.taintedGetattrs; i < this.getattrs.length; i++) this.getattrs[i].other ??= how;
    for (let i = this.taintedBounds; i < this.bounds.length; i++) this.bounds[i].called ??= how;
    this.taintedGetattrs = this.getattrs.length;
    this.taintedBounds = this.bounds.length;
  }

  /** Starts following afresh (a new pickle), or stops (the budget is spent and everything is marked). */
  private resetFollow(budget: number): void {
    this.getattrs = [];
    this.bounds = [];
    this.taintedGetattrs = 0;
    this.taintedBounds = 0;
    this.followBudget = budget;
  }

  /**
   * Walks what `v` holds (container items, an object's arguments, state and kept items), calling
   * `visit` on each followed value (getattr imports, results) and with `undefined` where values
   * were not kept (`lost`, and with `truncated`, containers beyond MAX_ITEMS) or the budget ran
   * out. `visit` returns true to stop.
   */
  private walk(v: Val, truncated: boolean, visit: (x: GlobalVal | ObjVal | undefined) => boolean): void {
    if (!v || typeof v !== 'object' || (v.k !== 'l' && v.k !== 'd' && v.k !== 'o' && v.k !== 'g')) return;
    const todo: Val[] = [v];
    const seen = new Set<object>();
    while (todo.length) {
      const x = todo.pop() as Val;
      if (!x || typeof x !== 'object' || seen.has(x)) continue;
      seen.add(x);
      if (--this.followBudget < 0) {
        // Everything so far counts as called; what comes later is marked when it appears.
        this.taintAll('not followed: too much to follow');
        visit(undefined);
        this.resetFollow(-1);
        return;
      }
      switch (x.k) {
        case 'g':
          if (x.fact?.getattr && visit(x)) return;
          break;
        case 'l':
          if ((x.lost || (truncated && x.n > x.items.length)) && visit(undefined)) return;
          for (const i of x.items) if (i && typeof i === 'object') todo.push(i);
          break;
        case 'd':
          if ((x.lost || (truncated && x.n > x.keys.length)) && visit(undefined)) return;
          for (const i of x.keys) if (i && typeof i === 'object') todo.push(i);
          for (const i of x.vals) if (i && typeof i === 'object') todo.push(i);
          break;
        case 'o':
          if (x.bound && visit(x)) return;
          if (x.lost && visit(undefined)) return;
          if (x.args) todo.push(x.args);
          if (x.state) todo.push(x.state);
          if (x.kept) todo.push(...x.kept);
          break;
      }
    }
  }

  /** Items set or appended into an object (not a list, dict or set): its own code receives them. */
  private storeInto(target: Val, values: Val[], op: string): void {
    if (!this.getattrs.length || !values.length) return;
    if (target && typeof target === 'object' && target.k === 'o' && !target.bound && (target.inst || target.callee)) {
      const holder = target.inst ? `${target.inst.module}.${target.inst.name}` : target.callee;
      for (const v of values) this.hold(v, holder, `${op} on ${holder}`);
      if (!this.reachesAny(values)) return;
      const kept = (target.kept ??= []);
      if (kept.length + values.length <= MAX_ITEMS) kept.push(...values);
      else target.lost = true;
      return;
    }
    this.taint(target, `made the target of ${op}`);
    for (const v of values) this.taint(v, `passed to ${op} on ${render(target)}`);
  }

  private maybeEmbed(bv: BytesVal, force: boolean): void {
    const d = bv.data;
    if (!d || bv.blob || !this.followNested) return;
    const looks = looksEmbedded(d);
    if (!looks && !force) return this.speculate(bv, d);
    if (this.embeddedTotal + d.length > this.limits.maxEmbeddedTotal) {
      if (force) this.problem('limit', `embedded serialized data beyond ${this.limits.maxEmbeddedTotal} bytes not scanned`, bv.offset);
      return;
    }
    this.embeddedTotal += d.length;
    bv.blob = { offset: bv.offset, data: d, confirmed: force };
    this.result.embedded.push(bv.blob);
  }

  /**
   * Bytes that do not start like serialized content (PROTO 2–5, `PK`) may still be a pickle a loader
   * reads (protocol 0 or 1, `N0` before a PROTO), handed to it by a helper the machine does not model:
   * read on the side, and kept as an embedded pickle when its first pickle parses to its STOP with
   * nothing malformed and imports, calls or nests something (`isSpeculativePickle`).
   */
  private speculate(bv: BytesVal, d: Uint8Array): void {
    if (bv.blob || !this.followNested || this.limits.maxStreamedNesting <= 0 || !mayBePickle(d)) return;
    const r = scanPickleBytes(d, { limits: { ...this.limits, maxStreamedNesting: this.limits.maxStreamedNesting - 1 }, mode: this.mode, joblib: this.joblib, speculative: true });
    if (!isSpeculativePickle(r)) return;
    bv.blob = { offset: bv.offset, data: new Uint8Array(0), confirmed: false, result: r };
    this.result.embedded.push(bv.blob);
  }

  private bytesVal(data: Uint8Array | undefined, len: number, off: number): BytesVal {
    const bv: BytesVal = { k: 'b', len, data, offset: off };
    if (data) this.maybeEmbed(bv, false);
    return bv;
  }

  /** Runs opcodes from buf[p]; returns the position reached. Sets consumedUpTo. */
  private run(buf: Uint8Array, p: number, final: boolean): number {
    const n = buf.length;
    const L = this.limits;
    this.consumedUpTo = undefined;
    const base = this.base;
    let dv: DataView | undefined;
    const view = () => (dv ??= new DataView(buf.buffer, buf.byteOffset, buf.byteLength));

    while (p < n) {
      if (this.state === 'done') {
        this.consumedUpTo = p;
        return p;
      }
      // Streaming operands (large bytes/strings and joblib array data).
      if (this.pending) {
        const pd = this.pending;
        const take = Math.min(pd.remaining, n - p);
        if (pd.t === 'collect' && pd.nested) pd.nested.feed(buf.subarray(p, p + take));
        if (pd.t === 'collect' && pd.keep) {
          pd.buf.set(buf.subarray(p, p + take), pd.fill);
          pd.fill += take;
          if (pd.sniff && pd.fill >= 8 && pd.fill - take < 8 && !looksEmbedded(pd.buf.subarray(0, pd.fill))) {
            pd.keep = false; // not serialized content: stop keeping it
          }
        }
        pd.remaining -= take;
        p += take;
        if (pd.remaining > 0) continue;
        this.pending = undefined;
        if (pd.t === 'collect' && pd.nested) {
          // A pickle too large to keep, scanned while it streamed: record it as an embedded blob.
          const bv: BytesVal = { k: 'b', len: pd.total, offset: pd.offset };
          const r = pd.nested.end();
          if (!pd.speculative || isSpeculativePickle(r)) {
            bv.blob = { offset: pd.offset, data: new Uint8Array(0), confirmed: false, result: r };
            this.result.embedded.push(bv.blob);
          }
          this.push(bv);
          continue;
        }
        if (pd.t === 'collect') this.finishOperand(pd.op, pd.keep ? pd.buf : undefined, pd.total, pd.offset);
        continue;
      }
      if (this.joblibPad) {
        // One byte of padding length, then the padding, then the array data.
        const skip = this.joblibPad.skipAfter + buf[p];
        this.joblibPad = undefined;
        p += 1;
        if (skip > 0) this.pending = { t: 'skip', remaining: skip };
        continue;
      }
      if (this.state === 'between') {
        // After a STOP: is another pickle stacked behind it?
        if (this.legacyRemaining === 0 || this.mode === 'single') {
          this.finishStream(p, n);
          this.consumedUpTo = n;
          return n;
        }
        if (p + 1 >= n && !final) break; // need two bytes to decide
        if (!startsPickle(buf[p], p + 1 < n ? buf[p + 1] : undefined)) {
          this.finishStream(p, n);
          this.consumedUpTo = n;
          return n;
        }
        if (this.result.pickles >= L.maxPickles) this.startSkim(`more than ${L.maxPickles} stacked pickles`, base + p, true);
        this.state = 'run';
        this.pickleIndex++;
        this.proto = 0;
      }

      const off = base + p;
      const op = buf[p];
      this.opOff = off;
      if (++this.result.opcodes > L.maxOpcodes && !this.skim && !this.sub) this.startSkim(`more than ${L.maxOpcodes} opcodes`, off, true);
      if (this.sub && ++this.subOps > MAX_WRAPPER_OPCODES) this.resumeSkim();
      if ((this.result.opcodes & 0xffff) === 0 && Date.now() > L.deadline) {
        // A hard stop: what keeps a hostile file from holding the scan.
        this.problem('limit', 'time limit reached while scanning pickle opcodes', off);
        break;
      }
      let q = p + 1; // operand start
      if (this.skim && SKIM_STACK_OPS[op]) {
        this.skimStackOp(op, off);
        p = q;
        continue;
      }
      switch (op) {
        case 0x28: // MARK
          if (this.skim) {
            this.skimStackOp(op, off);
            break;
          }
          if (this.stack.length + this.marks.length >= L.maxStack) {
            this.startSkim(`stack and MARKs grew beyond ${L.maxStack} items`, off, false);
            break;
          }
          this.marks.push(this.stack.length);
          break;
        case 0x2e: { // STOP
          if (this.sub) this.resumeSkim();
          // Python's unpickler pops the result: an empty stack (or nothing above the last MARK) is an error.
          const v = this.top(off, 'STOP');
          if (this.getattrs.length) this.consumed(v, 'STOP');
          if (this.skim && this.saved.length) {
            // End of a joblib in-stream object array read for imports only: the enclosing pickle
            // goes on, read the same way.
            this.saved.pop();
            this.skimStackOp(op, off);
            break;
          }
          if (this.saved.length) {
            // End of a joblib in-stream object array: back to the enclosing pickle. The array holds
            // what it read; when that reaches a getattr or its result, the array is not followed.
            const fr = this.saved.pop() as Frame;
            const lost = this.getattrs.length + this.bounds.length > fr.followed && this.reaches(v);
            this.stack = fr.stack;
            this.marks = fr.marks;
            this.memo = fr.memo;
            this.push(lost ? { k: 'o', callee: 'numpy.ndarray', lost } : { k: 'o', callee: 'numpy.ndarray' });
            break;
          }
          if (this.result.pickles === 0) {
            this.result.end = off + 1;
            this.result.value = v;
          }
          if (this.result.pickles === 0 && this.pickleIndex === 0) {
            // PyTorch's legacy format: magic number, protocol, sys_info, object, storage keys, then raw
            // storages (a computed magic number falls back to reading stacked pickles).
            if (isTorchMagic(v)) {
              this.result.legacyTorch = true;
              this.result.legacyTorch = true;
              this.legacyRemaining = 4;
            }
          } else if (this.legacyRemaining > 0) {
            this.legacyRemaining--;
          }
          this.result.pickles++;
          this.stack = [];
          this.marks = [];
          this.memo = new Map();
          if (this.skim?.sticky) {
            this.skim = { sticky: true, v1: UNKNOWN, v2: UNKNOWN, memo: new Map(), frozen: this.memo, memoLen: 0 };
          } else {
            // A limit of one pickle (stack, memo): the next pickle starts afresh.
            this.skim = undefined;
            this.resetFollow(FOLLOW_BUDGET);
          }
          this.state = 'between';
          break;
        }
        case 0x30: // POP
          if (this.marks.length && this.marks[this.marks.length - 1] === this.stack.length) this.marks.pop();
          else this.pop(off, 'POP', true);
          break;
        case 0x31: // POP_MARK
          this.popMark(off, 'POP_MARK', Number.POSITIVE_INFINITY, true);
          break;
        case 0x32: // DUP
          this.push(this.top(off, 'DUP'));
          break;
        case 0x46: case 0x49: case 0x4c: case 0x53: case 0x56: case 0x50: case 0x67: case 0x70: { // text-line opcodes
          const e = indexOfNewline(buf, q, n);
          if (e < 0) {
            if (n - q > 65536) { this.malformed(`${OPNAMES[op]}: line longer than 64 KiB`, off); q = n; break; }
            if (final) { this.malformed(`${OPNAMES[op]}: unterminated line at end of stream`, off); p = n; continue; }
            this.consumedUpTo = p;
            return p;
          }
          const line = latin1.decode(buf.subarray(q, e));
          q = e + 1;
          this.textOp(op, line, off);
          break;
        }
        case 0x4a: // BININT
          if (q + 4 > n) return this.wait(p);
          this.push(view().getInt32(q, true));
          q += 4;
          break;
        case 0x4b: // BININT1
          if (q + 1 > n) return this.wait(p);
          this.push(buf[q]);
          q += 1;
          break;
        case 0x4d: // BININT2
          if (q + 2 > n) return this.wait(p);
          this.push(buf[q] | (buf[q + 1] << 8));
          q += 2;
          break;
        case 0x4e: this.push(null); break; // NONE
        case 0x88: this.push(true); break; // NEWTRUE
        case 0x89: this.push(false); break; // NEWFALSE
        case 0x47: // BINFLOAT
          if (q + 8 > n) return this.wait(p);
          this.push(0); // float values never matter for judging; avoid allocating heap numbers
          q += 8;
          break;
        case 0x8a: case 0x8b: { // LONG1 / LONG4
          const w = op === 0x8a ? 1 : 4;
          if (q + w > n) return this.wait(p);
          const len = op === 0x8a ? buf[q] : view().getInt32(q, true);
          if (len < 0) { this.malformed('LONG4: negative byte count', off); q += w; break; }
          if (len > 1 << 20) { q += w; this.pending = { t: 'skip', remaining: len }; this.push(UNKNOWN); break; }
          if (q + w + len > n) return this.wait(p);
          this.push(longValue(buf, q + w, len));
          q += w + len;
          break;
        }
        case 0x54: case 0x55: case 0x58: case 0x42: case 0x43: case 0x8c: case 0x8d: case 0x8e: case 0x96: { // length-prefixed
          const w = op === 0x55 || op === 0x43 || op === 0x8c ? 1 : op === 0x8d || op === 0x8e || op === 0x96 ? 8 : 4;
          if (q + w > n) return this.wait(p);
          let len: number;
          if (w === 1) len = buf[q];
          else if (w === 4) len = op === 0x54 ? view().getInt32(q, true) : view().getUint32(q, true);
          else {
            const big = view().getBigUint64(q, true);
            len = big > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(big);
          }
          q += w;
          if (len < 0) { this.malformed(`${OPNAMES[op]}: invalid length`, off); break; }
          if (q + len <= n) {
            this.finishOperand(op, buf.subarray(q, q + len), len, off);
            q += len;
            break;
          }
          // Spans chunks: stream it; keep it only when it may be needed.
          const isText = op === 0x58 || op === 0x8c || op === 0x8d;
          const keep = isText ? len <= MAX_KEPT_STRING : len <= SMALL_BYTES || (len <= L.maxEmbeddedBytes);
          if (!keep && len <= 64 && !final) return this.wait(p);
          const avail = n - q;
          // The first bytes of a large byte string decide whether it is kept, read as a pickle or skipped.
          if (!isText && len > SMALL_BYTES && avail < 8 && !final) return this.wait(p);
          const pd: Pending = { t: 'collect', remaining: len, buf: keep ? new Uint8Array(len) : new Uint8Array(0), fill: 0, op, offset: off, keep, total: len, sniff: !isText && len > SMALL_BYTES };
          if (keep && !isText && len > SMALL_BYTES && avail >= 8 && !looksEmbedded(buf.subarray(q, q + 8))) {
            pd.keep = false;
            pd.buf = new Uint8Array(0);
          }
          if (!keep && !isText && avail >= 2 && buf[q] === 0x80 && buf[q + 1] >= 2 && buf[q + 1] <= 5 && this.followNested) {
            // Too large to keep but a pickle: scan it as it streams past (beyond the nesting limit,
            // for its imports only).
            const deeper = L.maxStreamedNesting <= 0;
            if (deeper) this.problem('limit', `a pickle nested more than ${DEFAULT_PICKLE_LIMITS.maxStreamedNesting} levels deep in byte strings was read for its imports only`, off, false);
            pd.nested = new PickleMachine({ limits: { ...L, maxStreamedNesting: L.maxStreamedNesting - 1 }, mode: this.mode, joblib: this.joblib, importsOnly: deeper });
          } else if (!pd.keep && !isText && len > SMALL_BYTES && avail >= 2 && this.followNested && L.maxStreamedNesting > 0 && startsPickle(buf[q], buf[q + 1])) {
            // Not kept, and not a PROTO 2–5 start: maybe a protocol 0/1 pickle (see `speculate`), read as it streams past.
            pd.nested = new PickleMachine({ limits: { ...L, maxStreamedNesting: L.maxStreamedNesting - 1 }, mode: this.mode, joblib: this.joblib, speculative: true });
            pd.speculative = true;
          }
          this.pending = pd;
          p = q;
          continue;
        }
        case 0x61: { // APPEND
          const v = this.pop(off, 'APPEND');
          const list = this.top(off, 'APPEND');
          if (list && typeof list === 'object' && list.k === 'l') {
            if (list.items.length < MAX_ITEMS) list.items.push(v);
            else if (this.getattrs.length && this.reaches(v)) list.lost = true;
            const octets = octetsOf(list);
            if (octets && isOctet(v) && octets.length < MAX_OCTETS) {
              octets.push(v); // each list's octets are its own array (a slice of the stack), grown in place
              list.octets = octets;
            } else list.octets = undefined;
            list.n++;
          } else {
            if (!isUnknown(list)) this.appendOnObject(list, off);
            this.storeInto(list, [v], 'APPEND');
          }
          break;
        }
        case 0x65: case 0x90: { // APPENDS / ADDITEMS
          const following = this.getattrs.length > 0;
          const items = this.popMark(off, OPNAMES[op], following ? Number.POSITIVE_INFINITY : MAX_ITEMS);
          const added = this.lastOctets;
          const list = this.top(off, OPNAMES[op]);
          if (list && typeof list === 'object' && list.k === 'l') {
            for (const v of items) {
              if (list.items.length < MAX_ITEMS) list.items.push(v);
              else if (following && !list.lost && this.reaches(v)) list.lost = true;
            }
            const octets = octetsOf(list);
            if (octets && added && octets.length + added.length <= MAX_OCTETS) {
              for (const b of added) octets.push(b);
              list.octets = octets;
            } else list.octets = undefined;
            list.n += this.lastPopped;
          } else {
            if (!isUnknown(list)) this.appendOnObject(list, off);
            this.storeInto(list, items, OPNAMES[op]);
          }
          break;
        }
        case 0x62: { // BUILD
          const state = this.pop(off, 'BUILD');
          const inst = this.top(off, 'BUILD');
          this.build(inst, state, off);
          break;
        }
        case 0x63: case 0x69: { // GLOBAL / INST: two lines
          const e1 = indexOfNewline(buf, q, n);
          const e2 = e1 < 0 ? -1 : indexOfNewline(buf, e1 + 1, n);
          if (e2 < 0) {
            if (n - q > 65536) { this.malformed(`${OPNAMES[op]}: name longer than 64 KiB`, off); q = n; break; }
            if (final) { this.malformed(`${OPNAMES[op]}: unterminated name at end of stream`, off); p = n; continue; }
            return this.wait(p);
          }
          const module = utf8.decode(buf.subarray(q, e1));
          const name = utf8.decode(buf.subarray(e1 + 1, e2));
          q = e2 + 1;
          if (this.skim) {
            // What cannot be imported stops the unpickler (and is data the machine no longer skips).
            if (!IMPORTABLE.test(module) || !IMPORTABLE.test(name)) {
              this.skimStop(`${OPNAMES[op]} of ${JSON.stringify(`${module.slice(0, 40)} ${name.slice(0, 40)}`)}, which cannot be imported`, off);
              break;
            }
            const g = this.addGlobal(module, name, OPNAMES[op], off);
            if (op === 0x69) {
              this.skimCall('INST', off);
              this.skimStackOp(op, off);
            } else this.skimValue(g);
            break;
          }
          const g = this.addGlobal(module, name, OPNAMES[op], off);
          if (op === 0x63) this.push(g);
          else {
            const args = this.popMark(off, 'INST');
            this.push(this.callResult(g, this.seq(args, 'tuple'), 'INST', off));
          }
          break;
        }
        case 0x93: { // STACK_GLOBAL
          const name = this.pop(off, 'STACK_GLOBAL');
          const module = this.pop(off, 'STACK_GLOBAL');
          if (typeof name !== 'string' || typeof module !== 'string') {
            // A name computed at load time (e.g. str(b'eval', 'ascii')) is judged as dangerous.
            if (isUnknown(module) || isUnknown(name)) this.malformed(`STACK_GLOBAL: module and name are not both strings (${render(module)}, ${render(name)})`, off);
            this.push(this.addGlobal(typeof module === 'string' ? module : '<computed>', typeof name === 'string' ? name : '<computed>', 'STACK_GLOBAL', off));
          } else {
            this.push(this.addGlobal(module, name, 'STACK_GLOBAL', off));
          }
          break;
        }
        case 0x82: case 0x83: case 0x84: { // EXT1/2/4
          const w = op === 0x82 ? 1 : op === 0x83 ? 2 : 4;
          if (q + w > n) return this.wait(p);
          const code = w === 1 ? buf[q] : w === 2 ? buf[q] | (buf[q + 1] << 8) : view().getInt32(q, true);
          q += w;
          this.push(this.addGlobal('copyreg', `_extension_registry[${code}]`, OPNAMES[op], off));
          break;
        }
        case 0x64: { // DICT
          const items = this.popMark(off, 'DICT', 2 * MAX_ITEMS);
          const d = this.dict(items);
          d.n = this.lastPopped >> 1;
          if (this.lastLost) d.lost = true;
          this.push(d);
          break;
        }
        case 0x7d: this.push({ k: 'd', keys: [], vals: [], n: 0 }); break; // EMPTY_DICT
        case 0x73: { // SETITEM
          const v = this.pop(off, 'SETITEM');
          const key = this.pop(off, 'SETITEM');
          const d = this.top(off, 'SETITEM');
          if (d && typeof d === 'object' && d.k === 'd') {
            if (d.keys.length < MAX_ITEMS) { d.keys.push(key); d.vals.push(v); }
            else if (this.getattrs.length && (this.reaches(key) || this.reaches(v))) d.lost = true;
            d.n++;
          } else {
            if (!isUnknown(d)) this.setitemOnObject(d, off);
            this.storeInto(d, [key, v], 'SETITEM');
          }
          break;
        }
        case 0x75: { // SETITEMS
          const following = this.getattrs.length > 0;
          const items = this.popMark(off, 'SETITEMS', following ? Number.POSITIVE_INFINITY : 2 * MAX_ITEMS);
          const popped = this.lastPopped;
          const d = this.top(off, 'SETITEMS');
          if (popped % 2) this.malformed('SETITEMS: odd number of items', off);
          if (d && typeof d === 'object' && d.k === 'd') {
            for (let i = 0; i + 1 < items.length; i += 2) {
              if (d.keys.length < MAX_ITEMS) { d.keys.push(items[i]); d.vals.push(items[i + 1]); }
              else if (following && !d.lost && (this.reaches(items[i]) || this.reaches(items[i + 1]))) d.lost = true;
            }
            d.n += popped >> 1;
          } else {
            if (!isUnknown(d)) this.setitemOnObject(d, off);
            this.storeInto(d, items, 'SETITEMS');
          }
          break;
        }
        case 0x6c: this.push(withOctets(this.seqN(this.popMark(off, 'LIST', MAX_ITEMS), 'list'), this.lastOctets)); break; // LIST (seqN reads lastLost)
        case 0x5d: this.push({ k: 'l', items: [], n: 0, kind: 'list' }); break; // EMPTY_LIST
        case 0x74: this.push(withOctets(this.seq(this.popMark(off, 'TUPLE'), 'tuple'), this.lastOctets)); break; // TUPLE
        case 0x29: this.push({ k: 'l', items: [], n: 0, kind: 'tuple' }); break; // EMPTY_TUPLE
        case 0x85: case 0x86: case 0x87: { // TUPLE1..3
          const c = op - 0x84;
          const items: Val[] = new Array(c);
          for (let i = c - 1; i >= 0; i--) items[i] = this.pop(off, OPNAMES[op]);
          this.push(withOctets({ k: 'l', items, n: c, kind: 'tuple' }, byteRun(items, 0)));
          break;
        }
        case 0x8f: this.push({ k: 'l', items: [], n: 0, kind: 'set' }); break; // EMPTY_SET
        case 0x91: this.push(this.seqN(this.popMark(off, 'FROZENSET', MAX_ITEMS), 'set')); break; // seqN reads lastLost
        case 0x68: case 0x6a: { // BINGET / LONG_BINGET
          const w = op === 0x68 ? 1 : 4;
          if (q + w > n) return this.wait(p);
          const key = w === 1 ? buf[q] : view().getUint32(q, true);
          q += w;
          this.push(this.memoGet(key, off, OPNAMES[op]));
          break;
        }
        case 0x71: case 0x72: { // BINPUT / LONG_BINPUT
          const w = op === 0x71 ? 1 : 4;
          if (q + w > n) return this.wait(p);
          const key = w === 1 ? buf[q] : view().getUint32(q, true);
          q += w;
          this.memoPut(key, this.top(off, OPNAMES[op]), off);
          break;
        }
        case 0x94: // MEMOIZE
          this.memoPut((this.skim ?? this.sub)?.memoLen ?? this.memo.size, this.top(off, 'MEMOIZE'), off);
          break;
        case 0x52: { // REDUCE
          const args = this.pop(off, 'REDUCE');
          const fn = this.pop(off, 'REDUCE', true); // judged by callResult
          this.push(this.callResult(fn, args, 'REDUCE', off));
          break;
        }
        case 0x6f: { // OBJ
          const items = this.popMark(off, 'OBJ');
          if (!items.length) { this.malformed('OBJ: no class', off); this.push(UNKNOWN); break; }
          const cls = items[0];
          this.push(this.callResult(cls, this.seq(items.slice(1), 'tuple'), 'OBJ', off));
          break;
        }
        case 0x81: { // NEWOBJ
          const args = this.pop(off, 'NEWOBJ');
          const cls = this.pop(off, 'NEWOBJ');
          this.push(this.callResult(cls, args, 'NEWOBJ', off));
          break;
        }
        case 0x92: { // NEWOBJ_EX
          const kwargs = this.pop(off, 'NEWOBJ_EX');
          const args = this.pop(off, 'NEWOBJ_EX');
          const cls = this.pop(off, 'NEWOBJ_EX');
          this.push(this.callResult(cls, args, 'NEWOBJ_EX', off, kwargs));
          break;
        }
        case 0x51: { // BINPERSID
          const pid = this.pop(off, 'BINPERSID');
          if (this.getattrs.length) this.taint(pid, 'passed to persistent_load');
          this.result.persistentIds++;
          this.push({ k: 'o', pid: true });
          break;
        }
        case 0x80: { // PROTO
          if (q + 1 > n) return this.wait(p);
          const v = buf[q];
          q += 1;
          if (v > 5) this.malformed(`unsupported pickle protocol ${v}`, off);
          this.proto = v;
          if (v > this.result.protocol) this.result.protocol = v;
          break;
        }
        case 0x95: { // FRAME: frames are transparent to the opcode stream
          if (q + 8 > n) return this.wait(p);
          q += 8;
          break;
        }
        case 0x97: this.push(UNKNOWN); break; // NEXT_BUFFER
        case 0x98: break; // READONLY_BUFFER
        default:
          this.malformed(`invalid opcode 0x${op.toString(16).padStart(2, '0')}`, off);
          break;
      }
      p = q;
    }
    this.consumedUpTo = p;
    return p;
  }

  private wait(p: number): number {
    this.consumedUpTo = p;
    return p;
  }

  private malformed(message: string, off: number): void {
    if (this.sub) this.resumeSkim();
    if (this.skim) this.skimStop(message, off);
    else this.problem('malformed', message, off);
  }

  private finishStream(p: number, n: number): void {
    this.result.trailing += n - p;
    this.state = 'done';
  }

  private finishOperand(op: number, data: Uint8Array | undefined, len: number, off: number): void {
    switch (op) {
      case 0x58: case 0x8c: case 0x8d: // unicode
        this.push(data ? decodeShort(data) : `<${len} chars>`);
        break;
      case 0x54: case 0x55: // BINSTRING: str in Python 3 (encoding='ASCII' default → latin1 approximation)
        this.push(data ? latin1.decode(data) : `<${len} chars>`);
        break;
      default: { // bytes, bytearray
        const kept = data && len <= this.limits.maxEmbeddedBytes ? (data.byteLength === len ? copyIfView(data, len) : data) : undefined;
        const bv = this.bytesVal(kept, len, off);
        // Not kept (large, not serialized-looking): still read for a pickle while the bytes are here.
        if (!kept && data && data.byteLength === len) this.speculate(bv, data);
        this.push(bv);
      }
    }
  }

  private textOp(op: number, line: string, off: number): void {
    switch (op) {
      case 0x49: { // INT
        const s = line.trim();
        if (s === '00') this.push(false);
        else if (s === '01') this.push(true);
        else {
          const v = parsePyInt(s);
          if (v === undefined) { this.malformed(`INT: invalid literal ${JSON.stringify(s.slice(0, 40))}`, off); this.push(UNKNOWN); }
          else this.push(v);
        }
        break;
      }
      case 0x4c: { // LONG
        const s = line.trim().replace(/L$/, '');
        const v = parsePyInt(s);
        if (v === undefined) { this.malformed(`LONG: invalid literal ${JSON.stringify(s.slice(0, 40))}`, off); this.push(UNKNOWN); }
        else this.push(v);
        break;
      }
      case 0x46: { // FLOAT
        const v = Number(line.trim());
        if (Number.isNaN(v) && !/^[+-]?nan$/i.test(line.trim())) { this.malformed('FLOAT: invalid literal', off); }
        this.push(v);
        break;
      }
      case 0x53: { // STRING: a quoted Python literal
        const s = line.replace(/\s+$/, '');
        if (s.length < 2 || (s[0] !== "'" && s[0] !== '"') || s[s.length - 1] !== s[0]) {
          this.malformed('STRING: operand is not a quoted string', off);
          this.push(UNKNOWN);
        } else this.push(unescapePy(s.slice(1, -1)));
        break;
      }
      case 0x56: // UNICODE (raw-unicode-escape)
        this.push(line.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, a, b) => String.fromCodePoint(parseInt(a ?? b, 16))));
        break;
      case 0x50: // PERSID
        this.result.persistentIds++;
        this.push({ k: 'o', pid: true });
        break;
      case 0x67: { // GET: a decimal key (`010` is 10), as CPython reads it
        const k = parseMemoKey(line);
        if (k === undefined) { this.malformed('GET: invalid memo key', off); this.push(UNKNOWN); }
        else this.push(this.memoGet(k, off, 'GET'));
        break;
      }
      case 0x70: { // PUT
        const k = parseMemoKey(line);
        if (k === undefined) this.malformed('PUT: invalid memo key', off);
        else if (k < 0) this.malformed('PUT: negative memo key', off);
        else this.memoPut(k, this.top(off, 'PUT'), off);
        break;
      }
    }
  }

  private dict(items: Val[]): DictVal {
    const d: DictVal = { k: 'd', keys: [], vals: [], n: items.length >> 1 };
    for (let i = 0; i + 1 < items.length && d.keys.length < MAX_ITEMS; i += 2) {
      d.keys.push(items[i]);
      d.vals.push(items[i + 1]);
    }
    return d;
  }

  /** APPEND(S) on something that is not a list calls its `append`/`extend` method. */
  private appendOnObject(target: Val, off: number): void {
    const name = globalName(target);
    if (name) this.addCall({ k: 'g', module: name, name: 'extend' } as GlobalVal, UNKNOWN, 'APPENDS', off);
  }

  /** SETITEM(S) on a global calls its `__setitem__`. */
  private setitemOnObject(target: Val, off: number): void {
    const name = globalName(target);
    if (name) this.addCall({ k: 'g', module: name, name: '__setitem__' } as GlobalVal, UNKNOWN, 'SETITEMS', off);
  }

  /**
   * BUILD on a joblib `NDArrayWrapper`/`ZNDArrayWrapper`: joblib's unpickler then reads the file its
   * `filename` names (from the state, or from the arguments of a call of the class), relative to the
   * pickle's directory: `NDArrayWrapper.read` runs `np.load(os.path.join(<directory>, filename),
   * allow_pickle=True)`, `ZNDArrayWrapper.read` opens the file and reads it into an array. Recorded
   * as that call, made by the BUILD (`opcode` `BUILD <wrapper class>`, `args` the file name as JSON,
   * `?` when it is not a constant string: see `companionFiles` of the rules).
   */
  private companion(inst: ObjVal, state: Val, cls: string, off: number): void {
    let path = stateItem(state, 'filename');
    if (path === undefined && inst.callee === cls && inst.args && typeof inst.args === 'object' && inst.args.k === 'l') path = inst.args.items[0];
    if (this.result.calls.length >= 10_000) return;
    const callee = /\.ZNDArrayWrapper$/.test(cls) ? 'builtins.open' : 'numpy.load';
    this.result.calls.push({ callee, opcode: `BUILD ${cls}`, offset: off, pickle: this.pickleIndex, args: typeof path === 'string' ? JSON.stringify(path) : '?' });
  }

  private build(inst: Val, state: Val, off: number): void {
    if (this.getattrs.length) {
      // BUILD looks `__setstate__` up on the object and calls it with the state, or sets the
      // state's items as attributes: the object's class code keeps them. The lookup finds the
      // object's own attributes (none before its first BUILD, the only one Python writes) or, through
      // a dict-like class's `__getattr__`, an item set into it under that name.
      const o = inst && typeof inst === 'object' && inst.k === 'o' && !inst.bound ? inst : undefined;
      if (!o || o.state !== undefined || o.lost || o.kept?.includes('__setstate__')) this.taint(inst, 'called as __setstate__ by BUILD');
      const holder = o?.inst ? `${o.inst.module}.${o.inst.name}` : o?.callee;
      this.hold(state, holder, `passed to __setstate__ of ${render(inst)}`);
    }
    if (!inst || typeof inst !== 'object') return;
    if (inst.k === 'g' || inst.k === 'mod') {
      // BUILD on a class, function or module (not an instance): setattr on a global in place.
      const name = globalName(inst) as string;
      this.addCall({ k: 'g', module: name, name: '__setstate__' }, state, 'BUILD', off);
      return;
    }
    if (inst.k !== 'o') return;
    inst.state = state;
    if (this.sub && this.subFor === 'dtype' && inst.callee && /(^|\.)dtype$/.test(inst.callee)) {
      // A dtype built after a limit: kept (memoised) for the array wrappers that fetch it.
      this.resumeSkim();
      this.skimValue(inst);
      return;
    }
    const cls = inst.inst ? `${inst.inst.module}.${inst.inst.name}` : inst.callee;
    if (this.joblib && cls && JOBLIB_FILE_WRAPPER.test(cls)) return this.companion(inst, state, cls, off);
    if (!this.joblib || inst.callee !== 'joblib.numpy_pickle.NumpyArrayWrapper') return;
    // joblib writes the array right after the wrapper's BUILD, outside the pickle opcodes.
    const info = joblibArray(state);
    this.stack.pop();
    this.result.joblibArrays++;
    if (!info && this.sub) {
      this.resumeSkim();
      this.skimStop('a joblib array of unknown size follows', off);
      return;
    }
    if (!info) {
      this.problem('malformed', 'joblib NumpyArrayWrapper with an unreadable state: cannot find where the pickle resumes', off);
      this.state = 'done';
      return;
    }
    if (info.dtypeClaim && !this.sub) this.problem('malformed', info.dtypeClaim, off, false);
    if (info.object) {
      this.saved.push({ stack: this.stack, marks: this.marks, memo: this.memo, followed: this.getattrs.length + this.bounds.length });
      this.stack = [];
      this.marks = [];
      this.memo = new Map();
      if (this.sub) this.resumeSkim(); // the array's own pickle is read for imports only too
      return;
    }
    if (this.sub) this.resumeSkim();
    else this.push({ k: 'o', callee: 'numpy.ndarray' });
    if (info.aligned) this.joblibPad = { skipAfter: info.bytes };
    else if (info.bytes > 0) this.pending = { t: 'skip', remaining: info.bytes };
  }
}

/** joblib's wrappers of arrays kept in files of their own (joblib < 0.10), which `joblib.load` still reads. */
export const JOBLIB_FILE_WRAPPER = /(?:^|\.)numpy_pickle(?:_compat)?\.Z?NDArrayWrapper$/;

/** The value of `key` in a BUILD state: a dict, or the slot-state dict of a `(state, slotstate)` tuple. */
function stateItem(state: Val, key: string): Val | undefined {
  const dicts = state && typeof state === 'object' ? (state.k === 'd' ? [state] : state.k === 'l' && state.kind === 'tuple' && state.n === 2 ? state.items : []) : [];
  let found: Val | undefined;
  for (const d of dicts) {
    if (!d || typeof d !== 'object' || d.k !== 'd') continue;
    for (let i = 0; i < d.keys.length; i++) if (d.keys[i] === key) found = d.vals[i];
  }
  return found;
}

/** A global whose objects are modelled when reading a joblib pickle for imports only (see `skimValue`). */
function joblibWrapperPart(g: GlobalVal): 'wrapper' | 'dtype' | undefined {
  if (g.name === 'NumpyArrayWrapper' && g.module === 'joblib.numpy_pickle') return 'wrapper';
  if (g.name === 'dtype' && /^numpy(\.|$)/.test(g.module)) return 'dtype';
  return undefined;
}

/** Why `getattr(target, name)` is not the shape of a bound method (for messages). */
function getattrMisuse(argv: Val[]): string {
  const [target, attr] = argv;
  if (typeof attr !== 'string') return `a name that is not a string (${render(attr)})`;
  if (target && typeof target === 'object') {
    if (target.k === 'g') return `read from ${target.module}.${target.name} itself, not from an object`;
    if (target.k === 'mod') return `read from the module ${target.module}`;
    if (target.k === 'o' && target.bound) return 'read from what another getattr returned';
  }
  return `read from ${render(target)}, not an object built from a class`;
}

const INSTANCE_HELPERS = new Set(['copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__']);

/** Helper calls modelled inside one another, at most (a list that holds itself would never end). */
const MAX_HELPER_DEPTH = 16;

const NUMPY_RANDOM_CTORS = new Set(['numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__generator_ctor']);

/**
 * The call an allowed helper makes with its arguments (`name(*argv)` by REDUCE), when it calls one
 * of them:
 *   - `torch._tensor._rebuild_from_type(func, type, args, dict)` and `_rebuild_from_type_v2(func,
 *     new_type, args, state)` run `func(*args)` and return its result (as a subclass of the type);
 *   - numpy's `__randomstate_ctor(name, ctor)` and `__generator_ctor(name, ctor)` run `ctor(name)`,
 *     and without a `ctor` `__bit_generator_ctor(name)`, which (numpy ≥ 1.25) instantiates `name`
 *     when it is a class: `name()`;
 *   - `copyreg._reconstructor(cls, base, state)` runs `base.__new__(cls, state)` and, when `base`
 *     has an `__init__` of its own, `base.__init__(obj, state)` (Lib/copyreg.py): for any `base` but
 *     `object`, and a state that is not None, that is `base(state)` (a Hub-loading class downloads).
 */
function helperCall(name: string, argv: Val[]): { fn: Val; args: SeqVal; returns: boolean } | undefined {
  const tuple = (...items: Val[]): SeqVal => ({ k: 'l', items, n: items.length, kind: 'tuple' });
  const isGlobal = (v: Val | undefined): v is GlobalVal => !!v && typeof v === 'object' && v.k === 'g';
  switch (name) {
    case 'torch._tensor._rebuild_from_type':
    case 'torch._tensor._rebuild_from_type_v2': {
      if (argv.length < 1) return undefined;
      const a = argv[2];
      // func(*args): the items of a tuple or list; anything else is not known
      const args: SeqVal = a && typeof a === 'object' && a.k === 'l' && a.kind !== 'set' ? { ...a, kind: 'tuple' } : { k: 'l', items: [], n: 1, kind: 'tuple', lost: true };
      return { fn: argv[0], args, returns: true };
    }
    case 'numpy.random._pickle.__bit_generator_ctor':
      return isGlobal(argv[0]) ? { fn: argv[0], args: tuple(), returns: false } : undefined;
    case 'copyreg._reconstructor': {
      const base = argv[1];
      if (argv.length !== 3 || argv[2] === null || !isGlobal(base) || (base.module === 'builtins' && base.name === 'object')) return undefined;
      return { fn: base, args: tuple(argv[2]), returns: false };
    }
    default:
      if (!NUMPY_RANDOM_CTORS.has(name) || argv.length < 1) return undefined;
      if (argv.length >= 2) return { fn: argv[1], args: tuple(argv[0]), returns: false };
      return isGlobal(argv[0]) ? { fn: argv[0], args: tuple(), returns: false } : undefined;
  }
}

/**
 * The class an object is built from: NEWOBJ's class, `copyreg._reconstructor(cls, …)`, or the
 * global a REDUCE/OBJ/INST calls (the policy decides whether that names a class).
 */
function instanceClass(callee: Val, opcode: string, argv: Val[]): { module: string; name: string } | undefined {
  if (!callee || typeof callee !== 'object' || callee.k !== 'g' || callee.fact) return undefined;
  if (opcode === 'REDUCE' && INSTANCE_HELPERS.has(`${callee.module}.${callee.name}`)) {
    const cls = argv[0];
    return cls && typeof cls === 'object' && cls.k === 'g' && !cls.fact ? { module: cls.module, name: cls.name } : undefined;
  }
  return { module: callee.module, name: callee.name };
}

/** UTF-8 decode with a fast path for short ASCII strings (dictionary keys, module names). */
function decodeShort(d: Uint8Array): string {
  if (d.length <= 64) {
    let s = '';
    for (let i = 0; i < d.length; i++) {
      const c = d[i];
      if (c >= 0x80) return utf8.decode(d);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(d);
}

function isUnknown(v: Val): boolean {
  return !!v && typeof v === 'object' && v.k === 'u';
}

function copyIfView(data: Uint8Array, len: number): Uint8Array | undefined {
  // Only small or embedded-looking operands are worth keeping; copy so the chunk can be released.
  if (len <= SMALL_BYTES || looksEmbedded(data)) return data.slice();
  return undefined;
}

/** Bytes that could be a pickle of any protocol: they start with an opcode and hold a STOP. */
function mayBePickle(d: Uint8Array): boolean {
  return d.length >= 2 && startsPickle(d[0], d[1]) && d.includes(0x2e);
}

/**
 * A speculative read (`PickleMachine.speculate`) found a pickle worth keeping: its first pickle
 * reached STOP with nothing malformed (problems after it end the stream quietly), every global it
 * imports has a name Python could import (the unpickler stops at any other: random bytes after a
 * `c` make a "global" of two random lines), and it calls or nests something. Data that is not a
 * pickle breaks long before that.
 */
function isSpeculativePickle(r: PickleScanResult): boolean {
  if (r.pickles === 0 || r.problems.some((p) => p.kind === 'malformed')) return false;
  const importable = (s: string) => s === '*' || s === '<computed>' || IMPORTABLE.test(s);
  if (!r.globals.every((g) => importable(g.module) && importable(g.name))) return false;
  return r.calls.length > 0 || r.embedded.length > 0;
}

/** Bytes that start a pickle (PROTO 2–5), a zip archive or PyTorch's legacy magic. */
export function looksEmbedded(d: Uint8Array): boolean {
  if (d.length < 2) return false;
  if (d[0] === 0x80 && d[1] >= 2 && d[1] <= 5) return true;
  if (d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04) return true;
  return false;
}

const TORCH_MAGIC_VAL: ObjVal = { k: 'o', callee: '<torch legacy magic number>' };

function isTorchMagic(v: Val): boolean {
  return v === TORCH_MAGIC_VAL;
}

function indexOfNewline(buf: Uint8Array, from: number, to: number): number {
  const i = buf.indexOf(0x0a, from);
  return i < 0 || i >= to ? -1 : i;
}

/** LONG1/LONG4 little-endian two's complement; returns a number or a marker for the torch magic. */
function longValue(buf: Uint8Array, at: number, len: number): Val {
  if (len === 10) {
    let magic = true;
    for (let i = 0; i < 10; i++) if (buf[at + i] !== TORCH_MAGIC[i]) { magic = false; break; }
    if (magic) return TORCH_MAGIC_VAL;
  }
  if (len === 0) return 0;
  if (len <= 6) {
    let v = 0;
    for (let i = len - 1; i >= 0; i--) v = v * 256 + buf[at + i];
    if (buf[at + len - 1] & 0x80) v -= 2 ** (8 * len);
    return v;
  }
  return UNKNOWN;
}

/**
 * A GET/PUT memo key as CPython's unpickler reads it: `int(line)` in base 10 (`PyLong_FromString(s,
 * NULL, 10)` in `_pickle.c`), so leading zeros are decimal (`010` is 10, not 8), with an optional
 * sign, single underscores between digits and ASCII whitespace around. Anything else (`0x10`,
 * `1__0`) makes the unpickler fail; so does a key beyond a safe integer here.
 */
export function parseMemoKey(s: string): number | undefined {
  const m = /^[ \t\n\r\x0b\x0c]*([+-]?)([0-9]+(?:_[0-9]+)*)[ \t\n\r\x0b\x0c]*$/.exec(s);
  if (!m) return undefined;
  const v = Number(m[2].replace(/_/g, ''));
  if (!Number.isSafeInteger(v)) return undefined;
  return m[1] === '-' && v !== 0 ? -v : v;
}

/** Python `int(s, 0)` as used by the C unpickler for INT and LONG (strtol base 0 also accepts leading-zero octal); never for memo keys (`parseMemoKey`). */
export function parsePyInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7]*|[1-9][0-9_]*)$/.exec(s.trim());
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2].replace(/_/g, '');
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') v = parseInt(body, 8);
  else v = Number(body);
  return Number.isFinite(v) ? sign * v : undefined;
}

function unescapePy(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

/** The size of a joblib array from its NumpyArrayWrapper state, or undefined when unknown. */
function joblibArray(state: Val): { object: boolean; bytes: number; aligned: boolean; dtypeClaim?: string } | undefined {
  if (!state || typeof state !== 'object' || state.k !== 'd') return undefined;
  const get = (key: string): Val | undefined => {
    const i = state.keys.findIndex((k) => k === key);
    return i < 0 ? undefined : state.vals[i];
  };
  const dtype = get('dtype');
  const shape = get('shape');
  const aligned = get('numpy_array_alignment_bytes') !== undefined && get('numpy_array_alignment_bytes') !== null;
  const dt = dtypeInfo(dtype);
  if (!dt) return undefined;
  const dtypeClaim = dt.claimed === undefined ? undefined
    : `joblib array dtype ${render(dtypeSpec(dtype))} claims ${dt.claimed}-byte items in its state, but numpy keeps ${dt.itemsize} for this type: the array was skipped as numpy reads it`;
  if (dt.object) return { object: true, bytes: 0, aligned, dtypeClaim };
  let count = 1;
  if (shape && typeof shape === 'object' && shape.k === 'l') {
    if (shape.n !== shape.items.length) return undefined;
    for (const x of shape.items) {
      if (typeof x !== 'number' || x < 0) return undefined;
      count *= x;
    }
  } else if (typeof shape === 'number') count = shape;
  else return undefined;
  const bytes = count * dt.itemsize;
  if (!Number.isSafeInteger(bytes)) return undefined;
  return { object: false, bytes, aligned, dtypeClaim };
}

function dtypeSpec(v: Val | undefined): Val {
  const args = v && typeof v === 'object' && v.k === 'o' ? v.args : undefined;
  return args && typeof args === 'object' && args.k === 'l' ? args.items[0] : UNKNOWN;
}

/**
 * numpy.dtype(...) built by REDUCE (+ BUILD state): item size and whether it holds objects.
 *
 * NumPy's `dtype.__setstate__` takes the state's element size only for flexible types (`S`, `U`,
 * `V`: strings and structured/void records); a fixed-size type keeps its own (`f8` is 8 bytes
 * whatever the state says). joblib reads `count × itemsize` raw bytes after the wrapper, so the
 * size here must be numpy's: a state that claims another size is returned as `claimed` (reported
 * as malformed by the caller), never used to skip bytes.
 */
export function dtypeInfo(v: Val | undefined): { object: boolean; itemsize: number; claimed?: number } | undefined {
  if (!v || typeof v !== 'object' || v.k !== 'o' || !v.callee || !/(^|\.)dtype$/.test(v.callee)) return undefined;
  const args = v.args && typeof v.args === 'object' && v.args.k === 'l' ? v.args.items : [];
  const spec = args[0];
  if (typeof spec !== 'string') return undefined;
  const m = /^[<>|=]?([a-zA-Z?])(\d*)$/.exec(spec);
  if (!m) return undefined;
  const kind = m[1];
  const num = m[2] ? Number(m[2]) : 0;
  const state = v.state && typeof v.state === 'object' && v.state.k === 'l' ? v.state.items : [];
  const elsize = typeof state[5] === 'number' && state[5] > 0 ? state[5] : undefined;
  const hasFields = state[4] && typeof state[4] === 'object' && (state[4] as DictVal).k === 'd';
  if (kind === 'O') return { object: true, itemsize: 8 }; // pickled by joblib, not skipped
  const flexible = kind === 'S' || kind === 'U' || kind === 'V' || kind === 'a';
  let own: number | undefined;
  if (!flexible) {
    own = num || (kind === '?' ? 1 : undefined);
    if (own === undefined) return undefined;
  }
  const claimed = !flexible && elsize !== undefined && elsize !== own ? elsize : undefined;
  const withClaim = (r: { object: boolean; itemsize: number }) => (claimed === undefined ? r : { ...r, claimed });
  if (hasFields) {
    // Structured dtype: an object array when any field holds objects.
    const fieldsDict = state[4] as DictVal;
    const itemsize = flexible ? elsize : own;
    if (fieldsDict.n !== fieldsDict.vals.length || itemsize === undefined) return undefined;
    for (const f of fieldsDict.vals) {
      const fd = f && typeof f === 'object' && f.k === 'l' ? dtypeInfo(f.items[0]) : undefined;
      if (!fd) return undefined;
      if (fd.object) return withClaim({ object: true, itemsize });
    }
    return withClaim({ object: false, itemsize });
  }
  if (!flexible) return withClaim({ object: false, itemsize: own as number });
  if (elsize !== undefined) return { object: false, itemsize: elsize };
  if (kind === 'U') return { object: false, itemsize: num * 4 };
  if (!num) return undefined;
  return { object: false, itemsize: num };
}

/** Scans a whole in-memory pickle. */
export function scanPickleBytes(data: Uint8Array, options?: PickleScanOptions): PickleScanResult {
  const m = new PickleMachine(options);
  m.feed(data);
  return m.end();
}
