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

// At --depth deep a Python file reads constants from the project's modules it imports: the cached
// result of the importing file must not outlive a change of the imported module (or of one it imports).
it('--cache at --depth deep is invalidated when an imported module changes', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oculum-cache-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'setup.py'), '');
  writeFileSync(path.join(dir, 'base.py'), 'SAFE = True\n');
  writeFileSync(path.join(dir, 'settings.py'), 'from base import SAFE\n');
  writeFileSync(path.join(dir, 'load.py'), 'import torch\nfrom settings import SAFE\n\nmodel = torch.load("model.pt", weights_only=SAFE)\n');
  const findings = (depth = 'deep') => {
    const r = oculum(['scan', 'load.py', '--depth', depth, '--cache', '--format', 'json', '--fail-on', 'none'], dir);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout).files.flatMap((f: { findings: Array<{ ruleId: string; confidence: string }> }) => f.findings).map((x: { ruleId: string; confidence: string }) => `${x.ruleId} ${x.confidence}`);
  };
  // standard: the imported flag is unknown (low); deep: it is True
  expect(findings('standard')).toEqual(['torch/load-without-weights-only low']);
  expect(findings()).toEqual([]);
  expect(findings()).toEqual([]); // from the cache
  writeFileSync(path.join(dir, 'base.py'), 'SAFE = False\n');
  expect(findings()).toEqual(['torch/load-without-weights-only high']);
});

// At --depth deep a JS/TS file reads constants from the relative modules it imports: the cached result
// of the importing file must not outlive a change of the imported module (or of one it re-exports).
it('--cache at --depth deep is invalidated when a JS module the file imports changes', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oculum-cache-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'base.ts'), 'export const MODEL_URL = "./models/yolo.onnx";\n');
  writeFileSync(path.join(dir, 'config.ts'), 'export * from "./base.js";\n');
  writeFileSync(path.join(dir, 'load.ts'), "import * as ort from 'onnxruntime-web';\nimport { MODEL_URL } from './config.js';\n\nexport const session = await ort.InferenceSession.create(MODEL_URL);\n");
  const findings = (depth = 'deep') => {
    const r = oculum(['scan', 'load.ts', '--depth', depth, '--cache', '--format', 'json', '--fail-on', 'none'], dir);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout).files.flatMap((f: { findings: Array<{ ruleId: string; confidence: string }> }) => f.findings).map((x: { ruleId: string; confidence: string }) => `${x.ruleId} ${x.confidence}`);
  };
  // standard: the imported URL is unknown (low, for its name); deep: a local path
  expect(findings('standard')).toEqual(['transformersjs/onnx-model-from-remote-url low']);
  expect(findings()).toEqual([]);
  expect(findings()).toEqual([]); // from the cache
  writeFileSync(path.join(dir, 'base.ts'), 'export const MODEL_URL = "https://cdn.example.com/models/yolo.onnx";\n');
  expect(findings()).toEqual(['transformersjs/onnx-model-from-remote-url high']);
  expect(findings()).toEqual(['transformersjs/onnx-model-from-remote-url high']); // from the cache
});
