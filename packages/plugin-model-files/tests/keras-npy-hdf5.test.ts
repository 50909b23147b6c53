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
