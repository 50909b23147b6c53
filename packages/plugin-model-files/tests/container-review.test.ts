/**
 * Container and format detection problems of the bypass review (/tmp/review-bypass, P2, P11, P12,
 * P13): archives that loaders read in a way discovery or the zip reader did not. Every file is built
 * here byte by byte (`helpers.ts`); the payloads only ever name `posix.system`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '@oculum/core';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { isModelFile } from '../src/formats/detect.js';
import type { ModelFile } from '../src/ast.js';
import { scanModelBytes, scanModelFile } from '../src/scanner.js';
import { zipEnd, zipParts, type ZipMember } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-container-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = Buffer.from("\x80\x02cposix\nsystem\n(X\x17\x00\x00\x00touch /tmp/oculum-pwnedtR.", 'latin1');
const BENIGN = Buffer.from('\x80\x02}q\x00X\x01\x00\x00\x00aq\x01K\x01s.', 'latin1');

function file(name: string, data: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));
/** `rule severity: message` of every finding above info. */
async function findings(path: string): Promise<string[]> {
  const r = await lintText({ path, language: modelLanguage, rules, settings: {}, cwd: dir });
  return r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
}
const claimed = (p: string) => isModelFile(readFileSync(p).subarray(0, 512), p);
const dangerous = (f: ModelFile) => f.globals.some((g) => g.module === 'posix' && g.name === 'system');
const ambiguities = (f: ModelFile) => f.problems.filter((p) => p.kind === 'ambiguous').map((p) => p.message);

const torch = (pickle: Uint8Array): ZipMember[] => [
  { name: 'archive/data.pkl', data: pickle },
  { name: 'archive/data/0', data: new Uint8Array(8) },
  { name: 'archive/version', data: Buffer.from('3\n') },
];

// ---------------------------------------------------------------------------------------------- P2
/**
 * `[A: malicious local headers][pad][B: benign local headers][CD1 → A][CD2 → B][end record]`, the
 * end record giving CD2's size and CD1's offset. PyTorch's reader (miniz) reads the directory at the
 * offset the end record gives: CD1, the malicious `data.pkl`. Python's zipfile sees a gap of
 * len(CD1) bytes between the directory's end and the end record, takes it for prepended data, reads
 * CD2 and adds the gap to its offsets (written that much lower, so they land on B).
 */
function cdGapZip(evil: Uint8Array, good: Uint8Array): Buffer {
  const a = zipParts(torch(evil));
  const pad = Buffer.alloc(a.directory.length + 64);
  const bAt = a.locals.length + pad.length;
  const b = zipParts(torch(good), bAt, a.directory.length);
  const cd1At = bAt + b.locals.length;
  return Buffer.concat([a.locals, pad, b.locals, a.directory, b.directory, zipEnd(3, b.directory.length, cd1At)]);
}

describe('P2: a central directory PyTorch and Python read at different offsets', () => {
  it('both directories are scanned, and the archive is reported as ambiguous', async () => {
    const data = cdGapZip(HOSTILE, BENIGN);
    const p = file('gap.pt', data);
    expect(claimed(p)).toBe(true);
    const f = await scanModelFile(p);
    expect(dangerous(f)).toBe(true);
    expect(f.globals.find((g) => g.name === 'system')?.member).toBe('archive/data.pkl');
    expect(f.format).toBe('pytorch-zip');
    expect(ambiguities(f).join('\n')).toMatch(/PyTorch \(miniz\) reads .* Python's zipfile .* different members/);
    expect((await findings(p)).sort()).toEqual([
      expect.stringMatching(/^model\/ambiguous-model-archive high: Archive can be read in more than one way: zip: the end record places the central directory at byte \d+/),
      expect.stringMatching(/^model\/dangerous-pickle-global critical: .*in archive\/data\.pkl imports `posix\.system`/),
    ]);
  });

  it('the payload is found whichever directory holds it', async () => {
    const f = await scanModelBytes(cdGapZip(BENIGN, HOSTILE), 'gap.pt');
    expect(dangerous(f)).toBe(true);
    expect(ambiguities(f)).toHaveLength(1);
  });

  it('discovery sees the members of both directories', () => {
    // the first local header says nothing: only the directories name the model
    const notes = { name: 'notes.txt', data: Buffer.from('hello') };
    const a = zipParts([notes, { name: 'model/clf.pkl', data: HOSTILE }]);
    const pad = Buffer.alloc(a.directory.length + 64);
    const bAt = a.locals.length + pad.length;
    const b = zipParts([notes, { name: 'model/readme.md', data: Buffer.from('x') }], bAt, a.directory.length);
    const data = Buffer.concat([a.locals, pad, b.locals, a.directory, b.directory, zipEnd(2, b.directory.length, bAt + b.locals.length)]);
    expect(claimed(file('bundle.zip', data))).toBe(true);
  });

  it('an archive whose directory both readers find in the same place stays quiet', async () => {
    const { locals, directory } = zipParts(torch(BENIGN));
    const f = await scanModelBytes(Buffer.concat([locals, directory, zipEnd(3, directory.length, locals.length)]), 'ok.pt');
    expect(f.problems).toEqual([]);
  });
});
