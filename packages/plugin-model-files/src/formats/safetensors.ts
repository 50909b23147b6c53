/**
 * safetensors: an 8-byte little-endian header length, a JSON header, then tensor data. Only the
 * header is read (constant time in file size). Checks mirror the reference implementation:
 * header length within the file (and ≤ 100 MB), valid JSON object, known dtypes, integer
 * shapes, `data_offsets` that tile the data section exactly (no overlap, no gap, nothing past
 * the end) and a byte size equal to shape × dtype size.
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
}

export async function checkSafetensors(ra: RandomAccess): Promise<SafetensorsInfo> {
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
  const text = Buffer.from(await ra.read(8, n)).toString('utf8');
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
  if (!text.trimStart().startsWith('{')) problems.push('header does not start with "{"');
  const dataLen = ra.size - 8 - n;
  const spans: Array<{ name: string; begin: number; end: number }> = [];
  for (const [name, v] of Object.entries(header as Record<string, unknown>)) {
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
  return info;
}
