/**
 * A short, deterministic mutation run inside the test suite (the long, random one is `pnpm fuzz`):
 * every fixture is mutated a few times with a fixed seed; each result must be a ModelFile with a
 * format, produced within the time limit (counted in looks at a fake clock, not timed), without throwing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isModelFile, sniffPickle } from '../src/formats/detect.js';
import { scanModelBytes } from '../src/scanner.js';
import { FIXTURES, fixtures } from './helpers.js';
import { onFakeClock } from './work-counters.js';

let seed = 20260101;
const rnd = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(rnd() * n);

function mutate(input: Uint8Array): Uint8Array {
  let b = Buffer.from(input);
  switch (int(5)) {
    case 0:
      for (let i = 0; i < 1 + int(8); i++) b[int(b.length)] ^= 1 << int(8);
      break;
    case 1: {
      const at = int(Math.max(1, b.length - 8));
      if (at + 4 <= b.length) b.writeUInt32LE([0xffffffff, 0x7fffffff, 0, b.length + 1][int(4)] >>> 0, at);
      break;
    }
    case 2:
      b = b.subarray(0, int(b.length + 1));
      break;
    case 3: {
      const at = int(b.length + 1);
      b = Buffer.concat([b.subarray(0, at), Buffer.from([0x80, 0x28, 0x63, 0x93, 0x52, 0x2e, 0xff].slice(0, 1 + int(7))), b.subarray(at)]);
      break;
    }
    default: {
      const a = int(b.length);
      b = Buffer.concat([b.subarray(0, a), b.subarray(a, a + int(256)), b.subarray(a)]);
    }
  }
  return b;
}

describe('mutated fixtures never crash or hang', () => {
  const files = [...fixtures('benign'), ...fixtures('malicious'), ...fixtures('malformed')];
  for (const rel of files) {
    it(rel, async () => {
      const data = readFileSync(join(FIXTURES, rel));
      for (let i = 0; i < 6; i++) {
        const m = mutate(data);
        const { value: f, reads } = await onFakeClock(() => scanModelBytes(m, rel, { model: { limits: { timeMs: 2000 } } }));
        expect(f.type).toBe('ModelFile');
        expect(typeof f.format).toBe('string');
        // at most 141 looks at the clock for any of these inputs: a loop that spins until the 2000 ms
        // limit (2000 looks) fails here, without waiting for it
        expect(reads, `mutation ${i}`).toBeLessThanOrEqual(500);
        expect(f.problems.filter((p) => /time limit/.test(p.message))).toEqual([]);
      }
    });
  }
});

describe('discovery on random and mutated heads', () => {
  it('never throws, and takes random bytes for a pickle without PROTO almost never', () => {
    let claimed = 0;
    for (let i = 0; i < 20_000; i++) {
      const head = new Uint8Array(1 + int(512));
      for (let j = 0; j < head.length; j++) head[j] = int(256);
      if (head[0] === 0x80) head[0] = 0; // PROTO first is a pickle by definition
      const kind = sniffPickle(head);
      if (kind === 'import' || kind === 'stream') claimed++;
      expect(() => isModelFile(head, 'blob')).not.toThrow();
    }
    expect(claimed).toBeLessThan(5);
  });

  it('never throws on mutated fixture heads', () => {
    for (const rel of [...fixtures('benign'), ...fixtures('malicious'), ...fixtures('malformed')]) {
      const head = readFileSync(join(FIXTURES, rel)).subarray(0, 512);
      for (let i = 0; i < 20; i++) expect(() => isModelFile(mutate(head).subarray(0, 512), rel)).not.toThrow();
    }
  });
});
