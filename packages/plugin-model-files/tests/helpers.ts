import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as nodePath from 'node:path';
import { isModelFile } from '../src/formats/detect.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/models/', import.meta.url));

/** Model files of one fixture kind (files the language does not claim are skipped). */
export function fixtures(kind: 'benign' | 'malicious' | 'malformed' | 'review'): string[] {
  const dir = nodePath.join(FIXTURES, kind);
  return readdirSync(dir)
    .filter((f) => isModelFile(readFileSync(nodePath.join(dir, f)).subarray(0, 512), nodePath.join(dir, f)))
    .sort()
    .map((f) => `${kind}/${f}`);
}

export const enc = (s: string) => new TextEncoder().encode(s);

export function bytes(...parts: Array<string | number[] | Uint8Array>): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (let i = 0; i < p.length; i++) out.push(p.charCodeAt(i) & 0xff);
    else out.push(...p);
  }
  return new Uint8Array(out);
}

/** SHORT_BINUNICODE */
export function su(s: string): Uint8Array {
  const b = enc(s);
  return bytes([0x8c, b.length], b);
}

export function u32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
