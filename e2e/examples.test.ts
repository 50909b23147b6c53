import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oculum, root } from './helpers.js';

interface JsonFinding { ruleId: string; detector: string; line: number; suppressed?: unknown }

function findings(stdout: string): Array<JsonFinding & { file: string }> {
  const doc = JSON.parse(stdout);
  return doc.files.flatMap((f: { file: string; findings: JsonFinding[] }) =>
    f.findings.filter((x) => !x.suppressed).map((x) => ({ ...x, file: f.file })),
  );
}

describe('examples/', () => {
  it('the vulnerable Python project is reported for all three detectors, exit 1', () => {
    const r = oculum(['scan', 'examples/vulnerable-python', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const detectors = new Set(findings(r.stdout).map((f) => f.detector));
    expect([...detectors].sort()).toEqual(['unsafe_finetuning', 'unsafe_model_load', 'unverified_model_source']);
  });

  it('its fixed twin is clean, exit 0', () => {
    const r = oculum(['scan', 'examples/fixed-python', '--format', 'json']);
    expect(findings(r.stdout)).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('the custom-rule example loads its plugin through .oculumrc', () => {
    const cwd = path.join(root, 'examples/custom-rule');
    const r = oculum(['scan', '.', '--format', 'json'], cwd);
    expect(r.status, r.stderr).toBe(1);
    const found = findings(r.stdout).map((f) => `${f.ruleId}:${f.line}`);
    expect(found).toEqual(['acme/no-direct-hub-download:9']);
  });

  it("the product brief's vulnerable examples are reported and its remediation is not", () => {
    const r = oculum(['scan', 'e2e/brief', '--format', 'json']);
    const byFile = new Map<string, string[]>();
    for (const f of findings(r.stdout)) byFile.set(path.basename(f.file), [...(byFile.get(path.basename(f.file)) ?? []), f.detector]);
    expect(byFile.get('vulnerable_pickle.py')).toContain('unsafe_model_load');
    expect(byFile.get('vulnerable_torch.py')).toContain('unsafe_model_load');
    expect(byFile.get('vulnerable_download.py')).toContain('unverified_model_source');
    expect(byFile.get('safe_loading.py')).toBeUndefined();
  });
});
