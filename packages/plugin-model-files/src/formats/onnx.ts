/**
 * ONNX ModelProto, walked without loading the model: sub-messages up to 4 MiB are decoded in
 * memory with protobufjs' wire Reader; larger ones (graphs with inline weights, tensors with
 * raw_data) are walked with positioned reads, so raw tensor bytes are skipped, never read.
 * Collects external-data locations (tensors whose bytes live in another file) and the operator
 * domains used by nodes.
 */
import { createRequire } from 'node:module';
import type protobufModule from 'protobufjs/minimal.js';
import { BufferAccess, type RandomAccess } from '../io.js';

/**
 * protobufjs, loaded on the first ONNX file: most scans meet none, and loading it (with `long`) is
 * ~12 ms of every scan's start in the main thread.
 */
let protobuf: typeof protobufModule | undefined;
function wireReader(buf: Uint8Array): protobufModule.Reader {
  protobuf ??= createRequire(import.meta.url)('protobufjs/minimal.js') as typeof protobufModule;
  return protobuf.Reader.create(buf);
}

const IN_MEMORY = 4 << 20;
const MAX_DEPTH = 32;

export interface OnnxInfo {
  irVersion?: number;
  producer?: string;
  externalData: Array<{ tensor: string; location: string }>;
  /** domain → op types used from it */
  domains: Map<string, Set<string>>;
  /**
   * Domains every used op of which is a function the model defines itself (FunctionProto domain
   * and name): such a domain needs no custom-op library. A node in that domain whose op_type is
   * not one of those functions still does; its domain is not listed here, and `domains` lists only
   * such ops for it.
   */
  functionDomains: Set<string>;
  opsetDomains: Set<string>;
  nodes: number;
  problems: string[];
}

interface Field {
  field: number;
  wire: number;
  /** varint value (wire 0) */
  value?: number;
  /** absolute byte range of a length-delimited value (wire 2) */
  start?: number;
  end?: number;
}

/** Iterates the fields of a message stored at [start, end) of ra. */
async function fields(ra: RandomAccess, start: number, end: number, problems: string[]): Promise<Field[]> {
  const out: Field[] = [];
  if (end - start <= IN_MEMORY) {
    const buf = await ra.read(start, end - start);
    const r = wireReader(buf);
    try {
      while (r.pos < r.len) {
        const tag = r.uint32();
        const field = tag >>> 3;
        const wire = tag & 7;
        if (field === 0) throw new Error('field number 0');
        if (wire === 0) out.push({ field, wire, value: r.uint32() });
        else if (wire === 2) {
          const len = r.uint32();
          const s = r.pos;
          if (s + len > r.len) throw new Error(`field ${field} runs past the end of its message`);
          r.pos = s + len;
          out.push({ field, wire, start: start + s, end: start + s + len });
        } else r.skipType(wire);
      }
    } catch (error) {
      problems.push(`protobuf: ${(error as Error).message}`);
    }
    return out;
  }
  // Large message: positioned reads of each tag/length, skipping values.
  let pos = start;
  while (pos < end) {
    const head = await ra.read(pos, Math.min(20, end - pos));
    let i = 0;
    const varint = (): number => {
      let v = 0;
      let mul = 1;
      for (let k = 0; k < 10; k++) {
        if (i >= head.length) throw new Error('truncated varint');
        const b = head[i++];
        v += (b & 0x7f) * mul;
        mul *= 128;
        if (!(b & 0x80)) return v;
      }
      throw new Error('varint too long');
    };
    try {
      const tag = varint();
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      if (field === 0) throw new Error('field number 0');
      if (wire === 0) {
        out.push({ field, wire, value: varint() });
        pos += i;
      } else if (wire === 2) {
        const len = varint();
        const s = pos + i;
        if (s + len > end) throw new Error(`field ${field} runs past the end of its message`);
        out.push({ field, wire, start: s, end: s + len });
        pos = s + len;
      } else if (wire === 1) pos += i + 8;
      else if (wire === 5) pos += i + 4;
      else throw new Error(`unsupported wire type ${wire}`);
    } catch (error) {
      problems.push(`protobuf: ${(error as Error).message}`);
      break;
    }
    if (out.length > 5_000_000) {
      problems.push('protobuf: too many fields');
      break;
    }
  }
  return out;
}

const utf8 = new TextDecoder();

async function str(ra: RandomAccess, f: Field): Promise<string> {
  const n = Math.min((f.end as number) - (f.start as number), 1 << 16);
  return utf8.decode(await ra.read(f.start as number, n));
}

export async function readOnnx(ra: RandomAccess, deadline: number): Promise<OnnxInfo> {
  const info: OnnxInfo = { externalData: [], domains: new Map(), functionDomains: new Set(), opsetDomains: new Set(), nodes: 0, problems: [] };
  const P = info.problems;
  const check = () => {
    if (Date.now() > deadline) throw new Error('time limit');
  };

  const tensor = async (s: number, e: number) => {
    let name = '';
    let external = false;
    const entries: Array<[string, string]> = [];
    for (const f of await fields(ra, s, e, P)) {
      if (f.field === 8 && f.wire === 2) name = await str(ra, f);
      else if (f.field === 14 && f.wire === 0) external = f.value === 1;
      else if (f.field === 13 && f.wire === 2) {
        let k = '';
        let v = '';
        for (const g of await fields(ra, f.start as number, f.end as number, P)) {
          if (g.field === 1 && g.wire === 2) k = await str(ra, g);
          if (g.field === 2 && g.wire === 2) v = await str(ra, g);
        }
        entries.push([k, v]);
      }
    }
    // Every `location` entry: onnx's ExternalDataInfo and onnxruntime take the last, other readers
    // may take the first; a repeated key is malformed in itself.
    const locs = entries.filter(([k]) => k === 'location');
    for (const loc of locs) info.externalData.push({ tensor: name, location: loc[1] });
    if (!locs.length && external) P.push(`tensor ${name}: data_location is EXTERNAL but no location is given`);
    const keys = new Set<string>();
    for (const [k] of entries) {
      if (keys.has(k)) {
        P.push(`tensor ${name}: external_data key ${JSON.stringify(k)} is given more than once (onnx and onnxruntime use the last)`);
        break;
      }
      keys.add(k);
    }
  };

  const graph = async (s: number, e: number, depth: number): Promise<void> => {
    check();
    if (depth > MAX_DEPTH) {
      P.push('subgraphs nested too deeply');
      return;
    }
    const memory = ra instanceof BufferAccess ? wireReader(ra.bytes) : undefined;
    for (const f of await fields(ra, s, e, P)) {
      if (f.wire !== 2) continue;
      if (f.field === 1) {
        // Most nodes (no subgraph or tensor in their attributes) are read here without a round trip.
        const plain = memory ? plainNode(memory, f.start as number, f.end as number) : undefined;
        if (plain) {
          if ((++info.nodes & 0x3ff) === 0) check();
          addOp(plain.domain, plain.op);
        } else await node(f.start as number, f.end as number, depth);
      } else if (f.field === 5) await tensor(f.start as number, f.end as number);
      else if (f.field === 15) {
        for (const g of await fields(ra, f.start as number, f.end as number, P)) {
          if ((g.field === 1 || g.field === 2) && g.wire === 2) await tensor(g.start as number, g.end as number);
        }
      }
    }
  };

  const node = async (s: number, e: number, depth: number) => {
    if ((++info.nodes & 0x3ff) === 0) check();
    let op = '';
    let domain = '';
    for (const f of await fields(ra, s, e, P)) {
      if (f.wire !== 2) continue;
      if (f.field === 4) op = await str(ra, f);
      else if (f.field === 7) domain = await str(ra, f);
      else if (f.field === 5) {
        // attribute: subgraphs (g, graphs) and tensors (t, tensors)
        for (const a of await fields(ra, f.start as number, f.end as number, P)) {
          if (a.wire !== 2) continue;
          if (a.field === 6 || a.field === 11) await graph(a.start as number, a.end as number, depth + 1);
          else if (a.field === 5 || a.field === 10) await tensor(a.start as number, a.end as number);
        }
      }
    }
    addOp(domain, op);
  };

  const addOp = (domain: string, op: string) => {
    let set = info.domains.get(domain);
    if (!set) info.domains.set(domain, (set = new Set<string>()));
    if (set.size < 50) set.add(op);
    else if (!set.has(op)) unlisted.add(domain);
  };

  /** `domain\0name` of every FunctionProto. */
  const functions = new Set<string>();
  /** Domains with more op types than `domains` lists. */
  const unlisted = new Set<string>();
  try {
    const top = await fields(ra, 0, ra.size, P);
    if (!top.length) P.push('no protobuf fields: not an ONNX model');
    for (const f of top) {
      if (f.field === 1 && f.wire === 0) info.irVersion = f.value;
      else if (f.field === 2 && f.wire === 2) info.producer = await str(ra, f);
      else if (f.field === 7 && f.wire === 2) await graph(f.start as number, f.end as number, 0);
      else if (f.field === 8 && f.wire === 2) {
        for (const g of await fields(ra, f.start as number, f.end as number, P)) if (g.field === 1 && g.wire === 2) info.opsetDomains.add(await str(ra, g));
      } else if (f.field === 20 && f.wire === 2) {
        for (const g of await fields(ra, f.start as number, f.end as number, P)) {
          if ((g.field === 1 || g.field === 2) && g.wire === 2) await graph(g.start as number, g.end as number, 1);
        }
      } else if (f.field === 25 && f.wire === 2) {
        let fname = '';
        let fdomain = '';
        for (const g of await fields(ra, f.start as number, f.end as number, P)) {
          if (g.field === 1 && g.wire === 2) fname = await str(ra, g);
          else if (g.field === 10 && g.wire === 2) fdomain = await str(ra, g);
          else if (g.field === 7 && g.wire === 2) await node(g.start as number, g.end as number, 1);
        }
        functions.add(`${fdomain}\0${fname}`);
      }
    }
    // Ops that are model-local functions need no library: a domain is local only when all its ops are.
    for (const [domain, ops] of info.domains) {
      const custom = [...ops].filter((op) => !functions.has(`${domain}\0${op}`));
      if (!custom.length && !unlisted.has(domain)) info.functionDomains.add(domain);
      else if (custom.length < ops.size) info.domains.set(domain, new Set(custom));
    }
    if (info.irVersion === undefined && !P.length) P.push('ModelProto has no ir_version');
  } catch (error) {
    P.push((error as Error).message === 'time limit' ? 'time limit reached while walking the ONNX graph' : `ONNX walk failed: ${(error as Error).message}`);
  }
  return info;
}

/**
 * A NodeProto held in memory (at [start, end) of the reader's bytes) whose attributes hold no
 * subgraph and no tensor (the common case): its op_type and domain, read synchronously. Undefined for
 * any other node, or a malformed one, which the general walk reads (and reports).
 */
function plainNode(r: protobufModule.Reader, start: number, end: number): { op: string; domain: string } | undefined {
  const buf = r.buf;
  r.pos = start;
  r.len = end;
  let op = '';
  let domain = '';
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 0) return undefined;
      if (wire !== 2) {
        if (wire === 0) r.uint32();
        else r.skipType(wire);
        continue;
      }
      const len = r.uint32();
      const s = r.pos;
      if (s + len > r.len) return undefined;
      if (field === 4) op = text(buf, s, s + Math.min(len, 1 << 16));
      else if (field === 7) domain = text(buf, s, s + Math.min(len, 1 << 16));
      else if (field === 5 && !plainAttribute(buf, s, s + len)) return undefined;
      r.pos = s + len;
    }
  } catch {
    return undefined;
  }
  return { op, domain };
}

/** UTF-8 at [start, end) of `buf` (short ASCII names without allocating a view). */
function text(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) {
    let s = '';
    for (let i = start; i < end; i++) {
      if (buf[i] >= 0x80) return utf8.decode(buf.subarray(start, end));
      s += String.fromCharCode(buf[i]);
    }
    return s;
  }
  return utf8.decode(buf.subarray(start, end));
}

/** An AttributeProto (at [start, end) of `buf`) without a graph (g, graphs) or a tensor (t, tensors), and well formed. */
function plainAttribute(buf: Uint8Array, start: number, end: number): boolean {
  const r = wireReader(buf);
  r.pos = start;
  r.len = end;
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 0) return false;
      if (wire === 2) {
        if (field === 5 || field === 6 || field === 10 || field === 11) return false;
        const len = r.uint32();
        if (r.pos + len > r.len) return false;
        r.pos += len;
      } else if (wire === 0) r.uint32();
      else r.skipType(wire);
    }
  } catch {
    return false;
  }
  return true;
}

export const STANDARD_ONNX_DOMAINS = ['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training', 'com.microsoft', 'com.microsoft.nchwc', 'com.microsoft.experimental'];

/** Why an external-data location is unsafe, or undefined when it stays beside the model. */
export function externalLocationProblem(location: string): string | undefined {
  if (!location) return 'empty location';
  if (location.includes('\0')) return 'contains a NUL byte';
  if (/^[a-zA-Z]:/.test(location) || location.startsWith('/') || location.startsWith('\\')) return 'is an absolute path';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return 'is a URL';
  const parts = location.split(/[\\/]+/);
  let depth = 0;
  for (const part of parts) {
    if (part === '..') {
      depth--;
      if (depth < 0) return "escapes the model's directory";
    } else if (part !== '.' && part !== '') depth++;
  }
  return undefined;
}
