/**
 * Keras, NumPy and HDF5 cases of the format review (/tmp/review-formats, problems P1–P20): each test
 * fails without its fix. Fixtures come from scripts/make-fixtures.py (h5py, numpy, zipfile).
 */
import { lintText, type FileResult } from '@oculum/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { analyzeKerasConfig } from '../src/formats/keras.js';
import { parseNpyHeader, parsePyLiteral } from '../src/formats/npy.js';
import { scanModelBytes } from '../src/scanner.js';
import { FIXTURES } from './helpers.js';

const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));
const lint = (rel: string, settings: Record<string, unknown> = {}): Promise<FileResult> =>
  lintText({ path: rel, language: modelLanguage, rules, settings, cwd: FIXTURES });
const found = (r: FileResult) => r.findings.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
const fixture = (rel: string) => readFileSync(join(FIXTURES, rel));

describe('P1: a .keras archive is read as Keras from its config.json alone', () => {
  it.each(['malicious/keras_config_only.keras', 'malicious/keras_npz_weights.keras'])('%s', async (rel) => {
    const r = await lint(rel);
    expect(found(r)).toEqual(expect.arrayContaining([expect.stringMatching(/^model\/keras-lambda-layer critical: .*in config\.json/)]));
    expect(found(r).join('\n')).toMatch(/Keras model \(keras\): format risk medium/);
  });

  it('a zip not named .keras holding only a config.json is not taken for Keras', async () => {
    const f = await scanModelBytes(fixture('malicious/keras_config_only.keras'), 'bundle.zip');
    expect(f.keras).toEqual([]);
    expect(f.format).toBe('zip');
  });
});

describe('P9, P10, P20: Keras references', () => {
  it('P9: the registered_name fallback is judged (builtins.exec is critical and named)', async () => {
    const r = await lint('malicious/keras_registered_name_fallback.keras');
    const refs = r.findings.filter((f) => f.ruleId === 'model/keras-external-reference');
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ severity: 'critical' });
    expect(refs[0].message).toContain('`builtins.exec`');
  });

  it('P10: keras.src.utils.file_utils.get_file is keras.utils.get_file', async () => {
    const r = await lint('malicious/keras_src_get_file.keras');
    expect(found(r)).toEqual(expect.arrayContaining([expect.stringMatching(/keras-external-reference critical: .*keras\.src\.utils\.file_utils\.get_file/)]));
  });

  it('P10: keras.config.enable_unsafe_deserialization is reported', async () => {
    const r = await lint('malicious/keras_enable_unsafe_deserialization.keras');
    expect(found(r)).toEqual(expect.arrayContaining([expect.stringMatching(/keras-external-reference critical: .*enable_unsafe_deserialization/)]));
  });

  it('P20: a custom layer with a registry key is one reference, to the module imported', () => {
    const hits = analyzeKerasConfig({ module: 'my_pkg.layers', class_name: 'MyLayer', registered_name: 'my_pkg>MyLayer', config: { name: 'mine' } });
    expect(hits.map((h) => h.target)).toEqual(['my_pkg.layers.MyLayer']);
    // without a module, the registry key's package is what is named
    expect(analyzeKerasConfig({ class_name: 'MyLayer', registered_name: 'my_pkg>MyLayer', config: { name: 'mine' } }).map((h) => h.target)).toEqual(['my_pkg.MyLayer']);
  });
});

describe('P2: NumPy headers read as numpy reads them', () => {
  const npy = (dict: string) => {
    const h = new TextEncoder().encode(`${dict}\n`);
    return Uint8Array.from([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, h.length & 0xff, h.length >> 8, ...h]);
  };
  it.each([
    ["{'descr': 'object', 'fortran_order': False, 'shape': (1,), }", true],
    ["{'descr': 'object_', 'fortran_order': False, 'shape': (1,), }", true],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'descr': '|O'}", true],
    ["{'descr': '|O', 'fortran_order': False, 'shape': (1,), 'descr': '<f4'}", false],
    ["{'descr': ('|O', (1,)), 'fortran_order': False, 'shape': (1,), }", true],
    ["{'descr': 'i4,(2,)O', 'fortran_order': False, 'shape': (1,), }", true],
    ["{'descr': [('a', '<i4'), ('b', ('|O', (2,)))], 'fortran_order': False, 'shape': (1,), }", true],
    ["{'descr': [('O', '<i4')], 'fortran_order': False, 'shape': (1,), }", false],
    ["{'descr': '<U5', 'fortran_order': False, 'shape': (1,), }", false],
  ])('%s → object %s', (dict, object) => {
    expect(parseNpyHeader(npy(dict))).toMatchObject({ object, problems: [] });
  });

  it('parses Python literals as literal_eval does', () => {
    expect(parsePyLiteral("{'a': (1,), 'b': (2), 'a': [True, None, b'x', \"y\\x41\"]}")).toEqual(new Map<unknown, unknown>([['b', 2], ['a', [true, null, 'x', 'yA']]]));
    expect(parsePyLiteral("{'a': os.system}")).toBeUndefined();
  });

  it.each(['npy_descr_object_word.npy', 'npy_descr_repeated.npy', 'npy_descr_subarray.npy', 'npy_descr_comma_string.npy', 'npy_header_66k.npy'])('%s: its pickle is scanned', async (name) => {
    const r = await lint(`malicious/${name}`);
    expect(found(r)).toEqual(expect.arrayContaining([expect.stringMatching(/dangerous-pickle-global critical: .*posix\.system/), expect.stringMatching(/NumPy object array \(numpy\): format risk critical/)]));
    expect(r.findings.filter((f) => f.ruleId === 'model/malformed-model-file')).toEqual([]);
  });

  it('a header longer than the 16 MiB read is a high limit, not a pass', async () => {
    const data = Uint8Array.from([0x93, ...new TextEncoder().encode('NUMPY'), 2, 0, 0, 0, 0, 2, 0x7b]);
    const f = await scanModelBytes(data, 'a.npy');
    expect(f.problems).toEqual([expect.objectContaining({ kind: 'limit', pickle: true })]);
  });
});

describe('HDF5: the root attributes of Keras .h5 files (P5, P6, P8, P13)', () => {
  const lambda = (r: FileResult) => r.findings.filter((f) => f.ruleId === 'model/keras-lambda-layer' && f.severity === 'critical');

  it.each([
    'malicious/keras_h5_dense_attributes.h5', // P5: libver='latest', more than 8 root attributes
    'malicious/keras_h5_dense_huge_config.h5', // a config over 4 KiB in dense storage: a huge heap object
    'malicious/keras_h5_dense_deep.h5', // a B-tree of depth 1, an indirect root block
    'malicious/keras_h5_userblock.h5', // P6: the superblock at 512
    'malicious/keras_h5_named_model.bin', // P13: named as a model, not as HDF5
  ])('%s: the Lambda is found and the inventory says Keras', async (rel) => {
    expect(modelLanguage.detect?.(fixture(rel).subarray(0, 512), join(FIXTURES, rel))).toBe(true);
    const r = await lint(rel);
    expect(lambda(r), found(r).join('\n')).toHaveLength(1);
    expect(found(r).join('\n')).toMatch(/Keras model \(keras-h5\)/);
  });

  it('P8: a Keras .h5 over maxHdf5Bytes is still read (its root attributes are near the start)', async () => {
    const { mkdtempSync, copyFileSync, truncateSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'oculum-h5-'));
    try {
      const path = join(dir, 'model.h5');
      copyFileSync(join(FIXTURES, 'malicious/keras_lambda.h5'), path);
      truncateSync(path, 600 * 1024 ** 2); // sparse: HDF5 ignores bytes past its end of allocation
      const { scanModelFile } = await import('../src/scanner.js');
      const f = await scanModelFile(path, { model: { sha256MaxBytes: 0 } });
      expect(f.format).toBe('keras-h5');
      expect(f.keras.map((k) => k.kind)).toEqual(['lambda']);
      expect(f.problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a root that cannot be read is a high limit and not "HDF5 data, low"', async () => {
    // The dense-storage fixture with its B-tree signature broken: neither reader gets model_config.
    const data = Buffer.from(fixture('malicious/keras_h5_dense_attributes.h5'));
    const at = data.indexOf('BTHD');
    data.write('XXXX', at);
    const { lintText: lt } = await import('@oculum/core');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'oculum-h5-'));
    try {
      writeFileSync(join(dir, 'model.h5'), data);
      const r = await lt({ path: 'model.h5', language: modelLanguage, rules, settings: {}, cwd: dir });
      const limit = r.findings.find((f) => f.ruleId === 'model/model-scan-limit');
      expect(limit, found(r).join('\n')).toMatchObject({ severity: 'high' });
      expect(limit?.message).toMatch(/HDF5 root attributes could not be read .*BTHD/);
      expect(found(r).join('\n')).toMatch(/HDF5 data, not fully read \(hdf5\): format risk medium/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an HDF5 file under a name that is neither HDF5 nor a model is not claimed', () => {
    const data = fixture('malicious/keras_lambda.h5');
    expect(modelLanguage.detect?.(data.subarray(0, 512), '/x/data.nc')).toBe(false);
  });
});

describe('P14, P18: the inventory of archives and empty files', () => {
  const inventory = async (rel: string) => (await lint(rel)).findings.filter((f) => f.ruleId === 'model/model-format-inventory').map((f) => f.message);

  it('P14: a tar holding safetensors is listed as such, risk low', async () => {
    expect(await inventory('benign/safetensors_bundle.tar')).toEqual([expect.stringMatching(/^tar archive holding safetensors \(tar\): format risk low \(riskiest member model\.safetensors:/)]);
  });

  it('P14: a zip holding a .keras archive names it', async () => {
    expect(await inventory('benign/keras_in_archive.zip')).toEqual([expect.stringMatching(/^zip archive holding Keras model \(zip\): format risk medium \(riskiest member models\/model\.keras:/)]);
  });

  it('P14: a zip of members that say nothing is still "could not be classified"', async () => {
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { scanModelFile } = await import('../src/scanner.js');
    const { formatRisk } = await import('../src/risk.js');
    const dir = mkdtempSync(join(tmpdir(), 'oculum-zip-'));
    try {
      // a stored zip with one text member
      const name = Buffer.from('notes.txt');
      const data = Buffer.from('hello');
      const { crc32 } = await import('node:zlib');
      const crc = crc32(data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt32LE(crc, 16);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(data.length, 24);
      central.writeUInt16LE(name.length, 28);
      const cdAt = 30 + name.length + data.length;
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(1, 8);
      end.writeUInt16LE(1, 10);
      end.writeUInt32LE(46 + name.length, 12);
      end.writeUInt32LE(cdAt, 16);
      const path = join(dir, 'model.zip');
      writeFileSync(path, Buffer.concat([local, name, data, central, name, end]));
      const f = await scanModelFile(path);
      expect(formatRisk(f)).toMatchObject({ risk: 'high', note: expect.stringMatching(/could not be classified/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['benign/empty.safetensors', 'benign/empty.pt'])('P18: %s is claimed and listed as an empty file', async (rel) => {
    expect(modelLanguage.detect?.(new Uint8Array(0), join(FIXTURES, rel))).toBe(true);
    expect(await inventory(rel)).toEqual([expect.stringMatching(/^empty file \(unknown\): format risk low \(0 bytes/)]);
  });

  it('P18: an empty file under another name is not claimed', () => {
    expect(modelLanguage.detect?.(new Uint8Array(0), '/x/__init__.py')).toBe(false);
  });
});
