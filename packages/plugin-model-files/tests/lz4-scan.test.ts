/**
 * LZ4-compressed model files (joblib's `compress='lz4'`): claimed by their bytes, decompressed and
 * scanned like gzip/bz2/xz; malformed frames and limits are findings, never crashes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isModelFile } from '../src/formats/detect.js';
import { scanModelBytes } from '../src/scanner.js';
import { FIXTURES, su } from './helpers.js';
import { frame, literalBlock } from './lz4-frames.js';

const PAYLOAD = Buffer.concat([Buffer.from([0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0]), su('os'), su('system'), Buffer.from([0x93]), su('id'), Buffer.from([0x85, 0x52, 0x2e])]);
const dangerous = (f: Awaited<ReturnType<typeof scanModelBytes>>) => f.globals.some((g) => (g.module === 'os' || g.module === 'posix') && g.name === 'system');

describe('lz4', () => {
  it('scans the pickle inside an LZ4 frame: a hostile joblib lz4 dump imports os.system', async () => {
    const data = readFileSync(join(FIXTURES, 'malicious/joblib_lz4.joblib'));
    const f = await scanModelBytes(data, 'model.joblib');
    expect(dangerous(f)).toBe(true);
    expect(f.format).toBe('joblib');
    expect(f.details.compression).toBe('lz4');
    expect(f.problems).toEqual([]);
  });

  it('reads a benign lz4 joblib dump to its end with no problem', async () => {
    const f = await scanModelBytes(readFileSync(join(FIXTURES, 'benign/sklearn_lz4.joblib')), 'clf.joblib');
    expect(f.format).toBe('joblib');
    expect(f.problems).toEqual([]);
    expect(f.globals.map((g) => g.module)).toContain('sklearn.linear_model._logistic');
  });

  it('reads stored blocks, the legacy format and a payload in a second frame', async () => {
    const stored = frame([PAYLOAD], { stored: [true] });
    expect(dangerous(await scanModelBytes(stored, 'm.pkl.lz4'))).toBe(true);
    const legacy = Buffer.concat([Buffer.from([0x02, 0x21, 0x4c, 0x18]), Buffer.from(new Uint32Array([literalBlock(PAYLOAD).length]).buffer), literalBlock(PAYLOAD)]);
    expect(dangerous(await scanModelBytes(legacy, 'm.pkl.lz4'))).toBe(true);
    // N. (a pickle of None) then the payload as a stacked pickle in the next frame
    const two = Buffer.concat([frame([literalBlock(Buffer.from('N.'))]), frame([literalBlock(PAYLOAD)])]);
    expect(dangerous(await scanModelBytes(two, 'm.pkl.lz4'))).toBe(true);
  });

  it('reports a corrupt or truncated frame as malformed, keeping what was read before', async () => {
    const data = readFileSync(join(FIXTURES, 'malicious/joblib_lz4.joblib'));
    // joblib's frame has no content checksum: without its last 4 bytes it ends with no end mark
    const cut = await scanModelBytes(data.subarray(0, data.length - 4), 'model.joblib');
    expect(dangerous(cut)).toBe(true);
    expect(cut.problems).toContainEqual(expect.objectContaining({ kind: 'malformed', message: expect.stringMatching(/^lz4: /) }));
    const garbage = frame([Uint8Array.from([0x10, 0x61, 0x09, 0x00])]);
    const g = await scanModelBytes(garbage, 'model.joblib');
    expect(g.problems).toContainEqual(expect.objectContaining({ kind: 'malformed', message: expect.stringMatching(/before the start/) }));
  });

  it('stops at the decompressed size limit', async () => {
    const big = frame([literalBlock(Buffer.concat([PAYLOAD.subarray(0, PAYLOAD.length - 1), Buffer.alloc(60_000, 0x4e), Buffer.from('.')]))]);
    const f = await scanModelBytes(big, 'model.joblib', { model: { limits: { maxDecompressedBytes: 5000 } } });
    expect(f.problems).toContainEqual(expect.objectContaining({ kind: 'limit', message: expect.stringMatching(/lz4: decompressed size exceeds 5000/) }));
    expect(dangerous(f)).toBe(true);
  });

  it('claims an LZ4 stream by its name, or under a generic name by its decompressed head', () => {
    const joblib = readFileSync(join(FIXTURES, 'malicious/joblib_lz4.joblib')).subarray(0, 512);
    for (const name of ['model.joblib', 'model.pkl.lz4', 'finalized_model.sav', 'model.bin', 'clf.dat', 'clf', 'payload.lz4']) {
      expect(isModelFile(joblib, name), name).toBe(true);
    }
    const legacy = Buffer.concat([Buffer.from([0x02, 0x21, 0x4c, 0x18]), Buffer.from(new Uint32Array([literalBlock(PAYLOAD).length]).buffer), literalBlock(PAYLOAD)]);
    expect(isModelFile(legacy, 'weights')).toBe(true);
    // Text compressed with lz4 is not a model file, even under a name other files use too.
    const csv = frame([literalBlock(Buffer.from('sepal_length,sepal_width\n5.1,3.5\n'))]);
    for (const name of ['iris.csv.lz4', 'data.bin', 'atlas.dat', 'x.lz4']) expect(isModelFile(csv, name), name).toBe(false);
  });
});
