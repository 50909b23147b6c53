/**
 * safetensors: an 8-byte little-endian header length, a JSON header, then tensor data. Only the
 * header is read (constant time in file size). Checks mirror the reference implementation:
 * header length within the file (and ≤ 100 MB), valid JSON object, known dtypes, integer
 * shapes, `data_offsets` that tile the data section exactly (no overlap, no gap, nothing past
 * the end) and a byte size equal to shape × dtype size.
 *
 * What the reference reader (Rust, serde_json) rejects is malformed here too: a header that is not
 * UTF-8, a number that is not an integer (serde's usize takes no `4.0` or `1e2`), a struct field
 * given twice (`__metadata__`, `dtype`, …). A tensor name or metadata key given twice is accepted by
 * serde_json (a map keeps the last value) but hides an entry: malformed as well. Leading
 * whitespace is accepted: the reference's "must start with `{`" check is commented out (0.4.0).
 */
import type { RandomAccess } from '../io.js';

export const SAFETENSORS_DTYPE_BITS: Record<string, number> = {
  BOOL: 8, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8, I16: 16, U16: 16, F16: 16, BF16: 16,
  I32: 32, U32: 32, F32: 32, F64: 64, I64: 64, U64: 64, C64: 64, F4: 4, F6_E2M3: 6, F6_E3M2: 6,
};

const MAX_HEADER = 100_000_000;

export interface SafetensorsInfo {
  tensors: number;
  metadata: Record<string, string>;
  problems: string[];
  headerLength: number;
  /** Set when the scan's deadline passed before every tensor was checked: what was not checked. */
  limit?: string;
}

/** How many tensors are checked between two looks at the deadline. */
const DEADLINE_EVERY = 4096;

export async function checkSafetensors(ra: RandomAccess, deadline = Infinity): Promise<SafetensorsInfo> {
  const problems: string[] = [];
  const info: SafetensorsInfo = { tensors: 0, metadata: {}, problems, headerLength: 0 };
  if (ra.size < 8) {
    problems.push('file shorter than the 8-byte header length');
    return info;
  }
  const lenBytes = await ra.read(0, 8);
  const big = Buffer.from(lenBytes).readBigUInt64LE(0);
  const n = Number(big);
  info.headerLength = n;
  // Every impossible length is judged the same way, whatever the number (2^64 − 1 too; the message
  // gives it exactly, not rounded to a double).
  if (big > BigInt(ra.size - 8)) {
    problems.push(`header length ${big} runs past the end of the file (${ra.size} bytes)`);
    return info;
  }
  if (n < 2) {
    problems.push(`header length ${n} is too short for a JSON object`);
    return info;
  }
  if (n > MAX_HEADER) {
    problems.push(`header length ${n} exceeds the 100 MB limit of the safetensors reference reader`);
    return info;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await ra.read(8, n));
  } catch {
    problems.push('header is not valid UTF-8 (the reference reader rejects it)');
    return info;
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    problems.push(`header is not valid JSON: ${(error as Error).message}`);
    return info;
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) {
    problems.push('header is not a JSON object');
    return info;
  }
  const dataLen = ra.size - 8 - n;
  const spans: Array<{ name: string; begin: number; end: number }> = [];
  // (`Object.entries` of a header of 300,000 tensors costs several times its keys and lookups)
  const table = header as Record<string, unknown>;
  for (const name of Object.keys(table)) {
    const v = table[name];
    if (info.tensors % DEADLINE_EVERY === DEADLINE_EVERY - 1 && Date.now() > deadline) {
      info.limit = `time limit reached after ${info.tensors} tensors: their dtypes, shapes and data offsets were checked, the rest were not`;
      return info;
    }
    if (name === '__metadata__') {
      if (!v || typeof v !== 'object' || Array.isArray(v)) problems.push('__metadata__ is not an object');
      else
        for (const [k, mv] of Object.entries(v as Record<string, unknown>)) {
          if (typeof mv !== 'string') problems.push(`__metadata__.${k} is not a string`);
          else info.metadata[k] = mv;
        }
      continue;
    }
    info.tensors++;
    if (!v || typeof v !== 'object') {
      problems.push(`tensor ${name}: entry is not an object`);
      continue;
    }
    const t = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const bits = typeof t.dtype === 'string' ? SAFETENSORS_DTYPE_BITS[t.dtype] : undefined;
    if (bits === undefined) problems.push(`tensor ${name}: unknown dtype ${JSON.stringify(t.dtype)}`);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      problems.push(`tensor ${name}: shape is not a list of non-negative integers`);
      continue;
    }
    const off = t.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      problems.push(`tensor ${name}: data_offsets is not a pair of non-negative integers`);
      continue;
    }
    const [begin, end] = off as [number, number];
    if (end < begin) problems.push(`tensor ${name}: data_offsets end before they begin`);
    if (end > dataLen) problems.push(`tensor ${name}: data_offsets [${begin}, ${end}] run past the end of the data (${dataLen} bytes)`);
    if (bits !== undefined) {
      const elems = (t.shape as number[]).reduce((a, d) => a * d, 1);
      const bytes = Math.ceil((elems * bits) / 8);
      if (bytes !== end - begin) problems.push(`tensor ${name}: ${end - begin} bytes for shape [${(t.shape as number[]).join(', ')}] × ${t.dtype} (expected ${bytes})`);
    }
    spans.push({ name, begin, end });
  }
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const s of spans) {
    if (s.begin < cursor) problems.push(`tensor ${s.name}: data overlaps the previous tensor`);
    else if (s.begin > cursor) problems.push(`tensor ${s.name}: gap of ${s.begin - cursor} bytes before its data`);
    cursor = Math.max(cursor, s.end);
  }
  if (spans.length && cursor < dataLen) problems.push(`${dataLen - cursor} bytes after the last tensor are not described by the header`);
  if (!spans.length && dataLen > 0) problems.push(`${dataLen} bytes of data but no tensors in the header`);
  // What serde_json rejects and JSON.parse accepts, last: when the time runs short, the offsets, dtypes and
  // shapes above (what a loader reads the bytes by) have been checked. Listed first, as the header says them.
  const shape = jsonShapeProblems(text, deadline);
  if (shape) problems.unshift(...shape);
  else info.limit = 'time limit reached reading the header for numbers and keys serde_json rejects (its tensors were checked)';
  return info;
}

/**
 * What JSON.parse accepts and serde_json (deserializing the safetensors header) does not: numbers
 * that are not integers, and keys given twice. One linear pass over a header JSON.parse accepted;
 * `undefined` when the scan's deadline passes first.
 */
function jsonShapeProblems(text: string, deadline = Infinity): string[] | undefined {
  const out: string[] = [];
  // A frame's path (the keys leading to it) is spelled out only for a problem: a header of a million
  // tensors opens a million objects.
  type Frame = { obj: boolean; keys: Set<string> | undefined; expectKey: boolean; parent: Frame | undefined; key: string | undefined };
  const pathOf = (f: Frame | undefined): string[] => {
    const path: string[] = [];
    for (let at = f; at?.parent; at = at.parent) if (at.key !== undefined) path.unshift(at.key);
    return path;
  };
  const stack: Frame[] = [];
  let lastKey = '';
  const num = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
  let steps = 0;
  for (let i = 0; i < text.length && out.length < 20; i++) {
    if ((++steps & 0xffff) === 0 && Date.now() > deadline) return undefined;
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      let escaped = false;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          escaped = true;
          j += 2;
        } else j++;
      }
      if (!(top?.obj && top.expectKey)) {
        i = j;
        continue;
      }
      const value = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
      top.keys ??= new Set();
      if (top.keys.has(value)) {
        const where = pathOf(top);
        if (where.length === 0) {
          out.push(value === '__metadata__'
            ? '__metadata__ is given more than once (serde rejects the header: duplicate field)'
            : `tensor key ${JSON.stringify(value)} is given more than once (serde_json keeps the last entry; the earlier one is ignored)`);
        } else if (where.length === 1 && where[0] === '__metadata__') {
          out.push(`__metadata__ key ${JSON.stringify(value)} is given more than once (serde_json keeps the last value)`);
        } else if (where.length === 1) {
          out.push(`tensor ${where[0]}: field ${JSON.stringify(value)} is given more than once (serde rejects the header: duplicate field)`);
        } else out.push(`key ${JSON.stringify(value)} is given more than once in ${where.join('.')}`);
      }
      top.keys.add(value);
      top.expectKey = false;
      lastKey = value;
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ obj: c === '{', keys: undefined, expectKey: c === '{', parent: top, key: top?.obj ? lastKey : undefined });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top?.obj) top.expectKey = true;
    else if (c === '-' || (c >= '0' && c <= '9')) {
      num.lastIndex = i;
      const m = num.exec(text);
      if (m) {
        if (m[1] !== undefined || m[2] !== undefined) {
          const path = pathOf(top);
          const where = path.length ? path.join('.') : 'the header';
          out.push(`${where}: number ${m[0]} is not an integer (serde_json rejects it for shape and data_offsets)`);
        }
        i += m[0].length - 1;
      }
    }
  }
  return out;
}
