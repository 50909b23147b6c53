import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { oculum } from './helpers.js';

// typescript-estree parses recursively: a 400-link call chain or a 900-term concatenation (minified
// bundles hold such) overflows the main thread's ~1 MB stack. The file is linted again in a worker;
// before, it was dropped with "too deeply nested to parse" in scans of 64 files or fewer.
it('a JS file nested too deep for the main thread is linted in a worker, not dropped', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oculum-deep-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const head = 'import { pipeline } from "@xenova/transformers";\nconst p = await pipeline("x", "Xenova/bert");\n';
  writeFileSync(path.join(dir, 'chain.mjs'), `${head}x = p${'.then(f)'.repeat(400)};\n`);
  writeFileSync(path.join(dir, 'concat.mjs'), `${head}x = ${Array.from({ length: 900 }, (_, i) => `"s${i}"`).join(' + ')};\n`);
  const r = oculum(['scan', '.', '--format', 'json', '--fail-on', 'none', '--no-config'], dir);
  expect(r.status, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout);
  const byFile = Object.fromEntries(doc.files.map((f: { path: string; findings: Array<{ ruleId: string }>; diagnostics: Array<{ message: string }> }) => [path.basename(f.path), f]));
  for (const name of ['chain.mjs', 'concat.mjs']) {
    expect(byFile[name].findings.map((x: { ruleId: string }) => x.ruleId)).toEqual(['transformersjs/unpinned-model-revision']);
    expect(byFile[name].diagnostics).toEqual([]);
  }
});
