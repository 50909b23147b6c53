import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, baselineEntries, formatBaseline, readBaseline } from '../src/baseline.js';
import type { Finding, ScanResult } from '../src/types.js';

const finding = (file: string, fingerprint: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'torch/pickle-load',
  detector: 'unsafe_model_load',
  severity: 'high',
  confidence: 'high',
  level: 'error',
  file,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  messageId: 'm',
  message: 'm',
  remediation: '',
  fingerprint,
  ...extra,
});

const resultOf = (files: Record<string, Finding[]>): ScanResult => ({
  cwd: '/repo',
  version: '0',
  files: Object.entries(files).map(([file, findings]) => ({ file, findings, diagnostics: [] })),
  diagnostics: [],
  rules: [],
  stats: { files: 0, parsed: 0, prefiltered: 0, skipped: 0, lines: 0, bytes: 0, durationMs: 0 },
});

describe('baselines', () => {
  it('merges equal keys into one entry with a count, leaves suppressed findings out, and sorts by path, rule and fingerprint', () => {
    const result = resultOf({
      '/repo/b/z.py': [finding('/repo/b/z.py', 'ff'), finding('/repo/b/z.py', 'aa'), finding('/repo/b/z.py', 'ff')],
      '/repo/a.py': [finding('/repo/a.py', 'cc'), finding('/repo/a.py', 'dd', { suppressed: { kind: 'inSource' } })],
    });
    const entries = baselineEntries(result, '/repo');
    expect(entries).toEqual([
      { path: 'a.py', ruleId: 'torch/pickle-load', fingerprint: 'cc' },
      { path: 'b/z.py', ruleId: 'torch/pickle-load', fingerprint: 'aa' },
      { path: 'b/z.py', ruleId: 'torch/pickle-load', fingerprint: 'ff', count: 2 },
    ]);
    // the same entries in another order (or split) give the same text
    const text = formatBaseline(entries);
    expect(formatBaseline([...entries].reverse())).toBe(text);
    expect(formatBaseline([entries[2]!, { ...entries[2]!, count: undefined }, entries[0]!, entries[1]!])).toContain('"count": 3');
    expect(JSON.parse(text)).toEqual({ version: 1, entries });
  });

  it('matches each entry up to its count, in linear time, and counts what is left of the entries the scan covered', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => finding('/repo/a.py', `f${i % 2}`));
    const result = resultOf({ '/repo/a.py': many });
    const outcome = applyBaseline(result, { version: 1, entries: [{ path: 'a.py', ruleId: 'torch/pickle-load', fingerprint: 'f0', count: 10_001 }, { path: 'gone.py', ruleId: 'torch/pickle-load', fingerprint: 'x' }] }, '/repo', { justification: 'in the baseline b.json' });
    expect(outcome).toEqual({ matched: 10_000, unmatched: 2 }); // one over the count, and the entry of a file that no longer exists
    expect(many.filter((f) => f.suppressed?.kind === 'baseline')).toHaveLength(10_000);
    expect(many[0]!.suppressed).toEqual({ kind: 'baseline', justification: 'in the baseline b.json' });
    expect(many[1]!.suppressed).toBeUndefined();
  });

  it('reads a baseline, checking its version and entries', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oculum-baseline-'));
    const file = path.join(dir, 'b.json');
    fs.writeFileSync(file, '\uFEFF{ "version": 1, "entries": [{ "path": "a.py", "ruleId": "x/y", "fingerprint": "ab", "count": 1 }] }');
    expect(readBaseline(file, 'b.json')).toEqual({ version: 1, entries: [{ path: 'a.py', ruleId: 'x/y', fingerprint: 'ab' }] });
    fs.writeFileSync(file, '{ "version": 1, "entries": [{ "path": "a.py", "ruleId": "x/y", "fingerprint": "ab", "count": 0 }] }');
    expect(() => readBaseline(file, 'b.json')).toThrow('entries[0].count is not a whole number of 1 or more');
    fs.writeFileSync(file, 'secret-token-1234');
    expect(() => readBaseline(file, 'b.json')).toThrow(/^the baseline file b\.json is not valid JSON/);
    expect(() => readBaseline(file, 'b.json')).not.toThrow(/secret/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
