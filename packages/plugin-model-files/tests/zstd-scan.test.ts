/**
 * Zstandard-compressed model files, end to end: `.pkl.zst` (which `pandas.read_pickle` loads, inferring
 * zstd from the name), `.tar.zst`, zip members of method 93 (Python 3.14's zipfile reads them) and 7z
 * folders in zstd are claimed by discovery and scanned; what cannot be decoded or hits a limit is a
 * finding, never a crash.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText, scan } from '@oculum/core';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { isModelFile } from '../src/formats/detect.js';
import { scanModelBytes } from '../src/scanner.js';
import { FIXTURES, sevenZip, su, tar, zip } from './helpers.js';
import { onFakeClock } from './work-counters.js';
import { block, frame, header, rleBlock, windowLog } from './zstd-frames.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-zstd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (rel: string): Buffer => readFileSync(join(FIXTURES, rel));

function file(name: string, data: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
const claimed = (p: string): boolean => isModelFile(readFileSync(p).subarray(0, 512), p);
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));
/** `rule severity: message` of every finding. */
async function findings(path: string, settings: Record<string, unknown> = {}): Promise<string[]> {
  const r = await lintText({ path, language: modelLanguage, rules, settings, cwd: dir });
  return r.findings.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
}

/** A protocol-4 pickle calling os.system, without its STOP (`.`) when `open`. */
const payload = (open = false): Buffer =>
  Buffer.concat([Buffer.from([0x80, 4]), su('os'), su('system'), Buffer.from([0x93]), su('touch /tmp/oculum-pwned'), Buffer.from(open ? [0x85, 0x52] : [0x85, 0x52, 0x2e])]);
/** A zstd frame of raw blocks (what the zstd tool writes for incompressible data). */
const rawFrame = (data: Uint8Array, opts: { wd?: number; dict?: number; last?: boolean } = {}): Uint8Array => {
  const blocks: number[][] = [];
  for (let at = 0; at < data.length || blocks.length === 0; at += 100_000) {
    const part = [...data.subarray(at, at + 100_000)];
    blocks.push(block(0, part.length, part, (opts.last ?? true) && at + 100_000 >= data.length));
  }
  return frame(header({ wd: opts.wd, dict: opts.dict }), ...blocks);
};

describe('zstd model files through the scan (discovery, classification, rules)', () => {
  it('the malicious .pkl.zst is critical, the benign one only inventory; the zip and tar.zst payloads are found', async () => {
    const names = ['benign/numpy_state.pkl.zst', 'malicious/payload.pkl.zst', 'malicious/payload_zstd_member.zip', 'malicious/payload.tar.zst'];
    for (const rel of names) file(rel.split('/')[1], fixture(rel));
    const result = await scan({ cwd: dir, paths: names.map((n) => n.split('/')[1]), plugins: [plugin], noConfig: true, workers: 0 });
    const byFile = Object.fromEntries(result.files.map((f) => [f.file.slice(dir.length + 1), f.findings.map((x) => `${x.ruleId} ${x.severity}`)]));
    expect(byFile['numpy_state.pkl.zst']).toEqual(['model/model-format-inventory info']);
    expect(byFile['payload.pkl.zst']).toEqual(['model/dangerous-pickle-global critical', 'model/model-format-inventory info']);
    expect(byFile['payload_zstd_member.zip']).toEqual(['model/dangerous-pickle-global critical', 'model/model-format-inventory info']);
    expect(byFile['payload.tar.zst']).toEqual(['model/dangerous-pickle-global critical', 'model/model-format-inventory info']);
    const inventory = result.files.find((f) => f.file.endsWith('payload.pkl.zst'))?.findings.find((x) => x.ruleId === 'model/model-format-inventory');
    expect(inventory?.message).toMatch(/^Python pickle \(pickle, zstd-compressed\)/);
    const member = result.files.find((f) => f.file.endsWith('payload_zstd_member.zip'))?.findings[0];
    expect(member?.message).toMatch(/in payload_zstd_member\/model\.pkl imports `posix\.system`|in model\.pkl imports `posix\.system`/);
  });

  it('discovery claims zstd streams by name or by their decompressed start, and not text', () => {
    const evil = fixture('malicious/payload.pkl.zst');
    for (const name of ['model.pkl.zst', 'model.pkl.zstd', 'clf.joblib.zst', 'payload.zst', 'weights', 'model.bin', 'data.dat.zst']) {
      expect(claimed(file(name, evil)), name).toBe(true);
    }
    const text = rawFrame(Buffer.from('sepal_length,sepal_width\n5.1,3.5\n'));
    for (const name of ['iris.csv.zst', 'notes.zst', 'model.bin', 'atlas.dat.zst']) expect(claimed(file(name, text)), name).toBe(false);
    // a pickle under a skippable frame (pzstd writes one first)
    const skippable = Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 1, 2, 3, 4]), evil]);
    expect(claimed(file('blob', skippable))).toBe(true);
  });

  it('a first block beyond the head is read from the file (a bounded read of its start)', async () => {
    // 3 KiB of notes before the payload: one compressed block of 2 KiB, which a 512-byte head cuts
    const data = fixture('malicious/payload_after_notes.pkl.zst');
    expect(data.length).toBeGreaterThan(1024);
    const p = file('opaque', data);
    expect(claimed(p)).toBe(true);
    expect(await findings(p)).toContainEqual(expect.stringMatching(/^model\/dangerous-pickle-global critical: pickle file imports `posix\.system`/));
  });

  it('a .tar.zst whose pickle lies past its first 4 KiB is claimed from its member headers', async () => {
    const t = tar([['README.txt', Buffer.alloc(10_000, 0x2e)], ['model/payload.pkl', payload()]]);
    const p = file('bundle.tar.zst', rawFrame(t));
    expect(claimed(p)).toBe(true);
    expect((await findings(p)).filter((f) => !f.startsWith('model/model-format-inventory'))).toEqual([expect.stringMatching(/^model\/dangerous-pickle-global critical: .*in bundle\.tar\/model\/payload\.pkl|^model\/dangerous-pickle-global critical: .*payload\.pkl/)]);
    // a tarball of other files is not
    expect(claimed(file('docs.tar.zst', rawFrame(tar([['README.txt', Buffer.alloc(10_000, 0x2e)], ['notes.md', Buffer.from('hi')]]))))).toBe(false);
  });

  it('a zip member compressed with zstd (method 93) under a name that says nothing is looked into', async () => {
    const member = fixture('malicious/payload_zstd_member.zip');
    const p = file('bundle.zip', member);
    expect(claimed(p)).toBe(true);
    // the member renamed `weights` (opaque): its zstd head is decoded
    const renamed = Buffer.from(member.toString('latin1').replaceAll('model.pkl', 'weights.x'), 'latin1');
    expect(claimed(file('other.zip', renamed))).toBe(true);
  });

  it('a 7z folder in zstd (7-Zip ZS, coder 04F71101) is decoded', async () => {
    const data = payload();
    const p = file('nullifai.7z', sevenZip('archive/data.pkl', rawFrame(data), [0x04, 0x04, 0xf7, 0x11, 0x01], data.length));
    expect(claimed(p)).toBe(true);
    expect(await findings(p)).toContainEqual(expect.stringMatching(/^model\/dangerous-pickle-global critical: 7z file in archive\/data\.pkl imports `os\.system`/));
  });
});

describe('zstd streams the scanner cannot read whole: findings, never crashes', () => {
  const dangerous = (f: Awaited<ReturnType<typeof scanModelBytes>>) => f.globals.some((g) => g.module === 'os' && g.name === 'system');

  it('a pickle padded into a decompression bomb: the ratio limit is high, and the payload still found', async () => {
    // the payload, then 12.5 MiB of NONEs from RLE blocks (32768:1)
    const bomb = frame(header(), block(0, payload(true).length, [...payload(true)]), ...Array.from({ length: 100 }, (_, i) => rleBlock(0x4e, 131_072, i === 99)));
    const p = file('bomb.pkl.zst', bomb);
    const f = await findings(p);
    expect(f).toContainEqual(expect.stringMatching(/^model\/dangerous-pickle-global critical/));
    expect(f).toContainEqual(expect.stringMatching(/^model\/model-scan-limit high: .*zstd: compression ratio exceeds 1000:1/));
    const small = await findings(p, { model: { limits: { maxDecompressedBytes: 100_000 } } });
    expect(small).toContainEqual(expect.stringMatching(/^model\/model-scan-limit high: .*decompressed size exceeds 100000 bytes/));
  });

  it('a window past 128 MiB, or a dictionary, is reported as not inspected (high in pickle data)', async () => {
    const huge = await findings(file('huge.pkl.zst', rawFrame(payload(), { wd: windowLog(31) })));
    expect(huge).toContainEqual(expect.stringMatching(/^model\/model-scan-limit high: Pickle data was not inspected: zstd: the frame needs a 2048 MiB window, more than the 128 MiB decoded/));
    const other = await findings(file('huge.zst', rawFrame(payload(), { wd: windowLog(31) })));
    expect(other).toContainEqual(expect.stringMatching(/^model\/model-scan-limit medium: Part of the file was not inspected: zstd: the frame needs a 2048 MiB window/));
    const dict = await findings(file('dict.pkl.zst', rawFrame(payload(), { dict: 42 })));
    expect(dict).toContainEqual(expect.stringMatching(/^model\/model-scan-limit high: Pickle data was not inspected: zstd: the frame needs dictionary 42/));
  });

  it('a truncated or corrupt stream is malformed, and what decoded before the damage is scanned', async () => {
    const cut = rawFrame(payload(), { last: false });
    const f = await scanModelBytes(cut, 'model.pkl.zst');
    expect(dangerous(f)).toBe(true);
    expect(f.problems).toContainEqual(expect.objectContaining({ kind: 'malformed', message: 'zstd: truncated zstd block' }));
    // the last byte of a compressed block (before the checksum) holds its bitstream's end mark
    const bad = Buffer.from(fixture('malicious/payload_after_notes.pkl.zst'));
    bad[bad.length - 5] = 0;
    const g = await scanModelBytes(bad, 'model.pkl.zst');
    expect(g.problems).toContainEqual(expect.objectContaining({ kind: 'malformed', message: expect.stringMatching(/^zstd: .*without its end mark/) }));
    // a zip member marked zstd whose data is not
    const notZstd = zip([{ name: 'model.pkl', data: payload() }]);
    notZstd.writeUInt16LE(93, 8);
    notZstd.writeUInt16LE(93, 30 + 9 + payload().length + 10);
    const z = await scanModelBytes(notZstd, 'bundle.zip');
    expect(z.problems).toContainEqual(expect.objectContaining({ member: 'model.pkl', kind: 'malformed', message: 'zstd: not a zstd frame (bad magic number)' }));
  });

  it('mutated zstd fixtures never crash or hang the scan', async () => {
    let seed = 99;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (const rel of ['benign/numpy_state.pkl.zst', 'malicious/payload.pkl.zst', 'malicious/payload_zstd_member.zip', 'malicious/payload.tar.zst']) {
      const original = fixture(rel);
      for (let k = 0; k < 40; k++) {
        const data = Buffer.from(original);
        for (let j = 0, n = 1 + rand(4); j < n; j++) data[rand(data.length)] ^= 1 << rand(8);
        const { value: f, reads } = await onFakeClock(() => scanModelBytes(data.subarray(0, rand(2) ? data.length : rand(data.length)), rel, { model: { limits: { timeMs: 2000 } } }));
        expect(f.type).toBe('ModelFile');
        // at most 19 looks at the clock here (one per block step, per member, …): a decoder spinning
        // until the 2000 ms limit (2000 looks) fails the bound without waiting for it
        expect(reads).toBeLessThanOrEqual(100);
        expect(f.problems.filter((p) => /time limit/.test(p.message))).toEqual([]);
      }
    }
  });
});
