import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { oculum } from './helpers.js';

// --depth deep reads the project's other modules: a checkpoint whose path a helper of another module
// downloads is a download (high), as when the helper is in the same file; below deep it is not known.
it('at --depth deep a path returned by another module\'s download helper is a download', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oculum-deep-imports-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'setup.py'), '');
  writeFileSync(path.join(dir, 'hf_utils.py'), 'from huggingface_hub import hf_hub_download\n\n\ndef load_custom_model_from_hf(repo_id, filename):\n    return hf_hub_download(repo_id=repo_id, filename=filename, revision="0123456789abcdef0123456789abcdef01234567")\n');
  writeFileSync(path.join(dir, 'train.py'), 'import torch\nfrom hf_utils import load_custom_model_from_hf\n\npath = load_custom_model_from_hf("funasr/campplus", "campplus_cn_common.bin")\nsd = torch.load(path, map_location="cpu")\n');
  const confidence = (depth: string) => {
    const r = oculum(['scan', 'train.py', '--depth', depth, '--format', 'json', '--fail-on', 'none', '--no-config'], dir);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout).files.flatMap((f: { findings: Array<{ ruleId: string; confidence: string }> }) => f.findings).filter((x: { ruleId: string }) => x.ruleId === 'torch/load-without-weights-only').map((x: { confidence: string }) => x.confidence);
  };
  expect(confidence('standard')).toEqual(['medium']);
  expect(confidence('deep')).toEqual(['high']);
});
