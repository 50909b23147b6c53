/**
 * Container and format detection problems of the bypass review (/tmp/review-bypass, P2, P11, P12,
 * P13): archives that loaders read in a way discovery or the zip reader did not. Every file is built
 * here byte by byte (`helpers.ts`); the payloads only ever name `posix.system`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lintText } from '@oculum/core';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { isModelFile } from '../src/formats/detect.js';
import { analyzeKerasConfig } from '../src/formats/keras.js';
import type { ModelFile } from '../src/ast.js';
import { scanModelBytes, scanModelFile } from '../src/scanner.js';
import { FIXTURES, sevenZip, tar, zip, zipEnd, zipParts, type ZipMember } from './helpers.js';

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

// ---------------------------------------------------------------------------------------------- P12
const lambdaLayer = { class_name: 'Lambda', config: { name: 'lam', function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAA', defaults: null, closure: null } } } };
const sequential = (...layers: unknown[]) => ({ module: 'keras', class_name: 'Sequential', config: { name: 'seq', layers } });
const kerasZip = (config: unknown, opts: { prepend?: Uint8Array } = {}) =>
  zip([{ name: 'metadata.json', data: Buffer.from('{"keras_version": "3.9.0"}') }, { name: 'config.json', data: Buffer.from(JSON.stringify(config)) }], opts);

describe('P12: a .keras archive with bytes before it is read as Keras reads it', () => {
  // Keras opens a `.keras` with Python's zipfile, which finds the archive by its end record.
  const junk = Buffer.from('\0JUNK'.repeat(100), 'latin1');

  it('the zip after the prepended bytes is claimed and its config read', async () => {
    const p = file('prepended.keras', kerasZip(sequential(lambdaLayer), { prepend: junk }));
    expect(claimed(p)).toBe(true);
    expect(await findings(p)).toEqual([expect.stringMatching(/^model\/keras-lambda-layer critical: Keras model in config\.json has a Lambda layer `lam`/)]);
  });

  it('whatever the bytes before it are (a pickle head, an HDF5 signature)', async () => {
    for (const head of [BENIGN, Buffer.from('\x89HDF\r\n\x1a\n', 'latin1')]) {
      const f = await scanModelBytes(kerasZip(sequential(lambdaLayer), { prepend: head }), 'model.keras');
      expect(f.keras.filter((k) => k.kind !== 'reference').map((k) => `${k.kind} ${k.layer}`)).toEqual(['lambda lam']);
      expect(f.format).toBe('keras');
    }
  });

  it('a model archive after other bytes is claimed under any name, as zip readers take it', async () => {
    const p = file('installer.bin', zip(torch(HOSTILE), { prepend: junk }));
    expect(claimed(p)).toBe(true);
    expect(dangerous(await scanModelFile(p))).toBe(true);
  });

  it('a self-extracting archive of other files is not a model file', () => {
    expect(claimed(file('setup.exe', zip([{ name: 'readme.txt', data: Buffer.from('hello') }], { prepend: junk })))).toBe(false);
  });
});

describe('P12: Keras configs that reach files outside the model', () => {
  it('a TFSMLayer loads a SavedModel from a path of the config (CVE-2026-1462)', async () => {
    const tfsm = { module: 'keras.layers', class_name: 'TFSMLayer', config: { name: 'tfsm', filepath: '/srv/attacker_savedmodel', call_endpoint: 'serve' }, registered_name: null };
    const p = file('tfsm.keras', kerasZip(sequential(tfsm)));
    expect(await findings(p)).toEqual([expect.stringMatching(/^model\/keras-external-reference high: .*TFSMLayer `tfsm` .*`\/srv\/attacker_savedmodel`.*CVE-2026-1462/)]);
  });

  it('a lookup layer whose vocabulary is a file path (CVE-2025-12058)', async () => {
    const layers = ['StringLookup', 'IntegerLookup', 'TextVectorization'].map((c, i) => ({ module: 'keras.layers', class_name: c, config: { name: `v${i}`, vocabulary: '/etc/passwd' } }));
    const p = file('vocab.keras', kerasZip(sequential(...layers)));
    const r = await findings(p);
    expect(r).toHaveLength(3);
    for (const f of r) expect(f).toMatch(/^model\/keras-external-reference high: .*has a (?:StringLookup|IntegerLookup|TextVectorization) layer `v\d` whose vocabulary is the file `\/etc\/passwd`.*CVE-2025-12058/);
    // a vocabulary given as a list is data in the config
    const listed = { module: 'keras.layers', class_name: 'StringLookup', config: { name: 'sl', vocabulary: ['a', 'b'] } };
    expect(await findings(file('listed.keras', kerasZip(sequential(listed))))).toEqual([]);
  });

  it('a layer name that leaves the assets directory (CVE-2026-12479)', async () => {
    const names = ['../../../../tmp/x', '/etc/cron.d/x', '..\\..\\x', 'C:\\Windows\\x'];
    const layers = names.map((name) => ({ module: 'keras.layers', class_name: 'Dense', config: { name, units: 1 } }));
    const r = await findings(file('names.keras', kerasZip(sequential(...layers))));
    expect(r).toHaveLength(4);
    for (const f of r) expect(f).toMatch(/^model\/keras-external-reference high: .*a layer named `.+`, a path that leaves .*CVE-2026-12479/);
  });

  it('ordinary layer names stay quiet, in .keras and in legacy .h5 configs', async () => {
    const layers = ['dense_1', 'block1/conv1', 'a..b', 'tf.math.add'].map((name) => ({ module: 'keras.layers', class_name: 'Dense', config: { name, units: 1 } }));
    expect(await findings(file('plain.keras', kerasZip(sequential(...layers))))).toEqual([]);
    // an .h5 config's layer names name HDF5 groups (converted models have `/model/conv1/Conv`)
    const h5 = sequential({ module: 'keras.layers', class_name: 'Dense', config: { name: '/model/conv1/Conv', units: 1 } });
    const kinds = (archive: boolean) => analyzeKerasConfig(h5, undefined, { archive }).map((h) => h.kind).filter((k) => k !== 'reference');
    expect(kinds(false)).toEqual([]);
    expect(kinds(true)).toEqual(['layer-path']);
  });
});

// ---------------------------------------------------------------------------------------------- P11
describe('P11: 7z archives are read, RAR archives recognised, and neither passed in silence', () => {
  const sevenZ = sevenZip('archive/data.pkl', HOSTILE);
  const rar = Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(64, 1)]);

  it.each([
    ['named as a PyTorch checkpoint (nullifAI)', 'nullifai_7z.pt'],
    ['named as anything (its member data.pkl says model)', 'nullifai.7z'],
    ['named as a model archive', 'weights.7z'],
  ])('a 7z %s is claimed and its members scanned', async (_, name) => {
    const p = file(name, sevenZ);
    expect(claimed(p)).toBe(true);
    expect(await findings(p)).toEqual([expect.stringMatching(/^model\/dangerous-pickle-global critical: 7z file in archive\/data\.pkl imports `posix\.system`/)]);
  });

  it('a 7z made by 7-Zip (LZMA2, compressed header) is read; folders it cannot decode are not inspected (high)', async () => {
    expect(await findings(join(FIXTURES, 'malicious/torch_in_7z.7z'))).toEqual([expect.stringMatching(/^model\/dangerous-pickle-global critical: 7z file in archive\/data\.pkl imports `posix\.system`/)]);
    expect(await findings(join(FIXTURES, 'malicious/torch_in_7z_ppmd.pt'))).toEqual([
      expect.stringMatching(/^model\/model-scan-limit high: The file is a 7z archive whose files .*archive\/data\.pkl.* are encoded with PPMd, which this scanner does not decode: what it holds was not inspected/),
    ]);
    expect(await findings(join(FIXTURES, 'malicious/torch_in_7z_aes.7z'))).toEqual([expect.stringMatching(/^model\/model-scan-limit high: The file is a 7z archive whose files .* are encrypted \(AES\)/)]);
  });

  it.each(['lzma', 'deflate', 'bzip2'])('a 7z whose folder is in %s (plain header) is read', async (method) => {
    expect(await findings(join(FIXTURES, `malicious/torch_in_7z_${method}.7z`))).toEqual([expect.stringMatching(/^model\/dangerous-pickle-global critical: 7z file in archive\/data\.pkl imports `posix\.system`/)]);
  });

  it('a RAR named as a model is a model file that was not inspected (high)', async () => {
    const p = file('pytorch_model.bin', rar);
    expect(claimed(p)).toBe(true);
    expect(await findings(p)).toEqual([expect.stringMatching(/^model\/model-scan-limit high: The file is a RAR archive, which this scanner does not open: what it holds was not inspected/)]);
  });

  it('so is a RAR in a model directory', async () => {
    const p = join(dir, 'models', 'bundle.rar');
    mkdirSync(join(dir, 'models'), { recursive: true });
    writeFileSync(p, rar);
    expect(claimed(p)).toBe(true);
    expect(await findings(p)).toEqual([expect.stringMatching(/^model\/model-scan-limit high: The file is a RAR archive/)]);
  });

  it('a 7z of other files, or a RAR, under another name is not claimed', () => {
    expect(claimed(file('photos.7z', sevenZip('img/cat.txt', Buffer.from('not a photo'))))).toBe(false);
    expect(claimed(file('backup.rar', rar))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------- P13
describe('P13: archives and compressed streams whose names do not say model', () => {
  const text = (n: number) => Buffer.from(`line ${n} of the notes\n`.repeat(30));

  it('a zip is claimed when one of its first members, whatever its name, is a pickle (picklescan malicious1_wrong_ext.zip)', async () => {
    const p0 = Buffer.from("cposix\nsystem\n(S'touch /tmp/oculum-pwned'\ntR.", 'latin1');
    for (const [name, pickle] of [['data.txt', HOSTILE], ['notes.txt', p0]] as const) {
      const members = [...Array.from({ length: 20 }, (_, i) => ({ name: `docs/page${i}.md`, data: text(i), method: 8 as const })), { name, data: pickle, method: 8 as const }];
      const p = file(`results-${name}.zip`, zip(members));
      expect(claimed(p), name).toBe(true);
      expect(dangerous(await scanModelFile(p)), name).toBe(true);
    }
  });

  it('a zip of documents, images, class files and text that reads as opcodes is not claimed', () => {
    const members = [
      { name: 'README.md', data: text(0) },
      { name: 'logo.png', data: Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(200, 3)]) },
      { name: 'com/x/A.class', data: Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, ...Buffer.alloc(100, 1)]) },
      { name: 'requirements.txt', data: Buffer.from('click\nrequests\n') },
      { name: 'short.txt', data: Buffer.from('N.') },
    ];
    expect(claimed(file('docs.zip', zip(members)))).toBe(false);
  });

  it('a tar is claimed when a member whose name says nothing is a pickle, plain or gzipped', async () => {
    const t = tar([['readme.txt', text(1)], ['stuff/weights.bin', HOSTILE]]);
    for (const [name, data] of [['artifacts.tar', t], ['artifacts.tar.gz', gzipSync(t)], ['artifacts.tgz', gzipSync(t)]] as const) {
      const p = file(name, data);
      expect(claimed(p), name).toBe(true);
      expect(dangerous(await scanModelFile(p)), name).toBe(true);
    }
    // a tarball of other binary files stays unclaimed
    const firmware = tar([['readme.txt', text(2)], ['fw/image.bin', Buffer.alloc(2048, 0xa5)], ['fw/boot.dat', Buffer.from([0x7f, 0x45, 0x4c, 0x46, ...Buffer.alloc(500, 2)])]]);
    expect(claimed(file('firmware.tar', firmware))).toBe(false);
    expect(claimed(file('firmware.tar.gz', gzipSync(firmware)))).toBe(false);
  });

  it('xz, lzma and bz2 streams of other data are not claimed, whatever their names', () => {
    for (const sample of ['lzma-sample.bin.xz', 'lzma-sample.bin.lzma', 'bz2-sample.bin.bz2']) {
      const data = readFileSync(join(FIXTURES, '..', sample));
      expect(claimed(file(`sample-${sample.split('.').pop()}`, data)), sample).toBe(false);
    }
  });
});
