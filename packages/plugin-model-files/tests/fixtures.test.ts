/**
 * Every fixture through the engine: benign files yield nothing above info, malicious ones the
 * expected severity (critical for every code-execution payload and published bypass), malformed
 * ones a malformed-model-file (or model-scan-limit) finding. Nothing throws.
 */
import { lintText, type FileResult, type Severity } from '@oculum/core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { FIXTURES, fixtures } from './helpers.js';

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));

export async function lintFixture(rel: string, settings: Record<string, unknown> = {}): Promise<FileResult> {
  return lintText({ path: rel, language: modelLanguage, rules, settings, cwd: FIXTURES });
}

function worst(r: FileResult): Severity {
  return r.findings.reduce<Severity>((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'info');
}

const summary = (r: FileResult) => r.findings.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`).join('\n');

/** Malicious fixtures whose worst finding is not critical (not code execution on load). */
const EXPECTED: Record<string, { severity: Severity; rule: string }> = {
  'malicious/onnx_external_traversal.onnx': { severity: 'high', rule: 'model/onnx-external-data-escape' },
  'malicious/onnx_external_absolute.onnx': { severity: 'high', rule: 'model/onnx-external-data-escape' },
  'malicious/onnx_custom_domain.onnx': { severity: 'medium', rule: 'model/onnx-custom-operator-domain' },
  // 7z folders the scanner does not decode (PPMd, AES): not inspected, high
  'malicious/torch_in_7z_ppmd.pt': { severity: 'high', rule: 'model/model-scan-limit' },
  'malicious/torch_in_7z_aes.7z': { severity: 'high', rule: 'model/model-scan-limit' },
};

it('discovery claims every fixture from its first 512 bytes and its name', () => {
  // Only the ONNX external-data file is not a model file by itself (it is read through its model).
  const unclaimed = (['benign', 'malicious', 'malformed', 'review'] as const).flatMap((kind) =>
    readdirSync(join(FIXTURES, kind))
      .filter((f) => !modelLanguage.detect?.(readFileSync(join(FIXTURES, kind, f)).subarray(0, 512), join(FIXTURES, kind, f)))
      .map((f) => `${kind}/${f}`),
  );
  expect(unclaimed).toEqual(['benign/model_external.weights']);
});

describe('benign fixtures: nothing above info', () => {
  for (const rel of fixtures('benign')) {
    it(rel, async () => {
      const r = await lintFixture(rel);
      expect(r.diagnostics.filter((d) => d.kind === 'internal')).toEqual([]);
      expect(worst(r), summary(r)).toBe('info');
      const inventory = r.findings.filter((f) => f.ruleId === 'model/model-format-inventory');
      expect(inventory).toHaveLength(1);
      expect(inventory[0].message).toMatch(/sha256 [0-9a-f]{64}/);
      expect(inventory[0]).toMatchObject({ line: 1, column: 1 });
    });
  }
});

describe('malicious fixtures: critical', () => {
  for (const rel of fixtures('malicious')) {
    it(rel, async () => {
      const r = await lintFixture(rel);
      expect(r.diagnostics.filter((d) => d.kind === 'internal')).toEqual([]);
      const want = EXPECTED[rel] ?? { severity: 'critical', rule: '' };
      expect(worst(r), summary(r)).toBe(want.severity);
      if (want.rule) expect(r.findings.map((f) => f.ruleId)).toContain(want.rule);
    });
  }
});

describe('review fixtures: a suspicious (medium) finding, nothing worse', () => {
  for (const rel of fixtures('review')) {
    it(rel, async () => {
      const r = await lintFixture(rel);
      expect(worst(r), summary(r)).toBe('medium');
      expect(r.findings.map((f) => f.ruleId)).toContain('model/suspicious-pickle-global');
    });
  }
});

describe('malformed fixtures: a clear finding', () => {
  for (const rel of fixtures('malformed')) {
    it(rel, async () => {
      const r = await lintFixture(rel);
      expect(r.diagnostics.filter((d) => d.kind === 'internal')).toEqual([]);
      const ids = r.findings.map((f) => f.ruleId);
      expect(ids.some((id) => id === 'model/malformed-model-file' || id === 'model/model-scan-limit'), summary(r)).toBe(true);
    });
  }
});

describe('messages name archive members', () => {
  it('points at the member of a PyTorch zip', async () => {
    const r = await lintFixture('malicious/torch_zip_payload.pt');
    const f = r.findings.find((x) => x.ruleId === 'model/dangerous-pickle-global');
    expect(f?.message).toContain('in torch_zip_payload/data.pkl');
    expect(f?.message).toContain('posix.system');
  });

  it('names duplicate members and reads the first one (as PyTorch does)', async () => {
    const r = await lintFixture('malicious/zip_duplicate_names.pt');
    expect(r.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['model/dangerous-pickle-global', 'model/ambiguous-model-archive']));
  });

  it('names nested byte strings', async () => {
    const r = await lintFixture('malicious/nested_torch_load_from_bytes.pkl');
    const f = r.findings.find((x) => x.ruleId === 'model/dangerous-pickle-global');
    expect(f?.message).toMatch(/in \(pickle\)#bytes@\d+/);
  });
});

describe('settings', () => {
  it('allowGlobals turns a suspicious global into an allowed one', async () => {
    const before = await lintFixture('benign/torch_full_module.pt');
    expect(worst(before)).toBe('info');
    const r = await lintFixture('malicious/numpy_runstring.pkl', { model: { allowGlobals: ['numpy.testing._private.utils.runstring'] } });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('denyGlobals turns an allowed global into a dangerous one', async () => {
    const r = await lintFixture('benign/torch_state_dict.pt', { model: { denyGlobals: ['collections.OrderedDict'] } });
    expect(worst(r)).toBe('critical');
  });

  it('onnxAllowedDomains accepts a trusted custom domain', async () => {
    const r = await lintFixture('malicious/onnx_custom_domain.onnx', { model: { onnxAllowedDomains: ['com.evil.ops'] } });
    expect(worst(r)).toBe('info');
  });

  it('limits.timeMs = 0 makes the scan stop with a limit finding', async () => {
    const r = await lintFixture('benign/torch_state_dict.pt', { model: { limits: { timeMs: 0 } } });
    expect(r.findings.map((f) => f.ruleId)).toContain('model/model-scan-limit');
  });
});
