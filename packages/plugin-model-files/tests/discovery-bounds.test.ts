/**
 * Bounds on what a hostile tar costs discovery (every header counts, whatever its type; bytes read
 * are bounded too), and the tar header reader shared by discovery and the scanner.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isModelFile, tarHeaders } from '../src/formats/detect.js';
import { scanModelFile } from '../src/scanner.js';
import { tar } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = Buffer.from("cposix\nsystem\n(S'touch /tmp/oculum-pwned'\ntR.", 'latin1');
const dirs = (n: number): Array<[string, Buffer, string]> => Array.from({ length: n }, (_, i) => [`d${i}/`, Buffer.alloc(0), '5']);

function file(name: string, data: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
const claimed = (p: string) => isModelFile(readFileSync(p).subarray(0, 512), p);

describe('tar discovery reads a bounded number of headers', () => {
  it('directory entries count: a model after 300 of them is past the bound (the name does not say model)', () => {
    expect(claimed(file('many-dirs.tar', tar([...dirs(300), ['model.pkl', HOSTILE]])))).toBe(false);
    expect(claimed(file('few-dirs.tar', tar([...dirs(20), ['model.pkl', HOSTILE]])))).toBe(true);
  });

  it('reads at most 256 headers, and a bounded number of bytes, however many the tar holds', () => {
    const t = tar([...dirs(5000), ['model.pkl', HOSTILE]]);
    let reads = 0;
    let bytes = 0;
    const names = tarHeaders(t.length, (p, n) => {
      reads++;
      bytes += n;
      return t.subarray(p, p + n);
    });
    expect(names).toEqual([]);
    expect(reads).toBeLessThanOrEqual(256);
    expect(bytes).toBeLessThanOrEqual(256 * 512);
  });

  it('GNU long-name headers count too, and their reads are within the byte bound', () => {
    const longs: Array<[string, Buffer, string]> = [];
    for (let i = 0; i < 2000; i++) longs.push(['././@LongLink', Buffer.from(`${'x'.repeat(4000)}${i}.txt\0`), 'L'], ['short', Buffer.from('x'), '0']);
    const t = tar(longs);
    let bytes = 0;
    tarHeaders(t.length, (p, n) => {
      bytes += n;
      return t.subarray(p, p + n);
    });
    expect(bytes).toBeLessThanOrEqual((1 << 20) + 4096);
  });

  it('the scanner is not bound by discovery: a claimed tar is read to its end', async () => {
    const p = file('scan-dirs.model.tar', tar([['model.pkl', HOSTILE], ...dirs(300), ['late.pkl', HOSTILE]]));
    expect(claimed(p)).toBe(true);
    const f = await scanModelFile(p);
    expect(f.globals.map((g) => g.member)).toEqual(['model.pkl', 'late.pkl']);
  });
});

describe('one tar header reader for discovery and the scanner', () => {
  it('names the members alike (UTF-8 names, GNU long names)', async () => {
    const long = `${'deep/'.repeat(30)}model.pkl`;
    const t = tar([['modèle.pkl', HOSTILE], ['././@LongLink', Buffer.from(`${long}\0`), 'L'], ['cut', HOSTILE], ['dir/', Buffer.alloc(0), '5']]);
    const names = tarHeaders(t.length, (p, n) => t.subarray(p, p + n));
    expect(names).toEqual(['modèle.pkl', long]);
    const f = await scanModelFile(file('names.tar', t));
    expect(f.globals.map((g) => g.member).filter((m, i, a) => a.indexOf(m) === i)).toEqual(names);
  });
});
