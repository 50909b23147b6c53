import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, baselineEntries, entriesOutsideScan, formatBaseline, readBaseline } from '../src/baseline.js';
import { toSarif } from '../src/formatters/index.js';
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
    expect(() => readBaseline(file, 'b.json')).toThrow('entries[0].count is not a whole number from 1 to 1000000');
    fs.writeFileSync(file, 'secret-token-1234');
    expect(() => readBaseline(file, 'b.json')).toThrow(/^the baseline file b\.json is not valid JSON/);
    expect(() => readBaseline(file, 'b.json')).not.toThrow(/secret/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a count must be a whole number up to 1,000,000, and an entry an object, not an array, the file named (review w38core P3-2)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oculum-baseline-'));
    const file = path.join(dir, 'b.json');
    const entry = (count: string) => `{ "version": 1, "entries": [{ "path": "a.py", "ruleId": "x/y", "fingerprint": "ab", "count": ${count} }] }`;
    for (const count of ['1e300', '9007199254740993', '1000001', '2.5']) {
      fs.writeFileSync(file, entry(count));
      expect(() => readBaseline(file, 'b.json')).toThrow('the baseline file b.json is not an Oculum baseline: entries[0].count is not a whole number from 1 to 1000000');
    }
    fs.writeFileSync(file, entry('1000000'));
    expect(readBaseline(file, 'b.json').entries[0]!.count).toBe(1_000_000);
    fs.writeFileSync(file, '{ "version": 1, "entries": [[1]] }');
    expect(() => readBaseline(file, 'b.json')).toThrow('the baseline file b.json is not an Oculum baseline: entries[0] is not an object');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the entries of a file that could not be parsed or was skipped are neither unmatched nor dropped by a rewrite (review w38core P2-1)', () => {
    const result = resultOf({ '/repo/nb.ipynb': [], '/repo/big.py': [], '/repo/ok.py': [] });
    result.files[0]!.diagnostics.push({ file: '/repo/nb.ipynb', kind: 'parse-error', severity: 'error', message: 'Could not parse python file: not a readable Jupyter notebook' });
    result.files[1]!.diagnostics.push({ file: '/repo/big.py', kind: 'skipped', severity: 'warning', message: 'Skipped: too large' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oculum-baseline-'));
    for (const name of ['nb.ipynb', 'big.py', 'ok.py']) fs.writeFileSync(path.join(dir, name), '');
    for (const fr of result.files) fr.file = path.join(dir, path.basename(fr.file));
    const entries = ['nb.ipynb', 'big.py', 'ok.py'].map((p) => ({ path: p, ruleId: 'torch/pickle-load', fingerprint: 'ff' }));
    expect(applyBaseline(result, { version: 1, entries }, dir, { justification: 'j' })).toEqual({ matched: 0, unmatched: 1 });
    expect(entriesOutsideScan(result, { version: 1, entries }, dir).map((e) => e.path)).toEqual(['nb.ipynb', 'big.py']);
    // a parse error the parser recovered from (a warning) is a file read
    result.files[0]!.diagnostics[0]!.severity = 'warning';
    expect(applyBaseline(result, { version: 1, entries }, dir, { justification: 'j' })).toEqual({ matched: 0, unmatched: 2 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('SARIF above its limit keeps the new (unsuppressed) results before baselined ones, even more severe ones (review w38core P2-3)', () => {
    const result = resultOf({
      '/repo/a.py': [
        finding('/repo/a.py', 'f1', { line: 1, severity: 'critical', suppressed: { kind: 'baseline', justification: 'in the baseline b.json' } }),
        finding('/repo/a.py', 'f2', { line: 2, severity: 'critical', suppressed: { kind: 'baseline', justification: 'in the baseline b.json' } }),
        finding('/repo/a.py', 'f3', { line: 3, severity: 'medium' }),
      ],
    });
    const log = toSarif(result, { cwd: '/repo', color: false, version: '0' }, { maxResults: 2 });
    const kept = log.runs[0]!.results.map((r: any) => [r.locations[0].physicalLocation.region.startLine, Boolean(r.suppressions)]);
    expect(kept).toEqual([[1, true], [3, false]]);
    const notes = log.runs[0]!.invocations[0]!.toolExecutionNotifications as Array<{ message: { text: string } }>;
    expect(notes[0]!.message.text).toContain('1 result of 3 left out: this log keeps 2, unsuppressed results first, then the most severe');
  });
});
