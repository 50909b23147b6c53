/**
 * Pickle-analysis and policy problems of the scanner-bypass review (/tmp/review-bypass, P1, P3, P4,
 * P5, P7, P8, P9, P10, P14). Every file is built here byte by byte, small, and never loaded.
 */
import { lintText, type FileResult, type Severity } from '@oculum/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { parseMemoKey, scanPickleBytes } from '../src/pickle/machine.js';
import { bytes, su } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-pickle-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));

/** Writes `data` as `name` in a temporary directory and lints it with every model rule. */
async function lintBytes(name: string, data: Uint8Array, settings: Record<string, unknown> = {}): Promise<FileResult> {
  writeFileSync(join(dir, name), data);
  return lintText({ path: name, language: modelLanguage, rules, settings, cwd: dir });
}
const worst = (r: FileResult): Severity => r.findings.reduce<Severity>((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'info');
const found = (r: FileResult) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
const names = (r: { globals: Array<{ module: string; name: string }> }) => r.globals.map((g) => `${g.module}.${g.name}`);

/** A `.npy` file (version 1.0) with the header dict `dict` and the bytes `data` after it. */
function npy(dict: string, data: Uint8Array): Uint8Array {
  let h = `${dict}`;
  while ((10 + h.length + 1) % 64) h += ' ';
  const head = Buffer.from(`${h}\n`, 'latin1');
  return bytes([0x93], 'NUMPY', [1, 0, head.length & 0xff, head.length >> 8], head, data);
}

// ---------------------------------------------------------------------------------------------- P1
describe('P1: memo keys of GET/PUT are read in base 10, as CPython reads them', () => {
  // memo[10] = 'os', memo[8] = 'torch', memo[11] = 'system', memo[9] = 'FloatStorage';
  // GET 010, GET 011, STACK_GLOBAL: CPython imports os.system (read as octal: torch.FloatStorage).
  const MEMO_TRICK = bytes("Vos\np010\n0Vtorch\np8\n0Vsystem\np011\n0VFloatStorage\np9\n0g010\ng011\n", [0x93], '(Vtouch /tmp/oculum-pwned\ntR.');

  it('a leading zero does not make a memo key octal', () => {
    const r = scanPickleBytes(MEMO_TRICK);
    expect(names(r)).toEqual(['os.system']);
    expect(r.clean).toBe(true);
  });

  it('parses memo keys as int(s) does (decimal, sign, underscores, surrounding whitespace)', () => {
    expect(parseMemoKey('010')).toBe(10);
    expect(parseMemoKey(' 1_0 ')).toBe(10);
    expect(parseMemoKey('+7')).toBe(7);
    expect(parseMemoKey('\t3\r')).toBe(3);
    expect(parseMemoKey('-1')).toBe(-1);
    for (const bad of ['0x10', '0o7', '1__0', '_1', '1_', '', ' ', '1 2', '\u00a01']) expect(parseMemoKey(bad)).toBeUndefined();
  });

  it('a key CPython refuses is malformed (hex, negative PUT)', () => {
    expect(scanPickleBytes(bytes("Np0x10\n.")).problems.map((p) => p.message)).toContain('PUT: invalid memo key');
    expect(scanPickleBytes(bytes('Np-1\n.')).problems.map((p) => p.message)).toContain('PUT: negative memo key');
    expect(scanPickleBytes(bytes('Np1\n0g-1\n.')).problems.map((p) => p.message)).toContain('GET: memo key -1 not found');
  });

  it.each([
    ['memo_leading_zero.pkl', MEMO_TRICK],
    ['memo_leading_zero.npy', npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", MEMO_TRICK)],
  ])('%s is critical and names os.system', async (name, data) => {
    const r = await lintBytes(name, data);
    expect(worst(r), found(r).join('\n')).toBe('critical');
    expect(found(r).join('\n')).toContain('`os.system`');
  });
});
