import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { oculum } from './helpers.js';

// At --depth deep the torch rules read the project's dependency files: a cached result must not
// outlive a change there (torch>=2.6 makes a missing weights_only the safe default: low severity).
it('--cache at --depth deep is invalidated when the dependency files change', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oculum-cache-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'load.py'), 'import torch\n\nmodel = torch.load("model.pt")\n');
  writeFileSync(path.join(dir, 'requirements.txt'), 'torch>=2.6\n');
  const severity = () => {
    const r = oculum(['scan', '.', '--depth', 'deep', '--cache', '--format', 'json', '--fail-on', 'none'], dir);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    return doc.files.flatMap((f: { findings: Array<{ ruleId: string; severity: string }> }) => f.findings).find((x: { ruleId: string }) => x.ruleId === 'torch/load-without-weights-only')?.severity;
  };
  expect(severity()).toBe('low');
  expect(severity()).toBe('low'); // from the cache
  writeFileSync(path.join(dir, 'requirements.txt'), 'torch>=2.0\n');
  expect(severity()).toBe('critical');
});
